"""Restoring a backup: only through the restore command, checked first; a copy over an open file stops it."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.backups import backups_of
from annotator.core.errors import BackupUnusable, ProjectInUse, ProjectReplaced, ProjectUnreadable
from annotator.core.store import Project
from annotator.core.store.restore import restore_backup
from tests.conftest import add_article

REPO = Path(__file__).resolve().parents[2]


def texts(path: Path) -> list[str]:
    with Project.open(path) as project:
        assert project.integrity_problems() == []
        return sorted(project.articles.text(i) for i in project.articles.ids())


@pytest.fixture
def backed_up(project_path):
    """A project whose backup holds one article, and which has gained a second since."""
    with Project.open(project_path) as project:
        add_article(project, "In the backup.")
        backup = project.backup(suffix="on-demand")
        add_article(project, "Added after the backup.")
    return project_path, backup


# -- a backup copied over an open project -------------------------------------------------


def test_a_backup_copied_over_an_open_project_stops_the_next_write(backed_up):
    project_path, backup = backed_up
    with Project.open(project_path) as project:
        add_article(project, "Still in the -wal when the copy lands.")
        shutil.copyfile(backup, project_path)  # as `cp` does: same inode, new contents
        with pytest.raises(ProjectReplaced, match="overwritten by another program"):
            add_article(project, "Would undo the copy.")
        with pytest.raises(ProjectReplaced):
            add_article(project, "Asked again: still refused.")
    assert texts(project_path) == ["In the backup."]


def test_closing_a_project_that_was_copied_over_keeps_the_copy(backed_up):
    project_path, backup = backed_up
    with Project.open(project_path) as project:
        add_article(project, "Still in the -wal when the copy lands.")
        shutil.copyfile(backup, project_path)
    assert texts(project_path) == ["In the backup."]
    assert not Path(f"{project_path}-wal").exists()


def test_writes_by_another_connection_are_not_mistaken_for_a_copy(project_path):
    with Project.open(project_path) as ours, Project.open(project_path) as theirs:
        add_article(ours, "Ours first.")
        for number in range(60):  # enough pages for their commits to checkpoint into the file
            add_article(theirs, f"Theirs {number}. " * 400)
        other = sqlite3.connect(project_path)
        other.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        other.close()
        add_article(ours, "Ours again.")
    assert len(texts(project_path)) == 62


def test_a_touched_file_is_not_mistaken_for_a_copy(project_path):
    with Project.open(project_path) as project:
        add_article(project, "Before the touch.")
        os.utime(project_path, ns=(0, 0))
        add_article(project, "After the touch.")
    assert len(texts(project_path)) == 2


# -- the restore command ------------------------------------------------------------------


def test_restoring_puts_the_backup_in_place_and_keeps_the_project_as_it_was(backed_up):
    project_path, backup = backed_up
    restored = restore_backup(project_path, backup)
    assert texts(project_path) == ["In the backup."]
    assert "before-restore" in restored.previous.name
    assert restored.previous in backups_of(project_path)
    assert texts(restored.previous) == ["Added after the backup.", "In the backup."]
    assert restored.same_project


def test_restoring_leaves_no_journal_or_temporary_file_beside_the_project(backed_up):
    project_path, backup = backed_up
    restore_backup(project_path, backup)
    assert sorted(p.name for p in project_path.parent.iterdir() if p.is_file()) == [project_path.name]


def test_restoring_an_older_backup_brings_it_up_to_date_on_opening(project_path, tmp_path):
    from tests.core.test_backups import old_project

    old = old_project(tmp_path / "old.annotator")
    Project.open(project_path).close()
    restore_backup(project_path, old)
    with Project.open(project_path) as project:
        assert project.integrity_problems() == []


def test_a_backup_of_another_project_is_restored_but_named_as_such(backed_up, tmp_path):
    project_path, _ = backed_up
    with Project.open(tmp_path / "other.annotator") as other:
        add_article(other, "From another project.")
        theirs = other.backup()
    assert not restore_backup(project_path, theirs).same_project
    assert texts(project_path) == ["From another project."]


def truncated(backup: Path, into: Path) -> None:
    into.write_bytes(backup.read_bytes()[: backup.stat().st_size // 2])


def text_file(_backup: Path, into: Path) -> None:
    into.write_text("not a database\n", encoding="utf-8")


def empty_file(_backup: Path, into: Path) -> None:
    into.write_bytes(b"")


def folder(_backup: Path, into: Path) -> None:
    into.mkdir()


def nothing(_backup: Path, _into: Path) -> None:
    pass


def edited(backup: Path, into: Path, *statements: str) -> None:
    shutil.copyfile(backup, into)
    conn = sqlite3.connect(into)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def newer(backup: Path, into: Path) -> None:
    edited(
        backup,
        into,
        "INSERT INTO _sqlite_migrations (migration_set, name) VALUES ('annotator', '9999_future')",
    )


def lacking_a_table(backup: Path, into: Path) -> None:
    edited(backup, into, "PRAGMA foreign_keys=OFF", "DROP TABLE reviews")


def another_programs_database(_backup: Path, into: Path) -> None:
    conn = sqlite3.connect(into)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()


@pytest.mark.parametrize(
    ("craft", "message"),
    [
        (text_file, "not a SQLite file"),
        (empty_file, "not a SQLite file"),
        (folder, "not a regular file"),
        (nothing, "does not exist"),
        (truncated, "damaged or cut short"),
        (newer, "newer version of Annotator"),
        (another_programs_database, "not an Annotator project"),
        (lacking_a_table, "lacks the tables reviews"),
    ],
)
def test_an_unusable_backup_is_refused_and_nothing_changes(backed_up, tmp_path, craft, message):
    project_path, backup = backed_up
    crafted = tmp_path / "crafted.annotator"
    craft(backup, crafted)
    before, listed = project_path.read_bytes(), backups_of(project_path)
    with pytest.raises(BackupUnusable, match=message):
        restore_backup(project_path, crafted)
    assert project_path.read_bytes() == before
    assert backups_of(project_path) == listed
    assert sorted(p.name for p in project_path.parent.iterdir() if p.name != crafted.name) == [
        project_path.name
    ]


def test_a_project_open_in_another_connection_is_not_restored_over(backed_up):
    project_path, backup = backed_up
    with Project.open(project_path) as still_open:
        with pytest.raises(ProjectInUse, match="open"):
            restore_backup(project_path, backup)
        add_article(still_open, "Saved normally after the refusal.")
    assert len(texts(project_path)) == 3


def test_a_project_locked_by_a_live_window_is_not_restored_over(backed_up):
    project_path, backup = backed_up
    Path(f"{project_path}.lock").write_text(f"{os.getppid()}\nannotator\n{os.uname().nodename}\n")
    before = project_path.read_bytes()
    with pytest.raises(ProjectInUse, match="close it there"):
        restore_backup(project_path, backup)
    assert project_path.read_bytes() == before


def test_the_project_itself_is_not_a_backup_of_itself(backed_up):
    project_path, _ = backed_up
    with pytest.raises(ProjectUnreadable, match="the project itself"):
        restore_backup(project_path, project_path)


def annotator(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args], cwd=REPO, capture_output=True, text=True
    )


def test_the_restore_command_restores_and_says_where_the_old_project_went(backed_up):
    project_path, backup = backed_up
    done = annotator("backup", "--db", str(project_path), "--restore", str(backup))
    assert done.returncode == 0, done.stderr
    assert f"restored {project_path} from {backup}" in done.stdout
    assert "before-restore" in done.stdout
    assert texts(project_path) == ["In the backup."]


def test_the_restore_command_refuses_a_damaged_backup_with_a_message(backed_up, tmp_path):
    project_path, backup = backed_up
    broken = tmp_path / "broken.annotator"
    truncated(backup, broken)
    before = project_path.read_bytes()
    done = annotator("backup", "--db", str(project_path), "--restore", str(broken))
    assert done.returncode == 1
    assert "damaged or cut short" in done.stderr
    assert "Traceback" not in done.stderr
    assert project_path.read_bytes() == before


# -- which project a backup belongs to ----------------------------------------------------------


def identity(path: Path) -> str:
    with Project.open(path, read_only=True) as project:
        return project.settings.get("project_id")


def test_a_project_gets_an_identity_when_it_is_made_and_keeps_it(project_path):
    Project.open(project_path).close()
    first = identity(project_path)
    assert len(first) == 32
    Project.open(project_path).close()
    assert identity(project_path) == first


def test_a_backup_of_another_project_named_like_ours_is_told_apart(backed_up, tmp_path):
    project_path, backup = backed_up
    with Project.open(tmp_path / "other.annotator") as other:
        add_article(other, "From another project.")
        theirs = other.backup()
    disguised = backup.with_name(backup.name.replace(".annotator", ".x.annotator"))
    theirs.rename(disguised)  # a name that says it is a backup of ours
    restored = restore_backup(project_path, disguised)
    assert not restored.same_project and restored.by_identity
    from annotator.core.store.restore import restore_note

    assert "is a backup of another project" in restore_note(restored)


def test_a_moved_projects_backups_are_still_its_own(backed_up, tmp_path):
    project_path, backup = backed_up
    moved = tmp_path / "moved" / "renamed.annotator"
    moved.parent.mkdir()
    project_path.rename(moved)
    restored = restore_backup(moved, backup)
    assert restored.same_project and restored.by_identity


def test_the_command_line_warns_about_another_projects_backup(backed_up, tmp_path, capsys):
    from annotator.cli import main

    project_path, _ = backed_up
    with Project.open(tmp_path / "other.annotator") as other:
        theirs = other.backup()
    assert main(["backup", "--db", str(project_path), "--restore", str(theirs)]) == 0
    assert "is a backup of another project" in capsys.readouterr().out
