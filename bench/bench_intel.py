"""Claim intelligence: suggesting claims over 1,000 articles; comparing 100,000 claimed figures."""

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


def _compare_project():
    from annotator.core.model import Figure, IncomingArticle, IncomingClaim
    from annotator.core.store import Project

    rng = random.Random(7)
    project = Project.open(":memory:")
    speakers = [f"Speaker {n}" for n in range(40)]
    measures = ("killed", "wounded", "evacuated", "homes damaged", "missing")
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
                    figure=Figure(
                        value=float(rng.choice((rng.randint(1, 50), rng.randint(100, 20000)))),
                        qualifier=rng.choice(qualifiers),
                        measure=rng.choice(measures),
                    ),
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


def bench_compare() -> Result:
    from annotator.core.figures.compare import compare_figures

    project = _compare_project()

    def compare():
        return compare_figures(project.events.figure_rows(), margin=project.events.approximate_margin())

    def read_only():
        return project.db.conn.execute("SELECT * FROM claims").fetchall()

    ours = median_time(compare, repeat=3)
    baseline = median_time(read_only, repeat=3)
    return Result(
        "compare: 100,000 claimed figures, 100 groups",
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


def run() -> list[Result]:
    return [*bench_attribution(), bench_suggest(), bench_compare()]
