"""The list of built-in export formats; importing this module registers them all."""

from annotator.core.exporters import csv_export, jsonl_export, xlsx_export  # noqa: F401
