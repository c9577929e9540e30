"""Layers: whose claims the text shows — mine, one colleague's, everyone's, or the adjudicated
set (accepted claims) — coloured by annotator when several people's claims are shown."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from annotator.core.annotating import may_change
from annotator.core.model import Claim
from annotator.ui import preferences
from annotator.ui.plain import menu_text

ADJUDICATED = ("accepted",)
LAYER_SETTING = "view/layer"


def layer_filter(layer: str, *, me: str):
    """The claim filter of a layer: 'mine', 'everyone', 'adjudicated' or 'person:NAME'."""
    if layer == "mine":
        return lambda claim: may_change(claim, me)
    if layer == "adjudicated":
        return lambda claim: claim.status in ADJUDICATED
    if layer.startswith("person:"):
        name = layer.split(":", 1)[1]
        return lambda claim: claim.annotator == name
    return None


class Layers:
    """The View → Layer menu and what it does to the window."""

    def __init__(self, window):
        self.window = window
        self.layer = "everyone"
        self.menu = QMenu("&Layer", window.dialog_parent())
        self.menu.aboutToShow.connect(self._fill)
        window.add_submenu("View", self.menu)
        window.workspace.user_changed.connect(lambda _name: self.show(self.layer))
        remembered = str(preferences.ui_settings().value(LAYER_SETTING, "") or "")
        if remembered and remembered != self.layer and _known(remembered, window):
            QTimer.singleShot(0, lambda: self.show(remembered))  # once the window has its project

    def _fill(self) -> None:
        self.menu.clear()
        group = QActionGroup(self.menu)
        me = self.window.workspace.user
        choices = [
            ("mine", f"&My claims ({menu_text(me)})"),
            ("everyone", "&Everyone's claims"),
            ("adjudicated", "&Adjudicated (accepted) claims"),
        ]
        people = self.window.workspace.project.people.names()
        choices += [(f"person:{name}", menu_text(name)) for name in people if name != me]
        for index, (layer, text) in enumerate(choices):
            if index == 3:
                self.menu.addSection("One colleague")
            action = QAction(text, self.menu, checkable=True, checked=layer == self.layer)
            action.triggered.connect(lambda _checked=False, chosen=layer: self.show(chosen))
            group.addAction(action)
            self.menu.addAction(action)

    def show(self, layer: str) -> None:
        """Switch layer; several people's claims are coloured by annotator, one person's by speaker."""
        window = self.window
        self.layer = layer
        several = layer in ("everyone", "adjudicated")
        if several and window.colour_mode != "annotator":
            window.set_colour_mode("annotator")
        elif not several and window.colour_mode == "annotator":
            window.set_colour_mode("speaker")
        window.set_claim_filter(layer_filter(layer, me=window.workspace.user))
        preferences.ui_settings().setValue(LAYER_SETTING, layer)  # the same layer after a restart
        window.show_message(f"Showing {self.describe()}")

    def describe(self) -> str:
        if self.layer.startswith("person:"):
            return f"{self.layer.split(':', 1)[1]}'s claims"
        return {"mine": "my claims", "everyone": "everyone's claims", "adjudicated": "adjudicated claims"}[
            self.layer
        ]


def visible(claims: list[Claim], layer: str, *, me: str) -> list[Claim]:
    """The claims a layer shows (for tests and exports of what is on screen)."""
    keep = layer_filter(layer, me=me)
    return claims if keep is None else [c for c in claims if keep(c)]


def _known(layer: str, window) -> bool:
    """A remembered layer still makes sense: a fixed one, or a colleague still in the project."""
    if layer in ("mine", "everyone", "adjudicated"):
        return True
    return layer.startswith("person:") and layer.split(":", 1)[1] in window.workspace.project.people.names()
