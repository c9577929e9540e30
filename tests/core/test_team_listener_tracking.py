"""The listener's bookkeeping, without a server: each change-log entry is handed on once,
gaps in the numbering are remembered until filled or given up, payloads are checked."""

from __future__ import annotations

import pytest

from annotator.core.store.team_listener import ChangeEvent, SeqTracker, parse_payload


def event(seq: int) -> ChangeEvent:
    return ChangeEvent(seq, "claim", f"c{seq}", "insert", "ann")


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def seqs(events) -> list[int]:
    return [e.seq for e in events]


def test_new_entries_are_handed_on_once():
    tracker = SeqTracker(settled=3)
    assert seqs(tracker.take([event(4), event(5)])) == [4, 5]
    assert tracker.take([event(5), event(4), event(3)]) == []
    assert tracker.resume_after() == 5


def test_an_entry_committed_late_fills_its_gap_and_is_handed_on():
    tracker = SeqTracker(settled=0)
    assert seqs(tracker.take([event(1), event(3)])) == [1, 3]
    assert tracker.resume_after() == 1  # 2 may still be running: a reconnect re-reads after 1
    assert seqs(tracker.take([event(2)])) == [2]
    assert tracker.resume_after() == 3
    assert tracker.take([event(2)]) == []


def test_a_gap_is_given_up_after_the_patience():
    clock = Clock()
    tracker = SeqTracker(settled=0, patience=60, clock=clock)
    tracker.take([event(1), event(4)])
    assert tracker.resume_after() == 1
    clock.now += 61
    assert tracker.resume_after() == 4  # 2 and 3 were rolled back


def test_re_reading_from_the_resume_point_repeats_nothing():
    tracker = SeqTracker(settled=0)
    tracker.take([event(1), event(2), event(5)])
    again = [event(seq) for seq in range(tracker.resume_after() + 1, 7)]
    assert seqs(tracker.take(again)) == [3, 4, 6]


def test_opens_gap_only_when_numbers_are_skipped():
    tracker = SeqTracker(settled=10)
    assert not tracker.opens_gap(event(11))
    assert tracker.opens_gap(event(13))


def test_a_payload_becomes_an_event():
    text = '{"seq": 7, "entity": "claim", "id": "abc", "action": "update", "who": "ben"}'
    assert parse_payload(text) == ChangeEvent(7, "claim", "abc", "update", "ben")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "[]",
        '"seq"',
        "null",
        '{"seq": "x", "entity": "claim", "id": "a", "action": "insert", "who": "a"}',
        '{"seq": 0, "entity": "claim", "id": "a", "action": "insert", "who": "a"}',
        '{"seq": -3, "entity": "claim", "id": "a", "action": "insert", "who": "a"}',
        '{"seq": true, "entity": "claim", "id": "a", "action": "insert", "who": "a"}',
        '{"seq": 5, "entity": "claim"}',
        '{"seq": 1e400, "entity": "claim", "id": "a", "action": "insert", "who": "a"}',
    ],
)
def test_a_crafted_payload_is_ignored(text):
    assert parse_payload(text) is None


def test_a_listener_whose_connecting_fails_unexpectedly_keeps_trying(monkeypatch):
    import threading

    from annotator.core.store import team_listener

    tries, states = [], []
    retried = threading.Event()

    def failing_connect(*_args, **_kwargs):
        tries.append(1)
        if len(tries) >= 2:
            retried.set()
        raise RuntimeError("LISTEN failed on a fresh connection")

    monkeypatch.setattr(team_listener, "connect", failing_connect)
    listener = team_listener.TeamListener(
        "postgresql://nobody@127.0.0.1/none",
        on_events=lambda _e: None,
        on_state=states.append,
        retry_seconds=(0.01,),
    ).start()
    assert retried.wait(30)
    assert listener.running
    listener.stop()
    assert not listener.running
    assert states[0] == team_listener.RECONNECTING


def test_a_large_rolled_back_gap_is_settled_once_given_up():
    clock = Clock()
    tracker = SeqTracker(settled=0, patience=60, clock=clock)
    tracker.take([event(1), event(200_002)])  # an import of 200,000 rows was rolled back
    assert tracker.resume_after() == 1
    clock.now += 30
    assert seqs(tracker.take([event(200_003), event(5)])) == [200_003, 5]
    assert tracker.resume_after() == 1
    clock.now += 31
    assert tracker.resume_after() == 200_003
    assert tracker.take([event(7)]) == []


def test_missing_numbers_come_as_runs_below_the_highest():
    tracker = SeqTracker(settled=0)
    tracker.take([event(1), event(5), event(6), event(9)])
    assert tracker.high == 9
    assert tracker.missing_runs() == [(2, 4), (7, 8)]
    tracker.take([event(3)])
    assert tracker.missing_runs() == [(2, 2), (4, 4), (7, 8)]


def test_missing_runs_forget_a_gap_given_up():
    clock = Clock()
    tracker = SeqTracker(settled=0, patience=60, clock=clock)
    tracker.take([event(1), event(4)])
    clock.now += 61
    assert tracker.missing_runs() == []
    assert tracker.resume_after() == 4
