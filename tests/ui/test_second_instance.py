"""A second window or program on the same project: detected, named, offered read-only viewing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from annotator.core.errors import ProjectReadOnly
from annotator.core.store import Project
from annotator.ui import project_lock
from annotator.ui.project_lock import (
    READ_ONLY,
    ProjectInUseDialog,
    ProjectLock,
    StorageWarningDialog,
    open_for_window,
)
from tests.conftest import add_article

REPO = Path(__file__).resolve().parents[2]

# Another Annotator process holding a project's lock until it reads a line.
OTHER_INSTANCE = """
import sys
from PySide6.QtCore import QCoreApplication
app = QCoreApplication([]); app.setApplicationName("Annotator")
from annotator.ui.project_lock import ProjectLock
lock = ProjectLock(sys.argv[1])
assert lock.acquire()
print("holding", flush=True)
sys.stdin.readline()
"""


@pytest.fixture
def saved(project_path):
    with Project.open(project_path) as project:
        add_article(project, "The agency said 300 people were evacuated.")
    return str(project_path)


@pytest.fixture
def answers(monkeypatch):
    """What the user answers in the dialogs, and what the dialogs were shown."""
    shown = {"in use": [], "storage": []}
    reply = {"in use": READ_ONLY, "storage": True}

    def in_use(cls, parent, path, holder):
        shown["in use"].append(holder)
        return reply["in use"]

    def storage(cls, parent, warning):
        shown["storage"].append(warning)
        return reply["storage"]

    monkeypatch.setattr(ProjectInUseDialog, "ask", classmethod(in_use))
    monkeypatch.setattr(StorageWarningDialog, "ask", classmethod(storage))
    return shown, reply


@pytest.fixture
def other_instance(saved, qapp):
    holder = subprocess.Popen(
        [sys.executable, "-c", OTHER_INSTANCE, saved],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "holding"
    yield holder
    holder.communicate("done\n", timeout=30)


def test_the_first_window_locks_the_project(saved, answers, qapp):
    opened = open_for_window(saved)
    try:
        assert opened.lock is not None
        assert not opened.project.read_only
        assert Path(saved + ".lock").exists()
    finally:
        opened.lock.release()
        opened.project.close()
    assert answers[0]["in use"] == []


def test_a_second_instance_is_told_which_program_holds_the_project(other_instance, saved, answers):
    shown, _ = answers
    opened = open_for_window(saved)
    try:
        [holder] = shown["in use"]
        assert f"process {other_instance.pid}" in holder
        assert holder.startswith("Annotator")
    finally:
        opened.project.close()


def test_a_second_instance_can_view_the_project_read_only(other_instance, saved, answers):
    opened = open_for_window(saved)
    with opened.project as project:
        assert project.read_only and opened.lock is None
        assert [project.articles.text(i) for i in project.articles.ids()] == [
            "The agency said 300 people were evacuated."
        ]
        with pytest.raises(ProjectReadOnly):
            add_article(project, "Typed into the read-only window.")


def test_a_second_instance_may_decline_to_open(other_instance, saved, answers):
    _, reply = answers
    reply["in use"] = None
    assert open_for_window(saved) is None


def test_a_second_window_in_the_same_program_is_refused_the_lock(saved, answers, qapp):
    first = open_for_window(saved)
    second = open_for_window(saved)
    try:
        assert second.project.read_only
        assert len(answers[0]["in use"]) == 1
    finally:
        second.project.close()
        first.lock.release()
        first.project.close()


def test_a_lock_left_by_a_crashed_program_is_taken_over(saved, answers, qapp):
    crashed = subprocess.run(
        [
            sys.executable,
            "-c",
            OTHER_INSTANCE.replace("sys.stdin.readline()", "import os; os._exit(1)"),
            saved,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert crashed.stdout.strip() == "holding"
    assert Path(saved + ".lock").exists()
    opened = open_for_window(saved)
    try:
        assert opened.lock is not None and not opened.project.read_only
    finally:
        opened.lock.release()
        opened.project.close()


def test_a_project_in_a_synced_folder_is_opened_only_after_the_warning(tmp_path, answers, qapp):
    shown, reply = answers
    reply["storage"] = False
    path = tmp_path / "OneDrive" / "war.annotator"
    path.parent.mkdir()
    assert open_for_window(str(path)) is None
    assert "OneDrive folder" in shown["storage"][0]
    assert not path.exists()


def test_releasing_a_kept_lock_lets_another_window_edit(saved, answers, qapp):
    opened = open_for_window(saved)
    project_lock.keep(saved, opened.lock)
    project_lock.release(saved)
    opened.project.close()
    again = ProjectLock(saved)
    assert again.acquire()
    again.release()


def test_the_read_only_window_says_so_in_its_title(other_instance, saved, answers, make_window):
    window = make_window(open_for_window(saved).project)
    assert window.windowTitle().endswith("(read-only)")
    assert window.findChild(QLabel, "readOnlyLabel").isVisible()


def test_an_editable_window_shows_no_read_only_mark(file_project, make_window):
    window = make_window(file_project)
    assert not window.findChild(QLabel, "readOnlyLabel").isVisible()


def test_the_app_opened_on_a_held_project_shows_it_read_only(
    other_instance, saved, tmp_path, private_data_dir
):
    shot = tmp_path / "window.png"
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "--db", saved, "--screenshot", str(shot)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "showing it read-only" in result.stderr
    assert shot.exists()
