"""A colleague's changes show in an open window without a reload: the events a team listener
would hand on are fed in (from another thread) after a second connection changed the project
file, and the window keeps the reader's place, the selected claim and the text selection."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication

from annotator.core.store import Project
from annotator.core.store.team_listener import ChangeEvent
from tests.conftest import add_article

USER = "tester"
PARAGRAPH = "The ministry said 40 people were hurt and 12 were missing after the storm. "
TEXT = "\n\n".join(PARAGRAPH * 3 for _ in range(40))


@pytest.fixture
def world(project_path):
    """A project file with a long article, one claim of the tester's and one of ben's."""
    with Project.open(project_path) as project:
        article = add_article(project, TEXT, title="Storm")
        add_article(project, "Another text of 7 words in all.", title="Other")
        mine = project.claims.create(article, 0, 12, by=USER)
        bens = project.claims.create(article, 18, 20, by="ben", status="submitted")
    return project_path, article, mine.id, bens.id


@pytest.fixture
def window(make_window, world):
    path, article, mine, _ = world
    built = make_window(Project.open(path), user=USER)
    built.open_article(article, mine)
    yield built
    built.project.close()


@pytest.fixture
def colleague(world):
    """Ben's own connection to the same file, and a way to feed what he did to the window."""
    with Project.open(world[0]) as theirs:
        yield Colleague(theirs)


class Colleague:
    def __init__(self, project):
        self.project = project
        self.seen = max((entry.seq for entry in project.log.history()), default=0)

    def events(self) -> list[ChangeEvent]:
        """What the listener would hand on for what was changed since the last call."""
        fresh = [entry for entry in self.project.log.history() if entry.seq > self.seen]
        self.seen = max([self.seen, *(entry.seq for entry in fresh)])
        return [ChangeEvent(e.seq, e.entity, e.entity_id, e.action, e.who) for e in fresh]

    def feed(self, window, qtbot) -> None:
        """Hand the events over from another thread, as the listener does, and let them apply."""
        live = window.feature("team").live
        events = self.events()
        with qtbot.waitSignal(live.applied, timeout=5000):
            sender = threading.Thread(target=live.feed, args=(events,))
            sender.start()
            sender.join()


def scrolled_down(window) -> int:
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    QApplication.processEvents()
    return bar.value()


def select_text(window, start: int, end: int) -> None:
    cursor = window.view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
    window.view.setTextCursor(cursor)


def reader_place(window) -> tuple:
    cursor = window.view.textCursor()
    return (
        window.view.verticalScrollBar().value(),
        window.current_claim_id,
        (cursor.selectionStart(), cursor.selectionEnd()),
        window.current_article.id,
    )


def test_a_colleagues_new_claim_appears_and_the_reader_keeps_their_place(window, colleague, qtbot, world):
    _, article, mine, _ = world
    assert scrolled_down(window) > 0
    select_text(window, 5000, 5020)
    before = reader_place(window)
    new = colleague.project.claims.create(article, 5100, 5110, by="ben")
    colleague.feed(window, qtbot)
    assert new.id in [claim.id for claim in window.claims_model.claims()]
    assert new.id in [claim.id for claim in window.view.shown_claims()]
    assert reader_place(window) == before
    assert window.current_claim_id == mine


def test_a_colleagues_edit_shows_in_the_table(window, colleague, qtbot, world):
    bens = world[3]
    colleague.project.claims.edit(bens, by="ben", note="checked against the agency wire")
    before = reader_place(window)
    colleague.feed(window, qtbot)
    shown = next(claim for claim in window.claims_model.claims() if claim.id == bens)
    assert shown.note == "checked against the agency wire"
    assert reader_place(window) == before


def test_a_colleagues_deleted_claim_disappears(window, colleague, qtbot, world):
    bens = world[3]
    colleague.project.claims.delete(bens, by="ben")
    colleague.feed(window, qtbot)
    assert bens not in [claim.id for claim in window.claims_model.claims()]
    assert bens not in [claim.id for claim in window.view.shown_claims()]
    assert window.current_claim_id == world[2]


def test_a_review_of_the_selected_claim_keeps_what_the_analyst_is_typing(window, colleague, qtbot, world):
    _, _, mine, _ = world
    colleague.project.reviews.submit([mine], by=USER)
    window.form.note.setFocus()
    qtbot.waitUntil(window.form.note.hasFocus, timeout=3000)
    window.form.note.insertPlainText("half a thought")
    colleague.project.reviews.accept(mine, by="ben")
    colleague.feed(window, qtbot)
    assert window.form.note.toPlainText() == "half a thought"
    assert window.form.note.hasFocus()
    assert "accepted" in window.form.title.text()
    assert next(c for c in window.claims_model.claims() if c.id == mine).status == "accepted"


def test_a_colleagues_change_elsewhere_updates_the_article_list_only(window, colleague, qtbot, world):
    _, article, mine, _ = world
    other = next(i for i in window.article_list.model.ids() if i != article)
    colleague.project.claims.create(other, 0, 7, by="ben")
    before = reader_place(window)
    colleague.feed(window, qtbot)
    row = window.article_list.model.row_of(other)
    assert window.article_list.model.summary(row).claim_count == 1
    assert reader_place(window) == before


def test_an_article_a_colleague_imported_joins_the_list(window, colleague, qtbot, world):
    new = add_article(colleague.project, "A third text, 3 lines long.", by="ben", title="Third")
    before = reader_place(window)
    colleague.feed(window, qtbot)
    assert new in window.article_list.model.ids()
    assert reader_place(window) == before


def test_a_colleagues_new_speaker_is_offered_by_the_form(window, colleague, qtbot):
    colleague.project.speakers.add("Coast guard", by="ben", type="official body")
    colleague.feed(window, qtbot)
    assert "Coast guard" in [s.name for s in window.form.registry]


def test_events_for_claims_that_no_longer_exist_change_nothing(window, qtbot, world):
    live = window.feature("team").live
    before = (reader_place(window), [c.id for c in window.claims_model.claims()])
    with qtbot.waitSignal(live.applied, timeout=5000):
        live.feed([ChangeEvent(10**9, "claim", "no-such-claim", "delete", "ben")])
    assert (reader_place(window), [c.id for c in window.claims_model.claims()]) == before


def test_a_batch_that_cannot_be_read_one_by_one_shows_everything_again(window, colleague, qtbot, world):
    _, article, _, _ = world
    new = colleague.project.claims.create(article, 30, 40, by="ben")
    events = colleague.events()

    def broken(*_args, **_kwargs):
        raise RuntimeError("the back end could not answer")

    window.project.claims.get_many = broken
    live = window.feature("team").live
    with qtbot.waitSignal(live.applied, timeout=5000) as applied:
        live.feed(events)
    assert applied.args[0].everything
    del window.project.claims.get_many
    assert new.id in [claim.id for claim in window.claims_model.claims()]


def test_the_review_queue_follows_a_colleague_without_moving_the_reader(window, colleague, qtbot, world):
    _, article, _, bens = world
    panel = window.feature("review").panel
    window.feature("review").start_review()
    qtbot.waitUntil(lambda: panel.current() is not None and panel.current().id == bens, timeout=3000)
    assert scrolled_down(window) > 0
    select_text(window, 5000, 5020)
    before = reader_place(window)
    colleague.project.claims.create(article, 5100, 5110, by="ben", status="submitted")
    colleague.feed(window, qtbot)
    assert len(panel.claims) == 2  # ben's new claim joined the queue
    assert panel.current().id == bens
    assert reader_place(window) == before
