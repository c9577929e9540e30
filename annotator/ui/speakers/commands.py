"""Managing the speaker registry, each action a pair of core calls on the undo base.

Renames and merges change the speaker of claims (the core moves them), so they announce
`everything`; types and aliases only change what the registry offers.
"""

from __future__ import annotations

from annotator.ui.undo import Change, ProjectCommand

REGISTRY = Change(speakers=True)
CLAIMS_TOO = Change(speakers=True, everything=True)


class RenameSpeaker(ProjectCommand):
    """Give a speaker a new name (the old one stays an alias); undo gives the old name back."""

    def __init__(self, workspace, old: str, new: str):
        super().__init__(workspace, f"Rename speaker “{old}” to “{new}”")
        self.old, self.new = old, new
        self.old_aliases: tuple[str, ...] = ()

    def first_run(self) -> Change | None:
        speaker = self.project.speakers.get(self.old)
        self.old, self.old_aliases = speaker.name, speaker.aliases
        if " ".join(self.new.split()) == speaker.name:
            return None
        self.new = self.project.speakers.rename(self.old, self.new, by=self.by).name
        return CLAIMS_TOO

    def do(self) -> Change:
        self.project.speakers.rename(self.old, self.new, by=self.by)
        return CLAIMS_TOO

    def undo_change(self) -> Change:
        speakers = self.project.speakers
        with self.project.transaction():
            speakers.rename(self.new, self.old, by=self.by, keep_alias=False)
            if self.new in self.old_aliases:  # renamed to one of its aliases: that alias comes back
                speakers.add_alias(self.old, self.new, by=self.by)
        return CLAIMS_TOO


class MergeSpeakers(ProjectCommand):
    """Fold one speaker into the one kept (claims and aliases follow); undo is the core's unmerge."""

    def __init__(self, workspace, source: str, into: str):
        super().__init__(workspace, f"Merge speaker “{source}” into “{into}”")
        self.source, self.into = source, into
        self.merged = None

    def do(self) -> Change:
        self.merged = self.project.speakers.merge(self.source, self.into, by=self.by)
        return CLAIMS_TOO

    def undo_change(self) -> Change:
        self.project.speakers.unmerge(self.merged, by=self.by)
        return CLAIMS_TOO


class SetSpeakerType(ProjectCommand):
    """Say what kind of source a speaker is; undo restores the type it had."""

    def __init__(self, workspace, name: str, type: str):
        super().__init__(workspace, f"Make “{name}” {type}")
        self.name, self.after, self.before = name, type, ""

    def first_run(self) -> Change | None:
        self.before = self.project.speakers.set_type(self.name, self.after, by=self.by)
        return None if self.before == self.after else REGISTRY

    def do(self) -> Change:
        self.project.speakers.set_type(self.name, self.after, by=self.by)
        return REGISTRY

    def undo_change(self) -> Change:
        self.project.speakers.set_type(self.name, self.before, by=self.by)
        return REGISTRY


class AddAlias(ProjectCommand):
    """Let another name stand for a speaker ("NIS"); undo takes the alias away again."""

    def __init__(self, workspace, name: str, alias: str):
        super().__init__(workspace, f"Add alias “{alias}” to “{name}”")
        self.name, self.alias = name, " ".join(alias.split())

    def first_run(self) -> Change | None:
        speakers = self.project.speakers
        if speakers.resolve(self.alias) == speakers.resolve_or_refuse(self.name):
            return None  # it already stands for this speaker (or is its name)
        return self.do()

    def do(self) -> Change:
        self.project.speakers.add_alias(self.name, self.alias, by=self.by)
        return REGISTRY

    def undo_change(self) -> Change:
        self.project.speakers.remove_alias(self.alias, by=self.by)
        return REGISTRY


class RemoveAlias(ProjectCommand):
    """Stop a name standing for its speaker; undo gives the speaker the alias back."""

    def __init__(self, workspace, alias: str):
        super().__init__(workspace, f"Remove alias “{alias}”")
        self.alias, self.name = alias, ""

    def do(self) -> Change:
        self.name = self.project.speakers.remove_alias(self.alias, by=self.by)
        return REGISTRY

    def undo_change(self) -> Change:
        self.project.speakers.add_alias(self.name, self.alias, by=self.by)
        return REGISTRY
