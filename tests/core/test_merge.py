"""Merging a colleague's project: matches, conflicts, deletions, idempotence and undo."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.errors import ProjectUnreadable
from annotator.core.model import Figure, IncomingArticle
from annotator.core.review.merge import content_key, merge_file, merge_project, reanchor, undo_merge
from annotator.core.store import Project

TEXTS = (
    "The ministry said 27 soldiers were killed and about 60 wounded since Monday.",
    "Aid groups counted at least 45 dead, while the agency said 3,100 people fled.",
)
TABLES = (
    "articles",
    "claims",
    "reviews",
    "comments",
    "speakers",
    "speaker_aliases",
    "merge_conflicts",
    "deleted_claims",
    "annotators",
)


def snapshot(project) -> dict:
    """Everything a merge may change, except the log."""
    conn = project.db.conn
    return {table: sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr) for table in TABLES}


def copy_of(project) -> Project:
    twin = Project.open(":memory:")
    project.db.conn.backup(twin.db.conn)
    return twin


@pytest.fixture
def base():
    """A shared starting point: two articles, a speaker, ben's and amira's submitted claims."""
    with Project.open(":memory:") as project:
        for text in TEXTS:
            project.articles.add(IncomingArticle(text=text, title=text[:20]), by="amira")
        project.speakers.add("Defence Ministry", by="amira", aliases=("the ministry",))
        first, second = project.articles.ids()
        for who, article, start, end in (
            ("ben", first, 18, 40),
            ("ben", first, 45, 62),
            ("amira", first, 0, 12),
            ("amira", second, 20, 37),
        ):
            project.claims.create(article, start, end, by=who, status="submitted", figure=Figure("x", 1))
        yield project


@pytest.fixture
def pair(base):
    ours, theirs = copy_of(base), copy_of(base)
    yield ours, theirs
    ours.close()
    theirs.close()


def claim_of(project, who: str, index: int = 0):
    return [c for c in project.claims.select() if c.annotator == who][index]


def test_new_work_comes_over_with_a_summary(pair):
    ours, theirs = pair
    article = theirs.articles.add(
        IncomingArticle(text="A new article: 12 homes burned."), by="ben"
    ).article_id
    new = theirs.claims.create(article, 14, 22, by="ben")
    target = claim_of(theirs, "ben")
    theirs.reviews.comment(target.id, "check the source", by="carla")
    result = merge_project(ours, theirs, by="amira", source="ben.annotator")
    assert (len(result.new_articles), result.new_claims, len(result.new_comments)) == (1, [new.id], 1)
    assert ours.claims.get(new.id) == new
    assert ours.reviews.comments_of(target.id)[0].body == "check the source"
    assert "1 new article(s), 1 new claim(s)" in result.describe()
    assert ours.log.history(entity="project")[-1].after["claims"] == 1


def test_merging_the_same_project_twice_changes_nothing(pair):
    ours, theirs = pair
    theirs.claims.create(theirs.articles.ids()[0], 0, 3, by="ben")
    merge_project(ours, theirs, by="amira")
    before, log = snapshot(ours), ours.log.count()
    again = merge_project(ours, theirs, by="amira")
    assert not again.changed and again.describe().endswith("nothing new")
    assert snapshot(ours) == before and ours.log.count() == log


def test_articles_match_by_text_not_by_id(pair):
    ours, _ = pair
    with Project.open(":memory:") as other:
        article = other.articles.add(IncomingArticle(text=TEXTS[0], id="another-id"), by="ben").article_id
        claim = other.claims.create(article, 0, 3, by="ben")
        result = merge_project(ours, other, by="amira")
    assert result.new_articles == []
    assert ours.claims.get(claim.id).article_id == ours.articles.ids()[0]


def test_speakers_match_by_alias_and_clashes_are_listed(pair):
    ours, _ = pair
    ours.speakers.add("Interior Ministry", by="amira", aliases=("MoI",))
    with Project.open(":memory:") as theirs:
        article = theirs.articles.add(IncomingArticle(text=TEXTS[0]), by="ben").article_id
        theirs.speakers.add("MoD", by="ben", aliases=("the ministry", "MoI"))
        theirs.speakers.add("defence ministry", by="ben", aliases=("DM",))
        theirs.speakers.add("NIS", by="ben", aliases=("National Intelligence Service",))
        clashing = theirs.claims.create(article, 0, 12, by="ben", speaker="MoD")
        matched = theirs.claims.create(article, 18, 40, by="ben", speaker="DM")
        result = merge_project(ours, theirs, by="amira")
    assert len(result.speaker_clashes) == 1 and "'MoD'" in result.speaker_clashes[0]
    assert ours.speakers.resolve("MoD") == "MoD"  # kept under its own name, not guessed into either
    assert ours.speakers.resolve("MoI") == "Interior Ministry"
    assert ours.speakers.resolve("DM") == "Defence Ministry"
    assert ours.speakers.resolve("National Intelligence Service") == "NIS"
    assert ours.claims.get(clashing.id).speaker == "MoD"
    assert ours.claims.get(matched.id).speaker == "Defence Ministry"


def test_their_newer_version_replaces_an_unchanged_one(pair):
    ours, theirs = pair
    target = claim_of(theirs, "ben")
    edited = theirs.claims.edit(target.id, by="ben", note="checked twice")
    result = merge_project(ours, theirs, by="amira")
    assert ours.claims.get(target.id) == edited
    assert [c.id for c in result.updated_claims] == [target.id] and result.new_conflicts == []


def test_our_newer_version_stays(pair):
    ours, theirs = pair
    target = claim_of(ours, "ben")
    edited = ours.claims.edit(target.id, by="ben", note="ours is newer")
    result = merge_project(ours, theirs, by="amira")
    assert ours.claims.get(target.id) == edited and not result.changed


def test_a_claim_edited_on_both_sides_keeps_both_and_is_flagged(pair):
    ours, theirs = pair
    target = claim_of(ours, "ben")
    mine = ours.claims.edit(target.id, by="ben", figure=Figure("27", 27))
    theirs_version = theirs.claims.edit(target.id, by="ben", figure=Figure("270", 270))
    result = merge_project(ours, theirs, by="amira")
    assert ours.claims.get(target.id) == mine
    (conflict,) = result.new_conflicts
    assert (conflict.claim_id, conflict.kind) == (target.id, "edited")
    kept = ours.claims.get(conflict.other_claim_id)
    assert kept.figure == theirs_version.figure and kept.annotator == "ben"
    assert ours.conflicts.of_claim(target.id) == [ours.conflicts.all()[0]]


def test_their_deletion_of_an_unchanged_claim_is_respected(pair):
    ours, theirs = pair
    target = claim_of(theirs, "ben")
    theirs.claims.delete(target.id, by="ben")
    result = merge_project(ours, theirs, by="amira")
    assert not ours.claims.exists(target.id) and ours.claims.was_deleted(target.id)
    assert [c.id for c, _, _ in result.deleted_claims] == [target.id]


def test_our_deletion_is_not_undone_by_their_unchanged_copy(pair):
    ours, theirs = pair
    target = claim_of(ours, "ben")
    ours.claims.delete(target.id, by="ben")
    assert not merge_project(ours, theirs, by="amira").changed
    assert not ours.claims.exists(target.id)


def test_deleted_on_one_side_and_edited_on_the_other_is_kept_and_flagged(pair):
    ours, theirs = pair
    target = claim_of(ours, "ben")
    ours.claims.delete(target.id, by="ben")
    theirs.claims.edit(target.id, by="ben", note="still true")
    (conflict,) = merge_project(ours, theirs, by="amira").new_conflicts
    assert conflict.kind == "deleted" and ours.claims.get(conflict.other_claim_id).note == "still true"
    (back,) = merge_project(theirs, ours, by="ben").new_conflicts
    assert back.kind == "deleted" and back.other_claim_id is None and theirs.claims.exists(target.id)


def test_a_claim_whose_quote_moved_is_reanchored_or_listed(pair):
    ours, theirs = pair
    article = theirs.articles.ids()[0]
    moved = theirs.claims.create(article, 18, 28, by="ben")  # "27 soldie"
    lost = theirs.claims.create(article, 0, 3, by="ben")
    conn = theirs.db.conn
    conn.execute('UPDATE claims SET start = start + 2, "end" = "end" + 2 WHERE id = ?', (moved.id,))
    conn.execute("UPDATE claims SET quote = 'nowhere' WHERE id = ?", (lost.id,))
    result = merge_project(ours, theirs, by="amira")
    assert (ours.claims.get(moved.id).start, result.reanchored) == (18, [moved.id])
    assert not ours.claims.exists(lost.id) and lost.id in result.unanchored[0]


@pytest.mark.parametrize(
    ("text", "quote", "near", "expected"),
    [("a b a b a", "a", 3, 4), ("a b a", "a", 2, None), ("abc", "z", 0, None), ("abc", "", 0, None)],
)
def test_reanchor_picks_the_nearest_unique_occurrence(text, quote, near, expected):
    assert reanchor(text, quote, near) == expected


def test_undo_takes_the_whole_merge_back(pair):
    ours, theirs = pair
    before = snapshot(ours)
    theirs.claims.delete(claim_of(theirs, "ben").id, by="ben")
    theirs.claims.edit(claim_of(theirs, "amira").id, by="amira", note="newer")
    ours.claims.edit(claim_of(ours, "ben", 1).id, by="ben", note="ours")
    before = snapshot(ours)
    theirs.claims.edit(claim_of(theirs, "ben", 0).id, by="ben", note="theirs")
    theirs.speakers.add("NIS", by="ben")
    theirs.articles.add(IncomingArticle(text="Another text with 5 claims."), by="ben")
    theirs.reviews.comment(claim_of(theirs, "amira").id, "fine", by="ben")
    result = merge_project(ours, theirs, by="amira")
    assert result.changed
    undo_merge(ours, result, by="amira")
    assert snapshot(ours) == before


def test_their_file_is_read_never_written(base, tmp_path):
    path = tmp_path / "theirs.annotator"
    with Project.open(path) as theirs:
        base.db.conn.backup(theirs.db.conn)
    content = path.read_bytes()
    with Project.open(":memory:") as ours:
        result = merge_file(ours, path, by="amira")
        assert len(result.new_claims) == 4 and ours.claims.count() == 4
    assert path.read_bytes() == content


@pytest.mark.parametrize("make", ["missing", "text", "folder"])
def test_a_file_that_is_not_a_project_is_refused(tmp_path, make):
    path = tmp_path / "other.annotator"
    if make == "text":
        path.write_text("not a database", encoding="utf-8")
    elif make == "folder":
        path.mkdir()
    with Project.open(":memory:") as ours, pytest.raises(ProjectUnreadable):
        merge_file(ours, path, by="amira")


# -- the property: merge both ways, then merging again changes nothing ---------------------

EDITS = st.lists(
    st.tuples(
        st.sampled_from(["edit", "delete", "create", "accept", "reject", "comment", "submit"]),
        st.integers(0, 7),
        st.integers(0, 3),
    ),
    max_size=8,
)


def apply_edits(project, edits) -> None:
    """Random user actions, each allowed by the rules (a refused one is simply skipped)."""
    from annotator.core.errors import AnnotatorError

    for action, index, variant in edits:
        claims = list(project.claims.select())
        target = claims[index % len(claims)] if claims else None
        try:
            if action == "create" or target is None:
                article = project.articles.ids()[index % 2]
                project.claims.create(article, variant, variant + 5, by=("ben", "amira")[index % 2])
            elif action == "edit":
                project.claims.edit(target.id, by=target.annotator, note=f"note {variant}", value=variant)
            elif action == "delete":
                project.claims.delete(target.id, by=target.annotator)
            elif action == "accept":
                project.reviews.accept(target.id, by="carla")
            elif action == "reject":
                project.reviews.reject(target.id, by="carla", reason=f"reason {variant}")
            elif action == "comment":
                project.reviews.comment(target.id, f"comment {variant}", by="carla")
            else:
                project.reviews.submit([target.id], by=target.annotator)
        except AnnotatorError:
            pass


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits_a=EDITS, edits_b=EDITS)
def test_merge_is_idempotent_after_merging_both_ways(base, edits_a, edits_b):
    a, b = copy_of(base), copy_of(base)
    apply_edits(a, edits_a)
    apply_edits(b, edits_b)
    merge_project(a, b, by="amira")
    merge_project(b, a, by="ben")
    settled_a, settled_b = snapshot(a), snapshot(b)
    assert not merge_project(a, b, by="amira").changed
    assert not merge_project(b, a, by="ben").changed
    assert snapshot(a) == settled_a and snapshot(b) == settled_b
    # nothing silently dropped: every version B holds is in A, by id, deleted there, or by content
    ids = {c.id for c in a.claims.all()} | set(a.claims.tombstones())
    contents = {content_key(c.as_log_entry()) for c in a.claims.all()}
    missing = [c for c in b.claims.all() if c.id not in ids and content_key(c.as_log_entry()) not in contents]
    assert missing == []
    a.close()
    b.close()


def test_a_review_of_either_version_settles_the_conflict_and_undo_reopens_it(pair):
    ours, theirs = pair
    target = claim_of(ours, "ben")
    ours.claims.edit(target.id, by="ben", note="ours")
    theirs.claims.edit(target.id, by="ben", note="theirs")
    (conflict,) = merge_project(ours, theirs, by="amira").new_conflicts
    outcome = ours.reviews.reject(conflict.other_claim_id, by="amira", reason="ours is right")
    assert ours.conflicts.all(open_only=True) == []
    ours.reviews.undo(outcome, by="amira")
    assert [c.id for c in ours.conflicts.all(open_only=True)] == [conflict.id]


def test_a_merged_claim_brings_its_history(pair):
    ours, theirs = pair
    article = theirs.articles.ids()[0]
    new = theirs.claims.create(article, 0, 3, by="ben")
    theirs.claims.edit(new.id, by="ben", note="checked")
    theirs.reviews.comment(new.id, "source?", by="carla")
    merge_project(ours, theirs, by="amira")
    carried = [(e.who, e.action) for e in ours.log.claim_history(new.id)]
    assert carried[:3] == [("ben", "create"), ("ben", "edit"), ("carla", "comment")]
    assert ("amira", "merge") in carried
    count = ours.log.count()
    merge_project(ours, theirs, by="amira")
    assert ours.log.count() == count


def test_carried_history_falls_in_time_order(pair):
    ours, theirs = pair
    target = claim_of(theirs, "ben")
    theirs.reviews.dispute(target.id, by="carla", comment="which ministry?")
    ours.reviews.comment(target.id, "later remark", by="amira")
    merge_project(ours, theirs, by="amira")
    history = ours.log.claim_history(target.id)
    assert [e.at for e in history] == sorted(e.at for e in history)
    assert {"disputed", "comment", "merge"} <= {e.action for e in history}


def test_agreement_leaves_out_the_other_version_of_an_open_conflict(pair):
    from annotator.core.review.agreement import project_agreement

    ours, theirs = pair
    target = claim_of(ours, "ben")
    ours.claims.edit(target.id, by="ben", note="ours")
    theirs.claims.edit(target.id, by="ben", note="theirs")
    before = project_agreement(ours).pairs[0]
    merge_project(ours, theirs, by="amira")
    after = project_agreement(ours).pairs[0]
    assert (after.claims_a, after.claims_b) == (before.claims_a, before.claims_b)
