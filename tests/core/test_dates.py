"""Publication dates: read once at import into ISO 8601, the source's text kept, ordered by time."""

from __future__ import annotations

import json

import pytest

from annotator.core.dates import UnreadableDate, iso_date, sort_key
from annotator.core.figures.compare import compare_figures
from annotator.core.importers.runner import import_paths


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2026-05-09", "2026-05-09"),
        ("9 May 2026", "2026-05-09"),
        ("May 9, 2026", "2026-05-09"),
        ("Oct. 3, 2022", "2022-10-03"),
        ("Saturday 9 May 2026", "2026-05-09"),
        ("Published: 9 May 2026", "2026-05-09"),
        ("Updated 9 May 2026 at 10:42", "2026-05-09T10:42"),
        ("9 May 2026, 10:42 GMT", "2026-05-09T10:42+00:00"),
        ("Saturday 9 May 2026 14.30 BST", "2026-05-09T14:30+01:00"),
        ("2026-05-09T14:30:00Z", "2026-05-09T14:30+00:00"),
        ("2026/05/09", "2026-05-09"),
        ("25/12/2026", "2026-12-25"),  # day first: 25 cannot be a month
        ("12/25/2026", "2026-12-25"),  # month first: 25 cannot be a month
        ("25/12/2026 10:42", "2026-12-25T10:42"),
        ("25.12.2026", "2026-12-25"),
        ("9 mai 2026", "2026-05-09"),
        ("9 мая 2026", "2026-05-09"),
        ("2026年5月9日", "2026-05-09"),
        ("May 2026", "2026-05"),  # the precision written is kept
        ("2026", "2026"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_dates_as_news_writes_them_are_read_into_iso_8601(written, iso):
    assert iso_date(written) == iso


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("05/09/2026", "could be day/month or month/day"),
        ("05/09/2026 10:42", "could be day/month or month/day"),
        ("9 May", "has no year"),
        ("31/02/2026", "not a day of the calendar"),
        ("2026-13", "no month 13"),
        ("yesterday", "cannot read the date"),
        ("13 hours ago", "cannot read the date"),
        ("banana", "cannot read the date"),
    ],
)
def test_dates_that_would_need_a_guess_are_refused(written, reason):
    with pytest.raises(UnreadableDate, match=reason):
        iso_date(written)


def test_iso_dates_sort_in_time_order_where_the_written_forms_do_not():
    written = ["9 May 2026", "10 May 2026", "2026-05-08"]
    assert sorted(written, key=sort_key) == ["2026-05-08", "9 May 2026", "10 May 2026"]


def _article_file(folder, name, published, figure):
    text = f"The agency said {figure} people had been evacuated."
    quote = f"{figure} people had been evacuated"
    start = text.index(quote)
    record = {
        "title": name,
        "published": published,
        "events": ["Velm floods"],
        "text": text,
        "claims": [
            {
                "start": start,
                "end": start + len(quote),
                "quote": quote,
                "speaker": "Agency",
                "figure": {"text": figure, "value": int(figure.replace(",", "")), "measure": "evacuated"},
                "annotator": "amira",
                "status": "submitted",
            }
        ],
    }
    path = folder / f"{name}.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def test_imported_dates_are_stored_as_iso_with_the_written_text_kept(project, tmp_path):
    path = _article_file(tmp_path, "one", "9 May 2026", "1,200")
    assert not import_paths(project, [path], by="amira").failures
    [article_id] = project.articles.ids()
    article = project.articles.get(article_id)
    assert (article.published, article.published_raw) == ("2026-05-09", "9 May 2026")


def test_an_unreadable_date_refuses_the_file_naming_it_and_the_line(project, tmp_path):
    path = _article_file(tmp_path, "bad", "05/09/2026", "1,200")
    summary = import_paths(project, [path], by="amira")
    [(source, reason)] = summary.failures
    assert source.endswith("bad.jsonl") and "line 1" in reason and "day/month or month/day" in reason
    assert project.articles.count() == 0


def test_compare_orders_by_the_parsed_date_and_reports_a_rise_as_a_rise(project, tmp_path):
    paths = [
        _article_file(tmp_path, "a", "9 May 2026", "1,500"),
        _article_file(tmp_path, "b", "10 May 2026", "2,000"),
        _article_file(tmp_path, "c", "2026-05-08", "1,000"),
    ]
    assert not import_paths(project, paths, by="amira").failures
    [group] = compare_figures(project.events.figure_rows(event="Velm floods"))
    assert [row.published for row in group.rows] == ["2026-05-08", "2026-05-09", "2026-05-10"]
    changes = [flag for flag in group.flags if flag.kind == "changed over time"]
    assert [(flag.first.figure_text, flag.second.figure_text) for flag in changes] == [
        ("1,000", "1,500"),
        ("1,500", "2,000"),
    ]
