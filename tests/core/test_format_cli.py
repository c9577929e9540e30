"""The formats through `annotator import` / `annotator export`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annotator.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "formats"


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "project.annotator")


def test_import_reports_what_was_not_kept(db, capsys):
    assert (
        main(["import", "--db", db, "--annotator", "amira", str(FIXTURES / "labelstudio" / "tasks.json")])
        == 0
    )
    out = capsys.readouterr().out
    assert "tasks.json: not kept: annotation 2: cancelled (skipped) annotation" in out
    assert "2 article(s) imported" in out
    assert "3 annotation(s) not kept" in out


@pytest.mark.parametrize("name", ["brat", "doccano", "labelstudio"])
def test_import_formats_are_known(name):
    from annotator.core.importers import known_formats

    assert name in known_formats()


@pytest.mark.parametrize("name", ["brat", "claimreview", "doccano", "labelstudio", "xlsx"])
def test_export_formats_are_known(name):
    from annotator.core.exporters import known_formats

    assert name in known_formats()


def test_brat_folder_round_trip_through_the_command_line(db, tmp_path, capsys):
    collection = tmp_path / "collection"
    shutil.copytree(FIXTURES / "brat", collection)
    assert main(["import", "--db", db, "--annotator", "amira", str(collection)]) == 0
    out = tmp_path / "brat-out"
    assert main(["export", "--db", db, "--format", "brat", "--out", str(out)]) == 0
    assert sorted(p.suffix for p in out.iterdir()) == [".ann", ".conf", ".txt"]
    other = str(tmp_path / "other.annotator")
    assert main(["import", "--db", other, "--annotator", "amira", str(out)]) == 0
    assert "6 claim(s) added" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["xlsx", "brat"])
def test_formats_that_need_a_path_refuse_standard_output(db, capsys, name):
    assert main(["export", "--db", db, "--format", name, "--out", "-"]) == 1
    assert "--out" in capsys.readouterr().err


def test_xlsx_export_from_the_command_line(db, tmp_path, capsys):
    main(
        [
            "import",
            "--db",
            db,
            "--annotator",
            "amira",
            "--format",
            "doccano",
            str(FIXTURES / "doccano" / "spans.jsonl"),
        ]
    )
    out = tmp_path / "claims.xlsx"
    assert main(["export", "--db", db, "--format", "xlsx", "--out", str(out)]) == 0
    assert "exported 3 record(s)" in capsys.readouterr().out
    assert out.read_bytes()[:2] == b"PK"


def test_command_help_names_every_format(capsys):
    from annotator.core.exporters import known_formats as export_formats
    from annotator.core.importers import known_formats as import_formats

    for command, names in (("import", import_formats()), ("export", export_formats())):
        assert main([command, "--help"]) == 0
        # argparse wraps help at hyphens too: "html-\nrecall" is still the name html-recall
        text = " ".join(capsys.readouterr().out.split()).replace("- ", "-")
        assert [name for name in names if name not in text] == [], command


def test_offsets_option_reads_a_grapheme_mode_doccano_file(db, tmp_path, capsys):
    path = tmp_path / "graphemes.jsonl"
    line = '{"text": "Ships \U0001f1fa\U0001f1e6 12 boats", "label": [[8, 16, "X"]]}\n'
    path.write_text(line, encoding="utf-8")
    args = ["import", "--db", db, "--annotator", "amira", "--format", "doccano"]
    assert main([*args, str(path)]) == 1
    assert "--offsets graphemes" in capsys.readouterr().err
    assert main([*args, "--offsets", "graphemes", str(path)]) == 0
    assert "1 claim(s) added" in capsys.readouterr().out


def test_offsets_option_belongs_to_doccano_only(db, capsys):
    assert main(["import", "--db", db, "--format", "brat", "--offsets", "utf16", "x.ann"]) == 2
    assert "--offsets goes with --format doccano only" in capsys.readouterr().err
