"""The outlet a new claim is prefilled with knows the project: its speaker registry and the
outlets its claims and articles already name."""

from __future__ import annotations

from annotator.core.annotating import prefilled
from annotator.core.model import Figure, IncomingArticle
from annotator.core.store import Project

TEXT = (
    "The mayor told the NBS that some 300 families had left the valley. "
    "The valley has lost some 40 farms, according to the NBS."
)


def _outlet_of(project: Project, article_id: str, figure: str) -> str:
    start = TEXT.index(figure)
    return prefilled(project, project.articles.get(article_id), start, start + len(figure))["outlet"]


def _article(project: Project) -> str:
    return project.articles.add(IncomingArticle(text=TEXT, outlet="Valley Blog"), by="amira").article_id


def test_an_acronym_the_mayor_talks_to_is_the_outlet(project):
    assert _outlet_of(project, _article(project), "some 300") == "NBS"


def test_an_acronym_registered_as_an_agency_leaves_the_articles_outlet(project):
    article = _article(project)
    project.speakers.add("Northern Border Service", by="amira", type="official body", aliases=("NBS",))
    assert _outlet_of(project, article, "some 300") == "Valley Blog"


def test_once_a_claim_names_the_outlet_it_is_recognised_after_any_cue(project):
    article = _article(project)
    assert _outlet_of(project, article, "some 40") == "Valley Blog"
    start = TEXT.index("some 300")
    project.claims.create(article, start, start + 8, by="amira", figure=Figure("some 300", 300), outlet="NBS")
    assert _outlet_of(project, article, "some 40") == "NBS"
