"""`annotator figure TEXT` prints the figure as JSON."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _figure(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "annotator", "figure", *args], cwd=ROOT, capture_output=True, text=True
    )


def test_figure_prints_json():
    result = _figure("$2.5bn in damage")
    assert result.returncode == 0
    assert json.loads(result.stdout) == {
        "text": "$2.5bn",
        "value": 2500000000,
        "low": None,
        "high": None,
        "qualifier": "exact",
        "unit": "USD",
        "scale": "billion",
        "measure": "",
        "measure_written": "",
        "period": "",
    }


def test_figure_reads_measure_and_period_from_the_sentence():
    found = json.loads(_figure("Officials said some 11,000 troops were sent in just three months.").stdout)
    assert (found["text"], found["measure"], found["measure_written"], found["period"]) == (
        "some 11,000",
        "troops deployed",
        "troops sent",
        "in just three months",
    )


def test_figure_all_lists_every_figure_with_offsets():
    result = _figure("--all", "about 300 killed and between 10 and 12 km")
    found = json.loads(result.stdout)
    assert [(f["start"], f["end"], f["qualifier"]) for f in found] == [
        (0, 9, "approximately"),
        (21, 41, "range"),
    ]


def test_figure_without_a_number_fails_with_an_empty_figure():
    result = _figure("no number here")
    assert result.returncode == 1
    assert json.loads(result.stdout)["text"] == ""
