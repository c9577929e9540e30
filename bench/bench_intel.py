"""Claim intelligence: how well figures are read and claims suggested on the invented dev and
held-out sets in tests/, how fast suggestions run over 1,000 articles, and how fast 100,000
claimed figures compare (in one unit, and in mixed units that need converting)."""

from __future__ import annotations

import random

from bench.common import Result, median_time

ARTICLES = 1000
CLAIMS = 100_000
_SENTENCES = (
    "The regional emergency agency said about {a:,} residents had been evacuated and {b} were missing.",
    'Mayor Tessa Grann told the Valley Courier that "between {a:,} and {c:,} homes" had been damaged.',
    "The defence ministry said {b} soldiers had been killed since Monday and about {d} wounded.",
    "According to the coastguard, all {d} passengers and {b} crew were taken off by lifeboats.",
    "A local official told Radio Meridian that roughly {a:,} families had fled the villages.",
    "Forecasters expect another {b} mm of rain before Friday, and the river rose {d} cm overnight.",
    "The Red Lantern Society put the number of people in its care at more than {a:,}.",
)


def _article_text(rng: random.Random, number: int) -> str:
    numbers = {"a": rng.randint(1000, 9000), "b": rng.randint(2, 90), "d": rng.randint(20, 400)}
    numbers["c"] = numbers["a"] + rng.randint(100, 3000)
    body = " ".join(rng.choice(_SENTENCES).format(**numbers) for _ in range(8))
    return f"Report {number}: floods and clashes\n\n{body}"


def _suggest_project(texts: list[str]):
    from annotator.core.model import IncomingArticle
    from annotator.core.sample import SAMPLE_SPEAKER_ALIASES
    from annotator.core.store import Project

    project = Project.open(":memory:")
    for name, aliases in SAMPLE_SPEAKER_ALIASES.items():
        project.speakers.add(name, by="bench", aliases=aliases)
    with project.transaction():
        for text in texts:
            project.articles.add(IncomingArticle(text=text), by="bench")
    return project


def bench_suggest() -> Result:
    from annotator.core.figures.reader import find_figures

    rng = random.Random(6)
    texts = [_article_text(rng, n) for n in range(ARTICLES)]
    projects = []
    ours = median_time(
        lambda: projects[-1].suggestions.suggest_all(by="bench"),
        repeat=3,
        setup=lambda: projects.append(_suggest_project(texts)),
    )
    baseline = median_time(lambda: [find_figures(text) for text in texts], repeat=3)
    return Result(
        "suggest: 1,000 articles (rules + store)",
        ours,
        baseline="figure parser alone over the same texts",
        baseline_median_s=baseline,
        items=ARTICLES,
        unit="articles",
        aim="articles/s, reported",
    )


# measures and the units their figures come in, for the mixed-units comparison
_MIXED_UNITS = {
    "area burned": ("km²", "sq miles", "hectares"),
    "length of the front": ("km", "miles"),
    "temperature": ("°C", "°F"),
    "aid pledged": ("USD", "EUR"),
    "killed": ("",),
}


def _compare_project(*, mixed_units: bool = False):
    from annotator.core.model import IncomingArticle, IncomingClaim
    from annotator.core.store import Project

    rng = random.Random(7)
    project = Project.open(":memory:")
    speakers = [f"Speaker {n}" for n in range(40)]
    measures = (
        tuple(_MIXED_UNITS) if mixed_units else ("killed", "wounded", "evacuated", "homes damaged", "missing")
    )
    qualifiers = ("exact", "approximately", "at least", "more than", "at most", "less than")
    per_article = 100
    with project.transaction():
        for number in range(CLAIMS // per_article):
            text = f"Article {number}. " + "x" * per_article
            claims = tuple(
                IncomingClaim(
                    start=i,
                    end=i + 1,
                    quote=text[i],
                    speaker=rng.choice(speakers),
                    figure=_figure(rng, measures, qualifiers, mixed_units=mixed_units),
                    status="submitted",
                )
                for i in range(per_article)
            )
            incoming = IncomingArticle(
                text=text,
                published=f"2026-03-{1 + number % 28:02d}",
                events=(f"Event {number % 20}",),
                claims=claims,
            )
            project.articles.add(incoming, by="bench")
    return project


def _figure(rng: random.Random, measures: tuple, qualifiers: tuple, *, mixed_units: bool):
    from annotator.core.model import Figure

    measure = rng.choice(measures)
    return Figure(
        value=float(rng.choice((rng.randint(1, 50), rng.randint(100, 20000)))),
        qualifier=rng.choice(qualifiers),
        measure=measure,
        unit=rng.choice(_MIXED_UNITS[measure]) if mixed_units else "",
    )


def bench_compare_units() -> Result:
    """The same comparison where figures come in units that convert (and currencies that do not)."""
    return bench_compare(mixed_units=True)


def bench_compare(*, mixed_units: bool = False) -> Result:
    from annotator.core.figures.compare import compare_figures

    project = _compare_project(mixed_units=mixed_units)

    def compare():
        return compare_figures(project.events.figure_rows(), margin=project.events.approximate_margin())

    def read_only():
        return project.db.conn.execute("SELECT * FROM claims").fetchall()

    ours = median_time(compare, repeat=3)
    baseline = median_time(read_only, repeat=3)
    name = (
        "compare: 100,000 figures in mixed units, converted"
        if mixed_units
        else "compare: 100,000 claimed figures, 100 groups"
    )
    return Result(
        name,
        ours,
        baseline="SELECT * FROM claims (read only)",
        baseline_median_s=baseline,
        items=CLAIMS,
        unit="claims",
        aim="seconds, reported",
    )


def bench_attribution() -> list[Result]:
    """Recall, precision and right speaker on the attribution cases (tests/attribution_cases.py)."""
    from tests.attribution import SETS, score_set, suggester

    results = []
    for name, cases in SETS.items():
        t = score_set(cases, suggester())["all"]
        measured = (
            f"recall {t.recall:.0%} ({t.matched}/{t.expected}), precision {t.precision:.0%}, "
            f"right speaker {t.right_speaker:.0%}"
        )
        results.append(
            Result(f"suggestions, attribution {name}", t.recall, measured=measured, aim=">= 80/90/70%")
        )
    return results


def bench_gold() -> list[Result]:
    """Recall, precision and right speaker on the gold articles (tests/fixtures/gold), through the store."""
    from annotator.core.store import Project
    from tests.gold import SETS, load_gold, score, seed_gold

    results = []
    for name in SETS:
        with Project.open(":memory:") as project:
            added = seed_gold(project, load_gold(name))
            project.suggestions.suggest_all(by="bench")
            got = score(project, added)
        measured = (
            f"recall {got.recall:.0%} ({got.matched}/{got.expected}), precision {got.precision:.0%}, "
            f"right speaker {got.speaker_right / got.expected:.0%}"
        )
        results.append(
            Result(f"suggestions, gold articles {name}", got.recall, measured=measured, aim=">= 80/90/70%")
        )
    return results


_READER_AIMS = {
    "numbers and qualifier": ">= 95%",
    "signs": ">= 95%",
    "scale words": ">= 95%",
    "ranges": ">= 95%",
    "not figures": ">= 95% of cases",
    "units": ">= 90%",
    "conversions": ">= 90%",
}


def _read(sentence: str, start: int, end: int):
    from annotator.core.figures.prefill import prefill_figure

    return prefill_figure(sentence, start, end)


def _found(sentence: str) -> list[tuple[int, int]]:
    from annotator.core.figures.reader import read_all

    return [(r.start, r.end) for r in read_all(sentence)]


def _share(name: str, right: int, total: int, aim: str = "") -> Result:
    return Result(name, right / total, measured=f"{right}/{total} ({right / total:.0%})", aim=aim)


def bench_reader() -> list[Result]:
    """The figure reader's accuracy per category: dev (tuned on) and both held-out sets."""
    from tests import figure_cases as cases

    results = [
        _share(f"reader dev: {name}", *score, _READER_AIMS.get(name, ""))
        for name, score in cases.accuracy(_read, _found).items()
    ]
    results += [
        _share(f"reader held-out: {name}", *score, _READER_AIMS.get(name, ""))
        for name, score in cases.heldout_accuracy(_read, _found).items()
    ]
    results += [
        _share(f"reader held-out news: {name}", *score, _READER_AIMS.get(name, ""))
        for name, score in cases.heldout_accuracy(_read, _found, cases.HELDOUT_NEWS).items()
    ]
    non_figures = cases.NOT_FIGURES + cases.HELDOUT_NEWS["not figures"]
    read, total = cases.non_figures_read(_found, non_figures)
    results.append(
        Result(
            "reader: non-figures read as figures",
            read / total,
            measured=f"{read}/{total} ({read / total:.0%})",
            aim="<= 5%",
        )
    )
    return results


def run() -> list[Result]:
    return [
        *bench_reader(),
        *bench_attribution(),
        *bench_gold(),
        bench_suggest(),
        bench_compare(),
        bench_compare_units(),
    ]
