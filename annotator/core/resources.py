"""Where the bundled resources and schema live: inside the installed package, or a frozen app.

The top-level `resources/` and `db/` folders of the checkout are shipped in the wheel as the
packages `annotator.resources` and `annotator.db` (pyproject.toml maps them), so an installed
copy finds them where the import system finds those packages; PyInstaller's bundle carries them beside
the code.
"""

from __future__ import annotations

import sys
from importlib.util import find_spec
from pathlib import Path


def _shipped_folder(package: str, folder: str) -> Path:
    """The folder of a shipped data package, on disk (the frozen app's bundle or site-packages).

    The package's folder is the import system's own answer (its spec): importing
    importlib.resources for it would cost every start of the window a few milliseconds.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle, folder)
    spec = find_spec(package)
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    from importlib.resources import files  # a package that is not a folder on disk

    return Path(str(files(package)))


def resource_path(*parts: str) -> Path:
    """Path of a file under `resources/`."""
    return _shipped_folder("annotator.resources", "resources").joinpath(*parts)


def schema_path(*parts: str) -> Path:
    """Path of a file under `db/`."""
    return _shipped_folder("annotator.db", "db").joinpath(*parts)
