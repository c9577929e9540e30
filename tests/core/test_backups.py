"""Backups: taken into the data folder before migrations and on demand, rotated per project."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlite_utils import Database

from annotator.core.backups import KEEP_PER_PROJECT, backups_of, prune
from annotator.core.store import Project
from annotator.core.store.schema import build_migrations, known_migrations
from annotator.core.userdata import backups_dir
from tests.conftest import add_article

REPO = Path(__file__).resolve().parents[2]


def test_a_backup_goes_to_the_backups_folder_and_holds_the_project(project_path):
    with Project.open(project_path) as project:
        add_article(project, "Saved before the backup.")
        copy = project.backup(suffix="on-demand")
    assert copy.parent == backups_dir()
    assert "on-demand" in copy.name
    with Project.open(copy) as restored:
        assert [restored.articles.text(i) for i in restored.articles.ids()] == ["Saved before the backup."]


def test_backups_keep_only_the_newest_per_project(project_path):
    with Project.open(project_path) as project:
        taken = [project.backup(keep=3) for _ in range(5)]
    assert backups_of(project_path) == taken[-3:]


def test_the_default_rotation_keeps_ten(project_path):
    with Project.open(project_path) as project:
        for _ in range(KEEP_PER_PROJECT + 2):
            project.backup()
    assert len(backups_of(project_path)) == KEEP_PER_PROJECT


def test_projects_with_the_same_name_in_different_folders_keep_their_own_backups(tmp_path):
    first, second = tmp_path / "a" / "war.annotator", tmp_path / "b" / "war.annotator"
    for path in (first, second):
        path.parent.mkdir()
        with Project.open(path) as project:
            project.backup(keep=1)
            project.backup(keep=1)
    assert len(backups_of(first)) == 1
    assert len(backups_of(second)) == 1
    assert backups_of(first) != backups_of(second)


def test_pruning_never_deletes_the_newest(project_path):
    with Project.open(project_path) as project:
        newest = project.backup()
    assert prune(project_path, keep=0) == []
    assert backups_of(project_path) == [newest]


def test_an_in_memory_project_has_no_backup(project):
    assert project.backup() is None


def old_project(path: Path) -> Path:
    """A project file written by a version that knew only the first migration."""
    db = Database(path)
    build_migrations().apply(db, stop_before=known_migrations()[1])
    db.close()
    return path


def test_opening_an_older_project_backs_it_up_before_migrating(project_path):
    old_project(project_path)
    with Project.open(project_path):
        pass
    [copy] = backups_of(project_path)
    assert "before-0002" in copy.name


def test_opening_a_current_project_takes_no_backup(project_path):
    Project.open(project_path).close()
    Project.open(project_path).close()
    assert backups_of(project_path) == []


def annotator(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args], cwd=REPO, capture_output=True, text=True
    )


def test_the_backup_command_copies_the_project_and_lists_its_backups(project_path):
    Project.open(project_path).close()
    made = annotator("backup", "--db", str(project_path))
    listed = annotator("backup", "--db", str(project_path), "--list")
    assert made.returncode == 0, made.stderr
    [copy] = backups_of(project_path)
    assert str(copy) in made.stdout
    assert listed.stdout.splitlines() == [str(copy)]


def test_merging_backs_up_the_project_first(project_path, tmp_path):
    from annotator.core.review.merge import merge_file

    theirs = tmp_path / "colleague.annotator"
    with Project.open(theirs) as colleague:
        add_article(colleague, "Their article, merged in.")
    with Project.open(project_path) as ours:
        add_article(ours, "Our article, saved before the merge.")
        merge_file(ours, theirs, by="amira")
    [copy] = backups_of(project_path)
    assert "before-merge" in copy.name
    with Project.open(copy) as before:
        assert [before.articles.text(i) for i in before.articles.ids()] == [
            "Our article, saved before the merge."
        ]
