"""The outbox in the window without a server (a project file standing in for the team project):
every kind it keeps is made again from its file entry as it was, a change made while others
wait goes behind them, and the probe that decides when to send never holds the window up."""

from __future__ import annotations

import json
import socket

import pytest

from annotator.core.model import Figure
from annotator.core.store.postgres import ConnectionLost
from annotator.ui import undo
from annotator.ui.review import commands as review_commands
from annotator.ui.team.outbox import entry_of, kinds, rebuilt

ADDRESS = "postgresql://amira@127.0.0.1:1/desk"


@pytest.fixture
def window(make_window, sample_project):
    built = make_window(sample_project, user="amira")
    built.open_article(built.article_list.model.ids()[0])
    return built


def every_kind(workspace) -> list[undo.ProjectCommand]:
    return [
        undo.CreateClaim(workspace, "a1", 3, 9, figure=Figure("40", 40.0), note="n", claim_id="c-new"),
        undo.EditClaim(workspace, "c1", field="note", note="typed"),
        undo.DeleteClaim(workspace, "c1"),
        undo.MoveSpan(workspace, "c1", 4, 12),
        undo.SetArticleStatus(workspace, "a1", "done"),
        undo.EditArticle(workspace, "a1", title="New title", events=["Storm"]),
        review_commands.ReviewClaim(workspace, "correct", "c2", value=41.0, comment="41"),
        review_commands.AddComment(workspace, "c2", "seen"),
        review_commands.SubmitDrafts(workspace, "a1"),
    ]


def test_every_kind_the_outbox_keeps_is_made_again_from_its_file_entry(window):
    commands = every_kind(window.workspace)
    assert {command.waiting_kind for command in commands} == set(kinds())
    for command in commands:
        entry = json.loads(json.dumps(entry_of(_waiting(command))))
        again = rebuilt(window.workspace, entry)
        assert type(again) is type(command) and again.waiting_args() == command.waiting_args()
        assert again.sent_before


def test_a_review_and_a_comment_carry_the_ids_they_were_made_with(window):
    review = review_commands.ReviewClaim(window.workspace, "accept", "c2")
    comment = review_commands.AddComment(window.workspace, "c2", "seen")
    assert review.waiting_args()["review_id"] and comment.waiting_args()["comment_id"]
    assert review.review_id != review_commands.ReviewClaim(window.workspace, "accept", "c2").review_id


def test_a_claim_created_without_its_id_made_up_front_is_not_kept(window):
    assert not undo.CreateClaim(window.workspace, "a1", 3, 9).may_wait()


def test_a_change_made_while_others_wait_goes_behind_them(window, monkeypatch):
    feature = window.feature("team")
    feature.probe.check = lambda _address, _password: False
    feature._keep_changes_of(ADDRESS, None)
    article_id = window.current_article.id
    articles, real = window.project.articles, window.project.articles.set_status
    monkeypatch.setattr(articles, "set_status", _lost)
    window.annotation.mark_article("in progress")
    monkeypatch.setattr(articles, "set_status", real)
    window.annotation.mark_article("done")  # the connection works again, but one waits before it
    assert [c.waiting_args()["status"] for c in feature.outbox.commands()] == ["in progress", "done"]
    assert window.project.articles.get(article_id).status != "done"
    result = feature.outbox.send_all()
    assert (result.sent, result.left) == (2, 0)
    assert window.project.articles.get(article_id).status == "done"
    stack = window.workspace.undo_stack
    assert [stack.text(n) for n in range(stack.count())] == ["Mark article in progress", "Mark article done"]


def test_a_probe_of_a_server_that_never_answers_does_not_hold_up_the_window(window, qtbot):
    """A socket that takes the connection and never says a word: libpq waits for its connect
    timeout, in the probe's thread; the GUI thread goes on and sends nothing."""
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    address = f"postgresql://amira@127.0.0.1:{silent.getsockname()[1]}/desk"
    try:
        feature = window.feature("team")
        feature._keep_changes_of(address, "pw")
        feature.outbox.keep(undo.SetArticleStatus(window.workspace, window.current_article.id, "done"))
        feature.send_waiting()
        assert feature.probe.running  # returned at once: the probe waits in its own thread
        qtbot.waitUntil(lambda: not feature.probe.running, timeout=60_000)
        assert len(feature.outbox) == 1  # the server never answered: nothing was sent
    finally:
        feature.stop_following()  # what waits stays in its file; closing asks nothing
        silent.close()


def _lost(*_args, **_kwargs):
    raise ConnectionLost("the connection to the team project was lost (simulated)")


def _waiting(command):
    from annotator.ui.team.outbox import Waiting

    return Waiting(command, "label")


def test_a_crafted_entry_that_fails_when_sent_is_named_and_dropped(window, qtbot, monkeypatch):
    from annotator.core import outbox_file

    shown: list[str] = []
    monkeypatch.setattr(window, "show_error", shown.append)
    article_id = window.current_article.id
    crafted = {"article_id": article_id, "start": 1, "end": 3, "figure": "x", "claim_id": "c-x"}
    entry = {"kind": "create claim", "args": crafted, "label": "Create claim “crafted”"}
    outbox_file.write(outbox_file.path_for(ADDRESS, "amira"), [entry], address=ADDRESS, user="amira")
    feature = window.feature("team")
    feature.probe.check = lambda _address, _password: True
    feature._keep_changes_of(ADDRESS, None)
    qtbot.waitUntil(lambda: not len(feature.outbox), timeout=60_000)
    (message,) = shown
    assert "Create claim “crafted”" in message
    assert not window.project.claims.exists("c-x")
    assert not outbox_file.path_for(ADDRESS, "amira").exists()


def test_enter_again_on_the_span_of_a_waiting_claim_makes_no_second_claim(window, monkeypatch):
    """Pressing Enter again on the words of a claim that waits names the one that waits
    instead of keeping a second creation."""
    from annotator.core import annotating

    feature = window.feature("team")
    feature.probe.check = lambda _address, _password: False
    feature._keep_changes_of(ADDRESS, None)
    monkeypatch.setattr(annotating, "create_claim", _lost)
    window.annotation.create_claim(18, 27)
    first = window.annotation.current_claim_id
    window.annotation.create_claim(18, 27)
    assert window.annotation.current_claim_id == first  # the one that waits, selected again
    window.annotation.create_claim(30, 38)
    assert [(c.start, c.end) for c in feature.outbox.commands()] == [(18, 27), (30, 38)]
    feature.stop_following()


def test_later_edits_of_the_claim_edited_last_are_folded_into_one_waiting_edit(window, monkeypatch):
    feature = window.feature("team")
    feature.probe.check = lambda _address, _password: False
    feature._keep_changes_of(ADDRESS, None)
    claim = window.claims_model.claims()[0]
    monkeypatch.setattr(window.project.claims, "edit", _lost)
    window.annotation.edit_claim(claim.id, "note", {"note": "first"})
    window.annotation.edit_claim(claim.id, "note", {"note": "second"})
    window.annotation.edit_claim(claim.id, "outlet", {"outlet": "BBC"})
    (edit,) = feature.outbox.commands()
    assert edit.waiting_args() == {"claim_id": claim.id, "field": "", "note": "second", "outlet": "BBC"}
    feature.stop_following()


def test_an_action_the_outbox_cannot_keep_says_it_is_not_sent_again(window, monkeypatch):
    feature = window.feature("team")
    feature._keep_changes_of(ADDRESS, None)
    monkeypatch.setattr(window.project.speakers, "add", _lost)
    with pytest.raises(ConnectionLost, match="not kept to send again"):
        undo.add_speaker(window.workspace, "Ministry of Storms", type="organisation")
    assert len(feature.outbox) == 0
    feature.stop_following()


def test_an_undo_lost_to_the_connection_says_it_is_not_sent_again(window, monkeypatch):
    reported: list[str] = []
    monkeypatch.setattr(window, "show_error", reported.append)
    article_id = window.current_article.id
    undo.set_article_status(window.workspace, article_id, "done")
    monkeypatch.setattr(window.project.articles, "set_status", _lost)
    window.workspace.undo_stack.undo()
    (message,) = reported
    assert "cannot be undone" in message and "not kept to send again" in message
