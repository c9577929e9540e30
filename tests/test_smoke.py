"""`annotator --smoke` from source: the self-test the packaged app runs, exit status 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_the_smoke_check_passes_and_leaves_the_data_folder_alone(private_data_dir):
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "--smoke"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stderr
    assert "smoke check passed" in result.stdout
    assert list(private_data_dir.iterdir()) == []


def test_a_failing_step_is_named_and_the_status_is_1(monkeypatch, capsys, qapp):
    from annotator import smoke

    def broken(self):
        raise RuntimeError("the CSV holds nothing")

    monkeypatch.setattr(smoke.SmokeCheck, "export_csv", broken)
    assert smoke.run_smoke() == 1
    assert "FAILED at 'export CSV'" in capsys.readouterr().err
