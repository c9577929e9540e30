"""The narrow window interface: features reach the window only through `ui.shell.Shell`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from annotator.ui.shell import Shell

UI = Path(__file__).resolve().parents[2] / "annotator" / "ui"
FEATURES = [*sorted((UI / "review").glob("*.py")), *sorted((UI / "figures").glob("*.py"))]
FEATURES += [*sorted((UI / "suggestions").glob("*.py")), UI / "backup_action.py"]
SHELL = {name for name in dir(Shell) if not name.startswith("_")} | set(Shell.__annotations__)


def test_the_main_window_offers_every_member_of_the_shell(make_window, project):
    window = make_window(project)
    assert [name for name in sorted(SHELL) if not hasattr(window, name)] == []


@pytest.mark.parametrize("path", FEATURES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_a_feature_uses_nothing_of_the_window_but_the_shell(path):
    used = set(re.findall(r"\bwindow\.(\w+)", path.read_text(encoding="utf-8")))
    assert used - SHELL - {"feature"} == set()  # `window.feature(...)` appears in docstrings only


def test_every_feature_folder_can_be_installed():
    from annotator.ui import backup_action, figures, review, suggestions

    assert all(callable(feature.install) for feature in (review, figures, suggestions, backup_action))
