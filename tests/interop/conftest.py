"""Real-client checks: Label Studio, doccano, brat's own parser and LibreOffice, run on loopback.

`make interop` installs the clients into a cached folder (ANNOTATOR_INTEROP_HOME, by default
~/.cache/annotator-interop) with tests/interop/install.sh, then runs `pytest -m interop`.
`make test` deselects these tests (-m "not interop"); they never skip in place of a check:
a client that is missing is a failure here, reported by name.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def interop_home() -> Path:
    """The cached folder holding the clients' virtual environments and data."""
    default = Path.home() / ".cache" / "annotator-interop"
    return Path(os.environ.get("ANNOTATOR_INTEROP_HOME", default))


def client_bin(venv: str, program: str) -> Path:
    """A program inside one client's virtual environment; a clear failure when it is absent."""
    path = interop_home() / venv / "bin" / program
    if not path.exists():
        pytest.fail(f"{program} is not installed in {path.parent}: run `make interop`")
    return path


def pytest_collection_modifyitems(items):
    """Every test under tests/interop carries the interop marker."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.interop)
