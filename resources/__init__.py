"""Data shipped in the wheel as `annotator.resources`: the sample project and confidence scales."""
