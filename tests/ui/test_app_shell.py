"""`annotator [--db PATH] [--screenshot PNG] [--article ID]`: the app shell from the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def _annotator(*args, data_dir):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ANNOTATOR_DATA_DIR=str(data_dir))
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_screenshot_of_the_default_project_opens_on_the_sample(tmp_path, private_data_dir, qapp):
    out = tmp_path / "window.png"
    result = _annotator("--screenshot", str(out), data_dir=private_data_dir)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1440, 880)
    assert (private_data_dir / "default.annotator").exists()


def test_screenshot_of_a_chosen_article(tmp_path, private_data_dir, sample_project, qapp):
    db = tmp_path / "p.annotator"
    from annotator.core.sample import seed_sample
    from annotator.core.store import Project

    with Project.open(db) as project:
        seed_sample(project)
        article_id = project.articles.ids()[-1]
    out = tmp_path / "article.png"
    result = _annotator(
        "--db", str(db), "--screenshot", str(out), "--article", article_id, data_dir=private_data_dir
    )
    assert result.returncode == 0, result.stderr
    assert not QImage(str(out)).isNull()


def test_a_project_that_cannot_be_opened_is_explained_without_a_traceback(tmp_path, private_data_dir):
    not_a_project = tmp_path / "notes.annotator"
    not_a_project.write_text("just some notes\n", encoding="utf-8")
    result = _annotator(
        "--db", str(not_a_project), "--screenshot", str(tmp_path / "x.png"), data_dir=private_data_dir
    )
    assert result.returncode == 1
    assert "not an Annotator project" in result.stderr
    assert "Traceback" not in result.stderr
    assert "cannot open project" in (private_data_dir / "annotator.log").read_text(encoding="utf-8")


def _window_args(**values):
    from argparse import Namespace

    return Namespace(**{"db": None, "screenshot": None, **values})


def test_the_window_without_db_reopens_the_project_used_last(tmp_path, private_data_dir, qapp):
    from annotator.app import _open_project_or_explain
    from annotator.core.store import Project
    from annotator.ui import preferences

    last = tmp_path / "last.annotator"
    Project.open(last).close()
    preferences.remember_project(str(last))
    project = _open_project_or_explain(_window_args())
    try:
        assert Path(project.path).resolve() == last.resolve()
    finally:
        project.close()
    assert not (private_data_dir / "default.annotator").exists()


def test_a_team_project_used_since_leaves_the_last_file_to_reopen(tmp_path, private_data_dir, qapp):
    from annotator.app import _open_project_or_explain
    from annotator.core.store import Project
    from annotator.ui import preferences

    last = tmp_path / "last.annotator"
    Project.open(last).close()
    preferences.remember_project(str(last))
    preferences.remember_project("postgresql://olga@db.example.org/desk")
    project = _open_project_or_explain(_window_args())
    try:
        assert Path(project.path).resolve() == last.resolve()
    finally:
        project.close()


def test_a_last_project_that_is_gone_falls_back_to_the_default(tmp_path, private_data_dir, qapp):
    from annotator.app import _open_project_or_explain
    from annotator.ui import preferences

    preferences.remember_project(str(tmp_path / "moved-away.annotator"))
    project = _open_project_or_explain(_window_args())
    try:
        assert Path(project.path).resolve() == (private_data_dir / "default.annotator").resolve()
    finally:
        project.close()
