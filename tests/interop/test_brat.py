"""Our `annotator export --format brat` folder, read by brat's own standoff code.

brat's annotation.py, projectconfig.py and verify_annotations.py are vendored in
tests/interop/brat (see its README); tests/interop/brat/read_collection.py runs them in a
separate Python and reports what brat sees. Nothing to install.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.model import Figure, IncomingArticle, IncomingClaim
from annotator.core.store import Project
from annotator.core.text import canonical_text

BRAT = Path(__file__).parent / "brat"

# (raw text as a user would have it, [(quote, claim fields)]): the texts that break offsets.
ARTICLES = [
    (
        "Family 👨‍👩‍👧 fled; 🇺🇦 officials said 1,000 had been killed 😀 in three months.",
        [
            ("🇺🇦 officials said 1,000", {"speaker": "Ukrainian officials", "confidence": "high"}),
            ("1,000 had been killed 😀", {"figure": Figure(text="1,000", value=1000, qualifier="at least")}),
            ("👨‍👩‍👧", {"kind": "family emoji", "note": "ZWJ sequence\tand a tab"}),
        ],
    ),
    (
        "Western officials told the BBC that,\r\nout of some 11,000 troops sent,\r\n1,000 had been killed.",
        [
            (
                "officials told the BBC that,\nout of some 11,000 troops sent,\n1,000",
                {"speaker": "Western officials", "outlet": "told the BBC", "note": "line\u2028separator"},
            ),
            ("11,000 troops", {"speaker": "Ministry, of | Health <MoH>", "confidence": "low"}),
        ],
    ),
    (
        "צה״ל אמר כי 300 חיילים נהרגו. قالت الوزارة إن 2,700 أصيبوا.",
        [
            ("300 חיילים נהרגו", {"speaker": "צה״ל", "figure": Figure(text="300", value=300)}),
            ("قالت الوزارة إن 2,700", {"speaker": "الوزارة", "confidence": "moderate"}),
        ],
    ),
    (
        "South Korea's intelligence service says about\u00a0300 soldiers\u202fhave been killed;"
        " cafe\u0301 owners fled.",
        [
            ("about\u00a0300 soldiers\u202fhave", {"speaker": "South Korea's intelligence service"}),
            ("cafe\u0301", {"confidence": "not_assessed"}),
        ],
    ),
]


def _incoming(raw: str, quotes) -> IncomingArticle:
    text = canonical_text(raw)
    claims = []
    for quote, fields in quotes:
        start = text.index(quote)
        claims.append(IncomingClaim(start=start, end=start + len(quote), quote=quote, **fields))
    return IncomingArticle(text=text, title=text.split(" ", 3)[-1][:20], claims=tuple(claims))


def _discontinuous() -> IncomingArticle:
    """A claim of two fragments, "about 🇰🇷 300" and "2,700 wounded", in the same article."""
    text = "NIS says about 🇰🇷 300 were killed,\nwhile 2,700 wounded."
    first, second = text.index("about"), text.index("2,700")
    fragments = ((first, first + 12), (second, second + 13))
    end = fragments[1][1]
    claim = IncomingClaim(start=first, end=end, quote=text[first:end], fragments=fragments, speaker="NIS")
    return IncomingArticle(text=text, title="NIS", claims=(claim,))


def _expected_pieces(claim, text: str) -> list[str]:
    spans = claim.fragments or ((claim.start, claim.end),)
    return [piece for start, end in spans for piece in text[start:end].split("\n") if piece]


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, list]:
    """A project of the tricky texts exported by our command line as brat; (folder, claims)."""
    folder = tmp_path_factory.mktemp("brat")
    db = folder / "project.annotator"
    with Project.open(db) as project:
        project.articles.add_many([_incoming(raw, quotes) for raw, quotes in ARTICLES], by="amira")
        project.articles.add(_discontinuous(), by="amira")
        claims = list(project.claims.select())
    out = folder / "collection"
    export = ["export", "--db", str(db), "--format", "brat", "--out", str(out)]
    subprocess.run([sys.executable, "-m", "annotator", *export], check=True, capture_output=True)
    return out, claims


@pytest.fixture(scope="module")
def brat_reads(exported) -> dict:
    """What brat's own code reads from the exported folder."""
    out, _ = exported
    result = subprocess.run(
        [sys.executable, str(BRAT / "read_collection.py"), str(out)],
        cwd=BRAT,
        check=True,
        capture_output=True,
    )
    return json.loads(result.stdout)


def _documents(brat_reads) -> list[dict]:
    return list(brat_reads["documents"].values())


def _notes(document: dict) -> dict[str, dict]:
    return {c["target"]: json.loads(c["text"]) for c in document["comments"] if c["type"] == "AnnotatorNotes"}


def test_brat_reads_every_document_without_errors(brat_reads):
    documents = _documents(brat_reads)
    assert len(documents) == len(ARTICLES) + 1
    for document in documents:
        assert (document["failed_lines"], document["errors"], document["issues"]) == ([], [], [])


def test_every_span_is_exact_in_brats_reading_of_the_text(brat_reads, exported):
    _, claims = exported
    by_id = {claim.id: claim for claim in claims}
    seen = set()
    for document in _documents(brat_reads):
        notes = _notes(document)
        for tb in document["textbounds"]:
            claim = by_id[notes[tb["id"]]["id"]]
            pieces = [document["text"][start:end] for start, end in tb["spans"]]
            assert tb["text"] == " ".join(pieces)
            assert (tb["spans"][0][0], tb["spans"][-1][1]) == (claim.start, claim.end)
            assert document["text"][claim.start : claim.end] == claim.quote
            assert pieces == _expected_pieces(claim, document["text"])  # split only at line breaks
            seen.add(claim.id)
    assert seen == set(by_id)


def test_brat_would_write_our_ann_files_back_unchanged(brat_reads, exported):
    out, _ = exported
    for stem, document in brat_reads["documents"].items():
        assert document["as_brat_writes"] == (out / f"{stem}.ann").read_text(encoding="utf-8")


def test_annotation_conf_is_read_by_brat_as_written(brat_reads, exported):
    _, claims = exported
    config = brat_reads["config"]
    assert set(config["entities"]) == {"Claim", "family_emoji"}
    assert set(config["attributes"]) == {"Speaker", "Confidence", "Qualifier"}
    for attribute in config["attributes"].values():
        assert set(attribute["for_types"]) == set(config["entities"])
    problems = [m for m in brat_reads["config_messages"] if m[0] in ("warning", "error")]
    assert problems == []


def test_every_attribute_value_is_one_brat_declares(brat_reads):
    declared = brat_reads["config"]["attributes"]
    values = [a for document in _documents(brat_reads) for a in document["attributes"]]
    assert {a["type"] for a in values} == {"Speaker", "Confidence", "Qualifier"}
    for attribute in values:
        assert attribute["value"] in declared[attribute["type"]]["values"]


def test_speaker_attribute_and_note_carry_the_speaker(brat_reads, exported):
    _, claims = exported
    by_id = {claim.id: claim for claim in claims}
    speakers = {}
    for document in _documents(brat_reads):
        notes = _notes(document)
        attributes = {(a["target"], a["type"]): a["value"] for a in document["attributes"]}
        for tb in document["textbounds"]:
            claim = by_id[notes[tb["id"]]["id"]]
            speakers[claim.speaker] = (attributes.get((tb["id"], "Speaker")), notes[tb["id"]].get("speaker"))
    assert speakers == {
        None: (None, None),
        "NIS": ("NIS", "NIS"),
        "Ukrainian officials": ("Ukrainian_officials", "Ukrainian officials"),
        "Western officials": ("Western_officials", "Western officials"),
        "Ministry, of | Health <MoH>": ("Ministry_of_Health_MoH_", "Ministry, of | Health <MoH>"),
        "צה״ל": ("צה״ל", "צה״ל"),
        "الوزارة": ("الوزارة", "الوزارة"),
        "South Korea's intelligence service": (
            "South_Korea's_intelligence_service",
            "South Korea's intelligence service",
        ),
    }


def test_notes_hold_the_other_fields_exactly(brat_reads, exported):
    _, claims = exported
    notes = {n["id"]: n for document in _documents(brat_reads) for n in _notes(document).values()}
    for claim in claims:
        note = notes[claim.id]
        assert note.get("note", "") == claim.note
        assert note.get("outlet", "") == claim.outlet
        assert note.get("figure", "") == claim.figure.text
        assert note.get("value") == claim.figure.value
