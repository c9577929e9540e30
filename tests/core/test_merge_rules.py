"""Crafted colleague files: a merge applies incoming changes under the project's own rules.

Each `theirs` below is written the way a hostile or broken copy of Annotator could write a
project file (straight SQL, with a change log that makes the forged version look newer).
Every forged change must be refused, named in the result as a conflict, and never applied.
"""

from __future__ import annotations

import json
import uuid

import pytest

from annotator.core.review.merge import merge_project
from tests.core import test_merge
from tests.core.test_merge import claim_of, copy_of, snapshot

base, pair = test_merge.base, test_merge.pair  # the merge tests' fixtures: a shared start, two copies


def forge(project, claim_id: str, **changes) -> None:
    """Overwrite a claim behind the rules' back, logging it so the forgery looks like a newer version."""
    before = project.claims.get(claim_id)
    after = before.with_changes(**changes)
    with project.transaction():
        project.claims._update(after)
        project.log.record(
            who=before.annotator,
            action="edit",
            entity="claim",
            entity_id=claim_id,
            before=before.as_log_entry(),
            after=after.as_log_entry(),
        )


def forge_review(project, claim_id: str, *, reviewer: str, decision: str = "accepted") -> None:
    conn = project.db.conn
    conn.execute(
        "INSERT INTO reviews (id, claim_id, reviewer, decision, comment, corrected_claim_id, created_at) "
        "VALUES (?, ?, ?, ?, '', NULL, ?)",
        (str(uuid.uuid4()), claim_id, reviewer, decision, "2099-01-01T00:00:00Z"),
    )
    conn.execute("INSERT OR IGNORE INTO annotators (name, created_at) VALUES (?, 'x')", (reviewer,))


def bury(project, claim_id: str, *, by: str) -> None:
    """A tombstone saying `by` deleted the claim (the claim itself already removed)."""
    project.db.conn.execute(
        "INSERT INTO deleted_claims (id, deleted_at, deleted_by) VALUES (?, 'x', ?)", (claim_id, by)
    )


@pytest.fixture
def reviewed_pair(base):
    """Both sides hold ben's claim accepted by carla, the project's reviewer."""
    base.people.add("carla", by="amira", reviewer=True)
    target = claim_of(base, "ben")
    base.reviews.accept(target.id, by="carla")
    ours, theirs = copy_of(base), copy_of(base)
    yield ours, theirs, target.id
    ours.close()
    theirs.close()


def refused(result) -> list:
    return [c for c in result.new_conflicts if c.kind == "refused"]


def assert_refused_and_kept(ours, theirs, result, claim_id: str, words: str, before: dict) -> None:
    (conflict,) = refused(result)
    assert conflict.claim_id == claim_id and words in conflict.reason
    assert claim_id in result.describe() and words in result.describe()
    assert {k: v for k, v in snapshot(ours).items() if k != "merge_conflicts"} == {
        k: v for k, v in before.items() if k != "merge_conflicts"
    }
    assert ours.conflicts.all()[-1].id == conflict.id
    again = merge_project(ours, theirs, by="amira")
    assert not again.changed


def test_a_reviewed_claim_is_not_overwritten(reviewed_pair):
    ours, theirs, claim_id = reviewed_pair
    forge(theirs, claim_id, note="rewritten after review")
    before = snapshot(ours)
    result = merge_project(ours, theirs, by="amira")
    assert ours.claims.get(claim_id).note == ""
    assert_refused_and_kept(ours, theirs, result, claim_id, "already reviewed", before)
    assert json.loads(ours.conflicts.all()[-1].theirs)["note"] == "rewritten after review"


def test_a_claims_owner_is_not_changed(pair):
    ours, theirs = pair
    claim_id = claim_of(theirs, "ben").id
    forge(theirs, claim_id, annotator="mallory", note="mine now")
    before = snapshot(ours)
    result = merge_project(ours, theirs, by="amira")
    assert ours.claims.get(claim_id).annotator == "ben"
    assert_refused_and_kept(ours, theirs, result, claim_id, "owner", before)


def test_a_reviewed_claim_is_not_deleted_with_its_review(reviewed_pair):
    ours, theirs, claim_id = reviewed_pair
    conn = theirs.db.conn
    conn.execute("DELETE FROM claims WHERE id = ?", (claim_id,))
    bury(theirs, claim_id, by="ben")
    before = snapshot(ours)
    result = merge_project(ours, theirs, by="amira")
    assert ours.claims.exists(claim_id) and len(ours.reviews.of_claim(claim_id)) == 1
    assert_refused_and_kept(ours, theirs, result, claim_id, "reviewed", before)


def test_a_deletion_by_someone_else_than_the_owner_is_refused(pair):
    ours, theirs = pair
    claim_id = claim_of(theirs, "ben").id
    conn = theirs.db.conn
    conn.execute("DELETE FROM claims WHERE id = ?", (claim_id,))
    bury(theirs, claim_id, by="amira")
    before = snapshot(ours)
    result = merge_project(ours, theirs, by="amira")
    assert ours.claims.exists(claim_id)
    assert_refused_and_kept(ours, theirs, result, claim_id, "amira", before)


def test_a_claim_does_not_become_accepted_without_a_review(pair):
    ours, theirs = pair
    claim_id = claim_of(theirs, "ben").id
    forge(theirs, claim_id, status="accepted")
    before = snapshot(ours)
    result = merge_project(ours, theirs, by="amira")
    assert ours.claims.get(claim_id).status == "submitted"
    assert_refused_and_kept(ours, theirs, result, claim_id, "without a review", before)


def test_a_self_review_is_refused(pair):
    ours, theirs = pair
    claim_id = claim_of(theirs, "ben").id
    forge_review(theirs, claim_id, reviewer="ben")
    forge(theirs, claim_id, status="accepted")
    before = snapshot(ours)
    result = merge_project(ours, theirs, by="amira")
    assert ours.reviews.of_claim(claim_id) == [] and ours.claims.get(claim_id).status == "submitted"
    reasons = " | ".join(c.reason for c in refused(result))
    assert "own claim" in reasons and "without a review" in reasons
    assert {k: v for k, v in snapshot(ours).items() if k != "merge_conflicts"} == {
        k: v for k, v in before.items() if k != "merge_conflicts"
    }


def test_a_review_by_a_non_reviewer_is_refused(reviewed_pair):
    ours, theirs, _ = reviewed_pair
    claim_id = claim_of(theirs, "amira").id
    forge_review(theirs, claim_id, reviewer="dan", decision="rejected")
    forge(theirs, claim_id, status="rejected")
    result = merge_project(ours, theirs, by="amira")
    assert ours.reviews.of_claim(claim_id) == [] and ours.claims.get(claim_id).status == "submitted"
    assert any("dan is not a reviewer" in c.reason for c in refused(result))


def test_a_new_claim_arriving_accepted_without_a_review_is_left_out(pair):
    ours, theirs = pair
    article = theirs.articles.ids()[0]
    new = theirs.claims.create(article, 0, 3, by="ben", status="submitted")
    forge(theirs, new.id, status="accepted")
    result = merge_project(ours, theirs, by="amira")
    assert not ours.claims.exists(new.id)
    (conflict,) = refused(result)
    assert conflict.claim_id == new.id and "without a review" in conflict.reason


def test_a_genuine_review_comes_over_and_moves_the_status(reviewed_pair):
    ours, theirs, _ = reviewed_pair
    claim_id = claim_of(theirs, "amira").id
    theirs.reviews.reject(claim_id, by="carla", reason="wrong figure")
    result = merge_project(ours, theirs, by="amira")
    assert refused(result) == []
    assert ours.claims.get(claim_id).status == "rejected"
    assert [r.reviewer for r in ours.reviews.of_claim(claim_id)] == ["carla"]


def test_the_summary_no_longer_says_updated_for_a_refused_change(reviewed_pair):
    ours, theirs, claim_id = reviewed_pair
    forge(theirs, claim_id, note="rewritten")
    result = merge_project(ours, theirs, by="amira")
    assert result.updated_claims == [] and "0 updated" in result.describe()
    assert "1 change(s) refused" in result.describe()


# -- the same rules for local actions ------------------------------------------------------


def test_an_owner_cannot_edit_a_reviewed_claim(reviewed_pair):
    from annotator.core.errors import PermissionDenied

    ours, _, claim_id = reviewed_pair
    with pytest.raises(PermissionDenied, match="dispute it to reopen"):
        ours.claims.edit(claim_id, by="ben", note="after review")
    assert ours.claims.get(claim_id).note == ""


def test_a_dispute_reopens_a_reviewed_claim_for_its_owner(reviewed_pair):
    ours, _, claim_id = reviewed_pair
    ours.reviews.dispute(claim_id, by="carla", comment="recheck the figure")
    assert ours.claims.edit(claim_id, by="ben", note="rechecked").note == "rechecked"


@pytest.mark.parametrize("status", ["accepted", "rejected"])  # back to disputed: undo of a submit
def test_an_owner_cannot_move_their_claim_to_a_review_status(pair, status):
    from annotator.core.errors import PermissionDenied

    ours, _ = pair
    claim_id = claim_of(ours, "ben").id
    with pytest.raises(PermissionDenied, match="only through a review"):
        ours.claims.set_status(claim_id, status, by="ben")
    assert ours.claims.get(claim_id).status == "submitted"


# -- damaged files -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        "INSERT INTO change_log (at, who, action, entity, entity_id, before, after) "
        "VALUES ('x', 'ben', 'edit', 'claim', :id, NULL, '{not json')",
        "INSERT INTO change_log (at, who, action, entity, entity_id, before, after) "
        "VALUES ('x', 'ben', 'edit', 'claim', :id, NULL, '[1, 2]')",
    ],
    ids=["log-not-json", "log-not-an-object"],
)
def test_a_damaged_file_is_refused_with_a_message_and_nothing_changes(pair, damage):
    from annotator.core.errors import ProjectUnreadable

    ours, theirs = pair
    claim_id = claim_of(theirs, "ben").id
    theirs.claims.edit(claim_id, by="ben", note="theirs")
    theirs.db.conn.execute(damage, {"id": claim_id})
    before, log = snapshot(ours), ours.log.count()
    with pytest.raises(ProjectUnreadable, match="nothing was merged"):
        merge_project(ours, theirs, by="amira", source="damaged.annotator")
    assert snapshot(ours) == before and ours.log.count() == log


@pytest.mark.parametrize(
    ("who", "changes", "words"),
    [
        ("amira", {"note": "not mine"}, "belongs to ben"),
        ("ben", {"annotator": "amira"}, "owner"),
        ("ben", {"status": "accepted"}, "only through a review"),
    ],
    ids=["someone-else", "owner-change", "self-accept"],
)
def test_put_is_checked_like_an_edit(pair, who, changes, words):
    from annotator.core.errors import PermissionDenied

    ours, _ = pair
    claim = claim_of(ours, "ben")
    with pytest.raises(PermissionDenied, match=words):
        ours.claims.put(claim.with_changes(**changes), by=who)
    assert ours.claims.get(claim.id) == claim


def test_put_cannot_rewrite_a_reviewed_claim(reviewed_pair):
    from annotator.core.errors import PermissionDenied

    ours, _, claim_id = reviewed_pair
    claim = ours.claims.get(claim_id)
    with pytest.raises(PermissionDenied, match="reviewed"):
        ours.claims.put(claim.with_changes(note="rewritten", status="submitted"), by="ben")


def test_a_file_with_a_damaged_page_is_refused_not_merged(base, tmp_path):
    from annotator.core.errors import ProjectUnreadable
    from annotator.core.model import IncomingArticle
    from annotator.core.review.merge import merge_file
    from annotator.core.store import Project

    path = tmp_path / "damaged.annotator"
    with Project.open(path) as theirs:
        for number in range(60):
            text = f"Article {number}: the ministry said {number} soldiers were killed. " * 20
            theirs.articles.add(IncomingArticle(text=text), by="ben")
        theirs.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    data[4096 * 20 : 4096 * 21] = b"\x55" * 4096  # one page overwritten, as a bad sector would
    path.write_bytes(bytes(data))
    before = snapshot(base)
    with pytest.raises(ProjectUnreadable, match="damaged"):
        merge_file(base, path, by="amira")
    assert snapshot(base) == before
