"""Reading publication dates at import: 10,000 distinct dates written as news pages write them."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bench.common import Result, median_time

COUNT = 10_000
ENGLISH = (
    "{d:%-d %B %Y}",
    "{d:%B %-d, %Y}",
    "{d:%A %-d %B %Y} {t:%H.%M} BST",
    "{d:%-d %b %Y}, {t:%H:%M} GMT",
)


def _moments() -> list[datetime]:
    start = datetime(2024, 1, 1, 6, 0)
    return [start + timedelta(hours=7 * n, minutes=n % 60) for n in range(COUNT)]


def bench_english_dates() -> Result:
    from annotator.core.dates import iso_date

    moments = _moments()
    written = [ENGLISH[n % len(ENGLISH)].format(d=m, t=m) for n, m in enumerate(moments)]
    iso = [m.isoformat() for m in moments]

    def ours() -> None:
        iso_date.cache_clear()  # every date new, as in a year of time-stamped articles
        for text in written:
            iso_date(text)

    def baseline() -> None:
        for text in iso:
            datetime.fromisoformat(text)

    return Result(
        name=f"read {COUNT:,} English publication dates (4 news forms, all distinct)",
        median_s=median_time(ours, repeat=3),
        baseline="datetime.fromisoformat of the same dates in ISO",
        baseline_median_s=median_time(baseline, repeat=3),
        items=COUNT,
        unit="dates",
        aim="a small part of a 10,000-article import",
    )


def bench_other_languages() -> Result:
    from annotator.core.dates import iso_date

    months = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
    days = [date(2024, 1, 1) + timedelta(days=n) for n in range(1000)]
    written = [f"{d.day} {months[d.month - 1]} {d.year}" for d in days]

    def ours() -> None:
        iso_date.cache_clear()
        for text in written:
            iso_date(text)

    return Result(
        name="read 1,000 French publication dates (dateparser, all distinct)",
        median_s=median_time(ours, repeat=3),
        items=len(written),
        unit="dates",
    )


def run() -> list[Result]:
    return [bench_english_dates(), bench_other_languages()]
