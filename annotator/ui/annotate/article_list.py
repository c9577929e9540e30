"""The article list: full-text search, sortable columns, status and claim counts."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.model import ArticleSummary
from annotator.ui.column_menu import offer_column_choice
from annotator.ui.plain import plain_tooltip

COLUMNS = ("Title", "Outlet", "Date", "Claims", "Status")
SHORT_STATUS = {"not started": "new", "in progress": "started", "done": "done", "reviewed": "reviewed"}
STATUS_COLOURS = {
    "not started": "#8c8c8c",
    "in progress": "#b8860b",
    "done": "#2e7d32",
    "reviewed": "#1565c0",
}
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 2
HIDDEN_AT_FIRST = (1, 2)  # outlet and date show under the title; right-click the header for columns
_ROOT = QModelIndex()


class ArticlesModel(QAbstractTableModel):
    """Adapter over a list of ArticleSummary."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[ArticleSummary | None] = []
        self.unread = 0  # rows shown blank until `fill_in` (see `set_partly`)

    def set_summaries(self, summaries: list[ArticleSummary]) -> None:
        self.beginResetModel()
        self._rows = list(summaries)
        self.unread = 0
        self.endResetModel()

    def set_partly(self, total: int, first_row: int, summaries: list[ArticleSummary]) -> None:
        """`total` rows, of which only `summaries` from `first_row` on are read yet: the list has
        its full length at once, the other rows stay blank until `fill_in`."""
        self.beginResetModel()
        self._rows = [None] * total
        self._rows[first_row : first_row + len(summaries)] = summaries
        self.unread = total - len(summaries)
        self.endResetModel()

    def fill_in(self, summaries: list[ArticleSummary]) -> bool:
        """Fill in the rows `set_partly` left blank, in place (the selection and the scrolling stay);
        False, changing nothing, when `summaries` is not the same list."""
        read = ((row, item) for row, item in enumerate(self._rows) if item is not None)
        if len(summaries) != len(self._rows) or any(summaries[row].id != item.id for row, item in read):
            return False
        self._rows = list(summaries)
        self.unread = 0
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))
        return True

    def update_summary(self, summary: ArticleSummary) -> None:
        """Replace one row in place (claim count or status changed)."""
        row = self.row_of(summary.id)
        if row >= 0:
            self._rows[row] = summary
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def summary(self, row: int) -> ArticleSummary:
        return self._rows[row]

    def row_of(self, article_id: str) -> int:
        return next(
            (row for row, item in enumerate(self._rows) if item is not None and item.id == article_id), -1
        )

    def ids(self) -> list[str]:
        return [item.id for item in self._rows]

    def rowCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=_ROOT) -> int:  # noqa: N802 (Qt override)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return "#" if COLUMNS[section] == "Claims" else COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return COLUMNS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        if item is None:  # not read yet (`set_partly`)
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            status = (
                SHORT_STATUS.get(item.status, item.status)
                if role == Qt.ItemDataRole.DisplayRole
                else item.status
            )
            values = (item.title or "(untitled)", item.outlet, item.published, item.claim_count, status)
            return values[column]
        if role == SUBTITLE_ROLE and column == 0:
            return " · ".join(part for part in (item.outlet, item.published) if part)
        if role == Qt.ItemDataRole.ToolTipRole:
            details = f"{item.outlet} · {item.published} · {item.claim_count} claim(s) · {item.status}"
            return plain_tooltip(f"{item.title}\n{details}")
        if role == Qt.ItemDataRole.ForegroundRole and column == 4:
            return QColor(STATUS_COLOURS.get(item.status, "#000000"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class TitleDelegate(QStyledItemDelegate):
    """The title on one line and "outlet · date" in grey under it."""

    def paint(self, painter, option, index) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option_text, option.text = option.text, ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        rect = option.rect.adjusted(6, 3, -4, -3)
        selected = option.state & QStyle.StateFlag.State_Selected
        title_font = QFont(option.font)
        title_font.setWeight(QFont.Weight.DemiBold)
        painter.save()
        painter.setFont(title_font)
        painter.setPen(
            option.palette.highlightedText().color() if selected else option.palette.text().color()
        )
        half = rect.height() // 2
        top = rect.adjusted(0, 0, 0, -half)
        elided = painter.fontMetrics().elidedText(option_text, Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
        painter.setFont(option.font)
        painter.setPen(option.palette.highlightedText().color() if selected else QColor("#6b6b6b"))
        subtitle = painter.fontMetrics().elidedText(
            index.data(SUBTITLE_ROLE) or "", Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(
            rect.adjusted(0, half, 0, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, subtitle
        )
        painter.restore()


class ArticleList(QWidget):
    """Search box above a sortable table of articles."""

    article_chosen = Signal(str)
    search_changed = Signal(str)
    edit_requested = Signal(str)  # an article's details: Enter or the context menu

    def __init__(self, parent=None):
        super().__init__(parent)
        self.search = QLineEdit(placeholderText="Search titles and text…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.model = ArticlesModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("articleTable")
        self.table.setModel(self.proxy)
        self._set_up_table()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(lambda: self.search_changed.emit(self.search.text()))
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self._announce = True  # False while the window itself selects a row (select(emit=False))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self._offer_editing()

    def _offer_editing(self) -> None:
        """Enter on a row, or its context menu, asks to edit that article's details."""
        edit = QAction(self.table, text="Edit article &details…")  # no QIcon class: see add_action
        edit.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        edit.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        edit.triggered.connect(self._edit_current)
        self.table.addAction(edit)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def _edit_current(self) -> None:
        current = self.table.currentIndex()
        if current.isValid():
            self.edit_requested.emit(self.model.summary(self.proxy.mapToSource(current).row()).id)

    def _set_up_table(self) -> None:
        table = self.table
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setSortingEnabled(True)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(36)
        for column, width in enumerate((0, 92, 84, 34, 62)):
            if width:
                table.setColumnWidth(column, width)
        for column in HIDDEN_AT_FIRST:
            table.setColumnHidden(column, True)
        table.setItemDelegateForColumn(0, TitleDelegate(table))
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() * 2 + 12)
        offer_column_choice(table, COLUMNS)

    def set_summaries(self, summaries: list[ArticleSummary], *, keep: str | None = None) -> None:
        """Show these articles, keeping `keep` selected when it is among them."""
        blocker = self.table.selectionModel().blockSignals(True)
        self.model.set_summaries(summaries)
        self.table.selectionModel().blockSignals(blocker)
        if keep:
            self.select(keep, emit=False)

    def show_partly(self, total: int, first_row: int, summaries: list[ArticleSummary]) -> None:
        """Show a list of `total` articles of which only these, from `first_row` on, are read yet."""
        blocker = self.table.selectionModel().blockSignals(True)
        self.model.set_partly(total, first_row, summaries)
        self.table.selectionModel().blockSignals(blocker)

    def fill_in(self, summaries: list[ArticleSummary], *, keep: str | None = None) -> None:
        """The whole list for one `show_partly` began: in place when it is the same articles."""
        if not self.model.fill_in(summaries):
            self.set_summaries(summaries, keep=keep)

    def select(self, article_id: str, *, emit: bool = True) -> None:
        row = self.model.row_of(article_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        # Blocking the selection model's signals kept the view from repainting (and from
        # clearing) the old row: after Ctrl+Down two rows looked selected. Mute only our signal.
        self._announce = emit
        try:
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.table.selectionModel().setCurrentIndex(index, flags)
        finally:
            self._announce = True
        self.table.scrollTo(index)

    def visible_ids(self) -> list[str]:
        """Article ids in the order shown (after sorting)."""
        return [
            self.model.summary(self.proxy.mapToSource(self.proxy.index(row, 0)).row()).id
            for row in range(self.proxy.rowCount())
        ]

    def _current_changed(self, current, _previous) -> None:
        if current.isValid() and self._announce:
            self.article_chosen.emit(self.model.summary(self.proxy.mapToSource(current).row()).id)
