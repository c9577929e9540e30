"""A damaged project is called damaged, and is never backed up or merged into as if whole;
"the disk is full" is said only of a disk that is full."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.backups import backups_of
from annotator.core.errors import DiskFull, ProjectUnreadable
from annotator.core.store import Project
from tests.conftest import add_article

TEXT = "The agency said 300 people were evacuated from Marlow."


@pytest.fixture
def saved(tmp_path) -> Path:
    path = tmp_path / "war.annotator"
    with Project.open(path) as project:
        for number in range(30):
            article = add_article(project, f"Report {number}. {TEXT}", title=f"Report {number}")
            project.claims.create(article, 27, 30, by="amira", note=f"claim {number}")
    return path


def overwrite(path: Path, offset: int, data: bytes) -> None:
    with open(path, "r+b") as handle:
        handle.seek(offset)
        handle.write(data)


def damage_an_index(path: Path) -> None:
    """Scribble over the first page of an index: every table still reads, quick_check fails."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'claims' LIMIT 1"
    ).fetchone()[0]
    conn.close()
    overwrite(path, (root - 1) * page_size + 8, b"\xff" * 64)


def test_text_that_is_not_utf8_is_reported_as_damage(saved):
    data = saved.read_bytes()
    at = data.index(b"evacuated from Marlow")
    overwrite(saved, at, b"\xff\xfe")
    with Project.open(saved) as project:
        with pytest.raises(ProjectUnreadable, match="is damaged") as raised:
            [project.articles.text(i) for i in project.articles.ids()]
    assert "decode" not in str(raised.value).split("(")[0]


def test_a_damaged_project_is_not_backed_up_as_if_whole(saved):
    damage_an_index(saved)
    with Project.open(saved) as project:
        with pytest.raises(ProjectUnreadable, match="is damaged .*no backup was made"):
            project.backup()
    assert backups_of(saved) == []


def test_nothing_is_merged_into_a_damaged_project(saved, tmp_path):
    from annotator.core.review.merge import merge_file

    theirs = tmp_path / "theirs.annotator"
    with Project.open(theirs) as colleague:
        add_article(colleague, "A colleague's report: 500 were evacuated.", by="ben")
    damage_an_index(saved)
    with Project.open(saved) as project:
        with pytest.raises(ProjectUnreadable, match="is damaged"):
            merge_file(project, theirs, by="amira")
        assert project.articles.count() == 30


def test_no_room_on_a_disk_that_has_room_is_not_called_a_full_disk(saved):
    """SQLITE_FULL from a size limit (or a quota), with the disk itself far from full."""
    with Project.open(saved) as project:
        pages = project.db.conn.execute("PRAGMA page_count").fetchone()[0]
        project.db.conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(DiskFull) as raised:
            add_article(project, "A long article. " * 20_000)
    assert "the disk holding" not in str(raised.value)
    assert "a disk or a quota is full" in str(raised.value)
