"""The annotation window: startup, opening a large article, switching between typical ones.

Each measurement runs in a fresh interpreter (bench/_window_child.py) so Qt's imports and
start-up are counted the same way for Annotator and for the bare-Qt baseline.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import Result

ROOT = Path(__file__).resolve().parents[1]
STARTUPS = 5


def _child(*args: str) -> list[float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    output = subprocess.run(
        [sys.executable, "-m", "bench._window_child", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def _sample_project(folder: str) -> str:
    from annotator.core.sample import seed_sample
    from annotator.core.store import Project

    path = str(Path(folder) / "sample.annotator")
    with Project.open(path) as project:
        seed_sample(project)
    return path


def run() -> list[Result]:
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("ANNOTATOR_DATA_DIR", folder)
        project = _sample_project(folder)
        ours, bare = [], []
        for _ in range(STARTUPS):  # interleaved, so both see the same machine load
            bare += _child("baseline")
            ours += _child("startup", project)
    large = _child("open-large")
    switch = _child("switch")
    return [
        Result(
            "window: start-up to first paint (sample project)",
            statistics.median(ours),
            baseline="bare PySide6 QMainWindow",
            baseline_median_s=statistics.median(bare),
        ),
        Result(
            "window: open 200,000-char article with 5,000 claims",
            statistics.median(large),
            aim="< 150 ms",
        ),
        Result(
            "window: switch between 5,000-char articles (30 claims)",
            statistics.median(switch),
            aim="< 30 ms",
        ),
    ]
