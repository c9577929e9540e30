"""The installed wheel, not the checkout: build it, install it into a fresh virtual environment
and use it from a folder far from the source tree, as a new user would after `pip install`."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow

ARTICLE = """---
title: Bridge closure at Velm
outlet: Velm Courier
---
The regional agency said that about 2,400 vehicles crossed the bridge every day before it closed.
"""


def _checked(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, timeout=900, **kwargs)
    assert result.returncode == 0, f"{command[:3]} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
    return result


def _clean_copy(target: Path) -> Path:
    """The files git knows (committed or not, ignored ones left out), as a clean clone has them.

    Building in the checkout would reuse its build/ folder, where setuptools leaves modules
    that have since moved: the wheel would ship them.
    """
    listed = _checked(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=REPO
    ).stdout.split("\0")
    for name in filter(None, listed):
        if (REPO / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target / name)
    return target


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    """A fresh virtual environment holding the wheel built from this checkout (and its dependencies)."""
    work = tmp_path_factory.mktemp("wheel")
    source = _clean_copy(work / "source")
    _checked([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work / "dist"), str(source)])
    [wheel] = (work / "dist").glob("annotator-*.whl")
    _checked([sys.executable, "-m", "venv", str(work / "venv")])
    _checked([str(work / "venv" / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)])
    return work / "venv"


@pytest.fixture
def run(venv, tmp_path):
    """Run the installed `annotator` in an empty folder, with no trace of the checkout in its path."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env.update(QT_QPA_PLATFORM="offscreen", ANNOTATOR_DATA_DIR=str(tmp_path / "data"))

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(venv / "bin" / "annotator"), *args],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    return run


def test_the_installed_package_is_not_the_checkout(venv, tmp_path):
    result = _checked(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import annotator.db, annotator.resources; print(annotator.db.__file__)",
        ],
        cwd=tmp_path,
    )
    assert Path(result.stdout.strip()).is_relative_to(venv)


def test_the_installed_app_passes_its_smoke_check(run):
    result = run("--smoke")
    assert result.returncode == 0, result.stderr
    assert "smoke check passed" in result.stdout


def test_the_installed_app_imports_and_exports(run, tmp_path):
    (tmp_path / "velm.md").write_text(ARTICLE, encoding="utf-8")
    imported = run("import", "--db", "p.annotator", "velm.md")
    assert imported.returncode == 0, imported.stderr
    listed = run("articles", "--db", "p.annotator", "--format", "json")
    assert [article["title"] for article in json.loads(listed.stdout)] == ["Bridge closure at Velm"]
    exported = run("export", "--db", "p.annotator", "--format", "csv", "--out", "claims.csv")
    assert exported.returncode == 0, exported.stderr
    with (tmp_path / "claims.csv").open(encoding="utf-8-sig", newline="") as stream:
        assert next(csv.reader(stream))[:3] == ["claim_id", "article_id", "article_title"]


def test_the_installed_app_opens_the_sample_project_and_renders_the_window(run, tmp_path):
    shot = run("--screenshot", "window.png")
    assert shot.returncode == 0, shot.stderr
    assert (tmp_path / "window.png").read_bytes().startswith(b"\x89PNG")
    listed = run("articles", "--format", "json")
    assert len(json.loads(listed.stdout)) == 4  # the sample project's invented articles
