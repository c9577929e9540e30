"""Annotator: capture, review, export and compare the claims and figures in news articles."""

__version__ = "0.1.0"
