"""Peer formats (issue 5): export and import of 10,000 claims, against our CSV and JSONL.

- Excel export against the CSV export of the same claims (same columns and values);
- brat, Label Studio and doccano export, then import into a fresh project, against the
  same round trip through our lossless JSONL.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from pathlib import Path

from bench.common import Result, median_time

ARTICLES, CLAIMS_PER_ARTICLE = 1_000, 10
WORDS = "the ministry said officials reported about killed wounded troops homes river city people".split()


def _project(folder: Path):
    from annotator.core.model import Figure, IncomingArticle, IncomingClaim
    from annotator.core.store import Project

    rng = random.Random(5)
    project = Project.open(folder / "bench.annotator")
    articles = []
    for n in range(ARTICLES):
        sentences = [
            f"Sentence {s} 😀 of {n}: {' '.join(rng.choices(WORDS, k=12))} {rng.randint(1, 9999)}."
            for s in range(CLAIMS_PER_ARTICLE)
        ]
        text = "\n".join(sentences)
        claims = []
        for c in range(CLAIMS_PER_ARTICLE):
            start = text.index(f"Sentence {c} ")
            claims.append(
                IncomingClaim(
                    start=start,
                    end=start + 25,
                    quote=text[start : start + 25],
                    speaker=f"Speaker {c % 7}",
                    figure=Figure(text=str(c), value=c * 10, measure="killed"),
                    confidence="moderate",
                    annotator=f"annotator{c % 3}",
                    status="submitted",
                    kind="statistical",
                )
            )
        articles.append(IncomingArticle(text=text, title=f"Article {n}", claims=tuple(claims)))
    with project.transaction():
        project.articles.add_many(articles, by="bench")
    return project


def _round_trip(project, folder: Path, name: str, out_name: str):
    from annotator.core.exporters import exporter_for
    from annotator.core.importers.runner import import_paths
    from annotator.core.store import Project

    def run() -> None:
        out = folder / out_name
        if out.is_dir():
            shutil.rmtree(out)
        exporter_for(name)(project, out)
        with Project.open(":memory:") as fresh:
            summary = import_paths(fresh, [out], by="bench", format_name=None if name != "doccano" else name)
            assert not summary.failures, summary.failures[:3]

    return run


def run() -> list[Result]:
    from annotator.core.exporters import exporter_for

    folder = Path(tempfile.mkdtemp(prefix="bench-formats-"))
    try:
        project = _project(folder)
        claims = ARTICLES * CLAIMS_PER_ARTICLE
        csv_s = median_time(lambda: exporter_for("csv")(project, folder / "c.csv"), repeat=3)
        xlsx_s = median_time(lambda: exporter_for("xlsx")(project, folder / "c.xlsx"), repeat=3)
        results = [
            Result("xlsx export, 10,000 claims", xlsx_s, "csv export", csv_s, claims, "claims"),
        ]
        jsonl_s = median_time(_round_trip(project, folder, "jsonl", "c.jsonl"), repeat=3)
        for name, out_name in (("brat", "brat"), ("labelstudio", "c.json"), ("doccano", "d.jsonl")):
            seconds = median_time(_round_trip(project, folder, name, out_name), repeat=3)
            results.append(
                Result(
                    f"{name} export + import, 10,000 claims",
                    seconds,
                    "jsonl round trip",
                    jsonl_s,
                    claims,
                    "claims",
                )
            )
        project.close()
        return results
    finally:
        shutil.rmtree(folder, ignore_errors=True)
