"""The list of built-in export formats; importing this module registers them all."""

from annotator.core.exporters import (  # noqa: F401
    brat_export,
    claimreview_export,
    csv_export,
    doccano_export,
    jsonl_export,
    labelstudio_export,
    xlsx_export,
)
