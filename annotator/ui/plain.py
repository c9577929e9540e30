"""Imported text shown exactly as it is: Qt guesses rich text from a leading tag; these never let it.

Labels, message boxes and tooltips in Qt treat text that looks like HTML as HTML, so a crafted
title could draw a banner, an image or a link. Everything an article, a file or a colleague's
project brought in goes through these helpers (docs/security.md says what is guaranteed).
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from annotator.core.formatting import is_web_link


def plain_label(text: str = "", **properties) -> QLabel:
    """A label that shows `text` character for character, never as rich text."""
    label = QLabel(**properties)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def plain_tooltip(text: str) -> str:
    """What to give `setToolTip` so that the tooltip shows exactly `text`.

    Tooltips have no text format: Qt renders them as HTML when they look like it, so such
    text is handed over escaped (line breaks kept).
    """
    if not Qt.mightBeRichText(text):
        return text
    return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


def link_html(url: str) -> str:
    """Rich text for an address: a link showing the whole URL when it is http(s), else plain text."""
    shown = escape(url)
    return f'<a href="{escape(url, quote=True)}">{shown}</a>' if is_web_link(url) else shown


def message_box(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    icon: QMessageBox.Icon = QMessageBox.Icon.Warning,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
) -> QMessageBox:
    """A message box whose text is plain, for messages that quote names, titles or paths."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def show_plain_message(parent: QWidget | None, title: str, text: str, **kwargs) -> QMessageBox.StandardButton:
    """Show `message_box(...)` modally; return the button pressed."""
    return QMessageBox.StandardButton(message_box(parent, title, text, **kwargs).exec())


def menu_text(text: str) -> str:
    """Text for a menu entry or action that shows `text` as written: a lone `&` would mark
    the next letter as the shortcut and vanish ("R&D" shown as "RD")."""
    return text.replace("&", "&&")
