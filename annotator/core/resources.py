"""Where the bundled resources and schema live, from a source checkout or a frozen app."""

from __future__ import annotations

import sys
from pathlib import Path


def app_root() -> Path:
    """The folder holding `resources/` and `db/`: the checkout, or PyInstaller's bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parents[2]


def resource_path(*parts: str) -> Path:
    """Path of a file under `resources/`."""
    return app_root().joinpath("resources", *parts)


def schema_path(*parts: str) -> Path:
    """Path of a file under `db/`."""
    return app_root().joinpath("db", *parts)
