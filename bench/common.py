"""Timing helpers shared by the benchmark modules.

A benchmark module is `bench/bench_<topic>.py` with a function `run() -> list[Result]`.
Each Result carries our median and, where one exists, a baseline measured in the same
run, so the printed ratio is independent of how busy the machine is today.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    """One line of the benchmark table."""

    name: str
    median_s: float
    baseline: str = ""
    baseline_median_s: float | None = None
    items: int | None = None  # how many things one run processed, for a rate
    unit: str = ""  # what the items are ("articles", "claims")
    aim: str = ""  # the target from the issue, in words
    # Not a time (memory, ...): median_s and baseline_median_s then hold that quantity in one
    # unit, so the ratio still holds, and these strings are printed instead ("212 MB").
    measured: str = ""
    baseline_measured: str = ""

    @property
    def ratio(self) -> float | None:
        """Our time over the baseline's (lower is better)."""
        if not self.baseline_median_s:
            return None
        return self.median_s / self.baseline_median_s

    @property
    def rate(self) -> float | None:
        """Items per second."""
        return self.items / self.median_s if self.items and self.median_s else None


def median_time(
    fn: Callable[[], object], *, repeat: int = 5, setup: Callable[[], object] | None = None
) -> float:
    """Median wall-clock seconds of `fn` over `repeat` runs (setup is not timed)."""
    times = []
    for _ in range(repeat):
        if setup:
            setup()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def format_table(results: list[Result]) -> str:
    """The table `make bench` prints."""
    header = ("benchmark", "median", "rate", "baseline", "baseline median", "ratio", "aim")
    rows = [header]
    for r in results:
        rows.append(
            (
                r.name,
                r.measured or f"{r.median_s * 1000:.1f} ms",
                f"{r.rate:,.0f} {r.unit}/s" if r.rate else "",
                r.baseline,
                r.baseline_measured
                or (f"{r.baseline_median_s * 1000:.1f} ms" if r.baseline_median_s else ""),
                f"{r.ratio:.2f}x" if r.ratio is not None else "",
                r.aim,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)
