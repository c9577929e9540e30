"""PySide6 6.12.0 on Python 3.11 dropped a reference to None on every void Qt call."""

import sys

from PySide6.QtGui import QTextCursor, QTextDocument


def test_void_qt_calls_keep_the_reference_count_of_none(qapp):
    document = QTextDocument("x" * 100)
    cursor = QTextCursor(document)
    before = sys.getrefcount(None)
    for index in range(20_000):
        cursor.setPosition(index % 100)
    assert sys.getrefcount(None) >= before
