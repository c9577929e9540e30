"""Where the user's files go (platformdirs), the rotating log, and exports as ordinary files."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys

import pytest

from annotator.core import userdata
from tests.conftest import add_article


@pytest.fixture
def platform_folders(tmp_path, monkeypatch):
    """No ANNOTATOR_DATA_DIR: the platform's folders, pointed into tmp_path by XDG variables."""
    monkeypatch.delenv("ANNOTATOR_DATA_DIR")
    for name in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    return tmp_path


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
def test_log_and_settings_live_in_the_platforms_log_and_config_folders(platform_folders):
    assert userdata.log_path().is_relative_to(platform_folders / "xdg_state_home")
    assert userdata.settings_path().is_relative_to(platform_folders / "xdg_config_home")
    assert userdata.default_project_path().is_relative_to(platform_folders / "xdg_data_home")


def test_settings_left_in_the_data_folder_by_an_older_version_are_moved_once(platform_folders):
    old = userdata.data_dir() / "settings.ini"
    old.write_text("[annotator]\nname=amira\n", encoding="utf-8")
    moved = userdata.settings_path()
    assert moved != old and not old.exists()
    assert moved.read_text(encoding="utf-8") == "[annotator]\nname=amira\n"


def test_the_log_rotates_and_keeps_a_bounded_number_of_files(tmp_path, monkeypatch):
    monkeypatch.setattr(userdata, "LOG_BYTES", 200)
    handler = userdata.rotating_log_handler(tmp_path / "annotator.log")
    logger = logging.getLogger("test-rotation")
    logger.addHandler(handler)
    try:
        for number in range(100):
            logger.warning("line %03d %s", number, "x" * 40)
    finally:
        logger.removeHandler(handler)
        handler.close()
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == ["annotator.log", "annotator.log.1", "annotator.log.2", "annotator.log.3"]
    assert all(path.stat().st_size <= 200 for path in tmp_path.iterdir())


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "xlsx"])
def test_exports_are_created_as_the_umask_says_not_private(project_path, tmp_path, fmt):
    from annotator.core.exporters import exporter_for
    from annotator.core.store import Project

    with Project.open(project_path) as project:
        add_article(project, "Some text about 300 people.")
        out = tmp_path / f"claims.{fmt}"
        exporter_for(fmt)(project, out, annotator=None, status=None, article_id=None)
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask


def test_export_to_a_pipe_that_closes_early_ends_quietly(project_path, tmp_path):
    from annotator.core.store import Project

    with Project.open(project_path) as project:
        for number in range(60):  # well beyond a pipe's buffer, so the writer meets the closed end
            add_article(project, f"Article {number}: " + "about 300 people were evacuated. " * 200)
    command = [sys.executable, "-m", "annotator", "export", "--db", str(project_path), "--format", "jsonl"]
    reader = subprocess.Popen([*command, "--out", "-"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.read(10)
    reader.stdout.close()  # as `| head -c 10` does
    stderr = reader.stderr.read().decode()
    assert reader.wait(timeout=120) == 141
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr
