"""SIGKILL at random moments during exports and merges: whole or absent, never half.

Each round starts the operation in a second process and kills it after a random delay
(up to about twice the time the operation takes, so kills land before, during and after
it). After every kill:

- export (csv, jsonl, xlsx, brat): the target is absent (nothing finished yet) or exactly
  what a finished export writes; at most the killed run's `.part` names lie beside it,
  and the next export leaves none.
- merge: the project passes `integrity_check` and holds none or all of the merge; every
  listed backup (the before-merge copy) is whole and holds the project as it was before.

Import is covered the same way by test_crash.py. Print the figures with
`pytest -m slow tests/core/test_fault_injection.py -s`.
"""

from __future__ import annotations

import filecmp
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from annotator.core.backups import backups_of
from annotator.core.exporters import exporter_for, parts
from annotator.core.review.merge import merge_file
from annotator.core.store import Project
from tests.conftest import add_article

ROOT = Path(__file__).resolve().parents[2]
EXPORT_KILLS, MERGE_KILLS = 25, 40
ARTICLES, CLAIMS = 120, 4

EXPORTER = """
import sys
from pathlib import Path
from annotator.core.exporters import exporter_for
from annotator.core.store import Project
with Project.open(sys.argv[1], read_only=True) as project:
    export = exporter_for(sys.argv[2])
    print("started", flush=True)
    while True:
        export(project, Path(sys.argv[3]))
        print("done", flush=True)
"""

MERGER = """
import sys
from annotator.core.review.merge import merge_file
from annotator.core.store import Project
with Project.open(sys.argv[1]) as project:
    print("started", flush=True)
    merge_file(project, sys.argv[2], by="amira")
    print("done", flush=True)
"""


def fill(project, *, by: str, first: int, count: int) -> None:
    for number in range(first, first + count):
        text = " ".join(f"Source {k} said {number * 10 + k} were killed." for k in range(CLAIMS))
        article = add_article(project, text + " More text." * 300, title=f"Report {number}", by=by)
        for k in range(CLAIMS):
            start = text.index(f"{number * 10 + k} were")
            project.claims.create(article, start, start + 6, by=by, note=f"claim {k} & more")


def kill_after(script: str, args: list[str], delay: float) -> list[str]:
    """Run `script` in a second process, SIGKILL it `delay` seconds after it started; its output."""
    command = [sys.executable, "-c", script, *args]
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "started"
        time.sleep(delay)
    finally:
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
    return out.split()


def timed(step) -> float:
    began = time.perf_counter()
    step()
    return time.perf_counter() - began


# -- exports ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exported_project(tmp_path_factory):
    path = tmp_path_factory.mktemp("faults") / "war.annotator"
    with Project.open(path) as project:
        fill(project, by="amira", first=0, count=ARTICLES)
    return path


def same_export(format_name: str, out: Path, reference: Path) -> bool:
    if format_name == "brat":
        names = sorted(p.name for p in out.iterdir())
        if names != sorted(p.name for p in reference.iterdir()):
            return False
        return filecmp.cmpfiles(out, reference, names, shallow=False)[0] == names
    if format_name == "xlsx":
        return workbook_values(out) == workbook_values(reference)
    return out.read_bytes() == reference.read_bytes()


def workbook_values(path: Path) -> list:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        return [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets]
    finally:
        book.close()


def parts_beside(out: Path) -> list[Path]:
    prefix = f".{out.name}."
    return [p for p in out.parent.iterdir() if p.name.startswith(prefix) and p.name.endswith(".part")]


@pytest.mark.slow
@pytest.mark.parametrize("format_name", ["csv", "jsonl", "xlsx", "brat"])
def test_a_killed_export_leaves_the_old_file_or_the_new_one_whole(exported_project, tmp_path, format_name):
    reference = tmp_path / f"reference.{format_name}"
    with Project.open(exported_project, read_only=True) as project:
        seconds = timed(lambda: exporter_for(format_name)(project, reference))
    out = tmp_path / "out" / f"claims.{format_name}"
    out.parent.mkdir()
    rng = random.Random(f"export-{format_name}")
    finished_once = gaps = 0
    for _ in range(EXPORT_KILLS):
        delay = rng.uniform(0, 3 * seconds + 0.3)  # the first export in a new process is slower
        said = kill_after(EXPORTER, [str(exported_project), format_name, str(out)], delay)
        finished_once += said.count("done")
        if not out.exists() and any(parts.PREVIOUS in p.name for p in parts_beside(out)):
            gaps += 1  # killed between a folder's two renames: the next export puts it back
            parts.sweep(out)
        if finished_once:
            assert out.exists(), "a finished export vanished"
        if out.exists():
            assert same_export(format_name, out, reference), "a half-written export is in place"
        assert len(parts_beside(out)) <= 2, "parts of killed exports pile up"
    with Project.open(exported_project, read_only=True) as project:
        exporter_for(format_name)(project, out)
    assert parts_beside(out) == [] and same_export(format_name, out, reference)
    print(f"\n{format_name}: {EXPORT_KILLS} kills survived ({finished_once} exports finished, {gaps} gaps)")


# -- merge -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def merge_files(tmp_path_factory):
    """Ours (amira's 20 articles) and theirs (the same plus ben's 150 more)."""
    folder = tmp_path_factory.mktemp("merge-faults")
    ours, theirs = folder / "ours.annotator", folder / "theirs.annotator"
    with Project.open(ours) as project:
        fill(project, by="amira", first=0, count=20)
    shutil.copy(ours, theirs)
    with Project.open(theirs) as project:
        fill(project, by="ben", first=1000, count=150)
    return ours, theirs


def counts(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], f"{path.name} is damaged"
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "claims"))
    finally:
        conn.close()


@pytest.mark.slow
def test_a_killed_merge_leaves_none_or_all_of_it(merge_files, tmp_path):
    base, theirs = merge_files
    before, after = (20, 20 * CLAIMS), (170, 170 * CLAIMS)
    project = tmp_path / "project.annotator"
    shutil.copy(base, tmp_path / "timing.annotator")  # a merge, timed on another copy
    with Project.open(tmp_path / "timing.annotator") as opened:
        seconds = timed(lambda: merge_file(opened, theirs, by="amira"))
    rng = random.Random("merge")
    outcomes = {"none": 0, "all": 0}
    mid_merge = 0  # kills that landed before the merge reported it was done
    for _ in range(MERGE_KILLS):
        for leftover in tmp_path.glob("project.annotator*"):
            leftover.unlink()
        shutil.copy(base, project)
        delay = rng.uniform(0, 2 * seconds)  # the merge in a new process is slower than here
        said = kill_after(MERGER, [str(project), str(theirs)], delay)
        mid_merge += "done" not in said
        with Project.open(project) as opened:
            assert opened.integrity_problems() == []
        found = counts(project)
        assert found in (before, after), f"a partial merge: {found}"
        outcomes["none" if found == before else "all"] += 1
        for copy in backups_of(project):
            assert counts(copy) == before, f"{copy.name} is not the project before"
    print(
        f"\nmerge: {MERGE_KILLS} kills survived, {mid_merge} before it was done "
        f"({outcomes['none']} left none of it, {outcomes['all']} all)"
    )
