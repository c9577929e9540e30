"""`annotator --smoke`: a self-test of an installed or packaged app, exit status 0 when it works.

Opens the main window (offscreen unless QT_QPA_PLATFORM says otherwise) on a temporary
project, imports an article, creates a claim through the window, exports CSV and reads the
file back. Everything happens in a temporary folder: the user's data folder, settings and
projects are never touched.
"""

from __future__ import annotations

import csv
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

SAMPLE_ARTICLE = (
    "---\ntitle: Smoke test — river crossing\noutlet: Annotator self-test\n"
    "date: 9 mai 2026\nevents: [Smoke test]\n---\n"
    "The regional emergency agency said about 300 people 😀 were evacuated on Tuesday.\n"
)
QUOTE = "about 300 people"


def run(_args=None) -> int:
    """Entry point used by `annotator.app.run_app` when `--smoke` is given."""
    return run_smoke()


def run_smoke() -> int:
    """Run every step; print what passed or what failed, and return the exit status."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    previous = os.environ.get("ANNOTATOR_DATA_DIR")
    with tempfile.TemporaryDirectory(prefix="annotator-smoke-") as folder:
        os.environ["ANNOTATOR_DATA_DIR"] = str(Path(folder) / "data")
        try:
            return _run_steps(SmokeCheck(Path(folder)))
        finally:
            if previous is None:
                os.environ.pop("ANNOTATOR_DATA_DIR", None)
            else:
                os.environ["ANNOTATOR_DATA_DIR"] = previous


def _run_steps(check: SmokeCheck) -> int:
    for name, step in check.steps():
        try:
            step()
        except Exception as error:  # the report names the step instead of a bare traceback
            print(f"smoke check FAILED at '{name}': {type(error).__name__}: {error}", file=sys.stderr)
            traceback.print_exc(file=sys.stderr)
            check.close()
            return 1
        print(f"ok  {name}")
    check.close()
    print("smoke check passed")
    return 0


class SmokeCheck:
    """The steps of the self-test, sharing one window and one temporary project."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.window = None
        self.project = None
        self.article_id = ""

    def steps(self) -> list[tuple[str, Callable[[], None]]]:
        return [
            ("read the shipped sample project and confidence scales", self.read_shipped_data),
            ("convert units as compare does (pint's definitions bundled)", self.convert_units),
            ("load the PostgreSQL client library (team projects)", self.load_libpq),
            ("open the main window on a temporary project", self.open_window),
            ("import an article", self.import_article),
            ("create a claim in the window", self.create_claim),
            ("export CSV", self.export_csv),
            ("close the window", self.close_window),
        ]

    def read_shipped_data(self) -> None:
        from annotator.core.confidence import available_scales, load_scale
        from annotator.core.sample import seed_sample
        from annotator.core.store import Project

        with Project.open(":memory:") as sample:
            seed_sample(sample)
            if sample.articles.count() < 1 or sample.claims.count() < 1:
                raise RuntimeError("the shipped sample project holds no articles or claims")
        if not available_scales() or not all(load_scale(name).levels for name in available_scales()):
            raise RuntimeError("the shipped confidence scales are missing or empty")

    def convert_units(self) -> None:
        from annotator.core.figures.units import convert

        miles = convert(1000, "sq km", "sq miles")
        if not 386 <= miles <= 386.2:
            raise RuntimeError(f"1,000 sq km came out as {miles} sq miles")

    def load_libpq(self) -> None:
        import psycopg

        if psycopg.pq.version() < 120000:
            raise RuntimeError(f"libpq {psycopg.pq.version()} is too old for team projects")

    def open_window(self) -> None:
        from annotator.app import build_window, make_application
        from annotator.core.store import Project

        self.app = make_application()
        self.project = Project.open(self.folder / "smoke.annotator")
        self.window = build_window(self.project, user="smoke-test")
        self.window.show()
        self.app.processEvents()
        if not self.window.isVisible():
            raise RuntimeError("the main window did not appear")

    def import_article(self) -> None:
        from annotator.core.importers.runner import import_paths

        source = self.folder / "smoke-article.md"
        source.write_text(SAMPLE_ARTICLE, encoding="utf-8")
        summary = import_paths(self.project, [source], by="smoke-test")
        if summary.failures or summary.imported != 1:
            raise RuntimeError(summary.describe())
        self.window.after_import(summary)
        self.app.processEvents()
        [self.article_id] = self.project.articles.ids()
        published = self.project.articles.get(self.article_id).published
        if published != "2026-05-09":  # YAML front matter and dateparser's languages are shipped
            raise RuntimeError(f"the article's date 'date: 9 mai 2026' was read as {published!r}")

    def create_claim(self) -> None:
        self.window.open_article(self.article_id)
        text = self.project.articles.text(self.article_id)
        start = text.index(QUOTE)
        claim = self.window.create_claim(start, start + len(QUOTE))
        self.app.processEvents()
        if claim is None or self.project.claims.get(claim.id).quote != QUOTE:
            raise RuntimeError("the window did not save the claim")

    def export_csv(self) -> None:
        from annotator.core.exporters import exporter_for

        out = self.folder / "claims.csv"
        count = exporter_for("csv")(self.project, out, annotator=None, status=None, article_id=None)
        raw = out.read_bytes()
        if not raw.startswith(b"\xef\xbb\xbf") or b"\r\n" not in raw:
            raise RuntimeError("the CSV lacks its byte order mark or CRLF line ends")
        with out.open(encoding="utf-8-sig", newline="") as stream:
            rows = list(csv.DictReader(stream))
        if count != 1 or [row["quote"] for row in rows] != [QUOTE]:
            raise RuntimeError(f"the CSV holds {rows!r}, expected one claim quoting {QUOTE!r}")

    def close_window(self) -> None:
        self.window.close()
        self.app.processEvents()
        self.window = None

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
        if self.project is not None:
            self.project.close()
