"""Claims: each user action is one transaction, validated, logged, and returns what it did."""

import pytest

from annotator.core.errors import InvalidClaim, NotFound, PermissionDenied
from annotator.core.model import Figure
from annotator.core.store import Project
from tests.conftest import add_article

pytestmark = pytest.mark.back_ends

TEXT = "Officials said about 1,000 soldiers were killed in three months. 😀 NIS says 300."


@pytest.fixture
def article(project):
    project.speakers.add("National Intelligence Service", by="amira", type="official body", aliases=("NIS",))
    return add_article(project, TEXT)


def test_create_takes_the_quote_from_the_text(project, article):
    start = TEXT.index("about 1,000")
    claim = project.claims.create(article, start, start + 11, by="amira", speaker="NIS")
    assert claim.quote == "about 1,000"
    assert claim.speaker == "National Intelligence Service"
    assert project.claims.get(claim.id) == claim


def test_offsets_after_emoji_are_code_points(project, article):
    start = TEXT.index("300")
    claim = project.claims.create(article, start, start + 3, by="amira")
    assert claim.quote == "300"
    assert TEXT[claim.start : claim.end] == "300"


@pytest.mark.parametrize(
    "start, end, message",
    [(-1, 3, "outside"), (5, 5, "outside"), (0, 10_000, "outside"), (9, 3, "outside")],
)
def test_create_refuses_bad_offsets(project, article, start, end, message):
    with pytest.raises(InvalidClaim, match=message):
        project.claims.create(article, start, end, by="amira")
    assert project.claims.count() == 0


@pytest.mark.parametrize(
    "figure, message",
    [
        (Figure(low=12, high=10), "above its high"),
        (Figure(qualifier="roughly"), "unknown qualifier"),
        (Figure(value=float("nan")), "finite"),
    ],
)
def test_create_refuses_invalid_figures(project, article, figure, message):
    with pytest.raises(InvalidClaim, match=message):
        project.claims.create(article, 0, 9, by="amira", figure=figure)
    assert project.claims.count() == 0


def test_unknown_speaker_is_refused_until_added(project, article):
    with pytest.raises(InvalidClaim, match="not in the registry"):
        project.claims.create(article, 0, 9, by="amira", speaker="Western officials")
    project.speakers.add("Western officials", by="amira", type="government")
    assert project.claims.create(article, 0, 9, by="amira", speaker="western officials").speaker == (
        "Western officials"
    )


def test_confidence_accepts_label_or_code_and_stores_the_code(project, article):
    claim = project.claims.create(article, 0, 9, by="amira", confidence="Moderate")
    assert claim.confidence == "moderate"
    with pytest.raises(InvalidClaim, match="unknown confidence"):
        project.claims.edit(claim.id, by="amira", confidence="certain")


def test_edit_changes_fields_and_logs_before_and_after(project, article):
    claim = project.claims.create(article, 0, 9, by="amira")
    edited = project.claims.edit(claim.id, by="amira", value=1000, measure="killed", note="=check")
    assert edited.figure.value == 1000 and edited.figure.measure == "killed"
    entry = project.log.history("claim", claim.id)[-1]
    assert entry.action == "edit" and entry.who == "amira"
    assert entry.before["figure"]["value"] is None
    assert entry.after["figure"]["value"] == 1000


def test_editing_the_span_updates_the_quote(project, article):
    claim = project.claims.create(article, 0, 9, by="amira")
    assert project.claims.edit(claim.id, by="amira", start=0, end=4).quote == "Offi"


def test_someone_elses_claim_cannot_be_edited_or_deleted(project, article):
    claim = project.claims.create(article, 0, 9, by="amira")
    with pytest.raises(PermissionDenied, match="belongs to amira"):
        project.claims.edit(claim.id, by="ben", note="mine now")
    with pytest.raises(PermissionDenied):
        project.claims.delete(claim.id, by="ben")
    assert project.claims.get(claim.id) == claim


def test_delete_then_restore_gives_back_the_same_claim(project, article):
    claim = project.claims.create(article, 0, 9, by="amira", note="keep me")
    assert project.claims.delete(claim.id, by="amira") == claim
    with pytest.raises(NotFound):
        project.claims.get(claim.id)
    assert project.claims.was_deleted(claim.id)
    project.claims.restore(claim, by="amira")
    assert project.claims.get(claim.id) == claim
    assert [e.action for e in project.log.history("claim", claim.id)] == ["create", "delete", "restore"]


def test_a_failed_action_leaves_nothing_behind(project, article):
    before = project.log.count()
    with pytest.raises(InvalidClaim):
        project.claims.create(article, 0, 9, by="amira", figure=Figure(low=3, high=1))
    assert project.log.count() == before
    assert project.claims.count() == 0


def test_the_change_log_is_append_only(project, article):
    project.claims.create(article, 0, 9, by="amira")
    with pytest.raises(Exception, match="append-only|permission denied for table change_log"):
        project.db.conn.execute("UPDATE change_log SET who = 'mallory'")
    with pytest.raises(Exception, match="append-only|permission denied for table change_log"):
        project.db.conn.execute("DELETE FROM change_log")


def test_every_action_is_saved_when_it_happens(project_path):
    with Project.open(project_path) as first:
        article = add_article(first, TEXT)
        claim = first.claims.create(article, 0, 9, by="amira")
        # A second connection sees the claim at once: there is no unsaved state.
        with Project.open(project_path) as second:
            assert second.claims.get(claim.id) == claim


def test_speaker_aliases_resolve_case_insensitively(project):
    project.speakers.add(
        "National Intelligence Service", by="amira", aliases=("NIS", "South Korea's intelligence service")
    )
    assert project.speakers.resolve("nis") == "National Intelligence Service"
    assert project.speakers.resolve("south korea's  intelligence service") == "National Intelligence Service"
    with pytest.raises(InvalidClaim, match="already stands for"):
        project.speakers.add("Another", by="amira", aliases=("NIS",))
