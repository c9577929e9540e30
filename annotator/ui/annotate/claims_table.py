"""The table of the open article's claims: a Qt model adapter and a sort/filter proxy."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

from annotator.core.annotating import corrected_ids, shown_status
from annotator.core.formatting import display_number
from annotator.core.model import Claim
from annotator.core.waiting_claims import WAITING, Drawn
from annotator.ui.column_menu import offer_column_choice
from annotator.ui.plain import plain_tooltip

COLUMNS = ("Quote", "Speaker", "Figure", "Measure", "Confidence", "Annotator", "Status")
CLAIM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
HIDDEN_AT_FIRST = (3, 5)  # Measure, Annotator: right-click the header to show them
STATUS_COLUMN = COLUMNS.index("Status")
TO_BE_SENT = WAITING.removeprefix("waiting")  # " to be sent": said in the tooltip, not the column
WIDTHS = (0, 104, 78, 84, 76, 64, 78)  # 0: the quote takes what is left
QUOTE_AT_LEAST = 64  # px the quote keeps when the status column widens (whole in its tooltip)
_ROOT = QModelIndex()


def figure_summary(claim: Claim) -> str:
    """The figure as the table shows it: its own words, else its number or range."""
    figure = claim.figure
    if figure.text:
        return figure.text
    if figure.low is not None or figure.high is not None:
        return f"{display_number(figure.low)}–{display_number(figure.high)}"
    return display_number(figure.value)


class ClaimsModel(QAbstractTableModel):
    """Adapter over a list of claims; rows change only through the methods below.

    The rows are the stored claims as `overlay` shows them: on a team project whose connection
    was lost, with the actions still waiting to be sent (core/waiting_claims); `reshow` after
    what waits changed. Without an overlay (or nothing waiting) the rows are the stored claims."""

    def __init__(self, parent=None, *, confidence_label=lambda code: code, colour_of=None):
        super().__init__(parent)
        self._stored: list[Claim] = []
        self._claims: list[Claim] = []  # the rows: the stored claims as the overlay draws them
        self._waiting: dict[str, str] = {}  # claim id -> its status while an action for it waits
        self._corrected: frozenset[str] = frozenset()  # kept with the rows: read on every paint
        self.confidence_label = confidence_label
        self.colour_of = colour_of
        self.overlay: Callable[[list[Claim]], Drawn] | None = None

    def set_claims(self, claims: list[Claim]) -> None:
        self._stored = list(claims)
        self.reshow()

    def add_claim(self, claim: Claim) -> None:
        self._stored.append(claim)
        drawn, row = self._drawn(), len(self._claims)
        if _ids(drawn.claims) != [*_ids(self._claims), claim.id]:
            self._reset_to(drawn)  # what waits hides it, or adds to it
            return
        self.beginInsertRows(QModelIndex(), row, row)
        self._take(drawn)
        self.endInsertRows()

    def replace_claim(self, claim: Claim) -> None:
        """The stored claim as it is now (a waiting creation just sent joins the stored ones)."""
        at = next((n for n, stored in enumerate(self._stored) if stored.id == claim.id), -1)
        if at < 0 and claim.id not in self._waiting:
            return
        if at < 0:
            self._stored.append(claim)
        else:
            self._stored[at] = claim
        drawn, row = self._drawn(), self.row_of(claim.id)
        if _ids(drawn.claims) != _ids(self._claims):
            self._reset_to(drawn)
            return
        self._take(drawn)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def remove_claim(self, claim_id: str) -> None:
        self._stored = [claim for claim in self._stored if claim.id != claim_id]
        drawn, row = self._drawn(), self.row_of(claim_id)
        if row < 0 or _ids(drawn.claims) != [i for i in _ids(self._claims) if i != claim_id]:
            self._reset_to(drawn)
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        self._take(drawn)
        self.endRemoveRows()

    def reshow(self) -> None:
        """Draw the stored claims again through the overlay (what waits to be sent changed)."""
        self._reset_to(self._drawn())

    def _drawn(self) -> Drawn:
        return self.overlay(self._stored) if self.overlay is not None else Drawn(list(self._stored))

    def _reset_to(self, drawn: Drawn) -> None:
        self.beginResetModel()
        self._take(drawn)
        self.endResetModel()

    def _take(self, drawn: Drawn) -> None:
        self._claims, self._waiting = list(drawn.claims), dict(drawn.waiting)
        self._corrected = corrected_ids(self._claims)

    def refresh(self) -> None:
        """Everything may look different (colours, labels): repaint all rows."""
        if self._claims:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._claims) - 1, len(COLUMNS) - 1))

    def claims(self) -> list[Claim]:
        return list(self._claims)

    def waiting_ids(self) -> frozenset[str]:
        """The claims shown as an action still waiting to be sent leaves them."""
        return frozenset(self._waiting)

    def status_of(self, claim: Claim) -> str:
        """The status as shown: "corrected" for an original one of these claims corrects;
        "accepted — waiting to be sent" while the action that makes it so waits."""
        return self._waiting.get(claim.id) or shown_status(claim, self._corrected)

    def claim(self, row: int) -> Claim:
        return self._claims[row]

    def row_of(self, claim_id: str) -> int:
        return next((row for row, claim in enumerate(self._claims) if claim.id == claim_id), -1)

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self._claims)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._claims)):
            return None
        claim = self._claims[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(claim, index.column())
        if role == SORT_ROLE:
            return self._sort_key(claim, index.column())
        if role == CLAIM_ID_ROLE:
            return claim.id
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return plain_tooltip(claim.quote)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == STATUS_COLUMN:
            return self.status_of(claim)
        if role == Qt.ItemDataRole.FontRole and claim.id in self._waiting:
            return _italic()
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0 and self.colour_of:
            return QColor(self.colour_of(claim))
        return None

    def _display(self, claim: Claim, column: int) -> str:
        values = (
            " ".join(claim.quote.split()),
            claim.speaker or "",
            figure_summary(claim),
            claim.figure.measure,
            self.confidence_label(claim.confidence) if claim.confidence else "",
            claim.annotator,
            self._short_status(claim),
        )
        return values[column]

    def _short_status(self, claim: Claim) -> str:
        """The status column's words: "accepted — waiting" for "accepted — waiting to be sent"
        (the column is narrow; its tooltip and the form say it whole)."""
        return self.status_of(claim).removesuffix(TO_BE_SENT)

    def _sort_key(self, claim: Claim, column: int):
        if column == 0:
            return claim.start
        if column == 2:
            figure = claim.figure
            number = figure.value if figure.value is not None else figure.low
            return float(number) if number is not None else -1e300
        return self._display(claim, column).casefold()


def _italic() -> QFont:
    font = QFont()
    font.setItalic(True)
    return font


def _ids(claims: list[Claim]) -> list[str]:
    return [claim.id for claim in claims]


class ClaimsProxy(QSortFilterProxyModel):
    """Sorts by the model's sort keys and filters on every visible column."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)


class ClaimsTable(QWidget):
    """Filter box above the sortable table; emits the claim the user picked."""

    claim_chosen = Signal(str)

    def __init__(self, model: ClaimsModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.proxy = ClaimsProxy(self)
        self.proxy.setSourceModel(model)
        self.filter = QLineEdit(placeholderText="Filter claims…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setObjectName("claimsTable")
        self.table.setModel(self.proxy)
        self._set_up_table()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self._status_widened = False
        model.modelReset.connect(self._fit_status)

    def _set_up_table(self) -> None:
        table = self.table
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Rows come in text order; sorting (5,000 rows) waits until a header is clicked.
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        table.horizontalHeader().setSortIndicatorShown(False)
        table.horizontalHeader().sortIndicatorChanged.connect(
            lambda *_: table.horizontalHeader().setSortIndicatorShown(True)
        )
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        for column, width in enumerate(WIDTHS):
            if width:
                table.setColumnWidth(column, width)
        for column in HIDDEN_AT_FIRST:
            table.setColumnHidden(column, True)
        offer_column_choice(table, COLUMNS)

    def _fit_status(self) -> None:
        """While claims wait to be sent their status is longer ("accepted — waiting"): the column
        widens to show it as far as the quotes keep a few words, and narrows again once nothing
        waits."""
        if self.model.waiting_ids():
            table, header = self.table, self.table.horizontalHeader()
            others = sum(
                table.columnWidth(n)
                for n in range(1, len(COLUMNS))
                if n != STATUS_COLUMN and not table.isColumnHidden(n)
            )
            room = table.viewport().width() - others - QUOTE_AT_LEAST
            wanted = max(header.sectionSizeHint(STATUS_COLUMN), table.sizeHintForColumn(STATUS_COLUMN))
            table.setColumnWidth(STATUS_COLUMN, max(WIDTHS[STATUS_COLUMN], min(wanted, room)))
            self._status_widened = True
        elif self._status_widened:
            self.table.setColumnWidth(STATUS_COLUMN, WIDTHS[STATUS_COLUMN])
            self._status_widened = False

    def select(self, claim_id: str | None) -> None:
        """Make `claim_id` the current row (None clears) without emitting claim_chosen."""
        selection = self.table.selectionModel()
        blocked = selection.blockSignals(True)
        row = self.model.row_of(claim_id) if claim_id else -1
        if row < 0:
            self.table.clearSelection()
            self.table.setCurrentIndex(QModelIndex())
        else:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
        selection.blockSignals(blocked)
        self.table.viewport().update()

    def current_claim_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(CLAIM_ID_ROLE) if index.isValid() else None

    def _current_changed(self, current, _previous) -> None:
        if current.isValid():
            self.claim_chosen.emit(current.data(CLAIM_ID_ROLE))
