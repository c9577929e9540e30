"""Review benchmarks (issue 4), with same-run baselines.

- agreement over 10,000 claims by 3 annotators on 1,000 articles (aim: under 1 s), against
  just reading those claims from the project;
- merging two projects of 10,000 claims each (10% edited on one side, 10% on both, 1,000
  new claims, 500 deletions), against reading both projects' claims.
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
from pathlib import Path

from bench.common import Result, median_time

ARTICLES = 1_000
CLAIMS = 10_000
PEOPLE = ("amira", "ben", "carla")
CONFIDENCE = ("low", "moderate", "high")


def _article_text(rng: random.Random, n: int) -> str:
    return " ".join(
        f"Sentence {s} of article {n}: about {rng.randint(1, 9_999)} people were moved." for s in range(12)
    )


def _write_jsonl(path: Path, *, per_person: int) -> None:
    """Articles where three annotators tag mostly the same sentences, a little differently."""
    rng = random.Random(4)
    per_article = per_person // ARTICLES
    with path.open("w", encoding="utf-8") as out:
        for n in range(ARTICLES):
            text = _article_text(rng, n)
            claims = []
            for person in PEOPLE:
                for s in rng.sample(range(12), per_article + 1)[: per_article + (n % 3 == 0)]:
                    start = text.index(f"Sentence {s} ") + rng.choice((0, 0, 0, 2))
                    end = start + 30 + rng.choice((0, 0, 3))
                    claims.append(
                        {
                            "start": start,
                            "end": end,
                            "quote": text[start:end],
                            "speaker": f"Speaker {(s + (rng.random() < 0.2)) % 5}",
                            "figure": {"value": s * 10 + (rng.random() < 0.1)},
                            "confidence": CONFIDENCE[(s + (rng.random() < 0.3)) % 3],
                            "annotator": person,
                            "status": "submitted",
                        }
                    )
            out.write(json.dumps({"title": f"Article {n}", "text": text, "claims": claims}) + "\n")


def _project_with_claims(folder: Path, *, per_person: int) -> Path:
    from annotator.core.importers.runner import import_paths
    from annotator.core.store import Project

    source = folder / "claims.jsonl"
    _write_jsonl(source, per_person=per_person)
    path = folder / "ours.annotator"
    with Project.open(path) as project:
        import_paths(project, [source], by="bench")
    return path


def _agreement(folder: Path) -> list[Result]:
    from annotator.core.review.agreement import agreement_report
    from annotator.core.store import Project

    path = _project_with_claims(folder, per_person=CLAIMS // len(PEOPLE))
    with Project.open(path) as project:
        count = project.claims.count()
        scale = project.settings.confidence_scale()
        ours = median_time(lambda: agreement_report(project.claims.select(), scale=scale), repeat=5)
        baseline = median_time(lambda: list(project.claims.select()), repeat=5)
    return [
        Result(
            f"agreement, {count:,} claims by 3 annotators",
            ours,
            baseline="reading the claims",
            baseline_median_s=baseline,
            items=count,
            unit="claims",
            aim="< 1 s",
        )
    ]


def _diverge(ours_path: Path, theirs_path: Path) -> None:
    """Edits on both sides, new claims and deletions on theirs."""
    from annotator.core.store import Project

    rng = random.Random(5)
    with Project.open(ours_path) as ours, Project.open(theirs_path) as theirs:
        claims = list(theirs.claims.select())
        rng.shuffle(claims)
        with ours.transaction(), theirs.transaction():
            for claim in claims[:1000]:
                theirs.claims.edit(claim.id, by=claim.annotator, note="checked")
            for claim in claims[1000:2000]:
                theirs.claims.edit(claim.id, by=claim.annotator, note="theirs")
                ours.claims.edit(claim.id, by=claim.annotator, note="ours")
            for claim in claims[2000:2500]:
                theirs.claims.delete(claim.id, by=claim.annotator)
            article_ids = theirs.articles.ids()
            for n in range(1000):
                theirs.claims.create(article_ids[n % len(article_ids)], n % 7, n % 7 + 8, by="dora")


def _merging(folder: Path) -> list[Result]:
    from annotator.core.review.merge import merge_project
    from annotator.core.store import Project

    original = _project_with_claims(folder, per_person=CLAIMS // len(PEOPLE))
    theirs_path = folder / "theirs.annotator"
    shutil.copy(original, theirs_path)
    _diverge(original, theirs_path)
    working = folder / "working.annotator"
    results: dict = {}

    def fresh_copy() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(str(working) + suffix).unlink(missing_ok=True)
        with Project.open(original) as source:
            source.db.conn.execute("VACUUM INTO ?", (str(working),))

    def merge() -> None:
        with Project.open(working) as ours, Project.snapshot(theirs_path) as theirs:
            results["last"] = merge_project(ours, theirs, by="bench")

    def read_both() -> None:
        with Project.open(working) as ours, Project.snapshot(theirs_path) as theirs:
            ours.claims.all()
            theirs.claims.all()

    ours_time = median_time(merge, repeat=3, setup=fresh_copy)
    baseline = median_time(read_both, repeat=3, setup=fresh_copy)
    summary = results["last"].summary()
    with Project.open(original) as project:
        count = project.claims.count()
    return [
        Result(
            f"merge 2 × {count:,} claims ({summary['claims']} new, {summary['updated']} updated, "
            f"{summary['conflicts']} conflicts, {summary['deleted']} deleted)",
            ours_time,
            baseline="opening both and reading their claims",
            baseline_median_s=baseline,
            items=count,
            unit="claims",
        )
    ]


def run() -> list[Result]:
    with tempfile.TemporaryDirectory() as tmp:
        agreement_dir, merge_dir = Path(tmp, "agreement"), Path(tmp, "merge")
        agreement_dir.mkdir()
        merge_dir.mkdir()
        return _agreement(agreement_dir) + _merging(merge_dir)
