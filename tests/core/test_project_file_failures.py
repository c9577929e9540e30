"""A project file that is locked, full, read-only, deleted or damaged: a clear error, nothing lost."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.backups import backups_of
from annotator.core.errors import (
    DiskFull,
    ProjectInUse,
    ProjectMissing,
    ProjectReadOnly,
    ProjectUnreadable,
)
from annotator.core.store import Project
from tests.conftest import add_article

REPO = Path(__file__).resolve().parents[2]

# A second program: opens the project, writes an article inside an open transaction,
# says "holding" and keeps the write lock until it reads a line, then commits.
HOLDER = """
import sys
from annotator.core.model import IncomingArticle
from annotator.core.store import Project
with Project.open(sys.argv[1]) as project:
    with project.transaction():
        project.articles.add(IncomingArticle(text="Written by the other program."), by="other")
        print("holding", flush=True)
        sys.stdin.readline()
print("committed", flush=True)
"""


@pytest.fixture
def saved_project(project_path):
    """A project file with one article and one claim already saved."""
    with Project.open(project_path) as project:
        article = add_article(project, "The agency said 300 people were evacuated.")
        project.claims.create(article, 17, 20, by="amira", note="first claim")
    return project_path


@pytest.fixture
def other_program(saved_project):
    """A second process holding the project's write lock until `.release()`."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(saved_project)],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "holding"

    def release():
        out, _ = holder.communicate("go\n", timeout=60)
        assert "committed" in out

    holder.release = release
    yield holder
    if holder.poll() is None:
        holder.kill()
        holder.wait()


def saved_texts(path) -> list[str]:
    with Project.open(path) as project:
        return sorted(project.articles.text(article_id) for article_id in project.articles.ids())


def saved_notes(path) -> list[str]:
    with Project.open(path) as project:
        return sorted(claim.note for claim in project.claims.select())


# -- a second program writing ---------------------------------------------------------------


def test_a_write_while_another_program_writes_fails_as_project_in_use(saved_project, other_program):
    with Project.open(saved_project, timeout=0.1) as project:
        with pytest.raises(ProjectInUse, match="project is in use"):
            add_article(project, "Our article, refused while the other program writes.")
        other_program.release()
        add_article(project, "Our article, accepted once it has finished.")
    assert saved_texts(saved_project) == [
        "Our article, accepted once it has finished.",
        "The agency said 300 people were evacuated.",
        "Written by the other program.",
    ]


def test_reading_goes_on_while_another_program_writes(saved_project, other_program):
    with Project.open(saved_project, timeout=0.1) as project:
        assert [claim.note for claim in project.claims.select()] == ["first claim"]
    other_program.release()


def test_command_line_import_waits_then_says_the_project_is_in_use(saved_project, other_program, tmp_path):
    article = tmp_path / "new.txt"
    article.write_text("A new article with 12 figures.", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "import", "--db", str(saved_project), str(article)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "ANNOTATOR_LOCK_WAIT": "0.2"},
    )
    other_program.release()
    assert result.returncode == 1
    assert "project is in use" in result.stderr
    assert "Traceback" not in result.stderr
    assert "A new article with 12 figures." not in saved_texts(saved_project)
    assert "Written by the other program." in saved_texts(saved_project)


# -- disk full ------------------------------------------------------------------------------


def fill_the_disk(project: Project) -> None:
    """Make SQLite report SQLITE_FULL on the next page it needs (as a full disk would)."""
    pages = project.db.conn.execute("PRAGMA page_count").fetchone()[0]
    project.db.conn.execute(f"PRAGMA max_page_count = {pages}")


def test_disk_full_refuses_the_change_and_keeps_what_was_saved(saved_project):
    with Project.open(saved_project) as project:
        fill_the_disk(project)
        with pytest.raises(DiskFull, match="is full: the last change was not saved"):
            add_article(project, "A long article. " * 20_000)
        assert project.articles.count() == 1
    assert saved_notes(saved_project) == ["first claim"]
    assert "A long article." not in " ".join(saved_texts(saved_project))


def test_after_disk_full_the_project_works_again_once_space_is_freed(saved_project):
    with Project.open(saved_project) as project:
        fill_the_disk(project)
        with pytest.raises(DiskFull):
            add_article(project, "A long article. " * 20_000)
        project.db.conn.execute("PRAGMA max_page_count = 1073741823")
        add_article(project, "A long article. " * 20_000)
    assert len(saved_texts(saved_project)) == 2


def test_disk_full_stops_an_import_and_stores_no_part_of_the_file(saved_project, tmp_path):
    from annotator.core.importers.runner import import_paths

    big = tmp_path / "big.txt"
    big.write_text("Officials said 40 were hurt. " * 20_000, encoding="utf-8")
    with Project.open(saved_project) as project:
        fill_the_disk(project)
        with pytest.raises(DiskFull):
            import_paths(project, [big], by="amira")
    assert saved_texts(saved_project) == ["The agency said 300 people were evacuated."]


# -- read-only --------------------------------------------------------------------------------


@pytest.fixture
def read_only_file(saved_project):
    """The saved project made unwritable: chmod for a normal user, the immutable flag for root."""
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    if as_root:
        made = subprocess.run(["chattr", "+i", str(saved_project)], capture_output=True)
        if made.returncode != 0:
            pytest.skip("running as root where chattr +i is unavailable: no way to make a file read-only")
    else:
        saved_project.chmod(0o444)
    yield saved_project
    if as_root:
        subprocess.run(["chattr", "-i", str(saved_project)], check=True)
    else:
        saved_project.chmod(0o644)


def test_a_read_only_file_can_be_read(read_only_file):
    with Project.open(read_only_file) as project:
        assert [claim.note for claim in project.claims.select()] == ["first claim"]


def test_a_read_only_file_refuses_changes_with_a_clear_message(read_only_file):
    with Project.open(read_only_file) as project:
        claim = next(project.claims.select())
        with pytest.raises(ProjectReadOnly, match="on read-only storage; changes cannot be saved"):
            project.claims.edit(claim.id, by="amira", note="changed")
        assert project.claims.get(claim.id).note == "first claim"


def test_opening_read_only_on_purpose_reads_but_never_writes(saved_project):
    with Project.open(saved_project, read_only=True) as project:
        assert project.read_only
        claim = next(project.claims.select())
        with pytest.raises(ProjectReadOnly):
            project.claims.edit(claim.id, by="amira", note="changed")
    assert saved_notes(saved_project) == ["first claim"]


def test_opening_read_only_a_missing_file_does_not_create_it(project_path):
    with pytest.raises(ProjectUnreadable, match="does not exist"):
        Project.open(project_path, read_only=True)
    assert not project_path.exists()


# -- deleted or replaced while open ---------------------------------------------------------


def test_a_file_deleted_while_open_refuses_changes_and_rescues_what_was_saved(saved_project):
    from annotator.core.userdata import backups_dir

    with Project.open(saved_project) as project:
        saved_project.unlink()
        claim = next(project.claims.select())
        with pytest.raises(ProjectMissing, match="was deleted, moved or replaced") as refused:
            project.claims.edit(claim.id, by="amira", note="lost?")
    rescued = list(backups_dir().glob("*rescued*"))
    assert len(rescued) == 1
    assert str(rescued[0]) in str(refused.value)
    assert saved_notes(rescued[0]) == ["first claim"]


def test_a_file_replaced_while_open_is_not_written_to(saved_project, tmp_path):
    with Project.open(saved_project) as project:
        moved = tmp_path / "moved.annotator"
        shutil.move(saved_project, moved)
        shutil.copy(moved, saved_project)
        with pytest.raises(ProjectMissing):
            add_article(project, "Where would this go?")
    assert saved_texts(saved_project) == saved_texts(moved)


# -- damaged files ----------------------------------------------------------------------------


def big_project(path: Path) -> Path:
    with Project.open(path) as project:
        for number in range(200):
            add_article(project, f"Report {number}: {number * 7} soldiers were killed. " * 30)
        project.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def truncated(path: Path) -> Path:
    data = big_project(path).read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return path


def scribbled_over(path: Path) -> Path:
    data = bytearray(big_project(path).read_bytes())
    # Over the articles' own pages (the search indexes fill much of the file): the middle article.
    middle = data.index(b"Report 100: 700 soldiers")
    data[middle : middle + 8192] = b"Z" * 8192
    path.write_bytes(bytes(data))
    return path


def not_sqlite(path: Path) -> Path:
    path.write_text("title,text\nA spreadsheet,renamed\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (not_sqlite, "not an Annotator project"),
        (truncated, "is damaged or not a project"),
    ],
)
def test_a_damaged_file_is_refused_on_opening(project_path, damage, message):
    damage(project_path)
    before = project_path.read_bytes()
    with pytest.raises(ProjectUnreadable, match=message):
        Project.open(project_path)
    assert project_path.read_bytes() == before


def test_a_file_failing_integrity_check_reports_its_problems(project_path):
    scribbled_over(project_path)
    with Project.open(project_path) as project:
        assert project.integrity_problems()


def test_a_healthy_file_has_no_integrity_problems(saved_project):
    with Project.open(saved_project) as project:
        assert project.integrity_problems() == []


@pytest.mark.parametrize("damage", [not_sqlite, truncated, scribbled_over])
def test_backing_up_a_damaged_file_explains_it_without_a_traceback(project_path, damage):
    """A backup reads every page, so it finds damage that a listing of titles never touches."""
    damage(project_path)
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "backup", "--db", str(project_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    said = result.stderr
    assert "damaged or not" in said or "not an Annotator project" in said or " is damaged (" in said
    assert backups_of(project_path) == []


def test_damage_found_while_reading_is_a_named_error_not_an_sqlite_one(project_path):
    scribbled_over(project_path)
    with Project.open(project_path) as project, pytest.raises(ProjectUnreadable, match="is damaged"):
        for summary in project.articles.summaries():
            project.articles.text(summary.id)


def test_exporting_a_damaged_file_explains_it_without_a_traceback(project_path):
    scribbled_over(project_path)
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "export", "--db", str(project_path), "--format", "jsonl"]
        + ["--out", "-"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "is damaged or not a project" in result.stderr
