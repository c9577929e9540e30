"""The figure reader: accuracy per category on the invented dev set, and its speed on articles."""

from __future__ import annotations

import random

from bench.common import Result, median_time

AIMS = {
    "measures": "",
    "periods": "",
    "signs": ">= 95%",
    "not figures": ">= 95% (<= 5% read)",
    "units": ">= 90%",
}


def _read(sentence: str, start: int, end: int):
    from annotator.core.figures.prefill import prefill_figure

    return prefill_figure(sentence, start, end)


def _found(sentence: str) -> list[tuple[int, int]]:
    from annotator.core.figures.reader import read_all

    return [(r.start, r.end) for r in read_all(sentence)]


def bench_accuracy() -> list[Result]:
    from tests.figure_cases import accuracy

    results = []
    for name, (right, total) in accuracy(_read, _found).items():
        share = right / total
        results.append(
            Result(
                f"figure reader accuracy: {name}",
                share,
                measured=f"{right}/{total} ({share:.0%})",
                aim=AIMS.get(name, ""),
            )
        )
    return results


def bench_heldout_accuracy() -> list[Result]:
    from tests.figure_cases import heldout_accuracy

    return [
        Result(
            f"figure reader held-out: {name}",
            right / total,
            measured=f"{right}/{total} ({right / total:.0%})",
        )
        for name, (right, total) in heldout_accuracy(_read).items()
    ]


def bench_read_articles() -> Result:
    from annotator.core.figures.reader import find_figures, read_all
    from bench.bench_intel import _article_text

    rng = random.Random(6)
    texts = [_article_text(rng, n) for n in range(1000)]
    ours = median_time(lambda: [read_all(text) for text in texts], repeat=3)
    baseline = median_time(lambda: [find_figures(text) for text in texts], repeat=3)
    return Result(
        "read_all: 1,000 articles (measure, period)",
        ours,
        baseline="figure parser alone over the same texts",
        baseline_median_s=baseline,
        items=len(texts),
        unit="articles",
        aim="articles/s, reported",
    )


def run() -> list[Result]:
    return [*bench_accuracy(), *bench_heldout_accuracy(), bench_read_articles()]
