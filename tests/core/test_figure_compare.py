"""Comparing figures: grouping by measure within an event, and the three flags in words."""

import csv
import io
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.core.errors import InvalidClaim
from annotator.core.exporters.comparison import comparison_text, write_comparison_csv
from annotator.core.figures.compare import FigureRow, compare_figures, fold_measure, interval_of

ROOT = Path(__file__).resolve().parents[2]


def row(claim_id, speaker, qualifier="exact", value=None, low=None, high=None, *, date="2026-03-04", **kw):
    fields = dict(
        claim_id=claim_id,
        article_id="a",
        event=kw.pop("event", "Floods"),
        measure=kw.pop("measure", "killed"),
        speaker=speaker,
        outlet="",
        published=date,
        figure_text=kw.pop("text", ""),
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
    )
    return FigureRow(**fields, **kw)


def kinds(*rows, margin=0.10):
    [group] = compare_figures(rows, margin=margin)
    return sorted(flag.kind for flag in group.flags)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # exact figures that differ cannot both be true
        (row("1", "Coastguard", value=312), row("2", "Operator", value=298), ["conflict"]),
        # the same number from two speakers agrees
        (row("1", "A", value=27), row("2", "B", value=27), []),
        # about 300 (270-330) overlaps 320
        (row("1", "A", "approximately", 300), row("2", "B", value=320), []),
        # about 300 (270-330) does not reach 340
        (row("1", "A", "approximately", 300), row("2", "B", value=340), ["conflict"]),
        # overlapping ranges agree
        (row("1", "A", "range", low=10, high=20), row("2", "B", "range", low=15, high=30), []),
        # ranges that do not touch conflict
        (row("1", "A", "range", low=10, high=20), row("2", "B", "range", low=21, high=30), ["conflict"]),
        # at least 45 against 27: the open interval starts above
        (row("1", "A", value=27), row("2", "B", "at least", 45), ["conflict"]),
        # at least 9 and at most 15 can both be true
        (row("1", "A", "at least", 9), row("2", "B", "at most", 15), []),
        # more than 300 excludes exactly 300; at least 300 does not
        (row("1", "A", value=300), row("2", "B", "more than", 300), ["conflict"]),
        (row("1", "A", value=300), row("2", "B", "at least", 300), []),
        # less than 300 against roughly 1,200
        (row("1", "A", "less than", 300), row("2", "B", "approximately", 1200), ["conflict"]),
        # about 12 against 10,000-12,000: a dropped thousand, flagged as that rather than a conflict
        (
            row("1", "A", "approximately", 12),
            row("2", "B", "range", low=10000, high=12000),
            ["likely scale error"],
        ),
        # 99 times apart is a conflict, not yet a scale error
        (row("1", "A", value=100), row("2", "B", value=9900), ["conflict"]),
    ],
)
def test_flags_between_two_speakers(a, b, expected):
    assert kinds(a, b) == expected


def test_same_speakers_figure_moving_between_dates_is_a_change_not_a_conflict():
    before = row("1", "Agency", "approximately", 4200, date="2026-03-04")
    after = row("2", "Agency", value=3100, date="2026-03-06")
    [group] = compare_figures([after, before])
    [flag] = group.flags
    assert flag.kind == "changed over time"
    assert flag.explanation == "Agency said 4,200 on 2026-03-04 and 3,100 on 2026-03-06, down 26%."


def test_same_figure_on_two_dates_is_not_a_change():
    assert kinds(row("1", "A", value=5, date="2026-01-01"), row("2", "A", value=5, date="2026-01-02")) == []


def test_project_margin_widens_about():
    about, exact = row("1", "A", "approximately", 300), row("2", "B", value=340)
    assert kinds(about, exact, margin=0.10) == ["conflict"]
    assert kinds(about, exact, margin=0.20) == []


def test_measures_fold_case_and_spacing_within_an_event():
    groups = compare_figures(
        [
            row("1", "A", value=1, measure="Homes  damaged"),
            row("2", "B", value=1, measure="homes damaged"),
            row("3", "C", value=1, measure="homes damaged", event="Other"),
        ]
    )
    assert [(g.event, g.measure, len(g.rows)) for g in groups] == [
        ("Floods", "homes damaged", 2),
        ("Other", "homes damaged", 1),
    ]
    assert fold_measure(" Homes\tDamaged ") == "homes damaged"


def test_conflict_explanation_reads_as_words():
    [group] = compare_figures(
        [
            row("1", "Ministry", value=27, text="27"),
            row("2", "Observatory", "at least", 45, text="at least 45"),
        ]
    )
    assert group.flags[0].explanation == (
        "Ministry says 27 (exactly 27) but Observatory says at least 45 (at least 45): both cannot be true."
    )


def test_figures_without_numbers_are_left_out():
    assert compare_figures([row("1", "A")]) == []
    assert interval_of(row("1", "A")) is None


def test_csv_has_one_row_per_figure_with_flags_and_is_formula_safe(tmp_path):
    rows = [row("1", "=cmd", value=312), row("2", "Operator", value=298)]
    out = tmp_path / "compare.csv"
    assert write_comparison_csv(compare_figures(rows), out) == 2
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    parsed = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [(r["speaker"], r["value"], r["flags"]) for r in parsed] == [
        ("'=cmd", "312", "conflict"),
        ("Operator", "298", "conflict"),
    ]


def test_text_lists_figures_then_flags():
    text = comparison_text(compare_figures([row("1", "A", value=312, text="312"), row("2", "B", value=298)]))
    assert text.splitlines()[0] == "Floods — killed"
    assert text.splitlines()[-1].startswith("  ! conflict: B says 298")


# -- against the sample project --------------------------------------------------------------


def test_sample_project_flags_the_riverton_slips(sample_project):
    groups = compare_figures(sample_project.events.figure_rows(event="Riverton floods"))
    flagged = {(g.measure, f.kind) for g in groups for f in g.flags}
    assert ("homes damaged", "likely scale error") in flagged
    assert ("evacuated", "changed over time") in flagged
    assert all(g.event == "Riverton floods" for g in groups)


def test_suggestions_and_rejected_claims_are_not_compared(sample_project):
    sample_project.suggestions.suggest_all(by="amira")
    statuses = {r.status for r in sample_project.events.figure_rows()}
    assert "suggested" not in statuses and "rejected" not in statuses


def test_rename_measure_merges_groups_and_logs_each_claim(sample_project):
    before = len(compare_figures(sample_project.events.figure_rows(event="Vardel clashes")))
    changed = sample_project.events.rename_measure("Wounded", "killed", by="amira", event="Vardel clashes")
    assert len(changed) == 1
    groups = compare_figures(sample_project.events.figure_rows(event="Vardel clashes"))
    assert len(groups) == before - 1
    entry = sample_project.log.history("claim", changed[0])[-1]
    assert (entry.action, entry.before, entry.after) == (
        "rename measure",
        {"measure": "wounded"},
        {"measure": "killed"},
    )


def test_rename_to_nothing_is_refused(sample_project):
    with pytest.raises(InvalidClaim):
        sample_project.events.rename_measure("killed", "  ", by="amira")


def test_approximate_margin_setting_falls_back_when_unreadable(project):
    project.settings.set("approximate_margin", "0.2")
    assert project.events.approximate_margin() == 0.2
    project.settings.set("approximate_margin", "lots")
    assert project.events.approximate_margin() == 0.10


# -- command line ----------------------------------------------------------------------------


def _cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "annotator", *args], cwd=ROOT, capture_output=True, text=True
    )


@pytest.fixture
def sample_file(tmp_path):
    path = tmp_path / "sample.annotator"
    assert _cli("import", "--db", str(path), str(ROOT / "resources/sample/articles.jsonl")).returncode == 0
    return path


def test_compare_json_for_one_event(sample_file):
    result = _cli("compare", "--db", str(sample_file), "--event", "Morrow Star fire", "--format", "json")
    groups = json.loads(result.stdout)
    passengers = next(g for g in groups if g["measure"] == "passengers on board")
    assert [f["kind"] for f in passengers["flags"]] == ["conflict"]


def test_compare_csv_to_a_file(sample_file, tmp_path):
    out = tmp_path / "figures.csv"
    assert _cli("compare", "--db", str(sample_file), "--format", "csv", "--out", str(out)).returncode == 0
    assert "likely scale error" in out.read_text(encoding="utf-8-sig")


def test_compare_unknown_event_names_the_known_ones(sample_file):
    result = _cli("compare", "--db", str(sample_file), "--event", "Atlantis")
    assert result.returncode == 1
    assert "Riverton floods" in result.stderr


def test_setting_the_margin_is_logged_and_refused_out_of_range(project):
    assert project.events.set_approximate_margin(0.25, by="amira") == 0.10
    assert project.events.approximate_margin() == 0.25
    assert project.log.history("project", "approximate_margin")[-1].after == {"approximate_margin": 0.25}
    with pytest.raises(InvalidClaim):
        project.events.set_approximate_margin(1.5, by="amira")


def test_compare_margin_for_one_run(sample_file):
    # "roughly 1,200" families reaches below "fewer than 300" only when about means ±75 % or more
    narrow = _cli("compare", "--db", str(sample_file), "--format", "json", "--event", "Vardel clashes")
    wide = _cli(
        "compare", "--db", str(sample_file), "--format", "json", "--event", "Vardel clashes", "--margin", "80"
    )
    flags = lambda out: sum(len(g["flags"]) for g in json.loads(out))  # noqa: E731
    assert flags(wide.stdout) < flags(narrow.stdout)
    assert _cli("compare", "--db", str(sample_file), "--margin", "150").returncode == 2


# -- sources and speakers --------------------------------------------------------------------


def test_one_figure_tagged_by_two_annotators_is_one_source():
    [group] = compare_figures(
        [row("c1", "Ministry", value=300), row("c2", "Ministry", value=300), row("c3", "UN", value=900)]
    )
    assert [r.claim_id for r in group.rows] == ["c1", "c3"]


def test_the_same_figure_in_two_articles_is_two_sources():
    [group] = compare_figures(
        [row("c1", "Ministry", value=300), replace(row("c2", "Ministry", value=300), article_id="b")]
    )
    assert len(group.rows) == 2


def test_an_untagged_speaker_is_shown_as_not_tagged_yet_apart_from_an_anonymous_source():
    untagged, anonymous = row("c1", "", value=300), row("c2", "an anonymous official", value=900)
    assert (untagged.who, anonymous.who) == ("a speaker not tagged yet", "an anonymous official")
    [flag] = [f for f in compare_figures([untagged, anonymous])[0].flags if f.kind == "conflict"]
    assert "a speaker not tagged yet says 300" in flag.explanation


def test_two_untagged_figures_are_not_assumed_to_share_a_speaker():
    assert kinds(row("c1", "", value=300), row("c2", "", value=900)) == ["conflict"]
