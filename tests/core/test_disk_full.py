"""A real full disk (a small tmpfs, filled to its last byte): a clear message, exit 1, nothing lost.

Import, export, backup, merge and claim creation are tried with the project, the export's
folder or the backups folder on the full disk. Mounting needs root: elsewhere these tests
are skipped with that reason (max_page_count stands in for a full disk in
test_project_file_failures.py).
"""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.backups import backups_of
from annotator.core.errors import DiskFull
from annotator.core.store import Project
from tests.conftest import add_article
from tests.mounts import fill, small_tmpfs

TEXT = "The agency said 300 people were evacuated."


@pytest.fixture
def disk(tmp_path):
    """A 2 MB tmpfs, unmounted after the test."""
    with small_tmpfs(tmp_path / "disk", "2m") as folder:
        yield folder


def saved_project(path: Path) -> Path:
    with Project.open(path) as project:
        article = add_article(project, TEXT, title="Floods")
        project.claims.create(article, 16, 19, by="amira", note="first claim")
    return path


def contents(path: Path) -> tuple[list[str], list[str]]:
    with Project.open(path, read_only=True) as project:
        assert project.integrity_problems() == []
        return sorted(project.articles.text(i) for i in project.articles.ids()), sorted(
            claim.note for claim in project.claims.select()
        )


def a_text_file(folder: Path, words: int = 20_000) -> Path:
    path = folder / "report.txt"
    path.write_text("Officials said 40 were hurt. " * (words // 5), encoding="utf-8")
    return path


BEFORE = (sorted([TEXT]), ["first claim"])


# -- the project on the full disk -------------------------------------------------------------


def test_an_import_into_a_project_on_a_full_disk_says_so_and_adds_nothing(disk, tmp_path, capsys):
    project = saved_project(disk / "war.annotator")
    fill(disk)
    assert main(["import", "--db", str(project), str(a_text_file(tmp_path))]) == 1
    err = capsys.readouterr().err
    assert "the disk holding this project is full" in err and "Traceback" not in err
    (disk / "filler.bin").unlink()
    assert contents(project) == BEFORE


def test_a_project_on_a_full_disk_can_still_be_read_and_exported(disk, tmp_path, capsys):
    project = saved_project(disk / "war.annotator")
    fill(disk)
    out = tmp_path / "claims.csv"
    assert main(["export", "--db", str(project), "--format", "csv", "--out", str(out)]) == 0
    assert "first claim" in out.read_text(encoding="utf-8-sig")
    assert main(["articles", "--db", str(project)]) == 0


def test_an_import_while_open_when_the_disk_fills_is_rolled_back_whole(disk, tmp_path):
    from annotator.core.importers.runner import import_paths

    with Project.open(saved_project(disk / "war.annotator")) as project:
        fill(disk)
        with pytest.raises(DiskFull, match=f"the disk holding {disk / 'war.annotator'} is full"):
            import_paths(project, [a_text_file(tmp_path)], by="amira")
        assert project.articles.count() == 1
    (disk / "filler.bin").unlink()
    assert contents(disk / "war.annotator") == BEFORE


def test_a_claim_made_when_the_disk_is_full_is_refused_then_saved_once_there_is_room(disk):
    path = saved_project(disk / "war.annotator")
    with Project.open(path) as project:
        article = project.articles.ids()[0]
        filler = fill(disk)
        with pytest.raises(DiskFull, match="is full: the last change was not saved"):
            for _ in range(50):  # the -wal may have room left for a claim or two
                project.claims.create(article, 0, 10, by="amira", note="x" * 100_000)
        filler.unlink()
        project.claims.create(article, 0, 10, by="amira", note="saved later")
    assert "saved later" in contents(path)[1]


def test_a_merge_into_a_project_on_a_full_disk_merges_nothing(disk, tmp_path, capsys):
    project = saved_project(disk / "war.annotator")
    theirs = tmp_path / "theirs.annotator"
    shutil.copy(project, theirs)
    with Project.open(theirs) as colleague:
        add_article(colleague, "A colleague's report: 500 were evacuated. " * 500, by="ben")
    fill(disk)
    assert main(["merge", "--db", str(project), str(theirs)]) == 1
    assert "full" in capsys.readouterr().err
    (disk / "filler.bin").unlink()
    assert contents(project) == BEFORE


def test_a_merge_that_fills_the_disk_while_open_is_rolled_back_whole(disk, tmp_path):
    from annotator.core.review.merge import merge_file

    theirs = tmp_path / "theirs.annotator"
    with Project.open(theirs) as colleague:
        for number in range(40):
            add_article(colleague, f"Report {number}: 500 were evacuated. " * 400, by="ben")
    with Project.open(saved_project(disk / "war.annotator")) as project:
        fill(disk)
        with pytest.raises(DiskFull, match="is full"):
            merge_file(project, theirs, by="amira")
    (disk / "filler.bin").unlink()
    assert contents(disk / "war.annotator") == BEFORE


# -- an export's folder on the full disk ------------------------------------------------------


@pytest.mark.parametrize("format_name", ["csv", "jsonl", "xlsx", "brat"])
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # openpyxl's writer, cut off
def test_an_export_to_a_full_disk_keeps_the_earlier_export_and_leaves_no_part(
    disk, tmp_path, capsys, format_name
):
    project = saved_project(tmp_path / "war.annotator")
    with Project.open(project) as opened:
        for number in range(30):
            add_article(opened, f"Report {number}: 500 were evacuated. " * 400)
    out = disk / f"claims.{format_name}"
    args = ["export", "--db", str(project), "--format", format_name, "--out", str(out)]
    assert main([*args, "--article", Project.open(project).articles.ids()[0]]) == 0  # a small one
    earlier = _snapshot(out)
    fill(disk)
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "No space left on device; nothing was written" in err and "Traceback" not in err
    assert _snapshot(out) == earlier
    assert [p.name for p in disk.iterdir() if p.name.endswith(".part")] == []
    gc.collect()  # openpyxl's cut-off writers complain when collected: here, not in a later test


def _snapshot(out: Path) -> dict[str, bytes]:
    if out.is_dir():
        return {p.name: p.read_bytes() for p in out.iterdir()}
    return {out.name: out.read_bytes()}


# -- the backups folder on the full disk ------------------------------------------------------


def test_a_backup_to_a_full_backups_folder_names_that_folder(disk, tmp_path, monkeypatch, capsys):
    project = saved_project(tmp_path / "war.annotator")
    with Project.open(project) as opened:
        add_article(opened, "Report: 500 were evacuated. " * 20_000)
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(disk / "data"))
    (disk / "data" / "backups").mkdir(parents=True)
    fill(disk)
    assert main(["backup", "--db", str(project)]) == 1
    err = capsys.readouterr().err
    assert f"the disk holding the backups folder {disk / 'data' / 'backups'} is full" in err
    assert f"the disk holding {project}" not in err
    assert list((disk / "data" / "backups").iterdir()) == []
    assert backups_of(project) == []
    assert len(contents(project)[0]) == 2
