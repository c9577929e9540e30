"""Colleagues' changes into the window: the team listener's events, applied like undo and redo.

`LiveChanges.feed` may be called from any thread (the listener's); a queued signal brings
the events to the GUI thread, where they are read back from the project by id and announced
through `workspace.changed` as one `Change` marked `external`, so each screen redraws what
it shows of them (no reload: the reader's place, the selected claim and the text selection
stay). Events arriving in the same turn of the event loop become one change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QTimer, Signal

from annotator.core.model import Claim
from annotator.ui.undo import Change

log = logging.getLogger("annotator.team")

_PEOPLE = ("person", "annotator")
_SETTINGS = ("setting", "project")
_ABOUT_A_CLAIM = ("review", "comment")


class LiveChanges(QObject):
    """Receives change events from any thread and announces them in the GUI thread."""

    events_arrived = Signal(object)  # a list of ChangeEvents; queued into the GUI thread
    state_changed = Signal(str)  # connected / lost / reconnecting (TeamListener's states)
    applied = Signal(object)  # the Change announced for a batch (for the status bar, tests)

    def __init__(self, workspace, *, shown_claims: Callable[[], list[Claim]], parent=None):
        super().__init__(parent)
        self.workspace = workspace
        self._shown_claims = shown_claims
        self._pending: list = []
        self.events_arrived.connect(self._queue)

    # -- any thread --------------------------------------------------------------------

    def feed(self, events: Iterable) -> None:
        """Hand over events (from the listener's thread or the GUI's)."""
        self.events_arrived.emit(list(events))

    def report_state(self, state: str) -> None:
        self.state_changed.emit(state)

    # -- the GUI thread ----------------------------------------------------------------

    def _queue(self, events: list) -> None:
        if not self._pending:
            QTimer.singleShot(0, self._apply_pending)
        self._pending.extend(events)

    def _apply_pending(self) -> None:
        events, self._pending = self._pending, []
        if self.workspace.project is None or not events:
            return
        try:
            change = change_for(self.workspace.project, events, shown=self._shown_claims())
        except Exception:  # never a traceback for a colleague's change: read everything again instead
            log.exception("colleagues' changes could not be read one by one")
            change = Change(everything=True, external=True)
        self.workspace.announce(change)
        self.applied.emit(change)


def change_for(project, events: list, *, shown: list[Claim]) -> Change:
    """What a batch of colleagues' changes means for the screens, read back from the project."""
    entities = {event.entity for event in events}
    claim_ids = _claim_ids(project, events)
    added, edited, removed = _claims_now(project, claim_ids, {claim.id: claim for claim in shown})
    return Change(
        added=added,
        edited=edited,
        removed=removed,
        articles=tuple(dict.fromkeys(e.id for e in events if e.entity == "article")),
        speakers=bool(entities & {"speaker", *_SETTINGS}),
        people=bool(entities & set(_PEOPLE)),
        reviews=bool(entities & {"review", "comment", "conflict", "claim"}),
        figures=bool(entities & {"claim", "article", *_SETTINGS}),
        external=True,
    )


def _claim_ids(project, events: list) -> list[str]:
    """The claims the events touch: their own entries, and the claims reviews and comments are about."""
    ids = []
    for event in events:
        if event.entity == "claim":
            ids.append(event.id)
        elif event.entity in _ABOUT_A_CLAIM:
            ids.extend(_about(project, event.entity, event.id, "claim_id"))
    return list(dict.fromkeys(ids))


def _claims_now(project, claim_ids: list[str], shown: dict[str, Claim]):
    """(added, edited, removed): each claim as it is now; a claim that is gone, as it was."""
    present = {claim.id: claim for claim in project.claims.get_many(claim_ids)}
    added, edited, removed = [], [], []
    for claim_id in claim_ids:
        if claim_id in present:
            (edited if claim_id in shown else added).append(present[claim_id])
        elif claim_id in shown:
            removed.append(shown[claim_id])
        else:
            gone = _last_known(project, claim_id)
            if gone is not None:
                removed.append(gone)
    return tuple(added), tuple(edited), tuple(removed)


def _last_known(project, claim_id: str) -> Claim | None:
    """A claim nobody here was showing, as its last log entry had it (for its article's count)."""
    article_ids = _about(project, "claim", claim_id, "article_id")
    if not article_ids:
        return None
    return Claim(claim_id, article_ids[-1], 0, 0, "")


def _about(project, entity: str, entity_id: str, key: str) -> list[str]:
    """`key` of an entity, from the change log's rows (the entity may be gone)."""
    try:
        entries = project.log.history(entity, entity_id)
    except Exception:  # the history is a help here: on the server the claim's own entry follows
        log.warning("no history of %s %s to follow", entity, entity_id, exc_info=True)
        return []
    found = [(entry.after or entry.before or {}).get(key) for entry in entries]
    return [str(value) for value in found if value]
