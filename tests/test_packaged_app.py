"""The packaged app: build.spec builds a one-folder app whose command line and window work."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def frozen_app(tmp_path_factory) -> Path:
    """dist/annotator/annotator built from build.spec (PyInstaller keeps its work in build/)."""
    dist = tmp_path_factory.mktemp("dist")
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    result = subprocess.run(
        [
            str(pyinstaller),
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(REPO / "build" / "pytest"),
            str(REPO / "build.spec"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return dist / "annotator" / ("annotator.exe" if sys.platform == "win32" else "annotator")


def run_frozen(
    app: Path, *args: str, cwd: Path, platform: str = "offscreen", wrapper: tuple[str, ...] = ()
) -> subprocess.CompletedProcess:
    """Run the packaged binary as a user would: no virtual environment, the given Qt platform."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = platform
    return subprocess.run(
        [*wrapper, str(app), *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=300
    )


def test_the_frozen_command_line_imports_and_exports(frozen_app, tmp_path):
    article = tmp_path / "article.html"
    article.write_text(
        "<html><body><article><h1>River crossing</h1><p>Officials said that about 300 soldiers "
        "crossed the river this week, according to the regional emergency agency.</p></article>"
        "</body></html>",
        encoding="utf-8",
    )
    project = tmp_path / "frozen.annotator"
    sample = REPO / "resources" / "sample" / "articles.jsonl"
    imported = run_frozen(frozen_app, "import", "--db", str(project), str(article), str(sample), cwd=tmp_path)
    exported = run_frozen(
        frozen_app, "export", "--db", str(project), "--format", "csv", "--out", "claims.csv", cwd=tmp_path
    )
    assert imported.returncode == 0, imported.stderr
    assert exported.returncode == 0, exported.stderr
    with (tmp_path / "claims.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert rows and all(row["quote"] for row in rows)


def test_the_frozen_app_refuses_a_damaged_project_with_a_message(frozen_app, tmp_path):
    damaged = tmp_path / "damaged.annotator"
    damaged.write_text("not a project", encoding="utf-8")
    result = run_frozen(frozen_app, "articles", "--db", str(damaged), cwd=tmp_path)
    assert result.returncode == 1
    assert "not an Annotator project" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_frozen_app_leaves_pandas_out(frozen_app):
    internal = frozen_app.parent / "_internal"
    assert not (internal / "pandas").exists()
    assert (internal / "resources" / "sample" / "articles.jsonl").exists()
    assert list((internal / "db" / "migrations").glob("*.sql"))


def test_the_frozen_app_passes_its_smoke_check_offscreen(frozen_app, tmp_path):
    result = run_frozen(frozen_app, "--smoke", cwd=tmp_path, platform="offscreen")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "smoke check passed" in result.stdout


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run (Debian package xvfb)")
def test_the_frozen_app_passes_its_smoke_check_on_an_x_server(frozen_app, tmp_path):
    """On a real X display (xcb): catches system libraries missing for Qt's xcb plugin."""
    result = run_frozen(frozen_app, "--smoke", cwd=tmp_path, platform="xcb", wrapper=("xvfb-run", "-a"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "smoke check passed" in result.stdout
