"""A project on storage that cannot be written is read, listed and exported; changes are refused.

As root the project sits on a tmpfs remounted read-only (chmod means nothing to root); as
another user its folder and file are made unwritable with chmod.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.backups import backups_of
from annotator.core.errors import ProjectReadOnly, ProjectUnreadable
from annotator.core.store import Project
from tests.conftest import add_article
from tests.mounts import remount, small_tmpfs

MESSAGE = "this project is on read-only storage; changes cannot be saved"


def _saved(path: Path) -> Path:
    with Project.open(path) as project:
        article = add_article(project, "The agency said 300 people were evacuated.")
        project.claims.create(article, 17, 20, by="amira", note="first claim")
    return path


@pytest.fixture
def read_only_project(tmp_path):
    """A saved project (closed cleanly, so no -wal or -shm) on storage that cannot be written."""
    media = tmp_path / "media"
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        with small_tmpfs(media, "4m"):
            path = _saved(media / "war.annotator")
            remount(media, read_only=True)
            yield path
        return
    media.mkdir()
    path = _saved(media / "war.annotator")
    path.chmod(0o444)
    media.chmod(0o555)
    yield path
    media.chmod(0o755)
    path.chmod(0o644)


def test_it_opens_read_only_and_reads(read_only_project):
    with Project.open(read_only_project) as project:
        assert project.read_only
        assert [claim.note for claim in project.claims.select()] == ["first claim"]
    assert sorted(p.name for p in read_only_project.parent.iterdir()) == ["war.annotator"]


def test_a_change_is_refused_with_the_reason(read_only_project):
    before = read_only_project.read_bytes()
    with Project.open(read_only_project) as project:
        claim = next(project.claims.select())
        with pytest.raises(ProjectReadOnly, match=MESSAGE):
            project.claims.edit(claim.id, by="amira", note="changed")
        assert project.claims.get(claim.id).note == "first claim"
    assert read_only_project.read_bytes() == before


def test_the_command_line_lists_and_exports_it(read_only_project, tmp_path, capsys):
    assert main(["articles", "--db", str(read_only_project)]) == 0
    assert main(["claims", "--db", str(read_only_project)]) == 0
    out = tmp_path / "claims.csv"
    assert main(["export", "--db", str(read_only_project), "--format", "csv", "--out", str(out)]) == 0
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert [row["note"] for row in rows] == ["first claim"]
    assert main(["backup", "--db", str(read_only_project)]) == 0  # the copy goes to the data folder
    assert len(backups_of(read_only_project)) == 1


@pytest.mark.parametrize(
    "command",
    [
        ["import", "{text}"],
        ["review", "submit", "{claim}", "--as", "amira"],
        ["people", "--add", "ben"],
    ],
)
def test_write_commands_say_the_storage_is_read_only(read_only_project, tmp_path, capsys, command):
    text = tmp_path / "new.txt"
    text.write_text("Another report said 400 were evacuated.", encoding="utf-8")
    with Project.open(read_only_project) as project:
        claim = next(project.claims.select()).id
    before = read_only_project.read_bytes()
    args = [part.format(text=text, claim=claim) for part in command]
    assert main([args[0], "--db", str(read_only_project), *args[1:]]) == 1
    assert MESSAGE in capsys.readouterr().err
    assert read_only_project.read_bytes() == before


def test_a_new_project_cannot_be_made_there(read_only_project):
    with pytest.raises(ProjectReadOnly, match="read-only storage"):
        Project.open(read_only_project.parent / "new.annotator")


def test_unsaved_changes_in_a_wal_on_read_only_storage_are_named_not_skipped(tmp_path):
    """Read as immutable, the file would silently show the project without its last changes."""
    if not (hasattr(os, "geteuid") and os.geteuid() == 0):
        pytest.skip("needs a read-only mount (root): a -wal beside an unwritable file is readable by chmod")
    media = tmp_path / "media"
    with small_tmpfs(media, "4m"):
        path = _saved(media / "war.annotator")
        wal = Path(f"{path}-wal")
        with Project.open(path) as project:
            add_article(project, "A later report said 400 were evacuated.")
            left = wal.read_bytes()  # what a crash (or a copy taken while open) leaves beside it
        wal.write_bytes(left)
        Path(f"{path}-shm").unlink(missing_ok=True)
        remount(media, read_only=True)
        with pytest.raises(ProjectUnreadable, match="last changes are in war.annotator-wal"):
            Project.open(path)
