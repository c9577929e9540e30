"""`python -m bench.cpu_intel`: CPU time (not wall clock) of suggest and compare on bench_intel's data.

Wall-clock medians on a shared machine swing with the neighbours' load; CPU time of this
process does much less, so before/after comparisons across runs (or checkouts) quote it.
"""

from __future__ import annotations

import inspect
import random
import statistics
import time


def _cpu(fn, *, setup=None, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        argument = setup() if setup else None
        start = time.process_time()
        fn(argument)
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    from annotator.core.figures.compare import compare_figures
    from annotator.core.figures.reader import find_figures
    from bench.bench_intel import _article_text, _compare_project, _suggest_project

    rng = random.Random(6)
    texts = [_article_text(rng, n) for n in range(1000)]
    suggest = _cpu(lambda p: p.suggestions.suggest_all(by="bench"), setup=lambda: _suggest_project(texts))
    parser = _cpu(lambda _: [find_figures(text) for text in texts])
    print(
        f"suggest, 1,000 articles: {suggest:.2f} s CPU; "
        f"figure parser alone {parser:.2f} s ({suggest / parser:.2f}x)"
    )
    kinds = [False, True] if "mixed_units" in inspect.signature(_compare_project).parameters else [False]
    for mixed in kinds:
        project = _compare_project(mixed_units=True) if mixed else _compare_project()
        seconds = _cpu(
            lambda _, p=project: compare_figures(p.events.figure_rows(), margin=p.events.approximate_margin())
        )
        print(f"compare, 100,000 figures{' in mixed units' if mixed else ''}: {seconds:.2f} s CPU")


if __name__ == "__main__":
    main()
