"""Unexpected errors are logged with their traceback and shown as a plain message; the name is asked once."""

from __future__ import annotations

import sys
from types import SimpleNamespace

from annotator import app
from annotator.ui import preferences
from annotator.ui.dialogs import NameDialog


def test_unexpected_error_goes_to_the_log_and_a_plain_message(monkeypatch, private_data_dir, qapp):
    shown = []
    monkeypatch.setattr(app, "show_error_dialog", shown.append)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    app.set_up_logging()
    app.install_error_hook()
    try:
        raise KeyError("speaker")
    except KeyError:
        sys.excepthook(*sys.exc_info())
    assert "Something went wrong. Your work so far is saved." in shown[0]
    assert "Traceback" not in shown[0]
    log = (private_data_dir / "annotator.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "KeyError: 'speaker'" in log


def test_first_run_asks_the_name_once_and_remembers_it(monkeypatch, qapp):
    asked = []
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")  # read only to decide whether to ask
    monkeypatch.setattr(
        NameDialog, "ask", classmethod(lambda cls, parent, name, **kw: asked.append(name) or "Amira K")
    )
    args = SimpleNamespace(annotator=None)
    assert app._annotator_name(args, ask=True) == "Amira K"
    assert app._annotator_name(args, ask=True) == "Amira K"
    assert len(asked) == 1
    assert preferences.annotator_name() == "Amira K"


def test_annotator_option_wins_over_the_remembered_name(qapp):
    preferences.remember_annotator_name("someone")
    assert app._annotator_name(SimpleNamespace(annotator="ben"), ask=True) == "ben"


def test_a_read_refused_during_a_team_outage_is_said_in_the_window_not_a_dialog(
    monkeypatch, private_data_dir, qtbot
):
    from PySide6.QtWidgets import QMainWindow

    from annotator.core.errors import ServerOutOfReach

    class Window(QMainWindow):
        def show_message(self, text: str, timeout_ms: int = 4000) -> None:
            self.statusBar().showMessage(text, timeout_ms)

    window = Window()
    qtbot.addWidget(window)
    window.show()
    shown = []
    monkeypatch.setattr(app, "show_error_dialog", shown.append)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    app.install_error_hook()
    try:
        raise ServerOutOfReach("the team project is out of reach; nothing was sent to it")
    except ServerOutOfReach:
        sys.excepthook(*sys.exc_info())
    assert shown == []
    assert "The team project is out of reach" in window.statusBar().currentMessage()
