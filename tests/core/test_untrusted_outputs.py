"""Strings from imported files reach other programs' outputs inert: no script, no formula."""

from __future__ import annotations

import csv
import io
import json

from annotator.cli import main
from annotator.core.exporters.claimreview_export import write_claimreview
from annotator.core.store import Project
from tests.conftest import add_article

TEXT = "Officials said </script><script>alert(1)</script> 27 soldiers were killed."


def test_claimreview_never_closes_a_script_block(project, tmp_path):
    article = add_article(project, TEXT, title="<!-- title </script>")
    claim = project.claims.create(article, 0, len(TEXT), by="ben", status="submitted")
    project.reviews.accept(claim.id, by="carla")
    out = tmp_path / "out.jsonld"
    write_claimreview(project, out)
    written = out.read_text(encoding="utf-8")
    assert "<" not in written
    assert json.loads(written)[0]["claimReviewed"].startswith("Officials said </script>")


def test_agreement_csv_guards_annotator_names(project_path, capsys):
    with Project.open(project_path) as project:
        article = add_article(project, "The ministry said 27 soldiers were killed.")
        for who in ("=HYPERLINK(1)", "ben"):
            project.claims.create(article, 18, 20, by=who)
    assert main(["agreement", "--db", str(project_path), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell.startswith("=")]
    assert any(cell.startswith("'=HYPERLINK(1)") for cell in cells)


def test_listings_never_print_terminal_escapes(project_path, capsys):
    with Project.open(project_path) as project:
        title = "\x1b[2J\x1b]0;pwned\x07Title"  # clear the screen, set the window title, ring
        add_article(project, "The ministry said 27 soldiers were killed.", title=title)
    assert main(["articles", "--db", str(project_path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b[2J" in out


def test_an_export_that_cannot_be_written_says_so_and_exits_1(project_path, tmp_path, capsys):
    with Project.open(project_path) as project:
        add_article(project, "The ministry said 27 soldiers were killed.")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    code = main(["export", "--db", str(project_path), "--format", "csv", "--out", str(folder)])
    assert code == 1
    assert "cannot write" in capsys.readouterr().err
    assert list(folder.iterdir()) == [] and not list(tmp_path.glob("*.part"))
