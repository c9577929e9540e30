"""Team projects in the window: File → Open team project…, colleagues' changes live, the
connection shown (a status-bar mark; a banner while it is lost), and the changes a lost
connection kept (ui/team/outbox), sent again once a probe off the GUI thread finds the server.

`install(window, open_team=...)`: `open_team(address, password)` opens a team project; the
app wires it to the core (it raises `PasswordNeeded` when the server asks for a password).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer

from annotator.core.errors import AnnotatorError
from annotator.core.store.postgres import LoginFailed, PasswordNeeded, describe
from annotator.core.store.team_listener import CONNECTED, LOST, RECONNECTING, TeamListener
from annotator.core.team_address import without_password
from annotator.ui import preferences, undo
from annotator.ui.team.banner import ConnectionBanner, ConnectionMark
from annotator.ui.team.close_question import CloseQuestion
from annotator.ui.team.live import LiveChanges
from annotator.ui.team.open_dialog import OpenTeamDialog, PasswordPrompt
from annotator.ui.team.outbox import Outbox, Round
from annotator.ui.team.probe import ReachabilityProbe

_PASSWORD_TRIES = 3
_LISTEN_WAIT = 5.0  # seconds the opening waits for the listener, so the window misses nothing
_RETRY_MS = 2000  # while the listener is connected, a probe looks this often whether to send


def install(window, *, open_team: Callable | None = None) -> TeamFeature:
    feature = TeamFeature(window, open_team=open_team or cannot_open_team)
    window.register_feature("team", feature)
    return feature


def cannot_open_team(address: str, _password: str | None):
    raise AnnotatorError(f"this build of Annotator cannot open team projects ({describe(address)})")


class TeamFeature(QObject):
    """The open team project's live changes and connection, and the File entry that opens one."""

    def __init__(self, window, *, open_team: Callable):
        super().__init__(window)
        self.window, self._open_team = window, open_team
        self.live = LiveChanges(window.workspace, shown_claims=window.shown_claims, parent=self)
        self.banner, self.mark = ConnectionBanner(), ConnectionMark()
        self.banner_bar = window.add_banner(self.banner)
        window.statusBar().addPermanentWidget(self.mark)
        self.listener: TeamListener | None = None
        self._project = None
        self._address, self._password = "", None  # kept in memory for the probe, never written
        self.outbox = Outbox(window.workspace, label_of=self._label, parent=self)
        self.probe = ReachabilityProbe(self)
        window.add_action("File", "open_team_project", "Open &team project…", self.open_team_project)
        self.live.state_changed.connect(self.show_state)
        self._retry = QTimer(self, interval=_RETRY_MS)
        self._retry.timeout.connect(self._retry_if_connected)
        self.outbox.changed.connect(self.show_waiting)
        self.outbox.kept.connect(self._say_kept)
        self.probe.answered.connect(self._probe_answered)
        window.workspace.project_replaced.connect(self._project_replaced)
        window.installEventFilter(self)

    # -- opening -------------------------------------------------------------------------

    def open_team_project(self) -> bool:
        recent = [item for item in preferences.recent_projects() if _is_team(item)]
        choice = OpenTeamDialog.ask(self.window.dialog_parent(), address=recent[0] if recent else "")
        return self.open_address(*choice) if choice else False

    def open_address(self, address: str, password: str | None = None) -> bool:
        """Open the team project at `address` in this window and follow colleagues' changes."""
        opened = self._open_asking_password(address, password)
        if opened is None:
            return False
        project, password = opened
        listener = self._listen(address, password)
        self._release_file_lock()
        self.stop_following()  # the team project open before, if any
        self._project = project
        self.window.workspace.replace_project(project)
        self.listener = listener
        if getattr(project, "user", None):
            self.window.workspace.set_user(project.user)
        preferences.remember_project(without_password(address))
        self._keep_changes_of(address, password)
        return True

    def _open_asking_password(self, address: str, password: str | None):
        message = ""
        for _ in range(_PASSWORD_TRIES):
            try:
                return self._open_team(address, password), password
            except (PasswordNeeded, LoginFailed) as error:
                message = "" if isinstance(error, PasswordNeeded) and password is None else str(error)
            except AnnotatorError as error:
                self.window.show_error(f"Cannot open the team project {describe(address)}:\n{error}")
                return None
            password = PasswordPrompt.ask(
                self.window.dialog_parent(), where=describe(address), message=message
            )
            if password is None:
                return None
        self.window.show_error(f"Cannot open the team project {describe(address)}:\n{message}")
        return None

    def _listen(self, address: str, password: str | None) -> TeamListener:
        listener = TeamListener(
            address, on_events=self.live.feed, on_state=self._listener_state, password=password
        ).start()
        listener.wait_until_listening(_LISTEN_WAIT)  # the window reads the project after this
        return listener

    def _listener_state(self, state: str) -> None:
        """In the listener's thread: a server lost is told to the project's connection at once
        (a statement the GUI thread waits on is cut off: a hung server never answers it), then
        to the window through a queued signal."""
        db = getattr(self.window.workspace.project, "db", None)
        if state == LOST and hasattr(db, "cut_off"):
            db.cut_off()
        self.live.report_state(state)

    def _release_file_lock(self) -> None:
        from annotator.ui import project_lock

        previous = self.window.workspace.project
        if previous is not None and not getattr(previous, "is_team", False):
            project_lock.release(previous.path)

    # -- following -----------------------------------------------------------------------

    def listen_to(self, address: str, password: str | None = None) -> None:
        """Follow the team project already open in this window (opened by --db)."""
        self.follow(self._listen(address, password), password=password)

    def follow(self, listener: TeamListener, *, password: str | None = None) -> None:
        """Apply `listener`'s events here (the app's own opening at start, tests)."""
        self.stop_following()
        self._project = self.window.workspace.project
        self.listener = listener
        self._keep_changes_of(listener.url, password)

    def stop_following(self) -> None:
        self._stop_listening()
        self.window.workspace.outbox = None
        self.outbox.detach()
        self._address, self._password = "", None

    def _stop_listening(self) -> None:
        if self.listener is not None:
            self.listener.stop()
            self.listener = None
        self.show_state("")

    # -- changes a lost connection kept -------------------------------------------------

    def _keep_changes_of(self, address: str, password: str | None) -> None:
        """From now on a lost connection keeps this role's changes (on disk too); what an
        earlier window kept for the same project and role waits again, and is sent soon."""
        self._address, self._password = address, password
        self.window.workspace.outbox = self.outbox
        db = getattr(self.window.workspace.project, "db", None)
        if hasattr(db, "on_lost"):
            db.on_lost = self._connection_lost
        problems = self.outbox.attach(address, self.window.workspace.user)
        if problems:
            self.window.show_error(
                "Some changes kept from an earlier session could not be read, and were not sent:\n"
                + "\n".join(f"• {problem}" for problem in problems)
            )
        if len(self.outbox):
            self.send_waiting()

    def show_state(self, state: str) -> None:
        was = self.mark.state
        if state in (LOST, RECONNECTING, CONNECTED):
            self._know_reachable(state == CONNECTED)
        self.mark.show_state(state)
        self.banner.show_state(state)
        self.banner_bar.setVisible(self.banner.needed)
        if state == CONNECTED and was in (LOST, RECONNECTING):
            self.window.show_message("Reconnected to the team project", 8000)
            self.send_waiting()

    def show_waiting(self, count: int) -> None:
        """Changes a lost connection kept: said in the banner, drawn as waiting in the text and
        the claims table, tried again until sent."""
        self.banner.show_waiting(count, self.outbox.labels())
        self.window.show_waiting(self.outbox.pending())
        self.banner_bar.setVisible(self.banner.needed)
        self._keep_retrying()

    def _say_kept(self, label: str) -> None:
        self.window.show_message(f"Not saved yet — kept to send when the connection is back: {label}", 8000)

    def send_waiting(self) -> None:
        """Send what a lost connection kept, once a probe (off the GUI thread) finds the server
        answering; then what the form still holds of an edit refused otherwise."""
        if not len(self.outbox) or not self._address:
            self.window.form.save_what_was_typed()
            return
        self.probe.start(self._address, self._password)

    def _connection_lost(self) -> None:
        """A read or change found the server gone (the project's `on_lost`): until a probe finds
        it again, the project's connection sends nothing, so the next ones do not wait on the
        network."""
        self._know_reachable(False)
        if self._address:
            self.probe.start(self._address, self._password)

    def _know_reachable(self, reachable: bool) -> None:
        """While the window knows the server is out of reach, the project's connection sends
        nothing (reads fail at once, in words, instead of waiting on the network); a probe
        looks every few seconds whether it answers again."""
        db = getattr(self.window.workspace.project, "db", None)
        if hasattr(db, "known_unreachable"):
            db.known_unreachable = not reachable
        self._keep_retrying()

    def _known_unreachable(self) -> bool:
        return bool(getattr(getattr(self.window.workspace.project, "db", None), "known_unreachable", False))

    def _keep_retrying(self) -> None:
        if len(self.outbox) or self._known_unreachable():
            self._retry.start()
        else:
            self._retry.stop()

    def _probe_answered(self, answered: bool) -> None:
        self._know_reachable(answered)
        if answered and self.window.workspace.outbox is self.outbox:
            self._report(self.outbox.send_all())
            self.window.form.save_what_was_typed()

    def _report(self, result: Round) -> None:
        if result.sent:
            sent = f"{result.sent} waiting change{'s' if result.sent > 1 else ''}"
            self.window.show_message(f"Sent {sent} to the team project", 8000)
        if result.refused:
            self.window.show_error(
                "The team project refused what you did while the connection was lost; "
                "it was not saved:\n" + "\n".join(f"• {refusal}" for refusal in result.refused)
            )

    def _retry_if_connected(self) -> None:
        """The project's own connection can be lost while the listener's is not (a backend
        ended, a server taking no new connections): send what waits, or look whether it answers."""
        if self.mark.state != CONNECTED:
            return  # the listener's return lifts the gate and sends
        if len(self.outbox):
            self.send_waiting()
        elif self._known_unreachable() and self._address:
            self.probe.start(self._address, self._password)

    def _label(self, command: undo.ProjectCommand) -> str:
        """A kept command in words, from what the window shows (the server may be out of reach)."""
        return command.waiting_text(self._words_of(command))

    def _words_of(self, command: undo.ProjectCommand) -> str:
        claim_id = getattr(command, "claim_id", None)
        if claim_id:
            return next((c.quote for c in self.window.shown_claims() if c.id == claim_id), "")
        article = self.window.current_article
        if article is None or article.id != getattr(command, "article_id", None):
            return ""
        if isinstance(command, undo.CreateClaim):
            return article.text[command.start : command.end]
        return article.title

    def _project_replaced(self) -> None:
        if self.window.workspace.project is not self._project:
            self._project = None
            self.stop_following()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt override)
        if watched is self.window and event.type() == QEvent.Type.Close:
            if not self._may_close():
                event.ignore()
                return True
            self._stop_listening()
        return False

    def _may_close(self) -> bool:
        """With changes waiting, ask: close (kept for next time, or lost) or wait."""
        self.window.form.setFocus()  # an edit in progress is tried (and kept) before counting
        if not len(self.outbox):
            return True
        return CloseQuestion.ask(
            self.window.dialog_parent(),
            len(self.outbox),
            on_disk=self.outbox.on_disk,
            user=self.window.workspace.user,
        )


def _is_team(item: str) -> bool:
    from annotator.core.team_address import is_team_url

    return is_team_url(item)
