"""One rule for user actions: after any command is pushed, undone and redone, every open screen
shows what the core says — the article list, the claims table, the highlights, the review queue,
the Figures view and the speakers offered by the form."""

from __future__ import annotations

import pytest

from annotator.core.figures.compare import compare_figures
from annotator.core.importers.runner import MetadataChange
from annotator.core.review.adjudicate import compare
from annotator.core.store import Project
from annotator.ui import undo
from annotator.ui.figures.view import RenameMeasure, RenameMeasureDialog, SetMargin
from annotator.ui.review import commands as review
from annotator.ui.speakers import commands as speakers
from annotator.ui.suggestions import actions as suggestions

USER = "amira"


@pytest.fixture
def window(make_window, sample_project):
    """Amira's window on the sample, ben's claims beside hers, the queue and the Figures view open."""
    project = sample_project
    article = project.articles.ids()[0]
    for claim in [c for c in project.claims.for_article(article) if c.annotator == USER][:2]:
        fields = {"speaker": claim.speaker, "figure": claim.figure, "status": "submitted"}
        project.claims.create(article, claim.start, claim.end, by="ben", confidence="high", **fields)
        project.claims.create(article, claim.start, claim.end, by="carla", confidence="low", **fields)
    built = make_window(project, user=USER)
    built.open_article(article)
    built.feature("review").start_review()
    built.feature("figures").show()
    built.feature("speakers").show()
    return built


def _article(window) -> str:
    return window.current_article.id


def _mine(window):
    return next(c for c in window.claims_model.claims() if c.annotator == USER)


def _queued(window):
    return window.project.reviews.queue(reviewer=USER)[0]


def _suggested(window):
    return next(c for c in window.project.claims.for_article(_article(window)) if c.status == "suggested")


def _other_file(window, tmp_path) -> str:
    other = tmp_path / "ben.annotator"
    with Project.open(other) as theirs:
        window.project.db.conn.backup(theirs.db.conn)
        theirs.claims.create(_article(window), 0, 9, by="ben")
    return str(other)


def _rename_from_the_figures_view(window, monkeypatch) -> None:
    figures = window.feature("figures")
    measure = _mine(window).figure.measure
    monkeypatch.setattr(RenameMeasureDialog, "ask", classmethod(lambda cls, parent, m, c: "people counted"))
    figures.rename_measure("", measure)


def _new_metadata(window) -> list[MetadataChange]:
    article = window.current_article
    changes = {
        "title": (article.title, "Seoul: 300 killed"),
        "events": (list(article.events), ["Kursk 2024"]),
    }
    return [MetadataChange("again.txt", article.id, changes)]


# command class -> what the user does (window, tmp_path, monkeypatch)
ACTIONS = {
    undo.CreateClaim: lambda w, *_: undo.create_claim(w.workspace, _article(w), 0, 9),
    undo.DeleteClaim: lambda w, *_: undo.delete_claim(w.workspace, _mine(w).id),
    undo.EditClaim: lambda w, *_: undo.edit_claim(
        w.workspace, _mine(w).id, field="confidence", confidence="low"
    ),
    undo.MoveSpan: lambda w, *_: undo.move_span(w.workspace, _mine(w).id, _mine(w).start, _mine(w).end - 1),
    undo.SetArticleStatus: lambda w, *_: undo.set_article_status(w.workspace, _article(w), "done"),
    undo.EditArticle: lambda w, *_: undo.edit_article(
        w.workspace, _article(w), title="Seoul: 300 killed", published="9 May 2026", events=["Kursk 2024"]
    ),
    undo.UpdateMetadata: lambda w, *_: undo.update_article_metadata(w.workspace, _new_metadata(w)),
    undo.AddSpeaker: lambda w, *_: undo.add_speaker(w.workspace, "Harbour Master", type="official body"),
    speakers.RenameSpeaker: lambda w, *_: w.feature("speakers").perform(
        speakers.RenameSpeaker(w.workspace, "Regional Emergency Agency", "Regional Emergency Service")
    ),
    speakers.MergeSpeakers: lambda w, *_: w.feature("speakers").perform(
        speakers.MergeSpeakers(w.workspace, "Tessa Grann", "Regional Emergency Agency")
    ),
    speakers.SetSpeakerType: lambda w, *_: w.feature("speakers").perform(
        speakers.SetSpeakerType(w.workspace, "Tessa Grann", "official body")
    ),
    speakers.AddAlias: lambda w, *_: w.feature("speakers").perform(
        speakers.AddAlias(w.workspace, "Tessa Grann", "the mayor")
    ),
    speakers.RemoveAlias: lambda w, *_: w.feature("speakers").perform(
        speakers.RemoveAlias(w.workspace, "REA")
    ),
    review.ReviewClaim: lambda w, *_: review.review(
        w.workspace, "correct", _queued(w).id, confidence="low", comment="too sure"
    ),
    review.Adjudicate: lambda w, *_: review.adjudicate(
        w.workspace, compare(w.project, _article(w), "ben", "carla").pairs[0], keep="b"
    ),
    review.AddComment: lambda w, *_: review.comment(w.workspace, _queued(w).id, "source?"),
    review.SubmitDrafts: lambda w, *_: review.submit_drafts(w.workspace, _article(w)),
    review.EditPeople: lambda w, *_: review.edit_people(w.workspace, [("ben", True), ("carla", False)]),
    review.MergeProject: lambda w, tmp_path, _: review.merge(w.workspace, _other_file(w, tmp_path)),
    suggestions.SuggestClaims: lambda w, *_: suggestions.suggest_claims(w.workspace, [_article(w)]),
    suggestions.AcceptSuggestion: lambda w, *_: suggestions.accept_suggestion(w.workspace, _suggested(w).id),
    suggestions.RejectSuggestion: lambda w, *_: suggestions.reject_suggestion(w.workspace, _suggested(w).id),
    RenameMeasure: lambda w, _, monkeypatch: _rename_from_the_figures_view(w, monkeypatch),
    SetMargin: lambda w, *_: w.feature("figures").set_margin(0.5),
}
SETUP = {  # what a command needs to find first (done through commands too, so the screens know)
    review.SubmitDrafts: lambda w: undo.create_claim(w.workspace, _article(w), 0, 9),
    suggestions.AcceptSuggestion: lambda w: suggestions.suggest_claims(w.workspace, [_article(w)]),
    suggestions.RejectSuggestion: lambda w: suggestions.suggest_claims(w.workspace, [_article(w)]),
}


def _highlight(claim) -> tuple:
    """What the text draws of a claim: where, and the fields its colour and style come from."""
    return (claim.id, claim.start, claim.end, claim.speaker, claim.confidence, claim.status, claim.annotator)


def assert_every_view_shows_the_core(window) -> None:
    project, article = window.project, _article(window)
    shown = {
        s.id: s
        for s in (window.article_list.model.summary(r) for r in range(len(window.article_list.model.ids())))
    }
    assert shown == {s.id: s for s in project.articles.summaries(search=window.article_list.search.text())}
    claims = sorted(project.claims.for_article(article), key=lambda c: c.id)
    assert sorted(window.claims_model.claims(), key=lambda c: c.id) == claims
    assert sorted(map(_highlight, window.view.shown_claims())) == sorted(map(_highlight, claims))
    assert window.current_article == project.articles.get(article)
    assert window.header.title.text() == project.articles.get(article).title
    assert window.feature("review").panel.claims.ids == project.reviews.queue_ids(reviewer=USER)
    figures = window.feature("figures")
    figures.refresh_if_due()
    margin = project.events.approximate_margin()
    expected = compare_figures(project.events.figure_rows(event=figures.view.chosen_event()), margin=margin)
    assert (figures.view.groups, figures.view.margin) == (expected, margin)
    registry = project.speakers.all()
    assert all(window.form.speaker.canonical(s.name) == s.name for s in registry)
    assert all(window.form.speaker.canonical(a) == s.name for s in registry for a in s.aliases)
    assert window.form.speaker.canonical("REA") == project.speakers.resolve("REA")
    dialog = window.feature("speakers").dialog
    assert dialog.speakers == registry
    counts = project.speakers.claim_counts()
    assert [dialog.table.item(r, 3).text() for r in range(dialog.table.rowCount())] == [
        str(counts.get(s.name, 0)) for s in registry
    ]


@pytest.mark.parametrize("command_class", list(ACTIONS), ids=lambda cls: cls.__name__)
def test_every_view_shows_the_core_after_push_undo_and_redo(window, tmp_path, monkeypatch, command_class):
    SETUP.get(command_class, lambda w: None)(window)
    stack = window.workspace.undo_stack
    before = stack.index()
    ACTIONS[command_class](window, tmp_path, monkeypatch)
    assert stack.index() == before + 1 and isinstance(stack.command(before), command_class)
    assert_every_view_shows_the_core(window)
    window.actions_by_name["undo"].trigger()
    assert_every_view_shows_the_core(window)
    window.actions_by_name["redo"].trigger()
    assert_every_view_shows_the_core(window)


def test_every_command_class_is_in_the_table():
    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    assert set(subclasses(undo.ProjectCommand)) == set(ACTIONS)
