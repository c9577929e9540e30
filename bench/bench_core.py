"""Import and export throughput (issue 2), with same-run baselines.

- import of 10,000 generated .txt articles, against reading the same files and inserting
  them with the bare sqlite3 module;
- import of one JSONL file with 10,000 articles and 100,000 claims (Label Studio: 18-26 s),
  against json.loads and a bare sqlite3 insert of the same rows into a fresh project's
  tables (the same indexes and triggers; like the import, it leaves the articles pending
  for the search indexes, by the same row in search_index_deferred);
- indexing for search the 10,000 articles that import left pending (what the window does
  in its idle time after an import, or the first search does), against the import itself;
- CSV export of 100,000 claims, against the same columns selected with sqlite3 and written
  with Python's csv writer (Label Studio: ~24 s, one row per article).
"""

from __future__ import annotations

import csv
import json
import random
import shutil
import sqlite3
import statistics
import tempfile
from pathlib import Path

from bench.common import Result, median_time

ARTICLES, CLAIMS_PER_ARTICLE = 10_000, 10
WORDS = "the ministry said officials reported about killed wounded troops homes river city people".split()


def _article_text(rng: random.Random, n: int) -> str:
    sentences = []
    for s in range(12):
        words = " ".join(rng.choice(WORDS) for _ in range(14))
        sentences.append(f"Sentence {s} of article {n}: {words} {rng.randint(1, 99_999):,} people.")
    return " ".join(sentences)


def _write_txt_folder(folder: Path) -> None:
    rng = random.Random(1)
    for n in range(ARTICLES):
        sub = folder / f"{n // 1000:02}"
        sub.mkdir(exist_ok=True)
        (sub / f"a{n:05}.txt").write_text(f"Article {n}\n\n" + _article_text(rng, n), encoding="utf-8")


def write_jsonl(path: Path, *, annotators: bool = True) -> None:
    """The articles and their claims as JSONL; without `annotators` no claim names one (the
    importer is then the annotator, as on a team project)."""
    rng = random.Random(2)
    with path.open("w", encoding="utf-8") as out:
        for n in range(ARTICLES):
            text = _article_text(rng, n)
            claims = []
            for c in range(CLAIMS_PER_ARTICLE):
                start = text.index(f"Sentence {c} ")
                quote = text[start : start + 30]
                claim = {
                    "start": start,
                    "end": start + 30,
                    "quote": quote,
                    "speaker": f"Speaker {c % 7}",
                    "figure": {"value": c * 10, "measure": "killed"},
                    "confidence": "Moderate",
                    "annotator": f"annotator{c % 3}",
                    "status": "submitted",
                }
                if not annotators:
                    del claim["annotator"]
                claims.append(claim)
            out.write(json.dumps({"title": f"Article {n}", "text": text, "claims": claims}) + "\n")


def _fresh(folder: Path, name: str) -> Path:
    path = folder / name
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return path


def _import(db_path: Path, source: Path) -> None:
    from annotator.core.importers.runner import import_paths
    from annotator.core.store import Project

    with Project.open(db_path) as project:
        summary = import_paths(project, [source], by="bench")
    assert not summary.failures, summary.failures[:3]


def _index_pending(db_path: Path) -> None:
    from annotator.core.store import Project

    with Project.open(db_path) as project:
        assert project.articles.has_pending()
        project.articles.index_pending()


def _timed_import_and_index(work: Path, source: Path, repeat: int) -> tuple[float, float]:
    """Median times of the JSONL import into an empty project, and of indexing its articles
    for search afterwards, `repeat` runs each, the index run right after its import."""
    imports, indexes = [], []
    for _ in range(repeat):
        path = _empty_project(work, "j.annotator")
        imports.append(median_time(lambda path=path: _import(path, source), repeat=1))
        indexes.append(median_time(lambda path=path: _index_pending(path), repeat=1))
    return statistics.median(imports), statistics.median(indexes)


def _baseline_txt_import(db_path: Path, source: Path) -> None:
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, text TEXT)")
    conn.execute("BEGIN")
    for path in sorted(source.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        conn.execute("INSERT INTO articles (title, text) VALUES (?, ?)", (text.split("\n", 1)[0], text))
    conn.execute("COMMIT")
    conn.close()


def _empty_project(folder: Path, name: str) -> Path:
    from annotator.core.store import Project

    path = _fresh(folder, name)
    Project.open(path).close()
    return path


def _baseline_jsonl_import(db_path: Path, source: Path) -> None:
    """json.loads each line and insert its article and claims with plain sqlite3 calls."""
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO search_index_deferred (after_seq) VALUES (0)")  # as the import leaves it
    conn.executemany("INSERT INTO speakers (name) VALUES (?)", [(f"Speaker {n}",) for n in range(7)])
    now = "2026-01-01T00:00:00Z"
    with source.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            record = json.loads(line)
            article_id = f"article-{number}"
            conn.execute(
                "INSERT INTO articles (id, sha256, title, text, imported_at) VALUES (?, ?, ?, ?, ?)",
                (article_id, str(number), record["title"], record["text"], now),
            )
            conn.executemany(
                'INSERT INTO claims (id, article_id, start, "end", quote, speaker, value, measure, '
                "confidence, annotator, status, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (f"{article_id}-{n}", article_id, c["start"], c["end"], c["quote"], c["speaker"])
                    + (c["figure"]["value"], c["figure"]["measure"], "moderate", c["annotator"])
                    + (c["status"], now, now)
                    for n, c in enumerate(record["claims"])
                ],
            )
    conn.execute("COMMIT")
    conn.close()


def _baseline_csv(db_path: Path, out: Path) -> None:
    from annotator.core.exporters.csv_export import CSV_HEADERS
    from annotator.core.store.claims import EXPORT_SELECT

    conn = sqlite3.connect(db_path)
    rows = conn.execute(f"{EXPORT_SELECT} ORDER BY a.seq, c.start")
    with out.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow(CSV_HEADERS)
        writer.writerows(rows)
    conn.close()


def _export_csv(db_path: Path, out: Path) -> None:
    from annotator.core.exporters import exporter_for
    from annotator.core.store import Project

    with Project.open(db_path) as project:
        exporter_for("csv")(project, out)


def run() -> list[Result]:
    work = Path(tempfile.mkdtemp(prefix="annotator-bench-"))
    try:
        txt, jsonl = work / "txt", work / "big.jsonl"
        txt.mkdir()
        _write_txt_folder(txt)
        write_jsonl(jsonl)
        txt_ours = median_time(
            lambda: _import(work / "t.annotator", txt), repeat=3, setup=lambda: _fresh(work, "t.annotator")
        )
        txt_base = median_time(
            lambda: _baseline_txt_import(work / "b.sqlite", txt),
            repeat=3,
            setup=lambda: _fresh(work, "b.sqlite"),
        )
        jsonl_ours, jsonl_index = _timed_import_and_index(work, jsonl, repeat=3)
        jsonl_base = median_time(
            lambda: _baseline_jsonl_import(work / "jb.annotator", jsonl),
            repeat=3,
            setup=lambda: _empty_project(work, "jb.annotator"),
        )
        csv_ours = median_time(lambda: _export_csv(work / "j.annotator", work / "out.csv"), repeat=5)
        csv_base = median_time(lambda: _baseline_csv(work / "j.annotator", work / "base.csv"), repeat=5)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    claims = ARTICLES * CLAIMS_PER_ARTICLE
    return [
        Result(
            "import 10,000 .txt articles",
            txt_ours,
            "bare sqlite3 insert of the same files",
            txt_base,
            ARTICLES,
            "articles",
            "≥2,000 articles/s",
        ),
        Result(
            "import JSONL: 10,000 articles + 100,000 claims",
            jsonl_ours,
            "json.loads + bare sqlite3 insert, same tables",
            jsonl_base,
            ARTICLES,
            "articles",
            "≤1.8 s (Label Studio ~18 s); search index pending",
        ),
        Result(
            "search index of the 10,000 articles it left pending",
            jsonl_index,
            "the JSONL import itself",
            jsonl_ours,
            ARTICLES,
            "articles",
            "reported (the window's idle time, or the first search)",
        ),
        Result(
            "export CSV: 100,000 claims",
            csv_ours,
            "sqlite3 + csv.writer, same columns",
            csv_base,
            claims,
            "claims",
            "≤1.5× baseline; ≤2.4 s (Label Studio ~24 s)",
        ),
    ]
