"""The window's first frame paints before the code it does not show is imported.

A fresh interpreter opens `annotator --db PATH` offscreen; a watch on the application notes
which modules are loaded when the main window first paints and what it shows (an article, the
list's length), then waits for the features (installed right after that paint) and quits.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

WATCHED_START = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
import annotator.app

seen = {}

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched.isWidgetType() and not seen:
            window = watched.window()
            if isinstance(window, QMainWindow):
                seen["modules"] = sorted(sys.modules)
                seen["actions_at_paint"] = sorted(window.actions_by_name)
                seen["article_at_paint"] = window.current_article.id if window.current_article else None
                seen["rows_at_paint"] = window.article_list.model.rowCount()
                QTimer.singleShot(0, lambda: QTimer.singleShot(0, lambda: finish(window)))
        return False

def finish(window):
    seen["actions_later"] = sorted(window.actions_by_name)
    seen["features"] = sorted(window._features)
    seen["articles_listed"] = window.article_list.model.rowCount()
    print("SEEN " + json.dumps(seen), flush=True)
    QApplication.instance().quit()

watch = FirstPaint()
make_application = annotator.app.make_application

def watched_application():
    app = make_application()
    app.installEventFilter(watch)
    return app

annotator.app.make_application = watched_application
from annotator.cli import main
sys.exit(main(["--db", sys.argv[1], "--annotator", "tester"]))
"""

NOT_BEFORE_FIRST_PAINT = (
    "psycopg",
    "pint",
    "trafilatura",
    "dateparser",
    "sqlite_utils",
    "openpyxl",
    "logging.handlers",
    "annotator.ui.review",
    "annotator.ui.figures",
    "annotator.ui.speakers",
    "annotator.ui.suggestions",
    "annotator.ui.backup_action",
    "annotator.ui.team",
    "annotator.core.store.team_listener",
    "annotator.core.store.reviews",
    "annotator.core.store.events",
    "annotator.ui.focus_return",
    "annotator.ui.annotate.article_dialog",  # an application-wide event filter
    "annotator.core.figures",  # the figure reader compiles its patterns when imported
    "annotator.core.store.postgres",
    "annotator.core.backups",
    "annotator.core.store.copies",
    "annotator.ui.dialogs",
    "hashlib",  # OpenSSL
    "importlib.resources",
    "uuid",
)


@pytest.fixture(scope="module")
def sample_article_count():
    from annotator.core.sample import seed_sample
    from annotator.core.store import Project

    with Project.open(":memory:") as project:
        seed_sample(project)
        return project.articles.count()


@pytest.fixture(scope="module")
def first_frame(tmp_path_factory):
    """What a fresh `annotator --db PATH` had loaded at its first paint, and just after."""
    from annotator.core.sample import seed_sample
    from annotator.core.store import Project

    folder = tmp_path_factory.mktemp("first-frame")
    path = folder / "sample.annotator"
    with Project.open(path) as project:
        seed_sample(project)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ANNOTATOR_DATA_DIR=str(folder / "data"))
    done = subprocess.run(
        [sys.executable, "-c", WATCHED_START, str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("SEEN ")]
    assert done.returncode == 0 and lines, done.stderr[-2000:]
    return json.loads(lines[0].removeprefix("SEEN "))


@pytest.mark.parametrize("module", NOT_BEFORE_FIRST_PAINT)
def test_the_first_frame_paints_before_importing(first_frame, module):
    loaded = [name for name in first_frame["modules"] if name == module or name.startswith(f"{module}.")]
    assert loaded == []


def test_the_first_frame_is_the_real_window_with_its_own_menus(first_frame):
    own = {"open_project", "create_claim", "next_article", "shortcuts"}
    assert own <= set(first_frame["actions_at_paint"])


def test_the_first_frame_shows_an_article_and_the_whole_list(first_frame, sample_article_count):
    assert first_frame["article_at_paint"] is not None
    assert first_frame["rows_at_paint"] == sample_article_count


def test_the_features_follow_on_the_next_turn(first_frame, sample_article_count):
    assert {"review", "figures", "suggestions", "speakers", "team"} <= set(first_frame["features"])
    assert set(first_frame["actions_at_paint"]) < set(first_frame["actions_later"])
    assert first_frame["articles_listed"] == sample_article_count
