"""Rough edges of the window found with real articles (issue 14), each reproduced first."""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtWidgets import QDialogButtonBox

from annotator import app
from annotator.ui.dialogs import NameDialog
from tests.ui.conftest import USER, add_article


def test_the_first_run_name_prompt_is_not_prefilled_with_the_system_user(monkeypatch):
    asked = []
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("ANNOTATOR_NAME", raising=False)
    monkeypatch.setattr("getpass.getuser", lambda: "root")
    monkeypatch.setattr(NameDialog, "ask", classmethod(lambda cls, parent, name, **kw: asked.append(name)))
    app._annotator_name(SimpleNamespace(annotator=None), ask=True)
    assert asked == [""]


def test_the_name_prompt_cannot_be_accepted_empty(qtbot):
    dialog = NameDialog(None, "", first_run=True)
    qtbot.addWidget(dialog)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.name.setText("Amira")
    assert ok.isEnabled()


def test_quit_is_the_last_entry_of_the_file_menu(make_window, sample_project):
    window = make_window(sample_project)
    entries = [a for a in window.menu("File").actions() if not a.isSeparator()]
    assert entries[-1] is window.actions_by_name["quit"]


def test_hovering_a_highlight_shows_its_speaker_figure_and_status(qtbot, make_window, file_project):
    text = "Western officials said 1,000 troops were killed."
    article = add_article(file_project, text, title="Hover")
    file_project.speakers.add("Western officials", by=USER, type="government")
    start = text.index("1,000")
    file_project.claims.create(article, start, start + 12, by=USER, speaker="Western officials")
    window = make_window(file_project)
    window.open_article(article)
    tip = window.view.tooltip_at(start + 2)
    assert "Western officials" in tip and "draft" in tip and "1,000 troops" in tip
    assert window.view.tooltip_at(0) == ""
