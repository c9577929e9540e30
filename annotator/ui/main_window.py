"""The window shell: lays out the annotation screens, owns the menus, the status bar and the
docks, and gives features the narrow interface of `ui/shell.py` (`Shell`).

What the user does to articles and claims is the annotation controller's
(`ui/annotate/controller.py`); features are installed by the app (`app.py`).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.ui import preferences, shortcuts, undo
from annotator.ui.annotate.controller import AnnotationController
from annotator.ui.file_actions import FileActions
from annotator.ui.plain import show_plain_message
from annotator.ui.shell import BOTTOM

# The review feature fills its menu after the first paint; the title is there from the first
# frame, so the menu bar does not change once the window is on screen.
MENUS = ("&File", "&Edit", "&View", "&Go", "Review", "&Help")
TEXT_MIN_LINES = 8
DOCK_HEIGHT = 260
LIST_SHARE, LIST_WIDTHS = 0.18, (170, 340)  # the article list: share of the width, bounds in px
FORM_SHARE, FORM_WIDTHS = 0.32, (320, 510)  # the form and claims table


class MainWindow(QMainWindow):
    """One project's window; implements `ui.shell.Shell` for the features installed in it."""

    claim_selected = Signal(str)  # '' when no claim is selected
    article_opened = Signal(str)
    project_opened = Signal()

    def __init__(self, workspace, *, colour_mode: str = "speaker", load: bool = True):
        super().__init__()
        self.workspace = workspace
        self.actions_by_name: dict[str, QAction] = {}
        self._menus: dict[str, QMenu] = {}
        self._features: dict[str, object] = {}
        self._panel_keys: list[tuple[str, str, str]] = []
        self._pending_search_index = None
        self.annotation = AnnotationController(workspace, self, colour_mode=colour_mode)
        self.files = FileActions(self)
        self._build_widgets()
        self._build_menus()
        self._connect()
        self.setAcceptDrops(True)
        self.setWindowTitle("Annotator")
        if load:  # else the caller shows it (the app: show_first_screen, the rest after the paint)
            self.load_project()

    # -- building ------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        a = self.annotation
        self.article_list, self.header, self.legend, self.view = a.article_list, a.header, a.legend, a.view
        self.form, self.claims_model, self.claims_table = a.form, a.claims_model, a.claims_table
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        for widget, stretch in ((self.header, 0), (self.legend, 0), (self.view, 1)):
            centre_layout.addWidget(widget, stretch)
        # A docked panel (the review queue) never squeezes the text below a few lines.
        self.view.setMinimumHeight(self.view.fontMetrics().lineSpacing() * TEXT_MIN_LINES + 28)
        self.right_splitter = QSplitter(Qt.Orientation.Vertical, objectName="rightSplitter")
        self.right_splitter.addWidget(self._scrolling(self.form))
        self.right_splitter.addWidget(self.claims_table)
        self.right_splitter.setSizes([self.form.sizeHint().height(), 330])
        self.right_splitter.setStretchFactor(1, 1)  # a taller window gives the table the room
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="mainSplitter")
        for widget in (self.article_list, centre, self.right_splitter):
            self.splitter.addWidget(widget)
        for index, stretch in enumerate((0, 1, 0)):  # a wider or narrower window: the text's width
            self.splitter.setStretchFactor(index, stretch)
        self.splitter.setCollapsible(1, False)
        self.splitter.splitterMoved.connect(self._columns_chosen)
        self.right_splitter.splitterMoved.connect(self._form_height_chosen)
        self._columns_set_by_user = self._form_height_set_by_user = False
        self.setCentralWidget(self.splitter)
        self.user_label = QLabel(objectName="userLabel", textFormat=Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.user_label)

    def _build_menus(self) -> None:
        for name in MENUS:
            self._menus[name] = self.menuBar().addMenu(name)
        self._build_file_menu()
        self._build_edit_menu()
        self._build_view_and_go_menus()
        self.add_action("Help", "shortcuts", "&Keyboard shortcuts", self.show_shortcuts, shortcut="F1")
        self.add_action("Help", "about", "&About Annotator", self.show_about)

    def _build_file_menu(self) -> None:
        files, add = self.files, self.add_action
        add("File", "new_project", "&New project…", files.new_project, shortcut="Ctrl+N")
        add("File", "open_project", "&Open project…", files.open_project, shortcut="Ctrl+O")
        self.recent_menu = self._menus["&File"].addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(lambda: files.fill_recent_menu(self.recent_menu))
        self.add_separator("File")
        add("File", "import_files", "&Import files…", files.import_files, shortcut="Ctrl+I")
        add("File", "import_folder", "Import &folder…", files.import_folder, shortcut="Ctrl+Shift+I")
        add("File", "export_csv", "&Export CSV…", lambda: files.export_claims("csv"), shortcut="Ctrl+E")
        add(
            "File",
            "export_jsonl",
            "Export &JSONL…",
            lambda: files.export_claims("jsonl"),
            shortcut="Ctrl+Shift+E",
        )
        self.add_separator("File")
        add("File", "quit", "&Quit", self.close, shortcut=QKeySequence.StandardKey.Quit)
        # Entries features add later (backups, merge...) go above this line: Quit stays last.
        self._file_end = self._menus["&File"].insertSeparator(self.actions_by_name["quit"])

    def _build_edit_menu(self) -> None:
        a, add = self.annotation, self.add_action
        self._add_undo_and_redo()
        self.add_separator("Edit")
        add(
            "Edit",
            "create_claim",
            "&Create claim from selection",
            a.create_claim_from_selection,
            shortcut="Return",
        )
        add("Edit", "delete_claim", "&Delete claim", a.delete_current_claim, shortcut="Delete", in_text=True)
        add("Edit", "edit_speaker", "Edit &speaker", self.form.focus_speaker, shortcut="Ctrl+K")
        add("Edit", "cycle_confidence", "Cycle c&onfidence", self.form.cycle_confidence, shortcut="Ctrl+L")
        add("Edit", "mark_done", "Mark article &done", lambda: a.mark_article("done"), shortcut="Ctrl+D")
        add(
            "Edit",
            "mark_in_progress",
            "Mark article in &progress",
            lambda: a.mark_article("in progress"),
            shortcut="Ctrl+Shift+D",
        )
        add("Edit", "edit_article", "&Article details…", a.edit_article_details, shortcut="F2")
        # Return acts only in the text, which handles it itself.
        self.actions_by_name["create_claim"].setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.add_separator("Edit")
        add("Edit", "preferences", "&Preferences…", self.edit_preferences, shortcut="Ctrl+,")

    def _add_undo_and_redo(self) -> None:
        stack = self.workspace.undo_stack
        undo_, redo = stack.createUndoAction(self, "&Undo"), stack.createRedoAction(self, "&Redo")
        undo_.setShortcut(QKeySequence.StandardKey.Undo)
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for name, action in (("undo", undo_), ("redo", redo)):
            self._menus["&Edit"].addAction(action)
            self.actions_by_name[name] = action

    def _build_view_and_go_menus(self) -> None:
        a, add = self.annotation, self.add_action
        add(
            "View",
            "colour_speaker",
            "Colour by &speaker",
            lambda: a.set_colour_mode("speaker"),
            shortcut="Ctrl+1",
        )
        add(
            "View",
            "colour_confidence",
            "Colour by &confidence",
            lambda: a.set_colour_mode("confidence"),
            shortcut="Ctrl+2",
        )
        add("View", "article_list", "Article &list", self.toggle_article_list, shortcut="Ctrl+B")
        self.actions_by_name["article_list"].setCheckable(True)
        self.actions_by_name["article_list"].setChecked(True)
        add("Go", "next_article", "&Next article", lambda: a.step_article(1), shortcut="Ctrl+Down")
        add("Go", "previous_article", "&Previous article", lambda: a.step_article(-1), shortcut="Ctrl+Up")
        add("Go", "next_claim", "Next &claim", lambda: a.step_claim(1), shortcut="Alt+Down")
        add("Go", "previous_claim", "Previous c&laim", lambda: a.step_claim(-1), shortcut="Alt+Up")
        add("Go", "focus_search", "&Search articles", a.focus_search, shortcut="Ctrl+F")
        add("Go", "focus_text", "Go to the &text", self.focus_text, shortcut="Ctrl+T")

    def _connect(self) -> None:
        ws = self.workspace
        ws.project_replaced.connect(self.load_project)
        ws.user_changed.connect(lambda _name: self._show_user())
        ws.error_reported.connect(self.show_error)
        self.annotation.claim_selected.connect(self.claim_selected)
        self.annotation.article_opened.connect(self.article_opened)
        self.form.rows_changed.connect(self.fit_form)

    @staticmethod
    def _scrolling(widget: QWidget) -> QScrollArea:
        """The form in a frameless scroll area: a short window scrolls it instead of growing."""
        area = QScrollArea(objectName="formArea", widgetResizable=True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setWidget(widget)
        return area

    def share_columns(self) -> None:
        """Article list, text and form in proportion to the window's width, the text getting the
        most (at 1024 px: about 180 / 500 / 330); once the analyst moves a line, theirs stays."""
        width = self.splitter.width() - self.splitter.handleWidth() * 2
        shown = not self.article_list.isHidden()
        listed = _bounded(width * LIST_SHARE, LIST_WIDTHS) if shown else 0
        form = _bounded(width * FORM_SHARE, FORM_WIDTHS)
        self.splitter.setSizes([listed, max(width - listed - form, 0), form])

    def _columns_chosen(self, *_args) -> None:
        self._columns_set_by_user = True

    def toggle_article_list(self) -> None:
        """Hide the article list to give the text its width (View → Article list, Ctrl+B)."""
        self.article_list.setVisible(self.article_list.isHidden())
        self.actions_by_name["article_list"].setChecked(not self.article_list.isHidden())
        if not self._columns_set_by_user:
            self.share_columns()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        if not self._columns_set_by_user:
            self.share_columns()
        self.fit_form()

    def _form_height(self) -> int:
        """The form's height at its width now (wrapped hints and quotes take more lines)."""
        width = self.form.width()
        layout = self.form.layout()
        if width > 0 and layout.hasHeightForWidth():
            return layout.totalHeightForWidth(width)
        return self.form.sizeHint().height()

    def fit_form(self) -> None:
        """The form exactly as tall as its rows, the claims table below taking the rest: no blank
        band under the form when a row goes, no squeezed rows when one comes. Once the analyst
        moved the line under the form, it only moves down when the form needs more room."""
        form_now, table_now = self.right_splitter.sizes() or (0, 0)
        total = form_now + table_now or self.right_splitter.height()
        room = max(total - self.claims_table.minimumSizeHint().height(), 0)
        wanted = min(self._form_height(), room)
        if self._form_height_set_by_user:
            wanted = max(wanted, form_now)
        self.right_splitter.setSizes([wanted, max(total - wanted, 0)])

    def _form_height_chosen(self, *_args) -> None:
        self._form_height_set_by_user = True

    # -- the Shell interface: menus and panels -------------------------------------------

    def menu(self, name: str) -> QMenu:
        """A top-level menu by name ("Review", "&Edit"...); a new one goes before Help."""
        for key, menu in self._menus.items():
            if key.replace("&", "") == name.replace("&", ""):
                return menu
        menu = QMenu(name, self)
        self.menuBar().insertMenu(self._menus["&Help"].menuAction(), menu)
        self._menus[name] = menu
        return menu

    def add_action(
        self, menu: str, name: str, text: str, slot, *, shortcut=None, in_text: bool = False
    ) -> QAction:
        """A menu entry; its shortcut then shows in Help → Keyboard shortcuts (see `Shell`)."""
        # The text as a keyword: QAction(text, parent) makes PySide try QIcon for the text first,
        # creating the QIcon class and its 150 theme icon names (1 ms) on the way to the first frame.
        action = QAction(self, text=text)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self._put_in_menu(menu, action)
        self.actions_by_name[name] = action
        if in_text:  # a bare key (Delete, A, X) must not act while typing in the form
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.view.addAction(action)
            self.claims_table.table.addAction(action)
        return action

    def _put_in_menu(self, menu: str, action: QAction) -> None:
        """At the menu's end; in File, before Quit and its separator."""
        end = getattr(self, "_file_end", None) if self.menu(menu) is self._menus["&File"] else None
        if end is None:
            self.menu(menu).addAction(action)
        else:
            self.menu(menu).insertAction(end, action)

    def add_separator(self, menu: str) -> None:
        end = getattr(self, "_file_end", None) if self.menu(menu) is self._menus["&File"] else None
        if end is None:
            self.menu(menu).addSeparator()
        else:
            self.menu(menu).insertSeparator(end)

    def add_submenu(self, menu: str, submenu: QMenu) -> None:
        self.menu(menu).addMenu(submenu)

    def add_dock(
        self, widget: QWidget, title: str, *, name: str, text: str = "", shortcut=None, area=BOTTOM
    ) -> QDockWidget:
        """Dock another screen (review, figures...) beside the text; View menu toggles it."""
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        toggle = dock.toggleViewAction()
        toggle.setText(text or title)
        if shortcut:
            toggle.setShortcut(QKeySequence(shortcut))
        self._menus["&View"].addAction(toggle)
        self.actions_by_name[name] = toggle
        if area == BOTTOM:
            dock.visibilityChanged.connect(lambda shown: shown and self._give_dock_its_height(dock))
        return dock

    def _give_dock_its_height(self, dock: QDockWidget) -> None:
        """A bottom panel shown for the first time takes about a third of the window, never
        more than leaves the text its minimum (Qt would give it whatever its contents ask)."""
        if dock.property("sized"):
            return
        dock.setProperty("sized", True)
        height = max(dock.minimumSizeHint().height(), min(DOCK_HEIGHT, self.height() // 3))
        self.resizeDocks([dock], [height], Qt.Orientation.Vertical)

    def add_banner(self, widget: QWidget) -> QToolBar:
        """A strip across the top for news that must not interrupt (typing goes on); hidden at first."""
        bar = QToolBar(objectName=f"{widget.objectName() or 'banner'}Bar", movable=False, floatable=False)
        bar.toggleViewAction().setVisible(False)
        bar.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
        bar.setStyleSheet("QToolBar { border: 0; padding: 0; spacing: 0; }")
        widget.show()
        bar.addWidget(widget)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        bar.hide()
        return bar

    def dialog_parent(self) -> QWidget:
        return self

    # -- the Shell interface: actions, changes, messages ---------------------------------

    def perform(self, command):
        """Run a user action; a refusal becomes a message, never a traceback."""
        try:
            return undo.perform(self.workspace, command)
        except AnnotatorError as error:
            self.show_error(str(error))
            return None

    def subscribe(self, handler) -> None:
        self.workspace.changed.connect(handler)
        self.workspace.project_replaced.connect(lambda: handler(undo.Change(everything=True)))

    def show_message(self, text: str, timeout_ms: int = 4000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def show_error(self, message: str) -> None:
        """A clear dialog for a refused action (also written to the log)."""
        logging.getLogger("annotator").warning("shown to user: %s", message)
        show_plain_message(self, "Annotator", message)

    def register_feature(self, name: str, feature: object) -> None:
        self._features[name] = feature

    def feature(self, name: str):
        """An installed feature ("review", "figures", "suggestions") by name."""
        return self._features[name]

    # -- the Shell interface: what is on screen (the annotation controller's) ------------

    @property
    def current_article(self):
        return self.annotation.current_article

    @property
    def current_claim_id(self) -> str | None:
        return self.annotation.current_claim_id

    def current_claim(self):
        return self.annotation.current_claim()

    def open_article(self, article_id: str, claim_id: str | None = None) -> None:
        self.annotation.open_article(article_id, claim_id)

    def select_claim(self, claim_id: str | None) -> None:
        self.annotation.select_claim(claim_id)

    def shown_claims(self) -> list:
        return self.claims_model.claims()

    def show_waiting(self, actions: list[tuple[str, dict]]) -> None:
        self.annotation.show_waiting(actions)

    def set_claim_filter(self, keep) -> None:
        self.annotation.set_claim_filter(keep)

    def shows(self, claim) -> bool:
        return self.annotation.shows(claim)

    @property
    def colour_mode(self) -> str:
        return self.annotation.colour_mode

    def set_colour_mode(self, mode: str) -> None:
        self.annotation.set_colour_mode(mode)

    def focus_text(self) -> None:
        self.view.setFocus()

    # -- for tests and the file actions ----------------------------------------------------

    def create_claim(self, start: int, end: int):
        return self.annotation.create_claim(start, end)

    def create_claim_from_selection(self) -> None:
        self.annotation.create_claim_from_selection()

    def edit_claim(self, claim_id: str, field: str, changes: dict) -> None:
        self.annotation.edit_claim(claim_id, field, changes)

    def after_import(self, summary) -> None:
        self.annotation.after_import(summary)
        self.pending_search_index.start()

    @property
    def pending_search_index(self):
        """What indexes an import's articles for search in idle time (made when first needed)."""
        if self._pending_search_index is None:
            from annotator.ui.search_indexing import PendingSearchIndex

            self._pending_search_index = PendingSearchIndex(self)
        return self._pending_search_index

    # -- project ---------------------------------------------------------------------------

    @property
    def project(self):
        return self.workspace.project

    def load_project(self) -> None:
        """Show the workspace's project: its articles, vocabularies and the last article."""
        self.annotation.show_project()
        self._show_project_name()
        self._opened()

    def show_first_screen(self, article_id: str | None = None) -> None:
        """The first frame of a project just opened: the article asked for (else the last one)
        and the article list around it; `finish_showing`, once it has painted, reads the rest."""
        self.annotation.show_first_screen(article_id)
        self._show_project_name()

    def finish_showing(self) -> None:
        """The rest of what `show_first_screen` left: the whole article list, the vocabularies."""
        self.annotation.finish_showing()
        self._opened()

    def _opened(self) -> None:
        self.pending_search_index.start()  # what an import (this window's or another's) left
        self.project_opened.emit()

    def _show_project_name(self) -> None:
        read_only = " (read-only)" if self.project.read_only else ""
        self.setWindowTitle(f"Annotator — {_project_name(self.project.path)}{read_only}")
        self._show_read_only(bool(read_only), reason=self.project.read_only_reason)
        self._show_user()

    def _show_read_only(self, read_only: bool, *, reason: str = "") -> None:
        """A lasting mark in the status bar while the project is only being viewed, saying why."""
        from annotator.core.store.storage import DISK_FULL, READ_ONLY_STORAGE

        label = self.findChild(QLabel, "readOnlyLabel")
        if label is None:
            label = QLabel(objectName="readOnlyLabel")
            label.setStyleSheet("color: #a33; font-weight: bold; padding: 0 8px;")
            self.statusBar().addPermanentWidget(label)
        why = {READ_ONLY_STORAGE: "Read-only storage", DISK_FULL: "Disk full"}.get(reason, "Read-only")
        label.setText(f"{why}: changes cannot be saved" + ("" if reason else " here"))
        label.setVisible(read_only)

    # -- help, preferences ---------------------------------------------------------------

    def shortcut_rows(self) -> list[tuple[str, str, str]]:
        """(where, what, keys) for every shortcut: menu entries, panels' keys, keys in widgets."""
        return shortcuts.menu_rows(self.menuBar()) + self._panel_keys + list(shortcuts.IN_WIDGETS)

    def describe_keys(self, where: str, rows) -> None:
        """Keys a panel handles itself (the review queue's A, R...): listed in Help and README."""
        self._panel_keys += [(where, what, keys) for what, keys in rows]

    def show_shortcuts(self) -> None:
        from annotator.ui.dialogs import ShortcutsDialog  # the dialogs: imported when first opened

        ShortcutsDialog.ask(self, self.shortcut_rows())

    def show_about(self) -> None:
        from annotator import __version__

        QMessageBox.about(
            self,
            "About Annotator",
            f"<b>Annotator {__version__}</b><p>Capture, review, export and compare the claims and "
            "figures in news articles.</p>",
        )

    def edit_preferences(self) -> None:
        from annotator.ui.dialogs import NameDialog

        name = NameDialog.ask(self, self.workspace.user)
        if name and name != self.workspace.user:
            preferences.remember_annotator_name(name)
            self.workspace.set_user(name)
            self.select_claim(self.current_claim_id)

    def _show_user(self) -> None:
        self.user_label.setText(f"Annotator: {self.workspace.user}")

    # -- window state, drag and drop -----------------------------------------------------

    def restore_layout(self) -> None:
        store = preferences.ui_settings()
        geometry = store.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(geometry)
        for splitter in (self.splitter, self.right_splitter):
            state = store.value(f"window/{splitter.objectName()}")
            if isinstance(state, QByteArray | bytes) and splitter.restoreState(state):
                self._columns_set_by_user |= splitter is self.splitter
        if store.value("view/article-list") == "hidden":
            self.toggle_article_list()
        mode = store.value("view/colour-mode")
        if mode in ("speaker", "confidence", "annotator") and mode != self.colour_mode:
            self.set_colour_mode(str(mode))

    def save_layout(self) -> None:
        store = preferences.ui_settings()
        store.setValue("window/geometry", self.saveGeometry())
        for splitter in (self.splitter, self.right_splitter):
            store.setValue(f"window/{splitter.objectName()}", splitter.saveState())
        store.setValue("view/colour-mode", self.colour_mode)
        store.setValue("view/article-list", "hidden" if self.article_list.isHidden() else "shown")

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.form.setFocus()  # finishes an edit in progress (note, figure fields)
        self.save_layout()
        self.files.exporter.wait_for_abandoned()
        if self._pending_search_index is not None:
            self._pending_search_index.stop()  # the rest waits for the next window or search
        super().closeEvent(event)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt override)
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.files.import_paths(paths)


def _bounded(value: float, bounds: tuple[int, int]) -> int:
    low, high = bounds
    return int(min(max(value, low), high))


def _project_name(path: str) -> str:
    from pathlib import Path

    return "in memory" if path == ":memory:" else Path(path).name
