"""The narrow window interface: what a feature receives in `install(window)`.

A feature (review, figures, suggestions, backups) reaches the window only through these
members; it never reads the window's widgets or private state, and never hangs attributes
on it. The main window is the one implementation; tests may build a smaller one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QDockWidget, QMenu, QToolBar, QWidget

    from annotator.core.model import Article, Claim
    from annotator.ui.undo import Change, ProjectCommand
    from annotator.ui.workspace import Workspace

BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea


class Shell(Protocol):
    """The window as a feature sees it."""

    workspace: Workspace  # the project, the user, the undo stack
    claim_selected: SignalInstance  # (claim id, '' for none)
    article_opened: SignalInstance  # (article id)

    # -- menus and panels ---------------------------------------------------------------

    def add_action(
        self,
        menu: str,
        name: str,
        text: str,
        slot: Callable[[], object],
        *,
        shortcut=None,
        in_text: bool = False,
    ) -> QAction:
        """The one way to add a command: a menu entry (listed in Help with its shortcut), findable by
        `name` in `actions_by_name`; `in_text` makes its shortcut act only in the text and claims table."""

    def describe_keys(self, where: str, rows: list[tuple[str, str]]) -> None:
        """List keys a panel handles itself, (what, keys) each, in Help and the README under `where`."""

    def add_separator(self, menu: str) -> None:
        """A line between groups of entries in a menu."""

    def add_submenu(self, menu: str, submenu: QMenu) -> None:
        """Put a submenu (View → Layer) into a top-level menu."""

    def add_dock(
        self, widget: QWidget, title: str, *, name: str, text: str = "", shortcut=None, area=BOTTOM
    ) -> QDockWidget:
        """Dock a panel; View gets an entry (`text`, `shortcut`) named `name` that shows and hides it."""

    def add_banner(self, widget: QWidget) -> QToolBar:
        """A strip across the top that never interrupts typing; the bar returned shows and hides it."""

    def dialog_parent(self) -> QWidget:
        """The widget a feature's dialogs belong to."""

    # -- actions and changes ----------------------------------------------------------

    def perform(self, command: ProjectCommand) -> ProjectCommand | None:
        """Run an undo command and push it; a refusal is shown to the user and gives None."""

    def subscribe(self, handler: Callable[[Change], None]) -> None:
        """Call `handler` with what each step, undo or redo changed (and on a new project: everything)."""

    def show_message(self, text: str, timeout_ms: int = 4000) -> None:
        """A passing note in the status bar."""

    def show_error(self, message: str) -> None:
        """A clear dialog for something refused or failed (also logged)."""

    # -- what is on screen ------------------------------------------------------------

    @property
    def current_article(self) -> Article | None:
        """The open article."""

    def current_claim(self) -> Claim | None:
        """The selected claim of the open article."""

    def open_article(self, article_id: str, claim_id: str | None = None) -> None:
        """Show an article (and select one of its claims)."""

    def select_claim(self, claim_id: str | None) -> None:
        """Select a claim of the open article (None: no claim)."""

    def shown_claims(self) -> list[Claim]:
        """The open article's claims as the claims table shows them."""

    def show_waiting(self, actions: list[tuple[str, dict]]) -> None:
        """Draw the open article's claims with the actions a lost connection keeps, each as
        (its outbox kind, its arguments), as waiting to be sent (nothing is read for them)."""

    def set_claim_filter(self, keep: Callable[[Claim], bool] | None) -> None:
        """Show only the claims `keep` accepts (None: all), redrawing the open article."""

    def shows(self, claim: Claim) -> bool:
        """Whether the claim filter lets this claim be shown."""

    @property
    def colour_mode(self) -> str:
        """What the highlights are coloured by: 'speaker', 'confidence' or 'annotator'."""

    def set_colour_mode(self, mode: str) -> None:
        """Colour the highlights by another field."""

    def focus_text(self) -> None:
        """Put the keyboard on the article text."""

    def register_feature(self, name: str, feature: object) -> None:
        """Make a feature's object findable as `window.feature(name)` (for the app and tests)."""
