"""The annotator's rules, without a window: who may change a claim, the first claim starting an
article, submitting drafts, and the core calls that take each back."""

import pytest

from annotator.core import annotating
from annotator.core.errors import PermissionDenied
from annotator.core.model import Claim
from tests.conftest import add_article

pytestmark = pytest.mark.back_ends

TEXT = "Officials said about 1,000 soldiers were killed. The NIS says 300 were wounded."


@pytest.fixture
def article(project):
    return add_article(project, TEXT)


def _span(quote: str) -> tuple[int, int]:
    start = TEXT.index(quote)
    return start, start + len(quote)


def _claim(annotator: str, status: str = "draft") -> Claim:
    return Claim("c1", "a1", 0, 3, "Off", annotator=annotator, status=status)


@pytest.mark.parametrize(
    "annotator, status, user, allowed",
    [
        ("amira", "draft", "amira", True),
        ("", "draft", "amira", True),
        ("ben", "draft", "amira", False),
        ("ben", "submitted", "amira", False),
        ("ben", "suggested", "amira", True),
    ],
)
def test_one_may_change_ones_own_unowned_and_suggested_claims_only(annotator, status, user, allowed):
    assert annotating.may_change(_claim(annotator, status), user) is allowed


def test_the_store_refuses_exactly_what_the_rule_forbids(project, article):
    claim = project.claims.create(article, *_span("about 1,000"), by="ben")
    assert not annotating.may_change(claim, "amira")
    with pytest.raises(PermissionDenied):
        project.claims.edit(claim.id, by="amira", note="mine now")


def test_the_first_claim_starts_an_untouched_article(project, article):
    new = annotating.create_claim(project, article, *_span("about 1,000"), by="amira")
    assert new.started_article
    assert project.articles.get(article).status == annotating.IN_PROGRESS


def test_a_second_claim_does_not_start_the_article_again(project, article):
    annotating.create_claim(project, article, *_span("about 1,000"), by="amira")
    second = annotating.create_claim(project, article, *_span("300"), by="amira")
    assert not second.started_article


def test_a_claim_in_a_finished_article_leaves_its_status_alone(project, article):
    project.articles.set_status(article, "done", by="amira")
    new = annotating.create_claim(project, article, *_span("300"), by="amira")
    assert not new.started_article
    assert project.articles.get(article).status == "done"


def test_taking_the_first_claim_back_makes_the_article_untouched_again(project, article):
    new = annotating.create_claim(project, article, *_span("about 1,000"), by="amira")
    annotating.take_back_claim(project, new, by="amira")
    assert project.claims.count(article_id=article) == 0
    assert project.articles.get(article).status == annotating.NOT_STARTED


def test_putting_it_back_restores_the_claim_and_the_started_article(project, article):
    new = annotating.create_claim(project, article, *_span("about 1,000"), by="amira")
    annotating.take_back_claim(project, new, by="amira")
    annotating.put_back_claim(project, new, by="amira")
    assert project.claims.get(new.claim.id) == new.claim
    assert project.articles.get(article).status == annotating.IN_PROGRESS


def test_submitting_hands_over_only_my_drafts_in_the_article(project, article):
    mine = annotating.create_claim(project, article, *_span("about 1,000"), by="amira").claim
    project.claims.create(article, *_span("300"), by="ben")
    pairs = annotating.submit_drafts(project, article, by="amira")
    assert [(before.id, before.status, after.status) for before, after in pairs] == [
        (mine.id, "draft", "submitted")
    ]
    assert {c.annotator: c.status for c in project.claims.for_article(article)} == {
        "amira": "submitted",
        "ben": "draft",
    }


def test_taking_a_submission_back_makes_the_claims_drafts_again(project, article):
    annotating.create_claim(project, article, *_span("about 1,000"), by="amira")
    pairs = annotating.submit_drafts(project, article, by="amira")
    again = annotating.take_back_submission(project, [before for before, _ in pairs], by="amira")
    assert [claim.status for claim in again] == ["draft"]
    assert [c.status for c in project.claims.for_article(article)] == ["draft"]


@pytest.mark.file_only  # the server keeps a reviewed claim / its people are its roles
def test_people_are_put_back_as_they_were(project):
    project.people.add("amira", by="amira", reviewer=True)
    before = project.people.reviewer_flags(["amira", "carla"])
    assert before == {"amira": True, "carla": None}
    project.people.add("amira", by="amira", reviewer=False)
    project.people.add("carla", by="amira", reviewer=True)
    project.people.restore(before, by="amira")
    assert project.people.names() == ["amira"]
    assert project.people.reviewers() == ["amira"]
    assert [e.action for e in project.log.history("annotator", "carla")] == ["person", "undo person"]


def test_claims_measuring_folds_case_and_spacing(project, article):
    from annotator.core.model import Figure

    claim = project.claims.create(
        article, *_span("300"), by="amira", figure=Figure(value=300, measure="Wounded")
    )
    assert project.events.claims_measuring(" wounded ") == {claim.id: "Wounded"}
