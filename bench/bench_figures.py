"""The figure reader's speed on articles (its accuracy per category: `python -m bench intel`)."""

from __future__ import annotations

import random

from bench.common import Result, median_time


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
    return [bench_read_articles()]
