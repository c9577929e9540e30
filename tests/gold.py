"""The suggestion gold set: invented articles with the claims an analyst would capture.

`python -m tests.gold` prints precision, recall and speaker/measure agreement.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

GOLD_DIR = Path(__file__).parent / "fixtures" / "gold"
# gold.json tuned the rules; heldout.json was written afterwards and never used to tune them.
SETS = ("gold", "heldout")


@dataclass(frozen=True)
class Score:
    """How the suggester did on the gold set."""

    suggested: int
    expected: int
    matched: int
    speaker_right: int
    measure_right: int

    @property
    def precision(self) -> float:
        return self.matched / self.suggested if self.suggested else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 0.0

    def describe(self) -> str:
        return (
            f"precision {self.precision:.2f} ({self.matched}/{self.suggested}), "
            f"recall {self.recall:.2f} ({self.matched}/{self.expected}), "
            f"speaker right on {self.speaker_right}/{self.matched} matches, "
            f"measure right on {self.measure_right}/{self.matched}"
        )


def load_gold(name: str = "gold") -> dict:
    return json.loads((GOLD_DIR / f"{name}.json").read_text(encoding="utf-8"))


def seed_gold(project, gold: dict) -> list[tuple[str, dict]]:
    """Add the gold speakers and articles (without their expected claims) to a project."""
    from annotator.core.model import IncomingArticle

    for name, aliases in gold["speakers"].items():
        project.speakers.add(name, by="gold", aliases=tuple(aliases))
    added = []
    for article in gold["articles"]:
        meta = {k: article[k] for k in ("title", "outlet", "published")}
        incoming = IncomingArticle(text=article["text"], events=tuple(article["events"]), **meta)
        added.append((project.articles.add(incoming, by="gold").article_id, article))
    return added


def score(project, added: list[tuple[str, dict]]) -> Score:
    """Compare the project's suggested claims with the gold claims, article by article."""
    totals = [0, 0, 0, 0, 0]
    for article_id, article in added:
        suggested = project.claims.for_article(article_id)
        totals[0] += len(suggested)
        totals[1] += len(article["expected"])
        for expected in article["expected"]:
            hit = _match(article["text"], expected, suggested)
            if hit is None:
                continue
            suggested.remove(hit)
            totals[2] += 1
            totals[3] += _same_speaker(hit, expected["speaker"])
            totals[4] += _norm(hit.figure.measure) == _norm(expected["measure"])
    return Score(*totals)


def _match(text: str, expected: dict, suggested: list):
    start = text.find(expected["quote"])
    end = start + len(expected["quote"])
    for claim in suggested:
        overlaps = claim.start < end and start < claim.end
        figure = claim.figure
        numbers = (figure.value, figure.low, figure.high)
        wanted = (expected.get("value"), expected.get("low"), expected.get("high"))
        if overlaps and numbers == wanted:
            return claim
    return None


def _same_speaker(claim, expected: str | None) -> bool:
    """The expected speaker, or for a figure nobody is named for, the narrator (the outlet)."""
    from annotator.core.store.suggestions import is_narrators, proposed_speaker

    if expected is None and is_narrators(claim):
        return True
    written = claim.speaker or proposed_speaker(claim)
    return _norm(written) == _norm(expected)


def _norm(text: str | None) -> str:
    """Case, spacing and a leading article do not make a different speaker or measure."""
    words = (text or "").casefold().split()
    return " ".join(words[1:] if words[:1] in (["the"], ["a"], ["an"]) else words)


def main() -> None:
    from annotator.core.store import Project

    for name in SETS:
        with Project.open(":memory:") as project:
            added = seed_gold(project, load_gold(name))
            project.suggestions.suggest_all(by="gold")
            print(f"{name}: {score(project, added).describe()}")


if __name__ == "__main__":
    main()
