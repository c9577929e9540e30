"""Review mode: the queue of colleagues' submitted claims, worked through from the keyboard.

A accept, R reject (reason required), D dispute (comment required), C correct, M comment,
H history; Up and Down move through the queue, and the text follows the current claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.annotating import shown_status
from annotator.core.errors import AnnotatorError, ConnectionLost
from annotator.core.formatting import display_number
from annotator.core.model import Claim
from annotator.ui.out_of_reach import cannot_read
from annotator.ui.plain import plain_tooltip
from annotator.ui.review import commands as review_commands
from annotator.ui.review.dialogs import CorrectionDialog, HistoryDialog, ReasonDialog, fit_columns

COLUMNS = ("Annotator", "Quote", "Speaker", "Figure", "Confidence")
KEYS = (
    ("accept", "&Accept", "A"),
    ("reject", "&Reject…", "R"),
    ("dispute", "&Dispute…", "D"),
    ("correct", "&Correct…", "C"),
    ("comment", "Co&mment…", "M"),
    ("history", "&History", "H"),
)


_ROOT = QModelIndex()


class QueuedClaims(Sequence):
    """The queue as a list of claims read a page at a time, as rows are looked at.

    A queue can hold most of a big project's claims (100,000): their ids are read at once
    (a tenth of a second), the claims themselves only for the rows shown or chosen.
    """

    PAGE = 200

    def __init__(self, claims_store=None, ids: list[str] | None = None):
        self._store, self.ids = claims_store, ids or []
        self._read: dict[str, Claim] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, row):
        if isinstance(row, slice):
            return [self[i] for i in range(*row.indices(len(self)))]
        claim_id = self.ids[row]
        if claim_id not in self._read:
            start = (row % len(self) if row < 0 else row) // self.PAGE * self.PAGE
            page = self._store.get_many(self.ids[start : start + self.PAGE])
            self._read.update((claim.id, claim) for claim in page)
        return self._read[claim_id]  # KeyError only if deleted since the queue was read

    def get(self, row: int) -> Claim | None:
        """The claim at `row`, or None past the end or when it was deleted since the queue was read."""
        if not 0 <= row < len(self.ids):
            return None
        try:
            return self[row]
        except (KeyError, ConnectionLost):  # a page not read yet while the team project is out of reach
            return None


class QueueModel(QAbstractTableModel):
    """The queue's rows; the Qt adapter over `QueuedClaims`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.claims = QueuedClaims()
        self._scale = None

    def set_queue(self, claims: QueuedClaims, scale) -> None:
        self.beginResetModel()
        self.claims, self._scale = claims, scale
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self.claims)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) or not index.isValid():
            return None
        claim = self.claims.get(index.row())
        if claim is None:
            return "(deleted)" if role == Qt.ItemDataRole.DisplayRole and index.column() == 1 else None
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            return plain_tooltip(claim.quote)
        return self._cell(claim, index.column())

    def _cell(self, claim: Claim, column: int) -> str:
        if column == 0:
            return claim.annotator
        if column == 1:
            return " ".join(claim.quote.split())
        if column == 2:
            return claim.speaker or "—"
        if column == 3:
            return claim.figure.text or display_number(claim.figure.value, missing="no figure")
        return self._scale.label_for(claim.confidence)


class ReviewPanel(QWidget):
    """The queue, the current claim's thread, and the decision buttons."""

    claim_chosen = Signal(str, str)  # article id, claim id

    def __init__(self, workspace, parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self._stale = True
        self.title = QLabel(objectName="reviewTitle")
        self.model = QueueModel(self)
        self.table = QTableView(objectName="reviewQueue")
        self.table.setModel(self.model)
        fit_columns(self.table)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(
            1, self.table.horizontalHeader().ResizeMode.Stretch
        )
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _: self._show_current(current.row())
        )
        self.thread = QLabel(objectName="reviewThread", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.thread.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.thread.setMinimumHeight(self.thread.fontMetrics().lineSpacing() * 3 + 4)  # claim, one event
        self.buttons = QHBoxLayout()
        self.actions: dict[str, QAction] = {}
        self.decision_buttons: dict[str, QPushButton] = {}
        for name, text, key in KEYS:
            self._add_action(name, text, key)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.buttons)
        layout.addWidget(self.thread)
        workspace.changed.connect(self._project_changed)
        workspace.project_replaced.connect(self.refresh_if_shown)
        workspace.user_changed.connect(lambda _name: self.refresh_if_shown())
        # Filled when first shown: the queue can hold most of a big project's claims, and
        # opening a project does nothing proportional to its size before the window paints.
        self._stale = True

    def _project_changed(self, change) -> None:
        if change.reviews or change.people or change.everything:
            self.refresh_if_shown(quietly=change.external)

    def refresh_if_shown(self, *, quietly: bool = False) -> None:
        """Reload now when the queue is on screen, else when it is next shown."""
        if self.isVisible():
            self.refresh(quietly=quietly)
        else:
            self._stale = True

    def refresh_if_stale(self) -> None:
        """Reload unless the queue was read since the project last changed."""
        if self._stale:
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.refresh_if_stale()

    def _add_action(self, name: str, text: str, key: str) -> None:
        action = QAction(text.replace("&", ""), self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False, n=name: self.act(n))
        self.addAction(action)
        self.actions[name] = action
        button = QPushButton(f"{text.replace('&', '')}  [{key}]", objectName=f"review-{name}")
        button.setToolTip(f"{text.replace('&', '').rstrip('…')} ({key})")
        button.clicked.connect(lambda _checked=False, n=name: self.act(n))
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.buttons.addWidget(button)
        self.decision_buttons[name] = button

    # -- the queue -----------------------------------------------------------------------

    def refresh(self, *, quietly: bool = False) -> None:
        """Reload the queue, keeping the current claim (or the one after it) selected.

        :param quietly: a colleague's change: the text follows only if the current claim left
            the queue, so the reader keeps their place
        """
        current = self.current()
        keep_row = self.current_row()
        project = self.workspace.project
        try:
            ids = project.reviews.queue_ids(reviewer=self.workspace.user)
            scale = project.settings.confidence_scale()
        except ConnectionLost:
            self._stale = True  # read when it is next shown or changed
            self.title.setText(escape(cannot_read("the review queue cannot be read again")))
            return
        self._stale = False
        self.model.set_queue(QueuedClaims(project.claims, ids), scale)
        self.title.setText(
            f"<b>Review queue</b> — {len(self.claims)} claim(s) by colleagues await "
            f"{escape(self.workspace.user)}"
        )
        row = ids.index(current.id) if current and current.id in ids else min(max(keep_row, 0), len(ids) - 1)
        stays = quietly and current is not None and current.id in ids
        if ids and stays:
            self._select_row_quietly(row)
        elif ids:
            self.select_row(row)
        self._show_current(row if ids else -1, follow=not stays)

    @property
    def claims(self) -> QueuedClaims:
        """The queue, in reading order."""
        return self.model.claims

    def current_row(self) -> int:
        return self.table.currentIndex().row()

    def select_row(self, row: int) -> None:
        """Make a queue row current (the text follows it)."""
        self.table.setCurrentIndex(self.model.index(row, 1))

    def current(self) -> Claim | None:
        row = self.current_row()
        return self.claims.get(row)

    def _select_row_quietly(self, row: int) -> None:
        blocked = self.table.selectionModel().blockSignals(True)
        self.select_row(row)
        self.table.selectionModel().blockSignals(blocked)

    def _show_current(self, row: int, *, follow: bool = True) -> None:
        claim = self.claims.get(row)
        for control in (*self.actions.values(), *self.decision_buttons.values()):
            control.setEnabled(claim is not None)  # nothing to decide on an empty queue
        if claim is None:
            self.thread.setText("<i>Nothing awaits your review.</i>")
            return
        try:
            self.thread.setText(thread_html(self.workspace.project, claim))
        except ConnectionLost:
            self.thread.setText(escape(cannot_read("this claim's thread cannot be read")))
        if follow:
            self.claim_chosen.emit(claim.article_id, claim.id)

    # -- decisions -----------------------------------------------------------------------

    def act(self, name: str) -> None:
        """Run one review action on the current claim (asking for words where needed)."""
        claim = self.current()
        if claim is None:
            return
        if name == "history":
            entries = self.workspace.project.log.claim_history(claim.id)
            HistoryDialog.ask(self, entries, title=f"History of “{claim.quote[:40]}”")
            return
        kwargs = self._ask(name, claim)
        if kwargs is None:
            return
        try:
            if name == "comment":
                review_commands.comment(self.workspace, claim.id, kwargs["body"])
            else:
                review_commands.review(self.workspace, name, claim.id, **kwargs)
        except AnnotatorError as error:
            self.workspace.report_error(str(error))
        self.table.setFocus()

    def _ask(self, name: str, claim: Claim) -> dict | None:
        if name == "accept":
            return {}
        if name == "reject":
            reason = ReasonDialog.ask(self, title="Reject claim", prompt="Why is this claim rejected?")
            return None if reason is None else {"reason": reason}
        if name == "dispute":
            text = ReasonDialog.ask(self, title="Dispute claim", prompt="What should the annotator check?")
            return None if text is None else {"comment": text}
        if name == "comment":
            text = ReasonDialog.ask(self, title="Comment", prompt="Your comment on this claim")
            return None if text is None else {"body": text}
        project = self.workspace.project
        answer = CorrectionDialog.ask(
            self,
            claim,
            speakers=[s.name for s in project.speakers.all()],
            scale=project.settings.confidence_scale(),
        )
        if answer is None:
            return None
        changes, why = answer
        return {**changes, "comment": why}


def thread_html(project, claim: Claim) -> str:
    """The claim, its reviews and its comments, as a short conversation."""
    scale = project.settings.confidence_scale()
    reviews = project.reviews.of_claim(claim.id)
    corrected = frozenset({claim.id} if any(r.corrected_claim_id for r in reviews) else ())
    lines = [
        f"<b>“{escape(claim.quote)}”</b><br>"
        f"{escape(claim.annotator)} · {escape(claim.speaker or 'no speaker')} · "
        f"{escape(claim.figure.text or display_number(claim.figure.value, missing='no figure'))} · "
        f"{escape(scale.label_for(claim.confidence) or 'confidence not set')} · "
        f"{escape(shown_status(claim, corrected))}"
    ]
    events = [
        (r.created_at, f"<b>{escape(r.reviewer)}</b> {escape(r.decision)}", r.comment)
        for r in reviews
    ]
    events += [
        (c.created_at, f"<b>{escape(c.author)}</b>", c.body) for c in project.reviews.comments_of(claim.id)
    ]
    grey = QColor("#666666").name()
    for at, who, text in sorted(events):
        stamp = f'<span style="color:{grey}">{escape(at[:16].replace("T", " "))}</span>'
        lines.append(f"{stamp} {who}{': ' + escape(text) if text else ''}")
    for conflict in project.conflicts.of_claim(claim.id):
        if conflict.resolved_at is None:
            warning = escape(conflict_text(conflict, claim))
            lines.append(f'<span style="color:#b35c00"><b>Merge conflict:</b> {warning}</span>')
    if len(lines) == 1:
        lines.append(f'<span style="color:{grey}">No reviews or comments yet.</span>')
    return "<br>".join(lines)


def conflict_text(conflict, claim: Claim) -> str:
    """What a merge conflict means for this claim, in words."""
    source = f" (from {conflict.source})" if conflict.source else ""
    if conflict.kind == "refused":
        return f"a merge refused a change to this claim: {escape(conflict.reason)}{source}"
    if conflict.kind == "deleted" and conflict.other_claim_id is None:
        return f"the other project deleted this claim after it was changed here{source}"
    if conflict.kind == "deleted":
        return f"this version was changed in another project after this project deleted it{source}"
    if claim.id == conflict.other_claim_id:
        return (
            f"this is another project's version of a claim edited on both sides{source}; compare and keep one"
        )
    return f"another project edited this claim too; its version is kept beside this one{source}"
