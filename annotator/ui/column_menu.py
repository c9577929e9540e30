"""Right-click a table's header to show or hide its columns (the first one always stays)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QTableView


def offer_column_choice(table: QTableView, columns: tuple[str, ...]) -> None:
    """Let the header's context menu toggle every column but the first."""
    header = table.horizontalHeader()
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header.customContextMenuRequested.connect(lambda position: _choose_columns(table, columns, position))


def _choose_columns(table: QTableView, columns: tuple[str, ...], position) -> None:
    menu = QMenu(table)
    for column, name in enumerate(columns[1:], start=1):
        action = menu.addAction(name)
        action.setCheckable(True)
        action.setChecked(not table.isColumnHidden(column))
        action.toggled.connect(lambda shown, column=column: table.setColumnHidden(column, not shown))
    menu.exec(table.horizontalHeader().mapToGlobal(position))
