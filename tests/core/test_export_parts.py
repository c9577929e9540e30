"""Exports are whole or absent: a brat folder is replaced whole, and what killed exports left is cleared."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.exporters import exporter_for
from annotator.core.store import Project
from tests.conftest import add_article

TEXT = "Officials said 300 soldiers were killed."


@pytest.fixture
def saved(tmp_path):
    with Project.open(tmp_path / "war.annotator") as project:
        article = add_article(project, TEXT, title="Front line")
        project.claims.create(article, 15, 27, by="amira")
        yield project


def dead_pid() -> int:
    """The process id of a program that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def parts_beside(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def test_a_brat_export_replaces_an_earlier_one_whole(saved, tmp_path):
    out = tmp_path / "brat"
    exporter_for("brat")(saved, out)
    (out / "Old-report-1234.txt").write_text("an earlier export", encoding="utf-8")
    (out / "Old-report-1234.ann").write_text("", encoding="utf-8")
    assert exporter_for("brat")(saved, out) == 1
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 3 and "annotation.conf" in names and not any(n.startswith("Old") for n in names)
    assert parts_beside(out) == []


@pytest.mark.parametrize(
    "contents",
    [
        {"visual.conf": "[labels]\n", "notes/": ""},  # someone's brat collection
        {"a.txt": "An article I imported from here.", "b.txt": "Another one."},  # the import folder
        {"a.txt": "Text.", "a.ann": "", "annotation.conf": "[entities]\nPerson\n"},  # brat's own
    ],
)
def test_a_folder_that_is_not_an_earlier_export_is_not_replaced(saved, tmp_path, contents):
    out = tmp_path / "folder"
    out.mkdir()
    for name, text in contents.items():
        if name.endswith("/"):
            (out / name).mkdir()
        else:
            (out / name).write_text(text, encoding="utf-8")
    with pytest.raises(AnnotatorError, match="is not an earlier brat export of Annotator"):
        exporter_for("brat")(saved, out)
    assert sorted(p.name for p in out.iterdir()) == sorted(name.rstrip("/") for name in contents)
    assert parts_beside(out) == []


def test_an_empty_folder_takes_a_brat_export(saved, tmp_path):
    out = tmp_path / "empty"
    out.mkdir()
    assert exporter_for("brat")(saved, out) == 1


@pytest.mark.parametrize("format_name", ["csv", "jsonl", "xlsx", "brat"])
def test_parts_left_by_a_killed_export_are_cleared_by_the_next(saved, tmp_path, format_name):
    out = tmp_path / f"claims.{format_name}"
    left_file = tmp_path / f".{out.name}.{dead_pid()}.k2j4x9.part"
    left_file.write_text("half an export", encoding="utf-8")
    left_folder = tmp_path / f".{out.name}.{dead_pid()}.q8w1z0.part"
    left_folder.mkdir()
    (left_folder / "half.ann").write_text("T1\tClaim 0 5\tOffic\n", encoding="utf-8")
    exporter_for(format_name)(saved, out)
    assert parts_beside(out) == []
    assert out.exists()


def test_a_part_of_an_export_still_running_is_left_alone(saved, tmp_path):
    out = tmp_path / "claims.csv"
    running = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        theirs = tmp_path / f".{out.name}.{running.pid}.a1b2c3.part"
        theirs.write_text("being written", encoding="utf-8")
        exporter_for("csv")(saved, out)
        assert parts_beside(out) == [theirs.name]
    finally:
        running.communicate(b"")


def test_an_earlier_folder_set_aside_by_a_killed_export_is_put_back_then_replaced(saved, tmp_path):
    """Killed between its two renames, an export leaves no folder in place: the next one
    finds the earlier export under its set-aside name."""
    out = tmp_path / "brat"
    aside = tmp_path / f".brat.{dead_pid()}.previous.part"
    exporter_for("brat")(saved, aside)
    (aside / "Earlier-1234.txt").write_text("the earlier export", encoding="utf-8")
    from annotator.core.exporters import parts

    assert parts.sweep(out) == [aside]
    assert (out / "Earlier-1234.txt").read_text(encoding="utf-8") == "the earlier export"
    exporter_for("brat")(saved, out)
    assert not (out / "Earlier-1234.txt").exists() and parts_beside(out) == []


def test_a_brat_export_folder_is_made_as_the_umask_says(saved, tmp_path):
    out = tmp_path / "brat"
    exporter_for("brat")(saved, out)
    mask = os.umask(0o022)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o777 & ~mask
