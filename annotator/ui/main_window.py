"""The annotation window: articles on the left, the text in the centre, the claim on the right.

Extension points for other screens: `menu(name)`, `add_action(menu, action)`, `add_dock(...)`,
the signals `claim_selected(str)`, `article_opened(str)`, `project_opened()`, and
`open_article(article_id, claim_id=None)`.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.figures.prefill import prefill_figure
from annotator.core.model import Article, ArticleSummary, Claim
from annotator.ui import preferences, undo
from annotator.ui.annotate.article_header import ArticleHeader, Legend
from annotator.ui.annotate.article_list import ArticleList
from annotator.ui.annotate.article_view import ArticleView
from annotator.ui.annotate.claim_form import ClaimForm
from annotator.ui.annotate.claims_table import ClaimsModel, ClaimsTable
from annotator.ui.colours import ColourScheme
from annotator.ui.dialogs import NameDialog, ShortcutsDialog
from annotator.ui.file_actions import FileActions

MENUS = ("&File", "&Edit", "&View", "&Go", "&Help")


class MainWindow(QMainWindow):
    """One project's annotation window."""

    claim_selected = Signal(str)  # '' when no claim is selected
    article_opened = Signal(str)
    project_opened = Signal()

    def __init__(self, workspace, *, colour_mode: str = "speaker", load: bool = True):
        super().__init__()
        self.workspace = workspace
        self.current_article: Article | None = None
        self.current_claim_id: str | None = None
        self.colour_mode = colour_mode
        self.scheme = None
        self.claim_filter = None  # a layer (review_layers) may show only some people's claims
        self.files = FileActions(self)
        self._menus: dict[str, QMenu] = {}
        self._build_widgets()
        self._build_menus()
        self._connect()
        self.setAcceptDrops(True)
        self.setWindowTitle("Annotator")
        if load:  # else the caller loads it (the app: after the first paint)
            self.load_project()

    # -- building ------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.article_list = ArticleList()
        self.header = ArticleHeader()
        self.legend = Legend()
        self.legend.set_mode(self.colour_mode)
        self.view = ArticleView()
        self.form = ClaimForm()
        self.claims_model = ClaimsModel(self)
        self.claims_table = ClaimsTable(self.claims_model)
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        centre_layout.addWidget(self.header)
        centre_layout.addWidget(self.legend)
        centre_layout.addWidget(self.view, 1)
        self.right_splitter = QSplitter(Qt.Orientation.Vertical, objectName="rightSplitter")
        self.right_splitter.addWidget(self.form)
        self.right_splitter.addWidget(self.claims_table)
        self.right_splitter.setSizes([430, 330])
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="mainSplitter")
        self.splitter.addWidget(self.article_list)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.right_splitter)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([340, 590, 510])
        self.setCentralWidget(self.splitter)
        self.user_label = QLabel(objectName="userLabel")
        self.statusBar().addPermanentWidget(self.user_label)

    def _build_menus(self) -> None:
        for name in MENUS:
            self._menus[name] = self.menuBar().addMenu(name)
        stack = self.workspace.undo_stack
        undo, redo = stack.createUndoAction(self, "&Undo"), stack.createRedoAction(self, "&Redo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.actions_by_name: dict[str, QAction] = {}
        file, edit, view, go, help_ = (self._menus[name] for name in MENUS)
        self._act(file, "new_project", "&New project…", "Ctrl+N", self.files.new_project)
        self._act(file, "open_project", "&Open project…", "Ctrl+O", self.files.open_project)
        self.recent_menu = file.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(lambda: self.files.fill_recent_menu(self.recent_menu))
        file.addSeparator()
        self._act(file, "import_files", "&Import files…", "Ctrl+I", self.files.import_files)
        self._act(file, "import_folder", "Import &folder…", "Ctrl+Shift+I", self.files.import_folder)
        self._act(file, "export_csv", "&Export CSV…", "Ctrl+E", lambda: self.files.export_claims("csv"))
        self._act(
            file, "export_jsonl", "Export &JSONL…", "Ctrl+Shift+E", lambda: self.files.export_claims("jsonl")
        )
        file.addSeparator()
        self._act(file, "quit", "&Quit", QKeySequence.StandardKey.Quit, self.close)
        edit.addAction(undo)
        edit.addAction(redo)
        self.actions_by_name.update(undo=undo, redo=redo)
        edit.addSeparator()
        self._act(
            edit, "create_claim", "&Create claim from selection", "Return", self.create_claim_from_selection
        )
        self._act(edit, "delete_claim", "&Delete claim", "Delete", self.delete_current_claim)
        self._act(edit, "edit_speaker", "Edit &speaker", "Ctrl+K", self.form.focus_speaker)
        self._act(edit, "cycle_confidence", "Cycle c&onfidence", "Ctrl+L", self.form.cycle_confidence)
        self._act(edit, "mark_done", "Mark article &done", "Ctrl+D", lambda: self.mark_article("done"))
        self._act(
            edit,
            "mark_in_progress",
            "Mark article in &progress",
            "Ctrl+Shift+D",
            lambda: self.mark_article("in progress"),
        )
        edit.addSeparator()
        self._act(edit, "preferences", "&Preferences…", "Ctrl+,", self.edit_preferences)
        self._act(
            view, "colour_speaker", "Colour by &speaker", "Ctrl+1", lambda: self.set_colour_mode("speaker")
        )
        self._act(
            view,
            "colour_confidence",
            "Colour by &confidence",
            "Ctrl+2",
            lambda: self.set_colour_mode("confidence"),
        )
        self._act(go, "next_article", "&Next article", "Ctrl+Down", lambda: self.step_article(1))
        self._act(go, "previous_article", "&Previous article", "Ctrl+Up", lambda: self.step_article(-1))
        self._act(go, "next_claim", "Next &claim", "Alt+Down", lambda: self.step_claim(1))
        self._act(go, "previous_claim", "Previous c&laim", "Alt+Up", lambda: self.step_claim(-1))
        self._act(go, "focus_search", "&Search articles", "Ctrl+F", self.focus_search)
        self._act(go, "focus_text", "Go to the &text", "Ctrl+T", lambda: self.view.setFocus())
        self._act(help_, "shortcuts", "&Keyboard shortcuts", "F1", self.show_shortcuts)
        self._act(help_, "about", "&About Annotator", None, self.show_about)
        # Return and Delete act only where they make sense; the view handles Return itself.
        for name in ("create_claim", "delete_claim"):
            self.actions_by_name[name].setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.view.addAction(self.actions_by_name["delete_claim"])
        self.claims_table.table.addAction(self.actions_by_name["delete_claim"])

    def _act(self, menu: QMenu, name: str, text: str, shortcut, slot) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _connect(self) -> None:
        ws = self.workspace
        ws.claim_added.connect(self._claim_added)
        ws.claim_changed.connect(self._claim_changed)
        ws.claim_removed.connect(self._claim_removed)
        ws.article_changed.connect(self._article_changed)
        ws.speakers_changed.connect(self.refresh_vocabularies)
        ws.project_replaced.connect(self.load_project)
        ws.user_changed.connect(lambda _name: self._show_user())
        ws.error_reported.connect(self.show_error)
        self.article_list.article_chosen.connect(lambda article_id: self.open_article(article_id))
        self.article_list.search_changed.connect(self._search_changed)
        self.view.span_chosen.connect(lambda start, end: self.create_claim(start, end))
        self.view.claim_clicked.connect(self.select_claim)
        self.claims_table.claim_chosen.connect(self.select_claim)
        self.form.edit_requested.connect(self.edit_claim)
        self.form.create_requested.connect(self.create_pending_claim)
        self.form.done_editing.connect(lambda: self.view.setFocus(Qt.FocusReason.ShortcutFocusReason))
        self.form.speaker_add_requested.connect(self.add_speaker)
        self.legend.mode_changed.connect(self.set_colour_mode)

    # -- extension points ----------------------------------------------------------------

    def menu(self, name: str) -> QMenu:
        """A top-level menu by name ("Review", "&Edit"...); a new one goes before Help."""
        for key, menu in self._menus.items():
            if key.replace("&", "") == name.replace("&", ""):
                return menu
        menu = QMenu(name, self)
        self.menuBar().insertMenu(self._menus["&Help"].menuAction(), menu)
        self._menus[name] = menu
        return menu

    def add_action(self, menu_name: str, action: QAction) -> QAction:
        """Put an action in a menu; its shortcut then shows in Help → Keyboard shortcuts."""
        self.menu(menu_name).addAction(action)
        if action.parent() is None:
            action.setParent(self)
        return action

    def add_dock(
        self, widget: QWidget, title: str, area=Qt.DockWidgetArea.RightDockWidgetArea
    ) -> QDockWidget:
        """Dock another screen (review, comparison...) beside the text; View menu toggles it."""
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{title}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self._menus["&View"].addAction(dock.toggleViewAction())
        return dock

    # -- project and articles ------------------------------------------------------------

    @property
    def project(self):
        return self.workspace.project

    def load_project(self) -> None:
        """Show the workspace's project: its articles, vocabularies and the last article."""
        self.current_article = None
        self.refresh_vocabularies()
        self.refresh_articles()
        read_only = " (read-only)" if getattr(self.project, "read_only", False) else ""
        self.setWindowTitle(f"Annotator — {_project_name(self.project.path)}{read_only}")
        self._show_read_only(bool(read_only))
        self._show_user()
        ids = self.article_list.model.ids()
        last = preferences.last_article(self.project.path)
        if ids:
            self.open_article(last if last in ids else ids[0])
        else:
            self._show_no_article()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)  # ready for keyboard selection
        self.project_opened.emit()

    def _show_read_only(self, read_only: bool) -> None:
        """A lasting mark in the status bar while the project is only being viewed."""
        label = self.findChild(QLabel, "readOnlyLabel")
        if label is None:
            label = QLabel("Read-only: changes cannot be saved here", objectName="readOnlyLabel")
            label.setStyleSheet("color: #a33; font-weight: bold; padding: 0 8px;")
            self.statusBar().addPermanentWidget(label)
        label.setVisible(read_only)

    def refresh_vocabularies(self) -> None:
        project = self.project
        self.form.set_vocabularies(
            speakers=project.speakers.all(),
            measures=project.claims.measures(),
            scale=project.settings.confidence_scale(),
        )
        self._rebuild_scheme()

    def _search_changed(self, search: str) -> None:
        self.refresh_articles()
        self.view.show_search_hits(search)

    def refresh_articles(self) -> None:
        search = self.article_list.search.text()
        summaries = self.project.articles.summaries(search=search)
        keep = self.current_article.id if self.current_article else None
        self.article_list.set_summaries(summaries, keep=keep)
        count = len(summaries)
        self.statusBar().showMessage(
            f"{count} article(s) match “{search}”" if search.strip() else f"{count} article(s)", 4000
        )

    def open_article(self, article_id: str, claim_id: str | None = None) -> None:
        """Show an article (and select one of its claims)."""
        if self.current_article is None or self.current_article.id != article_id:
            try:
                article = self.project.articles.get(article_id)
            except AnnotatorError as error:
                self.show_error(str(error))
                return
            self.current_article = article
            claims = self._visible(self.project.claims.for_article(article_id))
            self.claims_model.set_claims(claims)
            self.header.show_article(article)
            self._rebuild_scheme()
            self.view.show_article(article.text, claims, self.scheme.colour_name)
            self.view.show_search_hits(self.article_list.search.text())
            self._update_legend()
            self.article_list.select(article_id, emit=False)
            preferences.remember_last_article(self.project.path, article_id)
            self.current_claim_id = None
            self.form.show_claim(None)
            self.article_opened.emit(article_id)
        self.select_claim(claim_id)

    def _show_no_article(self) -> None:
        self.current_article = None
        self.claims_model.set_claims([])
        self.header.show_article(None)
        self.view.clear_article()
        self.form.show_claim(None)
        self._update_legend()

    def after_import(self, summary) -> None:
        """Called by the File actions once an import finished."""
        self.refresh_vocabularies()
        self.refresh_articles()
        self.statusBar().showMessage(summary.describe(), 10000)
        if self.current_article is None and self.article_list.model.ids():
            self.open_article(self.article_list.model.ids()[0])

    def step_article(self, step: int) -> None:
        ids = self.article_list.visible_ids()
        if not ids:
            return
        current = self.current_article.id if self.current_article else None
        index = ids.index(current) + step if current in ids else 0
        self.open_article(ids[max(0, min(len(ids) - 1, index))])

    def focus_search(self) -> None:
        self.article_list.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.article_list.search.selectAll()

    def mark_article(self, status: str) -> None:
        if self.current_article is not None:
            self._run(undo.set_article_status, self.workspace, self.current_article.id, status)

    # -- claims --------------------------------------------------------------------------

    def select_claim(self, claim_id: str | None) -> None:
        """Make a claim current: its row, its frame in the text, the form."""
        row = self.claims_model.row_of(claim_id) if claim_id else -1
        claim = self.claims_model.claim(row) if row >= 0 else None
        self.current_claim_id = claim.id if claim else None
        self.claims_table.select(self.current_claim_id)
        self.view.outline_claim(self.current_claim_id)
        self.form.show_claim(claim, editable=claim is not None and self._may_edit(claim))
        self.claim_selected.emit(self.current_claim_id or "")

    def current_claim(self) -> Claim | None:
        row = self.claims_model.row_of(self.current_claim_id) if self.current_claim_id else -1
        return self.claims_model.claim(row) if row >= 0 else None

    def _may_edit(self, claim: Claim) -> bool:
        return claim.annotator in ("", self.workspace.user) or claim.status == "suggested"

    def create_claim_from_selection(self) -> None:
        self.view.finish_keyboard_selection()
        span = self.view.selected_span()
        if span is None:
            self.statusBar().showMessage("Select some text first, then press Enter.", 4000)
            return
        self.create_claim(*span)

    def create_claim(self, start: int, end: int) -> Claim | None:
        """Tag [start, end) of the open article; the figure is prefilled from the span."""
        if self.current_article is None:
            return None
        quote = self.current_article.text[start:end]
        figure = prefill_figure(self.current_article.text, start, end)
        if self.project.settings.speaker_required():
            pending = Claim(
                "", self.current_article.id, start, end, quote, figure=figure, annotator=self.workspace.user
            )
            self.select_claim(None)
            self.form.show_pending(pending)
            self.form.focus_speaker()
            return None
        claim = self._run(
            undo.create_claim, self.workspace, self.current_article.id, start, end, figure=figure
        )
        if claim is not None:
            self.select_claim(claim.id)
            self.form.focus_speaker()
        return claim

    def create_pending_claim(self, pending: Claim) -> None:
        """The form completed a claim that could not be saved without a speaker."""
        try:
            claim = undo.create_claim(
                self.workspace,
                pending.article_id,
                pending.start,
                pending.end,
                speaker=pending.speaker,
                figure=pending.figure,
                confidence=pending.confidence,
                note=pending.note,
            )
        except AnnotatorError as error:
            self.form.show_error(str(error))
            return
        self.select_claim(claim.id)

    def edit_claim(self, claim_id: str, field: str, changes: dict) -> None:
        try:
            undo.edit_claim(self.workspace, claim_id, field=field, **changes)
        except AnnotatorError as error:
            self.form.show_error(str(error))

    def delete_current_claim(self) -> None:
        claim = self.current_claim()
        if claim is not None:
            self._run(undo.delete_claim, self.workspace, claim.id)

    def add_speaker(self, name: str, speaker_type: str) -> None:
        """Add a speaker from the form (undoable) and give it to the claim in the form."""
        try:
            speaker = undo.add_speaker(self.workspace, name, type=speaker_type)
        except AnnotatorError as error:
            self.form.show_error(str(error))
            return
        self.form.speaker_added(speaker.name)
        self.statusBar().showMessage(f"Added “{speaker.name}” ({speaker.type}) to the speakers", 5000)

    def step_claim(self, step: int) -> None:
        claims = sorted(self.claims_model.claims(), key=lambda claim: (claim.start, claim.end))
        if not claims:
            return
        ids = [claim.id for claim in claims]
        index = ids.index(self.current_claim_id) + step if self.current_claim_id in ids else 0
        self.select_claim(ids[index % len(ids)])

    def _run(self, action, *args, **kwargs):
        """Run a user action; a refusal becomes a message, never a traceback."""
        try:
            return action(*args, **kwargs)
        except AnnotatorError as error:
            self.show_error(str(error))
            return None

    # -- reacting to changes (from actions, undo and redo) -------------------------------

    def _is_open(self, claim: Claim) -> bool:
        return self.current_article is not None and claim.article_id == self.current_article.id

    def _visible(self, claims: list[Claim]) -> list[Claim]:
        return claims if self.claim_filter is None else [c for c in claims if self.claim_filter(c)]

    def reload_article(self) -> None:
        """Show the open article again (after a layer, a review or a merge changed what is shown)."""
        if self.current_article is not None:
            article_id, claim_id = self.current_article.id, self.current_claim_id
            self.current_article = None
            self.open_article(article_id, claim_id)

    def _claim_added(self, claim: Claim) -> None:
        if self._is_open(claim) and self._visible([claim]):
            self.claims_model.add_claim(claim)
            self._redraw_claims()
            self.select_claim(claim.id)

    def _claim_changed(self, claim: Claim) -> None:
        if not self._is_open(claim):
            return
        if self.claims_model.row_of(claim.id) < 0:
            self.reload_article()  # a claim of a layer not shown, or one just brought into view
            return
        before = self.claims_model.claim(self.claims_model.row_of(claim.id))
        self.claims_model.replace_claim(claim)
        if _drawn_differently(before, claim):
            self._redraw_claims()  # a note or a figure changes no highlight: skip the redraw
        if claim.id == self.current_claim_id:
            self.form.show_claim(claim, editable=self._may_edit(claim))
            self.view.outline_claim(claim.id, scroll=False)
        if claim.figure.measure:
            self.form.measure_completer.model().setStringList(self.project.claims.measures())

    def _claim_removed(self, claim: Claim) -> None:
        if not self._is_open(claim):
            return
        self.claims_model.remove_claim(claim.id)
        self._redraw_claims()
        if claim.id == self.current_claim_id:
            self.select_claim(None)

    def _article_changed(self, article_id: str) -> None:
        summary = self._summary(article_id)
        if summary is not None:
            self.article_list.model.update_summary(summary)
        if self.current_article is not None and self.current_article.id == article_id and summary:
            self.current_article = self.project.articles.get(article_id)
            self.header.show_article(self.current_article)

    def _summary(self, article_id: str) -> ArticleSummary | None:
        try:
            article = self.project.articles.get(article_id)
        except AnnotatorError:
            return None
        count = self.project.claims.count(article_id=article_id)
        return ArticleSummary(
            article.id, article.title, article.outlet, article.published, article.status, count
        )

    def _redraw_claims(self) -> None:
        self._rebuild_scheme()
        self.view.update_claims(self.claims_model.claims(), self.scheme.colour_name)
        self._update_legend()

    # -- colours -------------------------------------------------------------------------

    def set_colour_mode(self, mode: str) -> None:
        self.colour_mode = mode
        self.legend.set_mode(mode)
        self._rebuild_scheme()
        self._redraw_claims()
        self.claims_model.refresh()

    def _rebuild_scheme(self) -> None:
        """Speakers of the open article get the palette's distinct colours first."""
        present = sorted({c.speaker for c in self.claims_model.claims() if c.speaker}, key=str.casefold)
        others = [s.name for s in self.project.speakers.all() if s.name not in present]
        self.scheme = ColourScheme(
            mode=self.colour_mode,
            speakers=present + others,
            scale=self.project.settings.confidence_scale(),
            annotators=self.project.people.names(),
        )
        self.claims_model.colour_of = self.scheme.colour_name
        scale = self.project.settings.confidence_scale()
        self.claims_model.confidence_label = scale.label_for

    def _update_legend(self) -> None:
        self.legend.show_entries(self.scheme.legend(self.claims_model.claims()))

    # -- help, preferences, errors -------------------------------------------------------

    def shortcut_rows(self) -> list[tuple[str, str, str]]:
        """(menu, action, keys) for every menu action with a shortcut."""
        rows = []
        for name, menu in self._menus.items():
            for action in menu.actions():
                keys = ", ".join(
                    s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()
                )
                if keys:
                    rows.append((name.replace("&", ""), action.text().replace("&", ""), keys))
        rows.append(("Text", "Select whole words (hold Alt for exact characters)", "Mouse drag"))
        rows.append(
            (
                "Text",
                "Select by characters / words; Enter takes the whole words (shown paler)",
                "Shift+Arrows, Ctrl+Shift+Arrows",
            )
        )
        rows.append(("Text", "Select exact characters (no snapping to words)", "Alt+Shift+Arrows"))
        rows.append(("Claim form", "Back to the text", "Esc"))
        rows.append(
            ("Claim form", "Next / previous field (edits are saved as you leave a field)", "Tab, Shift+Tab")
        )
        return rows

    def show_shortcuts(self) -> None:
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
        name = NameDialog.ask(self, self.workspace.user)
        if name and name != self.workspace.user:
            preferences.remember_annotator_name(name)
            self.workspace.set_user(name)
            self.select_claim(self.current_claim_id)

    def _show_user(self) -> None:
        self.user_label.setText(f"Annotator: {self.workspace.user}")

    def show_error(self, message: str) -> None:
        """A clear dialog for a refused action (also written to the log)."""
        import logging

        logging.getLogger("annotator").warning("shown to user: %s", message)
        QMessageBox.warning(self, "Annotator", message)

    # -- window state, drag and drop -----------------------------------------------------

    def restore_layout(self) -> None:
        store = preferences.ui_settings()
        geometry = store.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(geometry)
        for splitter in (self.splitter, self.right_splitter):
            state = store.value(f"window/{splitter.objectName()}")
            if isinstance(state, QByteArray | bytes):
                splitter.restoreState(state)
        mode = store.value("view/colour-mode")
        if mode in ("speaker", "confidence") and mode != self.colour_mode:
            self.set_colour_mode(str(mode))

    def save_layout(self) -> None:
        store = preferences.ui_settings()
        store.setValue("window/geometry", self.saveGeometry())
        for splitter in (self.splitter, self.right_splitter):
            store.setValue(f"window/{splitter.objectName()}", splitter.saveState())
        store.setValue("view/colour-mode", self.colour_mode)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.form.setFocus()  # finishes an edit in progress (note, figure fields)
        self.save_layout()
        self.files.exporter.wait_for_abandoned()
        super().closeEvent(event)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt override)
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt override)
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.files.import_paths(paths)


def _drawn_differently(before: Claim, after: Claim) -> bool:
    """Whether an edit changes how the claim is highlighted (its span, colour or style)."""
    fields = ("start", "end", "speaker", "confidence", "status", "annotator")
    return any(getattr(before, name) != getattr(after, name) for name in fields)


def _project_name(path: str) -> str:
    from pathlib import Path

    return "in memory" if path == ":memory:" else Path(path).name
