"""Where the bundled resources and schema live: inside the installed package, or a frozen app.

The top-level `resources/` and `db/` folders of the checkout are shipped in the wheel as the
packages `annotator.resources` and `annotator.db` (pyproject.toml maps them), so an installed
copy reads them with importlib.resources; PyInstaller's bundle carries them beside the code.
"""

from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path


def _shipped_folder(package: str, folder: str) -> Path:
    """The folder of a shipped data package, on disk (the frozen app's bundle or site-packages)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle, folder)
    return Path(str(files(package)))


def resource_path(*parts: str) -> Path:
    """Path of a file under `resources/`."""
    return _shipped_folder("annotator.resources", "resources").joinpath(*parts)


def schema_path(*parts: str) -> Path:
    """Path of a file under `db/`."""
    return _shipped_folder("annotator.db", "db").joinpath(*parts)
