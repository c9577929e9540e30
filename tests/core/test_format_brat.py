"""brat standoff in and out: NAME.txt + NAME.ann folders, offsets on the text as on disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annotator.core.exporters import ExportNeedsPath, exporter_for
from annotator.core.importers.runner import import_paths
from annotator.core.model import Figure, IncomingArticle, IncomingClaim
from annotator.core.store import Project

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "formats" / "brat"


def _import(project, *paths, **kwargs):
    return import_paths(project, paths, by="amira", **kwargs)


def _claims_by_quote(project) -> dict:
    return {claim.quote: claim for claim in project.claims.select()}


def _comparable(claim) -> tuple:
    return (
        claim.id,
        claim.start,
        claim.end,
        claim.quote,
        claim.kind,
        claim.speaker,
        claim.figure,
        claim.confidence,
        claim.note,
        claim.fragments,
        claim.status,
        claim.annotator,
        claim.outlet,
        claim.created_at,
    )


@pytest.fixture
def brat_folder(tmp_path) -> Path:
    folder = tmp_path / "collection"
    shutil.copytree(FIXTURES, folder)
    return folder


def test_folder_imports_each_document_once(project, brat_folder):
    summary = _import(project, brat_folder)
    assert (summary.imported, summary.failures, summary.files) == (1, [], 1)
    assert summary.claims == 6


def test_offsets_count_crlf_as_on_disk_and_land_on_the_canonical_text(project, brat_folder):
    _import(project, brat_folder)
    claim = _claims_by_quote(project)["about 250 containers were destroyed"]
    text = project.articles.text(claim.article_id)
    assert "\r" not in text and "🔥" in text
    assert text[claim.start : claim.end] == claim.quote
    assert claim.start == text.index("about 250")


def test_text_bound_type_becomes_kind_and_claim_type_means_none(project, brat_folder):
    _import(project, brat_folder)
    claims = _claims_by_quote(project)
    assert claims["about 250 containers were destroyed"].kind == "statistical"
    assert claims["3 of her crew were injured"].kind == ""
    assert claims["Lena Osk"].kind == "Person"


def test_matching_attributes_fill_fields(project, brat_folder):
    _import(project, brat_folder)
    claims = _claims_by_quote(project)
    destroyed = claims["about 250 containers were destroyed"]
    assert destroyed.confidence == "moderate"
    assert destroyed.figure == Figure(qualifier="approximately", measure="destroyed")
    assert claims["3 of her crew were injured"].speaker == "FireChief"


def test_discontinuous_span_is_covering_span_with_fragments(project, brat_folder):
    _import(project, brat_folder)
    claim = next(c for c in project.claims.select() if c.fragments)
    text = project.articles.text(claim.article_id)
    assert [text[a:b] for a, b in claim.fragments] == ["40 more", "on standby"]
    assert claim.quote == "40 more were on standby"
    assert (claim.start, claim.end) == (claim.fragments[0][0], claim.fragments[-1][1])


def test_other_attributes_notes_normalisations_and_relations_go_into_the_note(project, brat_folder):
    _import(project, brat_folder)
    claims = {c.kind + ":" + c.quote[:8]: c.note for c in project.claims.select()}
    assert claims["statistical:40 more "] == "Certainty=High; standby figure, not a casualty count 🔥"
    assert claims[":3 of her"] == "Hedged; Source → T4 'Lena Osk'"
    assert (
        claims["Person:Lena Osk"]
        == "Reference Wikidata:Q0000001 (Lena Osk); Source ← T3 '3 of her crew were injured'"
    )


def test_events_and_equivalences_are_reported_not_dropped(project, brat_folder):
    summary = _import(project, brat_folder)
    reported = [what for _, what in summary.skipped]
    assert reported == [
        "E1 (line 7): event Destruction:T5",
        "A1 (line 8): attribute Negation",
        "* (line 18): equivalence Equiv",
    ]
    assert "3 annotation(s) not kept" in summary.describe()


def test_importing_the_same_folder_twice_adds_nothing(project, brat_folder):
    _import(project, brat_folder)
    second = _import(project, brat_folder)
    assert (second.imported, second.claims, second.duplicates) == (0, 0, 1)
    assert project.claims.count() == 6


def test_export_then_import_is_lossless(project, brat_folder, tmp_path):
    _import(project, brat_folder)
    text = "Officials said\nsome 11,000 troops were sent 😀 to the front.\n"
    claims = (
        IncomingClaim(
            start=0,
            end=33,
            quote=text[:33],
            speaker="Western officials",
            figure=Figure(
                text="some 11,000",
                value=11000,
                low=10500.5,
                high=11500,
                qualifier="at least",
                unit="troops",
                measure="troops deployed",
                period="in 2026",
            ),
            confidence="high",
            note="crosses a line break\tand has a tab",
            status="submitted",
            annotator="ben",
            kind="comparison",
            outlet="told the BBC",
        ),
        IncomingClaim(
            start=15, end=26, quote="some 11,000", fragments=((15, 19), (20, 26)), kind="two words"
        ),
    )
    project.articles.add(IncomingArticle(text=text, claims=claims), by="amira")
    out = tmp_path / "out"
    assert exporter_for("brat")(project, out) == 2
    with Project.open(":memory:") as again:
        summary = _import(again, out)
        assert (summary.failures, summary.imported) == ([], 2)
        before = sorted(map(_comparable, project.claims.select()))
        after = sorted(map(_comparable, again.claims.select()))
    two_words = next(c for c in after if c[3] == "some 11,000")
    assert two_words[4] == "two_words"  # brat types cannot hold spaces
    assert [c for c in after if c is not two_words] == [c for c in before if c[3] != "some 11,000"]


def test_export_splits_spans_at_line_breaks_and_writes_annotation_conf(project, tmp_path):
    text = "Line one\nline two"
    project.articles.add(
        IncomingArticle(
            text=text, title="Two lines", claims=(IncomingClaim(start=5, end=13, quote="one\nline"),)
        ),
        by="amira",
    )
    out = tmp_path / "out"
    exporter_for("brat")(project, out)
    ann = next(out.glob("*.ann")).read_text(encoding="utf-8")
    assert ann.splitlines()[0] == "T1\tClaim 5 8;9 13\tone line"
    assert next(out.glob("*.txt")).name.startswith("Two-lines-")
    conf = (out / "annotation.conf").read_text(encoding="utf-8")
    assert "[entities]\nClaim\n" in conf
    assert "Confidence Arg:<ENTITY>, Value:not_assessed|low|moderate|high" in conf
    assert "at_least" in conf


def test_export_needs_a_folder(project, tmp_path):
    with pytest.raises(ExportNeedsPath):
        exporter_for("brat")(project, None)


def test_universal_newline_offsets_are_recognised_when_every_line_matches(project, tmp_path):
    (tmp_path / "doc.txt").write_bytes("First line\r\nSecond 😀 line has 12 boats\r\n".encode())
    text = "First line\nSecond 😀 line has 12 boats\n"
    start = text.index("12 boats")
    (tmp_path / "doc.ann").write_text(f"T1\tClaim {start} {start + 8}\t12 boats\n", encoding="utf-8")
    summary = _import(project, tmp_path)
    assert summary.failures == []
    claim = next(project.claims.select())
    assert (claim.start, claim.quote) == (start, "12 boats")


def test_text_file_with_bom(project, tmp_path):
    (tmp_path / "doc.txt").write_bytes("\ufeffAbout 7 ships".encode())
    (tmp_path / "doc.ann").write_text("T1\tClaim 7 14\t7 ships\n", encoding="utf-8")
    assert _import(project, tmp_path).failures == []
    claim = next(project.claims.select())
    assert project.articles.text(claim.article_id) == "About 7 ships"
    assert (claim.start, claim.end) == (6, 13)


BAD_FILES = [
    ("T1\tClaim 40 90\tx\n", 1, "T1: offsets 40-90 are outside doc.txt (20 characters)"),
    ("T1\tClaim 0 5\tAbout\nT2\tClaim 6 8\tXY\n", 2, "T2: text 'XY' differs from doc.txt at 6 8 ('12')"),
    ("T1\tClaim 0 5\tAbout\nA1\tConfidence T9 low\n", 2, "A1 refers to unknown id 'T9'"),
    ("T1\tClaim 0 5\tAbout\nR1\tSource Arg1:T1 Arg2:T7\n", 2, "R1 refers to unknown id 'T7'"),
    ("T1\tClaim zero 5\tAbout\n", 1, "offsets must be 'START END' pairs"),
    ("T1\tClaim 5 0\t\n", 1, "offsets 5-0 are outside"),
    ("T1 Claim 0 5 About\n", 1, "not a brat annotation line"),
    ("T1\tClaim 0 5\tAbout\nT1\tClaim 0 5\tAbout\n", 2, "annotation id T1 is used twice"),
    ("X1\tClaim 0 5\tAbout\n", 1, "unknown annotation id 'X1'"),
    (
        'T1\tClaim 0 5\tAbout\n#1\tAnnotatorNotes T1\t{"value": "many"}\n',
        2,
        "note field 'value' has the wrong type",
    ),
    ("T1\tClaim 0 5\tAbout\nR1\tSource Arg1:T1\n", 2, "a relation needs"),
]


@pytest.mark.parametrize(("ann", "line", "message"), BAD_FILES)
def test_malformed_ann_is_refused_whole_with_file_and_line(project, tmp_path, ann, line, message):
    (tmp_path / "doc.txt").write_text("About 12 ships sank.", encoding="utf-8")
    (tmp_path / "doc.ann").write_text(ann, encoding="utf-8")
    summary = _import(project, tmp_path / "doc.ann")
    assert len(summary.failures) == 1
    source, reason = summary.failures[0]
    assert source.endswith("doc.ann")
    assert reason.startswith(f"line {line}: ")
    assert message in reason
    assert project.articles.count() == 0


def test_missing_text_file_is_named(project, tmp_path):
    (tmp_path / "doc.ann").write_text("T1\tClaim 0 5\tAbout\n", encoding="utf-8")
    summary = _import(project, tmp_path / "doc.ann")
    assert "doc.txt is missing" in summary.failures[0][1]
    assert project.articles.count() == 0


def test_text_file_that_is_not_utf8_is_refused(project, tmp_path):
    (tmp_path / "doc.txt").write_bytes("Caf\xe9 owners said 3".encode("latin-1"))
    (tmp_path / "doc.ann").write_text("T1\tClaim 0 4\tCafé\n", encoding="utf-8")
    summary = _import(project, tmp_path / "doc.ann")
    assert "not UTF-8" in summary.failures[0][1]


def test_plain_text_without_ann_is_still_imported_from_a_folder(project, brat_folder):
    (brat_folder / "loose.txt").write_text("A loose article about 5 ferries.", encoding="utf-8")
    summary = _import(project, brat_folder)
    assert (summary.imported, summary.failures) == (2, [])


def test_named_format_on_a_folder_reads_only_ann_pairs(project, brat_folder):
    (brat_folder / "README").write_text("A brat collection.", encoding="utf-8")
    (brat_folder / "LICENSE.md").write_text("CC BY 4.0", encoding="utf-8")
    (brat_folder / "notes.txt").write_text("Not a document of the collection.", encoding="utf-8")
    summary = _import(project, brat_folder, format_name="brat")
    assert (summary.failures, summary.files, summary.imported) == ([], 1, 1)


def test_named_format_reports_an_ann_without_its_txt(project, brat_folder):
    (brat_folder / "orphan.ann").write_text("T1\tClaim 0 5\tAbout\n", encoding="utf-8")
    summary = _import(project, brat_folder, format_name="brat")
    assert summary.imported == 1
    assert [(Path(source).name, reason) for source, reason in summary.failures] == [
        ("orphan.ann", "orphan.txt is missing (brat keeps NAME.txt beside NAME.ann)")
    ]


def _export_one(project, tmp_path, text: str, **claim) -> tuple[str, str]:
    quote = text[claim["start"] : claim["end"]]
    article = IncomingArticle(text=text, claims=(IncomingClaim(quote=quote, **claim),))
    project.articles.add(article, by="amira")
    out = tmp_path / "out"
    exporter_for("brat")(project, out)
    return next(out.glob("*.ann")).read_text(encoding="utf-8"), (out / "annotation.conf").read_text("utf-8")


def test_speaker_is_an_attribute_declared_in_annotation_conf(project, tmp_path):
    text = "Seoul said about 300 soldiers died."
    ann, conf = _export_one(project, tmp_path, text, start=11, end=34, speaker="South Korea's NIS, Seoul")
    assert "\tSpeaker T1 South_Korea's_NIS_Seoul\n" in ann
    assert "Speaker Arg:<ENTITY>, Value:South_Korea's_NIS_Seoul\n" in conf


def test_no_speaker_attribute_is_declared_without_speakers(project, tmp_path):
    _, conf = _export_one(project, tmp_path, "About 300 soldiers died.", start=0, end=18)
    assert "Speaker" not in conf  # brat refuses a whole annotation.conf for an attribute without values


def test_exact_speaker_name_comes_back_from_the_note(project, tmp_path):
    _export_one(project, tmp_path, "About 300 soldiers died.", start=0, end=18, speaker="South Korea's NIS")
    with Project.open(":memory:") as again:
        _import(again, tmp_path / "out")
        assert next(again.claims.select()).speaker == "South Korea's NIS"


def test_speaker_changed_in_brat_wins_over_the_note(project, tmp_path):
    _export_one(project, tmp_path, "About 300 soldiers died.", start=0, end=18, speaker="South Korea's NIS")
    ann_path = next((tmp_path / "out").glob("*.ann"))
    ann = ann_path.read_text("utf-8").replace("Speaker T1 South_Korea's_NIS", "Speaker T1 Pentagon")
    ann_path.write_text(ann, encoding="utf-8")
    with Project.open(":memory:") as again:
        _import(again, tmp_path / "out")
        assert next(again.claims.select()).speaker == "Pentagon"


def test_note_with_unicode_line_separators_stays_on_one_line(project, tmp_path):
    note = "first\u2028second\u2029third\x85end"
    ann, _ = _export_one(project, tmp_path, "About 300 soldiers died.", start=0, end=18, note=note)
    assert len(ann.splitlines()) == len(ann.split("\n")) - 1
    with Project.open(":memory:") as again:
        _import(again, tmp_path / "out")
        assert next(again.claims.select()).note == note
