"""Scoring the suggester on the attribution cases: recall, precision and right speaker per category.

`python -m tests.attribution` prints the dev and held-out tables.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from tests.attribution_cases import DEV, DEV_NEWS, HELDOUT, HELDOUT_NEWS, NARRATOR, REGISTRY, Attributed

SETS = {"dev": DEV, "heldout": HELDOUT, "dev news": DEV_NEWS, "heldout news": HELDOUT_NEWS}


@dataclass(frozen=True)
class Tally:
    """Counts for one category: figures expected, suggested, matched, with the right speaker."""

    expected: int = 0
    suggested: int = 0
    matched: int = 0
    speaker_right: int = 0
    outlet_right: int = 0
    outlets: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(*(a + b for a, b in zip(_fields(self), _fields(other), strict=True)))

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.suggested if self.suggested else 1.0

    @property
    def right_speaker(self) -> float:
        """Figures found with the right speaker, of all the figures expected."""
        return self.speaker_right / self.expected if self.expected else 1.0


def _fields(tally: Tally) -> tuple[int, ...]:
    return (
        tally.expected,
        tally.suggested,
        tally.matched,
        tally.speaker_right,
        tally.outlet_right,
        tally.outlets,
    )


def score_case(case: Attributed, suggest) -> Tally:
    """How `suggest(text)` (a list of suggestions) did on one case."""
    suggestions = list(suggest(case.text))
    total = len(suggestions)
    matched = speaker_right = outlet_right = 0
    for words, speaker in case.figures:
        hit = _find(case.text, words, suggestions)
        if hit is None:
            continue
        suggestions.remove(hit)
        matched += 1
        if speaker == NARRATOR:
            speaker_right += hit.narrator
        else:
            speaker_right += same_speaker(hit.speaker or hit.speaker_text, speaker)
        outlet_right += bool(case.outlet) and same_speaker(hit.outlet, case.outlet)
    outlets = len(case.figures) if case.outlet else 0
    return Tally(len(case.figures), total, matched, speaker_right, outlet_right, outlets)


def score_set(cases: dict[str, list[Attributed]], suggest) -> dict[str, Tally]:
    """A tally per category, and "all" for the whole set."""
    tallies = {name: sum((score_case(c, suggest) for c in group), Tally()) for name, group in cases.items()}
    tallies["all"] = sum(tallies.values(), Tally())
    return tallies


def same_speaker(got: str | None, wanted: str) -> bool:
    """The same speaker, a leading article and a title before a name aside ("Police chief Omar Haddad")."""
    got_words, wanted_words = _words(got), _words(wanted)
    return bool(got_words) and got_words[-len(wanted_words) :] == wanted_words


def _words(text: str | None) -> list[str]:
    words = (text or "").casefold().split()
    return words[1:] if words[:1] in (["the"], ["a"], ["an"]) else words


def _find(text: str, words: str, suggestions: list):
    start = text.find(words)
    end = start + len(words)
    for suggestion in suggestions:
        if suggestion.figure.text == words and suggestion.start <= start and end <= suggestion.end:
            return suggestion
    return None


def suggester():
    from annotator.core.figures.suggest import SpeakerMatcher, suggest_claims

    matcher = SpeakerMatcher(REGISTRY)
    return lambda text: suggest_claims(text, matcher=matcher)


def table(tallies: dict[str, Tally]) -> str:
    lines = [f"{'category':34} {'recall':>12} {'precision':>12} {'speaker':>12} {'outlet':>8}"]
    for name, t in tallies.items():
        lines.append(
            f"{name:34} {t.recall:>5.0%} {t.matched:>2}/{t.expected:<3} {t.precision:>5.0%} "
            f"{t.matched:>2}/{t.suggested:<3} {t.right_speaker:>5.0%} {t.speaker_right:>2}/{t.expected:<3} "
            f"{t.outlet_right:>3}/{t.outlets:<3}"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    suggest = suggester()
    for name in argv or SETS:
        print(f"-- {name}\n{table(score_set(SETS[name], suggest))}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
