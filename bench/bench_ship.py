"""Budgets of the shipped app (issue 7), on a 10,000-article project with 100,000 claims.

- start to first painted main window, against a bare PySide6 window shown by the same
  interpreter (aim: at most 1.5x);
- full-text search over 10,000 articles as the article list runs it (aim: under 50 ms),
  against a bare FTS5 MATCH count on the same file;
- resident memory with the project open at first paint (aim: under 300 MB), against the
  bare PySide6 window.

Each start runs in a fresh process (the whole `annotator --db PATH` path: command line,
project opening, window). The child notes its first paint (the last article open, the article
list at its length with the rows on screen) and, for Annotator, the moment every row of the
article list is read, then quits; times count from launching the interpreter (its start and
exit are included alike for both). A row also reports the filled window, with no aim.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.common import Result, median_time

REPO = Path(__file__).resolve().parents[1]
STARTS = 5
SEARCHES = ("killed", "ministry officials", "river", "wounded troops", "Sentence 7")

# Shared by both children: note the first paint of the main window, then (for Annotator)
# wait until its article list is filled; report both moments and the memory, and quit.
# The watch starts with the event loop (both windows are shown just before it).
_PAINT_WATCH = """
import sys, time
STARTED = time.perf_counter()
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

def rss_mb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource  # peak, not current: only where /proc is missing
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale

class FirstPaint(QObject):
    wait_for_articles = False

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj.isWidgetType() and isinstance(obj.window(), QMainWindow):
            print(f"PAINT {time.perf_counter() - STARTED:.4f}", flush=True)
            QApplication.instance().removeEventFilter(self)
            QTimer.singleShot(0, self.when_filled if self.wait_for_articles else self.report)
        return False

    def when_filled(self):
        # every row read: the first frame shows the rows on screen, the rest follow it
        windows = [w for w in QApplication.topLevelWidgets() if hasattr(w, "article_list")]
        model = windows[0].article_list.model if windows else None
        if model is not None and model.rowCount() > 0 and not getattr(model, "unread", 0):
            self.report()
        else:
            QTimer.singleShot(2, self.when_filled)

    def report(self):
        print(f"LOADED {time.perf_counter() - STARTED:.4f}", flush=True)
        print(f"RSS_MB {rss_mb():.1f}", flush=True)
        QApplication.instance().quit()

watch = FirstPaint()
run_event_loop = QApplication.exec

def watched_event_loop(*_args):
    # Watched from the event loop's start, where the first paint happens: an application-wide
    # Python filter present while widgets are built makes PySide wrap every object that gets
    # an event (the first QTableView alone then costs ~60 ms), which no real start pays.
    QApplication.instance().installEventFilter(watch)
    return run_event_loop()

QApplication.exec = watched_event_loop
"""

BARE_WINDOW = (
    _PAINT_WATCH
    + """
from PySide6.QtWidgets import QLabel
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("Annotator"))
window.resize(1440, 880)
window.show()
app.exec()
"""
)

# The real start: `annotator --db PATH`, watched from its event loop's start.
ANNOTATOR_WINDOW = (
    _PAINT_WATCH
    + """
watch.wait_for_articles = True
from annotator.cli import main
sys.exit(main(["--db", sys.argv[1], "--annotator", "bench"]))
"""
)


@dataclass(frozen=True)
class Start:
    """One start of a fresh process: seconds to the first paint and to a filled window, memory."""

    painted_s: float
    loaded_s: float
    rss_mb: float


def run() -> list[Result]:
    folder = Path(tempfile.mkdtemp(prefix="bench-ship-"))
    try:
        project = build_project(folder)
        return [*start_and_memory(project, folder), search(project)]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def build_project(folder: Path) -> Path:
    """10,000 articles with 10 claims each, imported through the normal import path."""
    from annotator.core.importers.runner import import_paths
    from annotator.core.store import Project
    from bench.bench_core import _write_jsonl

    source = folder / "big.jsonl"
    _write_jsonl(source)
    path = folder / "big.annotator"
    with Project.open(path) as project:
        summary = import_paths(project, [source], by="bench")
        assert not summary.failures, summary.failures[:3]
        project.articles.index_pending()  # as the window does in its idle time after an import
        project.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _start(script: str, *args: str, data_dir: Path) -> Start:
    """Launch a fresh interpreter; wall-clock seconds to its first paint and filled window."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ANNOTATOR_DATA_DIR": str(data_dir)}
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script, *args], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    elapsed = time.perf_counter() - began
    report = dict(
        line.split(" ", 1) for line in done.stdout.splitlines() if line[:1].isupper() and " " in line
    )
    if done.returncode != 0 or "RSS_MB" not in report:
        raise RuntimeError(f"the window did not paint:\n{done.stdout}\n{done.stderr[-2000:]}")
    # The child times from its first line; the interpreter's own start is the rest of the wall time.
    before_script = elapsed - float(report["LOADED"])
    return Start(
        before_script + float(report["PAINT"]),
        before_script + float(report["LOADED"]),
        float(report["RSS_MB"]),
    )


def start_and_memory(project: Path, folder: Path) -> list[Result]:
    data_dir = folder / "data"
    _start(ANNOTATOR_WINDOW, str(project), data_dir=data_dir)  # warm the file cache once
    bare, ours = [], []
    for _ in range(STARTS):  # interleaved, so a busy moment hits both alike
        bare.append(_start(BARE_WINDOW, data_dir=data_dir))
        ours.append(_start(ANNOTATOR_WINDOW, str(project), data_dir=data_dir))

    def median(runs: list[Start], field: str) -> float:
        return statistics.median(getattr(run, field) for run in runs)

    bare_painted, bare_mb = median(bare, "painted_s"), median(bare, "rss_mb")
    ours_mb = median(ours, "rss_mb")
    return [
        Result(
            "start to first painted window, 10,000 articles",
            median(ours, "painted_s"),
            baseline="bare PySide6 window",
            baseline_median_s=bare_painted,
            aim="<= 1.5x",
        ),
        Result(
            "start to article list filled, 10,000 articles",
            median(ours, "loaded_s"),
            baseline="bare PySide6 window",
            baseline_median_s=bare_painted,
        ),
        Result(
            "resident memory, 10,000 articles listed",
            ours_mb,
            baseline="bare PySide6 window",
            baseline_median_s=bare_mb,
            measured=f"{ours_mb:.0f} MB",
            baseline_measured=f"{bare_mb:.0f} MB",
            aim="< 300 MB",
        ),
    ]


def search(project_path: Path) -> Result:
    """The article list's search box (FTS5 plus claim counts), with the list already shown."""
    from annotator.core.store import Project
    from annotator.core.store.articles import fts_query

    with Project.open(project_path) as project:
        project.articles.summaries()  # the window lists every article first, as on opening

        def ours():
            for words in SEARCHES:
                project.articles.summaries(search=words)

        ours_s = median_time(ours, repeat=5) / len(SEARCHES)
    conn = sqlite3.connect(project_path)

    def bare():
        for words in SEARCHES:
            conn.execute(
                "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (fts_query(words),)
            ).fetchone()

    bare_s = median_time(bare, repeat=5) / len(SEARCHES)
    conn.close()
    return Result(
        "full-text search, 10,000 articles (per query)",
        ours_s,
        baseline="bare FTS5 MATCH count",
        baseline_median_s=bare_s,
        aim="< 50 ms",
    )
