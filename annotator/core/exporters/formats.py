"""The list of built-in export formats; importing this module registers them all."""

from annotator.core.exporters import brat_export, csv_export, jsonl_export, xlsx_export  # noqa: F401
