"""The list of built-in import formats; importing this module registers them all."""

from annotator.core.importers import brat, doccano, html, jsonl, labelstudio, plain  # noqa: F401
