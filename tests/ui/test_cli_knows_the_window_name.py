"""The command line records the person the window asked for: the name the window remembers
(QSettings' INI file) is read back without Qt, whatever characters it holds."""

from __future__ import annotations

import pytest

from annotator.cli.common import current_user
from annotator.core.userdata import remembered_annotator_name
from annotator.ui import preferences


class Args:
    annotator = None


@pytest.mark.parametrize(
    "name",
    [
        "amira", "Amira Haddad", "Haddad, Amira", "Zoë Ørsted", "O'Neil \"Ben\"", " padded ",
        "back\\slash", "@at", "李明",
    ],
)
def test_the_remembered_name_reads_back_as_written(name, monkeypatch):
    monkeypatch.delenv("ANNOTATOR_NAME", raising=False)
    preferences.remember_annotator_name(name)
    preferences.ui_settings().sync()
    assert remembered_annotator_name() == name
    assert current_user(Args()) == name


def test_without_a_remembered_name_the_system_user_stands_in(monkeypatch):
    monkeypatch.delenv("ANNOTATOR_NAME", raising=False)
    assert remembered_annotator_name() == ""
    assert current_user(Args())  # the system user (or "analyst")


def test_the_environment_and_the_option_still_win(monkeypatch):
    preferences.remember_annotator_name("amira")
    preferences.ui_settings().sync()
    monkeypatch.setenv("ANNOTATOR_NAME", "ben")
    assert current_user(Args()) == "ben"
    given = Args()
    given.annotator = "rita"
    assert current_user(given) == "rita"
