"""The command line: exit codes 0 / 1 / 2, summaries on stdout, reasons on stderr."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample" / "articles.jsonl"


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "annotator", *map(str, args)], cwd=ROOT, capture_output=True, text=True
    )


def test_import_then_export_csv(tmp_path):
    db = tmp_path / "p.annotator"
    imported = run("import", "--db", db, SAMPLE)
    assert imported.returncode == 0, imported.stderr
    assert "4 article(s) imported" in imported.stdout
    exported = run("export", "--db", db, "--format", "csv", "--out", "-")
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert len(rows) == 20
    assert run("import", "--db", db, SAMPLE).stdout.startswith("0 article(s) imported, 4 skipped")


def test_failed_files_give_exit_1_and_name_the_file(tmp_path):
    (tmp_path / "bad.jsonl").write_text('{"text": ', encoding="utf-8")
    (tmp_path / "good.txt").write_text("Fine.", encoding="utf-8")
    result = run("import", "--db", tmp_path / "p.annotator", tmp_path)
    assert result.returncode == 1
    assert "bad.jsonl: line 1: malformed JSON" in result.stderr
    assert "1 article(s) imported" in result.stdout


@pytest.mark.parametrize(
    "argv",
    [
        ["import"],
        ["export", "--format", "csv"],
        ["export", "--format", "pdf", "--out", "-"],
        ["export", "--format", "csv", "--out", "-", "--status", "final"],
        ["import", "--format", "nope", "x.txt"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(tmp_path, argv, capsys):
    assert main([*argv, "--db", str(tmp_path / "p.annotator")] if argv[0] != "frobnicate" else argv) == 2


def test_listing_as_json(tmp_path, capsys):
    db = str(tmp_path / "p.annotator")
    main(["import", "--db", db, str(SAMPLE)])
    capsys.readouterr()
    assert main(["articles", "--db", db, "--format", "json"]) == 0
    articles = json.loads(capsys.readouterr().out)
    assert [a["claim_count"] for a in articles] == [5, 6, 4, 5]
    assert main(["claims", "--db", db, "--article", articles[0]["id"], "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 5


def test_a_file_that_is_not_a_project_is_a_clear_error(tmp_path, capsys):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a project", encoding="utf-8")
    assert main(["articles", "--db", str(bogus)]) == 1
    assert "not an Annotator project" in capsys.readouterr().err


def test_default_project_is_seeded_with_the_sample_on_first_run(capsys):
    assert main(["articles", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 4
    assert main(["articles", "--format", "json"]) == 0  # second run does not seed again
    assert len(json.loads(capsys.readouterr().out)) == 4


def test_export_to_a_missing_folder_fails_clearly(tmp_path, capsys):
    assert (
        main(
            [
                "export",
                "--db",
                str(tmp_path / "p.annotator"),
                "--format",
                "csv",
                "--out",
                str(tmp_path / "no" / "out.csv"),
            ]
        )
        == 1
    )
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "needs_commands"),
    [
        ([], False),
        (["--db", "import"], False),  # a project file named like a command is still a file
        (["--db=x.annotator", "--annotator", "amira", "--article", "abc"], False),
        (["--db", "x.annotator", "export", "out.csv"], True),
        (["improt"], True),  # a typo gets the whole parser's "invalid choice" message
        (["--help"], True),
        (["--bogus"], True),
    ],
)
def test_only_the_window_skips_the_command_modules(argv, needs_commands):
    from annotator.cli import _names_a_command

    assert _names_a_command(argv) is needs_commands


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--db", "x.annotator"],
        ["--db=x.annotator", "--annotator", "amira", "--article", "abc"],
        ["--db", "import", "--screenshot=shot.png"],  # a project file named like a command
        ["--db", "a.annotator", "--db", "b.annotator"],  # the last one counts, as for the parser
        ["--annotator="],
    ],
)
def test_the_window_options_read_without_the_parser_as_the_parser_reads_them(argv):
    from annotator.cli import build_parser, window_arguments

    assert vars(window_arguments(argv)) == vars(build_parser(with_commands=False).parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["--version"], ["--smoke"], ["--db"], ["--db", "--annotator"], ["--anno", "x"], ["export"]],
)
def test_anything_but_the_window_options_goes_to_the_parser(argv):
    from annotator.cli import window_arguments

    assert window_arguments(argv) is None


def test_opening_the_window_parses_without_importing_any_command():
    script = (
        "import sys\n"
        "from annotator import cli\n"
        "args = cli.build_parser(with_commands=cli._names_a_command(['--db', 'p.annotator']))"
        ".parse_args(['--db', 'p.annotator'])\n"
        "assert args.command is None and args.db == 'p.annotator'\n"
        "print(sorted(m for m in sys.modules if m.startswith('annotator.cli.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_team_takes_its_url_as_an_argument_and_offers_no_db_option(capsys):
    """`--db` would be ignored by team init/add/remove, so it is not offered (nor accepted)."""
    assert main(["team", "--help"]) == 0
    assert "--db" not in capsys.readouterr().out
    assert main(["team", "init", "--db", "x.annotator", "postgresql://a@127.0.0.1:1/d"]) == 2
    assert main(["export", "--help"]) == 0
    assert "--db" in capsys.readouterr().out
