"""A team project in the window: the connection shown (a mark, a banner that never blocks
typing), File → Open team project… with a password only when the server asks, and team
addresses among the recent projects, never with a password."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from annotator.core.store import Project
from annotator.core.store.postgres import LoginFailed, PasswordNeeded
from annotator.core.store.team_listener import CONNECTED, LOST, RECONNECTING
from annotator.ui import preferences
from annotator.ui import team as team_feature
from annotator.ui.team.banner import LOST_TEXT
from annotator.ui.team.open_dialog import OpenTeamDialog, PasswordPrompt
from tests.ui.test_screenshots import SHOTS, save

ADDRESS = "postgresql://olga@127.0.0.1:1/desk"


@pytest.fixture
def window(make_window, sample_project):
    built = make_window(sample_project, user="amira")  # the sample's claims are amira's
    built.open_article(built.article_list.model.ids()[0])
    built.select_claim(next(c.id for c in built.claims_model.claims() if c.annotator == "amira"))
    return built


@pytest.fixture
def team(window):
    return window.feature("team")


def set_state(window, qtbot, state: str) -> None:
    """The listener's thread reports a state; the window shows it in the GUI thread."""
    live = window.feature("team").live
    with qtbot.waitSignal(live.state_changed, timeout=3000):
        live.report_state(state)


def test_a_lost_connection_shows_the_banner_and_typing_goes_on(window, team, qtbot):
    window.form.note.setFocus()
    qtbot.waitUntil(window.form.note.hasFocus, timeout=3000)
    qtbot.keyClicks(window.form.note, "before ")
    set_state(window, qtbot, LOST)
    set_state(window, qtbot, RECONNECTING)
    assert team.banner_bar.isVisible() and team.banner.label.text() == LOST_TEXT
    assert team.mark.text() == "● Team: reconnecting…"
    assert window.form.note.hasFocus()
    qtbot.keyClicks(window.form.note, "after")
    save(window, "team-connection-lost")
    set_state(window, qtbot, CONNECTED)
    assert not team.banner_bar.isVisible()
    assert team.mark.text() == "● Team: live"
    assert window.form.note.toPlainText().endswith("before after")


def test_a_file_project_shows_no_team_mark(window, team):
    assert not team.mark.isVisible() and not team.banner_bar.isVisible()


def test_the_dialog_takes_the_password_out_of_the_address(qtbot):
    dialog = OpenTeamDialog(address="postgresql://olga:s3cret@db.example.org/desk")
    qtbot.addWidget(dialog)
    dialog._accept_if_valid()
    assert dialog.result_value == ("postgresql://olga@db.example.org/desk", "s3cret")


def test_the_dialog_refuses_what_is_not_an_address_and_stays_open(qtbot):
    dialog = OpenTeamDialog(address="my desk project")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog._accept_if_valid()
    assert dialog.isVisible() and dialog.result_value is None
    assert "not a PostgreSQL address" in dialog.error.text()


def test_screenshot_open_team_project_dialog(qtbot):
    dialog = OpenTeamDialog(address="postgresql://olga:s3cret@db.example.org/desk")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog._accept_if_valid()
    dialog.address.setText("desk project")
    dialog._accept_if_valid()
    QApplication.processEvents()
    SHOTS.mkdir(exist_ok=True)
    assert dialog.grab().save(str(SHOTS / "team-open-dialog.png"))


class Opener:
    """Stands in for the core's team opening: asks for a password first, then opens `project`."""

    def __init__(self, project, *, refusals=None):
        self.project, self.calls = project, []
        self.refusals = [PasswordNeeded("asks for a password")] if refusals is None else list(refusals)

    def __call__(self, address: str, password: str | None):
        self.calls.append((address, password))
        if self.refusals:
            raise self.refusals.pop(0)
        return self.project


@pytest.fixture
def quick_listener(monkeypatch):
    monkeypatch.setattr(team_feature, "_LISTEN_WAIT", 0.05)


def test_opening_asks_for_a_password_only_when_the_server_wants_one(
    team, window, monkeypatch, quick_listener
):
    asked = []
    monkeypatch.setattr(PasswordPrompt, "ask", classmethod(lambda cls, *a, **k: asked.append(k) or "pw-olga"))
    other = Project.open(":memory:")
    team._open_team = opener = Opener(other)
    assert team.open_address(ADDRESS)
    assert opener.calls == [(ADDRESS, None), (ADDRESS, "pw-olga")]
    assert [k["where"] for k in asked] == ["olga@127.0.0.1:1/desk"]
    assert window.workspace.project is other
    assert team.listener is not None and team.listener.running
    team.stop_following()
    assert team.listener is None


def test_a_wrong_password_is_asked_again_in_words(team, window, monkeypatch, quick_listener):
    asked = []
    monkeypatch.setattr(PasswordPrompt, "ask", classmethod(lambda cls, *a, **k: asked.append(k) or "again"))
    team._open_team = Opener(
        Project.open(":memory:"), refusals=[PasswordNeeded("x"), LoginFailed("wrong user name or password")]
    )
    assert team.open_address(ADDRESS)
    assert asked[0]["message"] == "" and "wrong user name or password" in asked[1]["message"]
    team.stop_following()


def test_cancelling_the_password_keeps_the_project_open(team, window, monkeypatch):
    monkeypatch.setattr(PasswordPrompt, "ask", classmethod(lambda cls, *a, **k: None))
    before = window.workspace.project
    team._open_team = Opener(Project.open(":memory:"))
    assert not team.open_address(ADDRESS)
    assert window.workspace.project is before and team.listener is None


def test_a_team_project_is_remembered_without_its_password(team, window, monkeypatch, quick_listener):
    typed = ("postgresql://olga@127.0.0.1:1/desk", "s3cret")
    monkeypatch.setattr(OpenTeamDialog, "ask", classmethod(lambda cls, *a, **k: typed))
    team._open_team = Opener(Project.open(":memory:"), refusals=[])
    assert team.open_team_project()
    assert team._open_team.calls == [("postgresql://olga@127.0.0.1:1/desk", "s3cret")]
    assert preferences.recent_projects()[0] == "postgresql://olga@127.0.0.1:1/desk"
    assert "s3cret" not in open(preferences.ui_settings().fileName(), encoding="utf-8").read()
    team.stop_following()


def test_a_recent_team_project_opens_through_the_team_feature(team, window, monkeypatch, quick_listener):
    preferences.remember_project(ADDRESS)
    team._open_team = Opener(Project.open(":memory:"), refusals=[])
    window.recent_menu.aboutToShow.emit()
    entry = next(a for a in window.recent_menu.actions() if a.text() == f"Team project: {ADDRESS}")
    entry.trigger()
    assert team._open_team.calls == [(ADDRESS, None)]
    team.stop_following()


def test_without_the_core_opening_team_projects_the_window_says_so(make_window, project, monkeypatch):
    shown = []
    window = make_window(project)
    monkeypatch.setattr(window, "show_error", shown.append)
    team = window.feature("team")
    team._open_team = team_feature.cannot_open_team
    assert not team.open_address(ADDRESS)
    assert "cannot open team projects" in shown[0]


def test_closing_the_window_stops_the_listener(team, window, quick_listener):
    team._open_team = Opener(Project.open(":memory:"), refusals=[])
    team.open_address(ADDRESS)
    listener = team.listener
    QTimer.singleShot(0, window.close)
    QApplication.processEvents()
    window.close()
    assert not listener.running


def test_the_banner_takes_no_focus(team):
    assert team.banner.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_a_team_project_opened_by_db_is_followed_live(window, team, quick_listener):
    from annotator.app import follow_team_project

    window.workspace.project.is_team = True  # as the core's TeamProject says of itself
    follow_team_project(window, ADDRESS)
    assert team.listener is not None and team.listener.url == ADDRESS
    team.stop_following()


def test_a_project_file_opened_by_db_is_not_followed(window, team):
    from annotator.app import follow_team_project

    follow_team_project(window, "project.annotator")
    assert team.listener is None


def test_opening_another_team_project_stops_following_the_first(team, window, quick_listener):
    team._open_team = Opener(Project.open(":memory:"), refusals=[])
    team.open_address(ADDRESS)
    first = team.listener
    team._open_team = Opener(Project.open(":memory:"), refusals=[])
    team.open_address("postgresql://olga@127.0.0.1:1/night-desk")
    assert not first.running
    assert team.listener.url.endswith("night-desk") and team.listener.running
    team.stop_following()


def test_opening_a_project_file_stops_following_the_team_project(team, window, quick_listener):
    team._open_team = Opener(Project.open(":memory:"), refusals=[])
    team.open_address(ADDRESS)
    listener = team.listener
    window.workspace.replace_project(Project.open(":memory:"))
    assert not listener.running and team.listener is None
    assert not team.mark.isVisible()


def test_an_edit_refused_while_the_connection_was_lost_is_saved_on_reconnecting(
    window, team, qtbot, monkeypatch
):
    from annotator.core.store.postgres import TeamServerError

    claim_id = window.current_claim_id
    claims = window.project.claims
    set_state(window, qtbot, LOST)
    with monkeypatch.context() as outage:
        outage.setattr(claims, "edit", lambda *a, **k: (_ for _ in ()).throw(TeamServerError("cannot reach")))
        window.form.note.setFocus()
        qtbot.waitUntil(window.form.note.hasFocus, timeout=3000)
        window.form.note.selectAll()
        qtbot.keyClicks(window.form.note, "typed during the outage")
        window.form.outlet.setFocus()  # leaving the note tries to save it
        qtbot.waitUntil(window.form.outlet.hasFocus, timeout=3000)
        assert "cannot reach" in window.form.error.text()
        assert claims.get(claim_id).note != "typed during the outage"
    set_state(window, qtbot, CONNECTED)
    assert claims.get(claim_id).note == "typed during the outage"
    assert window.form.note.toPlainText() == "typed during the outage"
    assert window.form.unsaved_changes() == {}


def test_nothing_is_sent_on_reconnecting_when_nothing_was_typed(window, team, qtbot):
    before = window.project.claims.get(window.current_claim_id)
    set_state(window, qtbot, LOST)
    set_state(window, qtbot, CONNECTED)
    assert window.project.claims.get(window.current_claim_id) == before
    assert window.workspace.undo_stack.count() == 0
