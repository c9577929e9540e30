"""The motivating case end to end: suggest, accept (confirming new speakers), compare flags it.

Two invented articles written the way the guide's example is: one source's 1,000 killed out
of some 11,000 troops sent "in just three months", another's about 300 killed and "about 11
soldiers" sent (a dropped thousand). Neither speaker is in the sample registry.
"""

from annotator.core.figures.compare import compare_figures
from annotator.core.model import Speaker
from annotator.core.speaker_types import guess_speaker_type
from annotator.core.store.suggestions import proposed_speaker
from tests.conftest import add_article

EVENT = "Ridge deployment"
FIRST = (
    "Ridge losses mount\n\n"
    "Western officials told the Daily Ledger that, out of some 11,000 troops sent, 1,000 had been "
    "killed in just three months."
)
SECOND = (
    "Spy agency gives its count\n\n"
    "South Korea's intelligence service says about 300 soldiers have been killed, while about 2,700 "
    "have been wounded. It said about 11 soldiers had been sent to the front."
)


def _accept_everything(project) -> None:
    for claim in [c for c in project.claims.all() if c.status == "suggested"]:
        name = proposed_speaker(claim)
        speaker = Speaker(name, guess_speaker_type(name, project.speakers.all())) if name else None
        project.suggestions.accept(claim.id, by="ben", new_speaker=speaker)


def test_suggest_accept_compare_keeps_the_conflict_and_the_scale_error(sample_project):
    project = sample_project
    for text, date in ((FIRST, "2026-10-02"), (SECOND, "2026-10-03")):
        article_id = add_article(project, text, outlet="Meridian Wire", published=date, events=(EVENT,))
        project.suggestions.suggest(article_id, by="ben")
    assert {"Western officials", "South Korea's intelligence service"} <= set(
        project.suggestions.proposed_speakers()
    )
    _accept_everything(project)
    groups = {g.measure: g for g in compare_figures(project.events.figure_rows(event=EVENT))}
    killed = groups["killed"]
    assert {r.speaker for r in killed.rows} == {"Western officials", "South Korea's intelligence service"}
    [conflict] = [f for f in killed.flags if f.kind == "conflict"]
    assert (conflict.first.figure_text, conflict.second.figure_text) == ("about 300", "1,000")
    assert "South Korea's intelligence service says about 300" in conflict.explanation
    assert "Western officials says 1,000" in conflict.explanation
    deployed = groups["troops deployed"]
    assert [f.kind for f in deployed.flags] == ["likely scale error"]
