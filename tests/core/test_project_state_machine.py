"""Random sequences of user actions against a simple model: the project file always agrees.

Actions: import a file, create, edit, delete, submit, review (accept, reject, dispute),
undo (of deletes and reviews, last first), merge a colleague's project file,
export CSV, close and reopen.
After every step the claims in the file, the articles and the export match the model.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, invariant, precondition, rule

from annotator.core.errors import InvalidClaim, PermissionDenied
from annotator.core.exporters import exporter_for
from annotator.core.importers.runner import import_paths
from annotator.core.model import REVIEWABLE_STATUSES, IncomingArticle
from annotator.core.store import Project

PEOPLE = ("amira", "ben")
REVIEWER = "rita"
COLLEAGUE = "carla"  # works in her own project file, merged in
REVIEW_DECISIONS = {"accept": "accepted", "reject": "rejected", "dispute": "disputed"}

# Article texts: words with digits, accents, emoji and line breaks; never empty, never front matter.
WORDS = st.sampled_from(
    ["Officials", "said", "300", "troops", "were", "killed", "Ünal", "😀", "🇺🇦", "about", "\n"]
)
TEXTS = st.lists(WORDS, min_size=1, max_size=25).map(" ".join).filter(lambda text: text.strip() != "")
NOTES = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20)


def as_csv_cell(text: str) -> str:
    """What the CSV holds for a free-text value: text a spreadsheet would evaluate gets a `'`."""
    from annotator.core.exporters.csv_export import safe_cell

    return safe_cell(text)


@dataclass
class ModelClaim:
    article_id: str
    start: int
    end: int
    annotator: str
    note: str = ""
    status: str = "draft"


class ProjectActions(RuleBasedStateMachine):
    """The user's actions, each checked against what a plain dictionary says should happen."""

    articles = Bundle("articles")
    claims = Bundle("claims")

    def __init__(self):
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="annotator-state-"))
        self.path = self.folder / "project.annotator"
        self.project = Project.open(self.path)
        self.project.people.add(REVIEWER, by=REVIEWER, reviewer=True)
        self.texts: dict[str, str] = {}  # article id -> text
        self.model: dict[str, ModelClaim] = {}  # claim id -> what the file must hold
        self.undo_history: list[tuple[str, object]] = []  # ("delete", Claim) / ("review", outcome)
        self.files = 0

    def teardown(self):
        self.project.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- actions ---------------------------------------------------------------------------

    @rule(target=articles, text=TEXTS)
    def import_a_file(self, text):
        self.files += 1
        source = self.folder / f"article-{self.files}.txt"
        source.write_text(text, encoding="utf-8")
        summary = import_paths(self.project, [source], by="amira")
        assert summary.failures == []
        known = [article_id for article_id, known_text in self.texts.items() if known_text == text]
        assert summary.imported == (0 if known else 1)
        article_id = known[0] if known else self._id_of(text)
        self.texts[article_id] = text
        return article_id

    @rule(target=claims, article_id=articles, data=st.data(), by=st.sampled_from(PEOPLE))
    def create_a_claim(self, article_id, data, by):
        length = len(self.texts[article_id])
        start = data.draw(st.integers(-1, length), label="start")
        end = data.draw(st.integers(start - 1, length + 1), label="end")
        if 0 <= start < end <= length:
            claim = self.project.claims.create(article_id, start, end, by=by)
            assert claim.quote == self.texts[article_id][start:end]
            self.model[claim.id] = ModelClaim(article_id, start, end, by)
            return claim.id
        with pytest.raises(InvalidClaim):
            self.project.claims.create(article_id, start, end, by=by)
        return "refused"

    @rule(claim_id=claims, by=st.sampled_from(PEOPLE), note=NOTES)
    def edit_the_note(self, claim_id, by, note):
        expected = self.model.get(claim_id)
        if expected is None:
            return
        if by != expected.annotator:
            with pytest.raises(PermissionDenied):
                self.project.claims.edit(claim_id, by=by, note=note)
            return
        self.project.claims.edit(claim_id, by=by, note=note)
        expected.note = note

    @rule(claim_id=consumes(claims), by=st.sampled_from(PEOPLE))
    def delete_a_claim(self, claim_id, by):
        expected = self.model.get(claim_id)
        if expected is None:
            return
        if by != expected.annotator:
            with pytest.raises(PermissionDenied):
                self.project.claims.delete(claim_id, by=by)
            return
        self.undo_history.append(("delete", self.project.claims.delete(claim_id, by=by)))
        del self.model[claim_id]

    @rule(claim_id=claims, by=st.sampled_from(PEOPLE))
    def submit_a_claim(self, claim_id, by):
        expected = self.model.get(claim_id)
        if expected is None:
            return
        if by != expected.annotator:
            with pytest.raises(PermissionDenied):
                self.project.reviews.submit([claim_id], by=by)
            return
        self.project.reviews.submit([claim_id], by=by)
        if expected.status in ("draft", "disputed"):  # a disputed claim, once answered, goes back
            expected.status = "submitted"

    @rule(claim_id=claims, decision=st.sampled_from(sorted(REVIEW_DECISIONS)))
    def review_a_claim(self, claim_id, decision):
        expected = self.model.get(claim_id)
        if expected is None:
            return
        review = getattr(self.project.reviews, decision)
        comment = {"reject": {"reason": "wrong span"}, "dispute": {"comment": "source?"}}.get(decision, {})
        if expected.status not in REVIEWABLE_STATUSES:
            with pytest.raises(InvalidClaim):
                review(claim_id, by=REVIEWER, **comment)
            return
        outcome = review(claim_id, by=REVIEWER, **comment)
        self.undo_history.append(("review", outcome))
        expected.status = REVIEW_DECISIONS[decision]

    @precondition(lambda self: self.undo_history)
    @rule(target=claims)
    def undo(self):
        kind, done = self.undo_history.pop()
        if kind == "review":
            self.project.reviews.undo(done, by=REVIEWER)
            if done.before.id in self.model:
                self.model[done.before.id].status = done.before.status
            return done.before.id
        self.project.claims.restore(done, by=done.annotator)
        self.model[done.id] = ModelClaim(
            done.article_id, done.start, done.end, done.annotator, done.note, done.status
        )
        return done.id

    @rule(target=articles, text=TEXTS, data=st.data())
    def merge_a_colleagues_project(self, text, data):
        from annotator.core.review.merge import merge_file

        self.files += 1
        theirs = self.folder / f"colleague-{self.files}.annotator"
        with Project.open(theirs) as colleague:
            article_id = colleague.articles.add(IncomingArticle(text=text), by=COLLEAGUE).article_id
            start = data.draw(st.integers(0, len(text) - 1), label="start")
            end = data.draw(st.integers(start + 1, len(text)), label="end")
            claim = colleague.claims.create(article_id, start, end, by=COLLEAGUE, note="theirs")
        first = merge_file(self.project, theirs, by="amira")
        again = merge_file(self.project, theirs, by="amira")
        assert first.new_claims == [claim.id]
        assert not again.changed  # merging the same project twice changes nothing
        ours = self._id_of(text)
        self.texts[ours] = text
        self.model[claim.id] = ModelClaim(ours, start, end, COLLEAGUE, "theirs")
        return ours

    @rule()
    def export_csv(self):
        out = self.folder / "claims.csv"
        count = exporter_for("csv")(self.project, out, annotator=None, status=None, article_id=None)
        with out.open(encoding="utf-8-sig", newline="") as stream:
            rows = list(csv.DictReader(stream))
        assert count == len(rows) == len(self.model)
        assert {row["claim_id"]: row["note"] for row in rows} == {
            claim_id: as_csv_cell(claim.note) for claim_id, claim in self.model.items()
        }

    @rule()
    def close_and_reopen(self):
        self.project.close()
        self.project = Project.open(self.path)

    # -- what must always hold -------------------------------------------------------------

    @invariant()
    def the_file_holds_exactly_the_modelled_claims(self):
        stored = {
            claim.id: ModelClaim(
                claim.article_id, claim.start, claim.end, claim.annotator, claim.note, claim.status
            )
            for claim in self.project.claims.select()
        }
        assert stored == self.model

    @invariant()
    def every_quote_is_the_text_at_its_offsets(self):
        for claim in self.project.claims.select():
            assert claim.quote == self.texts[claim.article_id][claim.start : claim.end]

    @invariant()
    def the_file_holds_each_imported_text_once(self):
        stored = {
            article_id: self.project.articles.text(article_id) for article_id in self.project.articles.ids()
        }
        assert stored == self.texts

    @invariant()
    def deleted_claims_are_remembered_as_deleted(self):
        for kind, claim in self.undo_history:
            if kind == "delete":
                assert self.project.claims.was_deleted(claim.id)

    def _id_of(self, text: str) -> str:
        from annotator.core.text import text_sha256

        return self.project.articles.id_for_hash(text_sha256(text))


ProjectActions.TestCase.settings = settings(
    max_examples=40,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
test_project_file_agrees_with_the_model = pytest.mark.slow(ProjectActions.TestCase)
