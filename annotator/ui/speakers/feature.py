"""The Speakers window of a main window: its dialog is in dialog.py, its commands in commands.py."""

from __future__ import annotations

from annotator.core.errors import AnnotatorError
from annotator.ui import undo
from annotator.ui.speakers import commands
from annotator.ui.speakers.dialog import SpeakersDialog


class SpeakersFeature:
    """The Speakers window of one main window; every action is a command on the undo history."""

    def __init__(self, window):
        self.window = window
        self.workspace = window.workspace
        self.dialog = SpeakersDialog(window.dialog_parent())
        connections = (
            (self.dialog.add_requested, lambda name, kind: undo.AddSpeaker(self.workspace, name, type=kind)),
            (self.dialog.rename_requested, lambda old, new: commands.RenameSpeaker(self.workspace, old, new)),
            (
                self.dialog.merge_requested,
                lambda gone, kept: commands.MergeSpeakers(self.workspace, gone, kept),
            ),
            (
                self.dialog.type_requested,
                lambda name, kind: commands.SetSpeakerType(self.workspace, name, kind),
            ),
            (
                self.dialog.alias_add_requested,
                lambda name, alias: commands.AddAlias(self.workspace, name, alias),
            ),
            (self.dialog.alias_remove_requested, lambda alias: commands.RemoveAlias(self.workspace, alias)),
        )
        for signal, build in connections:
            signal.connect(lambda *args, build=build: self.perform(build(*args)))
        window.subscribe(self._project_changed)

    def _project_changed(self, change) -> None:
        if self.dialog.isVisible() and (change.speakers or change.claims() or change.everything):
            self.refresh()

    def show(self) -> None:
        """Open the Speakers window (it stays open beside the text)."""
        self.refresh()
        self.dialog.show_error("")
        self.dialog.show()
        self.dialog.raise_()

    def refresh(self) -> None:
        speakers = self.workspace.project.speakers
        self.dialog.show_speakers(speakers.all(), speakers.claim_counts())

    def perform(self, command) -> bool:
        """Run an action from the window; a refusal shows under its table and changes nothing."""
        try:
            undo.perform(self.workspace, command)
        except AnnotatorError as error:
            self.dialog.show_error(str(error))
            return False
        self.dialog.show_error("")
        return True


def install(window) -> SpeakersFeature:
    """Give a window Edit → Speakers… (Ctrl+Shift+K); findable as `window.feature("speakers")`."""
    feature = SpeakersFeature(window)
    window.add_action("Edit", "speakers", "Spea&kers…", feature.show, shortcut="Ctrl+Shift+K")
    window.register_feature("speakers", feature)
    return feature
