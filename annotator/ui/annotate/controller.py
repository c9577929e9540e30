"""The annotation controller: turns selections into claims and form edits into undo commands,
and keeps the article list, the text, the form and the claims table in step with the project.

It owns the annotation widgets; the window shell only lays them out and gives it menus.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut

from annotator.core.annotating import may_change, prefilled, prefilled_from_text
from annotator.core.errors import AnnotatorError, ConnectionLost
from annotator.core.ids import new_id
from annotator.core.model import Article, ArticleSummary, Claim
from annotator.core.selection import nudge_span
from annotator.core.waiting_claims import Drawn, with_waiting
from annotator.ui import preferences, undo
from annotator.ui.annotate.article_header import ArticleHeader, Legend
from annotator.ui.annotate.article_list import ArticleList
from annotator.ui.annotate.article_view import ArticleView
from annotator.ui.annotate.claim_form import ClaimForm
from annotator.ui.annotate.claims_table import ClaimsModel, ClaimsTable
from annotator.ui.colours import ColourScheme
from annotator.ui.out_of_reach import SHOWN_FOR_MS, cannot_read

FIRST_ROWS_EACH_SIDE = 100  # of the article opened first, read for the first frame: more than a screen


class AnnotationController(QObject):
    """The open article, its selected claim, and what the user does to them."""

    claim_selected = Signal(str)  # '' when no claim is selected
    article_opened = Signal(str)

    def __init__(self, workspace, shell, *, colour_mode: str = "speaker"):
        super().__init__(shell.dialog_parent())
        self.workspace, self.shell = workspace, shell
        self.current_article: Article | None = None
        self.current_claim_id: str | None = None
        self.colour_mode = colour_mode
        self.scheme = None
        self.claim_filter = None  # a layer may show only some people's claims
        self._waiting: list[tuple[str, dict]] = []  # what a team project's lost connection keeps
        self._scheme_reads = None  # (scale, people) the colours were last made with
        self._build_widgets()
        self._connect()

    def _build_widgets(self) -> None:
        self.article_list = ArticleList()
        self.header = ArticleHeader()
        self.legend = Legend()
        self.legend.set_mode(self.colour_mode)
        self.view = ArticleView()
        self.form = ClaimForm()
        self.claims_model = ClaimsModel(self)
        self.claims_model.overlay = self._with_waiting
        self.claims_table = ClaimsTable(self.claims_model)
        self.view.status_of = self.claims_model.status_of

    def _connect(self) -> None:
        self.workspace.changed.connect(self._project_changed)
        self.article_list.article_chosen.connect(lambda article_id: self.open_article(article_id))
        self.article_list.search_changed.connect(self._search_changed)
        self.article_list.edit_requested.connect(self.edit_article_details)
        self.header.edit_requested.connect(lambda: self.edit_article_details())
        self.view.span_chosen.connect(lambda start, end: self.create_claim(start, end))
        self.view.claim_clicked.connect(self.select_claim)
        self.view.edge_nudged.connect(self.nudge_claim_edge)
        self.view.span_dragged.connect(self.drag_claim_span)
        self.claims_table.claim_chosen.connect(self.select_claim)
        self.form.edit_requested.connect(self.edit_claim)
        self.form.create_requested.connect(self.create_pending_claim)
        self.form.done_editing.connect(self.focus_text)
        for panel in (self.claims_table, self.article_list):
            back = QShortcut(
                QKeySequence(Qt.Key.Key_Escape), panel, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
            )
            back.activated.connect(self.focus_text)  # Esc from the filter, the table, the search
        self.form.speaker_add_requested.connect(self.add_speaker)
        self.claims_model.modelReset.connect(lambda: self.claims_table.select(self.current_claim_id))
        self.legend.mode_changed.connect(self.set_colour_mode)

    def focus_text(self) -> None:
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @property
    def project(self):
        return self.workspace.project

    # -- project and articles ------------------------------------------------------------

    def show_project(self) -> None:
        """Show the workspace's project: its articles, vocabularies and the last article."""
        self.current_article = None
        self.refresh_vocabularies()
        self.refresh_articles()
        ids = self.article_list.model.ids()
        last = preferences.last_article(self.project.path)
        if ids:
            self.open_article(last if last in ids else ids[0])
        else:
            self._show_no_article()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)  # ready for keyboard selection

    def show_first_screen(self, article_id: str | None = None) -> None:
        """What the window's first frame shows, read in a few milliseconds whatever the project's
        size: the article asked for (else the one open last, else the first) with its claims, and
        the article list at its full length with the rows around that article; `finish_showing`
        reads the rest once the frame is on screen."""
        self.current_article = None
        articles = self.project.articles
        row, opened = self._first_article(article_id)
        total = articles.count()
        first_row = max(0, row - FIRST_ROWS_EACH_SIDE)
        self.article_list.show_partly(
            total, first_row, articles.summaries_at(first_row, 2 * FIRST_ROWS_EACH_SIDE)
        )
        self._show_count(total)
        if opened:
            self.open_article(opened)
        else:
            self._rebuild_scheme()  # opening an article builds it
            self._show_no_article()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)  # ready for keyboard selection

    def _first_article(self, asked: str | None) -> tuple[int, str | None]:
        """(row in the article list, id) of the article to open first; (0, None) when there is none."""
        for candidate in (asked, preferences.last_article(self.project.path)):
            row = self.project.articles.row_in_list(candidate) if candidate else None
            if row is not None:
                return row, candidate
        first = self.project.articles.summaries_at(0, 1)
        return 0, first[0].id if first else None

    def finish_showing(self) -> None:
        """After the first frame (`show_first_screen`): the rest of the article list, filled in
        where it stands, then the speakers, measures and outlets the form offers."""
        keep = self.current_article.id if self.current_article else None
        self.article_list.fill_in(
            self.project.articles.summaries(search=self.article_list.search.text()), keep=keep
        )
        self.refresh_vocabularies()

    def refresh_vocabularies(self) -> None:
        project = self.project
        self.form.set_vocabularies(
            speakers=project.speakers.all(),
            measures=project.claims.measures(),
            scale=project.settings.confidence_scale(),
            outlets=project.claims.outlets(),
        )
        self._rebuild_scheme()

    def _search_changed(self, search: str) -> None:
        self.refresh_articles()
        self.view.show_search_hits(search)

    def refresh_articles(self) -> None:
        search = self.article_list.search.text()
        try:
            summaries = self.project.articles.summaries(search=search)
        except ConnectionLost:
            self._not_read("the article list cannot be searched or read again")
            return
        keep = self.current_article.id if self.current_article else None
        self.article_list.set_summaries(summaries, keep=keep)
        self._show_count(len(summaries))

    def _show_count(self, count: int) -> None:
        search = self.article_list.search.text()
        self.shell.show_message(
            f"{count} article(s) match “{search}”" if search.strip() else f"{count} article(s)"
        )

    def open_article(self, article_id: str, claim_id: str | None = None) -> None:
        """Show an article (and select one of its claims)."""
        if self.current_article is None or self.current_article.id != article_id:
            try:
                article = self.project.articles.get(article_id)
                claims = self.project.claims.for_article(article_id)
            except ConnectionLost:
                self._not_read("this article cannot be opened")
                return
            except AnnotatorError as error:
                self.shell.show_error(str(error))
                return
            self._show_article(article, claims)
        self.select_claim(claim_id)

    def _not_read(self, what: str) -> None:
        """A team project out of reach: said in the status bar; the open article stays, and so
        does its row in the list."""
        self.shell.show_message(cannot_read(what), SHOWN_FOR_MS)
        if self.current_article is not None:
            self.article_list.select(self.current_article.id, emit=False)

    def _show_article(self, article: Article, claims: list[Claim]) -> None:
        self.current_article = article
        self.claims_model.set_claims(self._visible(claims))
        self.header.show_article(article)
        self._rebuild_scheme()
        claims, waiting = self.claims_model.claims(), self.claims_model.waiting_ids()
        self.view.show_article(article.text, claims, self.scheme.colour_name, waiting)
        self.view.show_search_hits(self.article_list.search.text())
        self._update_legend()
        self.article_list.select(article.id, emit=False)
        preferences.remember_last_article(self.project.path, article.id)
        self.current_claim_id = None
        self.form.show_claim(None)
        self.article_opened.emit(article.id)

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
        self.shell.show_message(summary.describe(), 10000)
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

    def edit_article_details(self, article_id: str | None = None) -> None:
        """Ask for an article's metadata (the open one by default) and save it, undoably."""
        article_id = article_id or (self.current_article.id if self.current_article else None)
        if article_id is None:
            self.shell.show_message("Open an article first.")
            return
        from annotator.ui.annotate.article_dialog import ArticleDialog  # imported when first opened

        try:
            article = self.project.articles.get(article_id)
            outlets, events = self.project.claims.outlets(), self.project.events.names()
        except ConnectionLost:
            self._not_read("the article's details cannot be edited")
            return
        changes = ArticleDialog.ask(self.shell.dialog_parent(), article, outlets=outlets, events=events)
        if changes:
            self.shell.perform(undo.EditArticle(self.workspace, article_id, **changes))

    def mark_article(self, status: str) -> None:
        if self.current_article is not None:
            self.shell.perform(undo.SetArticleStatus(self.workspace, self.current_article.id, status))

    # -- claims --------------------------------------------------------------------------

    def select_claim(self, claim_id: str | None) -> None:
        """Make a claim current: its row, its frame in the text, the form."""
        row = self.claims_model.row_of(claim_id) if claim_id else -1
        claim = self.claims_model.claim(row) if row >= 0 else None
        self.current_claim_id = claim.id if claim else None
        self.claims_table.select(self.current_claim_id)
        self.view.outline_claim(self.current_claim_id, movable=self._movable(claim))
        self._show_in_form(claim)
        self.claim_selected.emit(self.current_claim_id or "")

    def _show_in_form(self, claim: Claim | None) -> None:
        if claim is None:
            self.form.show_claim(None)
            return
        status = self.claims_model.status_of(claim)
        self.form.show_claim(claim, editable=self._may_edit(claim), status=status)

    def current_claim(self) -> Claim | None:
        row = self.claims_model.row_of(self.current_claim_id) if self.current_claim_id else -1
        return self.claims_model.claim(row) if row >= 0 else None

    def _may_edit(self, claim: Claim) -> bool:
        return may_change(claim, self.workspace.user)

    def create_claim_from_selection(self) -> None:
        self.view.finish_keyboard_selection()
        span = self.view.selected_span()
        if span is None:
            self.shell.show_message("Select some text first, then press Enter.")
            return
        self.create_claim(*span)

    def create_claim(self, start: int, end: int) -> Claim | None:
        """Tag [start, end) of the open article; the figure is prefilled from the span."""
        if self.current_article is None:
            return None
        fields, speaker_required = self._prefilled(start, end)
        figure, outlet = fields["figure"], fields["outlet"]
        if speaker_required:
            self._ask_for_speaker(start, end, figure, outlet)
            return None
        claim_id = new_id()
        command = self._create(
            undo.CreateClaim(
                self.workspace, self.current_article.id, start, end, figure=figure, outlet=outlet,
                claim_id=claim_id,
            )
        )
        if command is None:
            self._select_if_waiting(claim_id, start, end)
            return None
        self.select_claim(command.claim.id)
        self.form.focus_speaker()
        return command.claim

    def _select_if_waiting(self, claim_id: str, start: int, end: int) -> None:
        """A creation a team project's lost connection kept is drawn as waiting: select it (or
        the waiting one on the same span, which the outbox names instead), so the form takes
        what is typed for it."""
        waiting = self.claims_model.waiting_ids()
        same = (
            c.id
            for c in self.claims_model.claims()
            if c.id == claim_id or (c.id in waiting and (c.start, c.end) == (start, end))
        )
        found = next(same, None)
        if found is not None:
            self.select_claim(found)
            self.form.focus_speaker()

    def _prefilled(self, start: int, end: int) -> tuple[dict, bool]:
        """The new claim's prefilled fields and whether it needs a speaker first; with a team
        project's server out of reach, what the text gives (the store checks again on sending)."""
        try:
            fields = prefilled(self.project, self.current_article, start, end)
            return fields, self.project.settings.speaker_required()
        except ConnectionLost:
            return prefilled_from_text(self.current_article, start, end), False

    def _create(self, command: undo.CreateClaim, *, show_error=None) -> undo.CreateClaim | None:
        """Run a claim's creation (its id made here); on a team project whose connection is lost
        the outbox keeps it to send again (None, no error shown)."""
        try:
            return undo.perform(self.workspace, command)
        except AnnotatorError as error:
            (show_error or self.shell.show_error)(str(error))
        return None

    def _ask_for_speaker(self, start: int, end: int, figure, outlet: str) -> None:
        """The project needs a speaker before a claim is saved: the form holds it until then."""
        article = self.current_article
        quote = article.text[start:end]
        pending = Claim(
            "", article.id, start, end, quote, figure=figure, outlet=outlet, annotator=self.workspace.user
        )
        self.select_claim(None)
        self.form.show_pending(pending)
        self.form.focus_speaker()

    def create_pending_claim(self, pending: Claim) -> None:
        """The form completed a claim that could not be saved without a speaker."""
        claim_id = new_id()
        command = self._create(
            undo.CreateClaim(
                self.workspace,
                pending.article_id,
                pending.start,
                pending.end,
                speaker=pending.speaker,
                figure=pending.figure,
                confidence=pending.confidence,
                note=pending.note,
                outlet=pending.outlet,
                claim_id=claim_id,
            ),
            show_error=self.form.show_error,
        )
        if command is not None:
            self.select_claim(command.claim.id)
        elif self.claims_model.row_of(claim_id) >= 0:
            self.select_claim(claim_id)

    def edit_claim(self, claim_id: str, field: str, changes: dict) -> None:
        try:
            undo.edit_claim(self.workspace, claim_id, field=field, **changes)
        except AnnotatorError as error:
            self.form.show_error(str(error))

    def _movable(self, claim: Claim | None) -> bool:
        """Whether the text offers grips to drag this claim's ends (one's own, not superseded)."""
        if claim is None or not self._may_edit(claim):
            return False
        return self.claims_model.status_of(claim) != "corrected"

    def nudge_claim_edge(self, edge: str, step: int) -> None:
        """Move the selected claim's start or end by one character (undoable)."""
        claim = self._claim_to_move()
        if claim is None:
            return
        start, end = nudge_span(self.current_article.text, claim.start, claim.end, edge=edge, step=step)
        if (start, end) == (claim.start, claim.end):
            self.shell.show_message("The span cannot get shorter than one character or leave the text.")
            return
        self._move_span(claim, start, end)

    def drag_claim_span(self, start: int, end: int) -> None:
        """A grip of the selected claim was dragged and let go: its new span (one undo step)."""
        claim = self._claim_to_move()
        if claim is not None and (start, end) != (claim.start, claim.end):
            self._move_span(claim, start, end)

    def _claim_to_move(self) -> Claim | None:
        claim = self.current_claim()
        if claim is None or self.current_article is None:
            return None
        if not self._may_edit(claim):
            self.shell.show_message(f"This claim is {claim.annotator}'s: review it to change its span.")
            return None
        return claim

    def _move_span(self, claim: Claim, start: int, end: int) -> None:
        command = self.shell.perform(undo.MoveSpan(self.workspace, claim.id, start, end))
        if command is not None:
            self.shell.show_message(f"Span: “{command.claim.quote}”", 3000)

    def delete_current_claim(self) -> None:
        claim = self.current_claim()
        if claim is not None:
            self.shell.perform(undo.DeleteClaim(self.workspace, claim.id))

    def add_speaker(self, name: str, speaker_type: str) -> None:
        """Add a speaker from the form (undoable) and give it to the claim in the form."""
        try:
            speaker = undo.add_speaker(self.workspace, name, type=speaker_type)
        except AnnotatorError as error:
            self.form.show_error(str(error))
            return
        self.form.speaker_added(speaker.name)
        self.shell.show_message(f"Added “{speaker.name}” ({speaker.type}) to the speakers", 5000)

    def step_claim(self, step: int) -> None:
        claims = sorted(self.claims_model.claims(), key=lambda claim: (claim.start, claim.end))
        if not claims:
            return
        ids = [claim.id for claim in claims]
        index = ids.index(self.current_claim_id) + step if self.current_claim_id in ids else 0
        self.select_claim(ids[index % len(ids)])

    # -- which claims are shown ----------------------------------------------------------

    def set_claim_filter(self, keep) -> None:
        """Show only the claims `keep` accepts (None: all), and show the open article again."""
        self.claim_filter = keep
        self.reload_article()

    def shows(self, claim: Claim) -> bool:
        return self.claim_filter is None or bool(self.claim_filter(claim))

    def _visible(self, claims: list[Claim]) -> list[Claim]:
        return [claim for claim in claims if self.shows(claim)]

    def reload_article(self) -> None:
        """Show the open article again (after a layer or a merge changed what is shown)."""
        if self.current_article is not None:
            article_id, claim_id = self.current_article.id, self.current_claim_id
            self.current_article = None
            self.open_article(article_id, claim_id)

    # -- reacting to changes (from actions, undo and redo) -------------------------------

    def _project_changed(self, change) -> None:
        """Redraw what one step (an action, its undo or redo, a colleague's change) changed."""
        if change.everything:
            self._show_everything_again()
            return
        if change.speakers:
            self.refresh_vocabularies()
        for claim in change.removed:
            self._claim_removed(claim)
        for claim in change.edited:
            self._claim_changed(claim, quietly=change.external)
        for claim in change.added:
            self._claim_added(claim, quietly=change.external)
        for article_id in change.article_ids():
            self._article_changed(article_id, new_allowed=change.external)

    def _show_everything_again(self) -> None:
        self.refresh_vocabularies()
        self.refresh_articles()
        self.reload_article()

    def _is_open(self, claim: Claim) -> bool:
        return self.current_article is not None and claim.article_id == self.current_article.id

    def _claim_added(self, claim: Claim, *, quietly: bool = False) -> None:
        """A new claim is selected; a colleague's (`quietly`) only appears, the selection stays."""
        if not (self._is_open(claim) and self.shows(claim)):
            return
        if self.claims_model.row_of(claim.id) >= 0:
            self._claim_changed(claim, quietly=quietly)
            return
        self.claims_model.add_claim(claim)
        self._redraw_claims()
        if not quietly:
            self.select_claim(claim.id)

    def _claim_changed(self, claim: Claim, *, quietly: bool = False) -> None:
        if not self._is_open(claim):
            return
        sent = claim.id in self.claims_model.waiting_ids()  # a waiting action just sent: typing goes on
        if self.claims_model.row_of(claim.id) < 0:
            if quietly:
                self._claim_added(claim, quietly=True)  # never a reload: it would lose the reader's place
            else:
                self.reload_article()  # a claim of a layer not shown, or one just brought into view
            return
        if quietly and not self.shows(claim):
            self._claim_removed(claim)  # it left the layer shown
            return
        before = self.claims_model.claim(self.claims_model.row_of(claim.id))
        self.claims_model.replace_claim(claim)
        if _drawn_differently(before, claim):
            self._redraw_claims()  # a note or a figure changes no highlight: skip the redraw
        if claim.id == self.current_claim_id:
            self._show_current_claim_again(self.current_claim() or claim, keep_typing=quietly or sent)
        if claim.figure.measure:
            self.form.measure_completer.model().setStringList(self.project.claims.measures())

    def _show_current_claim_again(self, claim: Claim, *, keep_typing: bool) -> None:
        if keep_typing:
            status = self.claims_model.status_of(claim)
            self.form.claim_changed_elsewhere(claim, editable=self._may_edit(claim), status=status)
        else:
            self._show_in_form(claim)
        self.view.outline_claim(claim.id, scroll=False, movable=self._movable(claim))

    def _claim_removed(self, claim: Claim) -> None:
        if not self._is_open(claim):
            return
        self.claims_model.remove_claim(claim.id)
        self._redraw_claims()
        if claim.id == self.current_claim_id:
            self.select_claim(None)

    def _article_changed(self, article_id: str, *, new_allowed: bool = False) -> None:
        summary = self._summary(article_id)
        if summary is not None:
            if new_allowed and self.article_list.model.row_of(article_id) < 0:
                self.refresh_articles()  # a colleague imported it: the list keeps its selection
            else:
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

    def _redraw_claims(self, *, read: bool = True) -> None:
        self._rebuild_scheme(read=read)
        waiting = self.claims_model.waiting_ids()
        self.view.update_claims(self.claims_model.claims(), self.scheme.colour_name, waiting)
        self._update_legend()

    # -- what a team project's lost connection keeps -------------------------------------

    def show_waiting(self, actions: list[tuple[str, dict]]) -> None:
        """Draw the open article as the waiting actions leave it (core/waiting_claims): from
        what the window shows and what they hold, never read from the project (out of reach)."""
        self._waiting = list(actions)
        if self.current_article is None:
            return
        self.claims_model.reshow()
        self._redraw_claims(read=False)
        claim = self.current_claim()
        if claim is not None:
            self._show_current_claim_again(claim, keep_typing=True)
        elif self.current_claim_id is not None:
            self.select_claim(None)  # its deletion waits: it is not drawn

    def _with_waiting(self, stored: list[Claim]) -> Drawn:
        article = self.current_article
        if not self._waiting or article is None:
            return Drawn(stored)
        drawn = with_waiting(
            stored, self._waiting, article_id=article.id, text=article.text, user=self.workspace.user
        )
        return Drawn(self._visible(drawn.claims), drawn.waiting)  # the layer shown, as for stored ones

    # -- colours -------------------------------------------------------------------------

    def set_colour_mode(self, mode: str) -> None:
        self.colour_mode = mode
        self.legend.set_mode(mode)
        self._rebuild_scheme()
        self._redraw_claims()
        self.claims_model.refresh()

    def _rebuild_scheme(self, *, read: bool = True) -> None:
        """Each speaker has its own colour; in the open article, the speaker of the earliest claim
        keeps it when two would share one (a speaker added later never recolours the others).
        `read=False`: with the scale and people read last (the project may be out of reach)."""
        # A creation still waiting to be sent has no time yet: it comes last (it takes no colour).
        claims = self.claims_model.claims()
        by_age = sorted(claims, key=lambda c: (not c.created_at, c.created_at, c.start, c.id))
        present = [c.speaker for c in by_age if c.speaker]
        if read or self._scheme_reads is None:
            self._scheme_reads = (self.project.settings.confidence_scale(), self.project.people.names())
        scale, people = self._scheme_reads
        self.scheme = ColourScheme(mode=self.colour_mode, speakers=present, scale=scale, annotators=people)
        self.claims_model.colour_of = self.scheme.colour_name
        self.claims_model.confidence_label = scale.label_for

    def _update_legend(self) -> None:
        self.legend.show_entries(self.scheme.legend(self.claims_model.claims()))


def _drawn_differently(before: Claim, after: Claim) -> bool:
    """Whether an edit changes how the claim is highlighted (its span, colour or style)."""
    fields = ("start", "end", "speaker", "confidence", "status", "annotator")
    return any(getattr(before, name) != getattr(after, name) for name in fields)
