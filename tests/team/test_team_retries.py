"""A review retried while its first call is still committing (the window sent it again after
losing the answer, and the first transaction had not ended yet): the retry's insert waits for
the first, which stands; the retry returns that call's outcome instead of a second review."""

from __future__ import annotations

import threading
import time

import psycopg

from annotator.core.store import Project
from tests.conftest import add_article

TEXT = "The ministry said 27 soldiers were killed and about 60 wounded since Monday."
NOW = "2026-01-01T00:00:00.000Z"


def _wait_until_blocked(team, member: str) -> None:
    """Until a backend of `member` waits for a lock (the retry's insert behind the first's)."""
    with psycopg.connect(team.admin_url, autocommit=True) as admin:
        for _ in range(1200):  # at most a minute; normally at once
            waiting = admin.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE usename = %s AND wait_event_type = 'Lock'",
                (member,),
            ).fetchone()[0]
            if waiting:
                return
            time.sleep(0.05)
    raise AssertionError(f"no backend of {member} ever waited for the first call's review")


def test_a_retry_racing_its_first_call_returns_that_calls_review(team):
    with Project.open(team.url("ann")) as ann, Project.open(team.url("rita")) as rita:
        article = add_article(ann, TEXT, by="ann")
        claim = ann.claims.create(article, 18, 40, by="ann", status="submitted")
        first = psycopg.connect(team.url("rita"))  # the first call, not yet committed
        first.execute(
            "INSERT INTO reviews (id, claim_id, reviewer, decision, created_at) "
            "VALUES ('r-race', %s, 'rita', 'accepted', %s)",
            (claim.id, NOW),
        )
        done: dict = {}

        def retry():
            try:
                done["outcome"] = rita.reviews.accept(claim.id, by="rita", review_id="r-race")
            except Exception as error:  # handed to the test's thread
                done["error"] = error

        thread = threading.Thread(target=retry)
        thread.start()
        try:
            _wait_until_blocked(team, "rita")
            first.commit()
        finally:
            thread.join()
            first.close()
        assert "error" not in done, done.get("error")
        outcome = done["outcome"]
        assert outcome.review == rita.reviews.get("r-race") and outcome.review.created_at == NOW
        assert (outcome.before.status, outcome.after.status) == ("submitted", "accepted")
        assert [r.id for r in ann.reviews.of_claim(claim.id)] == ["r-race"]
        rita.reviews.undo(outcome, by="rita")
        assert ann.claims.get(claim.id).status == "submitted"


def test_a_comment_retry_racing_its_first_call_returns_that_calls_comment(team):
    with Project.open(team.url("ann")) as ann, Project.open(team.url("rita")) as rita:
        article = add_article(ann, TEXT, by="ann")
        claim = ann.claims.create(article, 18, 40, by="ann", status="submitted")
        first = psycopg.connect(team.url("rita"))
        first.execute(
            "INSERT INTO comments (id, claim_id, author, body, created_at) "
            "VALUES ('m-race', %s, 'rita', 'source?', %s)",
            (claim.id, NOW),
        )
        done: dict = {}
        thread = threading.Thread(
            target=lambda: done.update(
                comment=rita.reviews.comment(claim.id, "source?", by="rita", comment_id="m-race")
            )
        )
        thread.start()
        try:
            _wait_until_blocked(team, "rita")
            first.commit()
        finally:
            thread.join()
            first.close()
        assert done["comment"] == ann.reviews.comments_of(claim.id)[0]
        assert done["comment"].created_at == NOW and len(ann.reviews.comments_of(claim.id)) == 1
