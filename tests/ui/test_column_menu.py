"""The header's right-click menu shows and hides columns, never the first."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QMenu, QTableView

from annotator.ui import column_menu


def test_unticking_a_column_in_the_header_menu_hides_it(qtbot):
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(QStandardItemModel(2, 3, table))
    column_menu.offer_column_choice(table, ("Quote", "Speaker", "Figure"))
    assert table.horizontalHeader().contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    offered = []

    def untick_figure():
        menu = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible())
        offered.extend(action.text() for action in menu.actions())
        menu.actions()[1].setChecked(False)
        menu.close()

    QTimer.singleShot(0, untick_figure)
    column_menu._choose_columns(table, ("Quote", "Speaker", "Figure"), table.rect().center())
    assert offered == ["Speaker", "Figure"]
    assert table.isColumnHidden(2) and not table.isColumnHidden(1)
