"""Importing articles: whole files or nothing, duplicates skipped, clear errors naming file and line."""

import json

import pytest

from annotator.core import text as text_module
from annotator.core.importers.runner import import_paths
from annotator.core.store import Project

FIXTURES = __import__("pathlib").Path(__file__).resolve().parents[1] / "fixtures"


def write_jsonl(path, *records):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return path


def article_record(text, *quotes, **extra):
    claims = []
    for quote in quotes:
        start = text.index(quote)
        claims.append({"start": start, "end": start + len(quote), "quote": quote, "annotator": "ben"})
    return {"title": "T", "text": text, "claims": claims, **extra}


def test_plain_text_title_is_the_first_line(project, tmp_path):
    (tmp_path / "a.txt").write_text("\n\nFloods in Riverton\n\nThe river rose 3 m.", encoding="utf-8")
    summary = import_paths(project, [tmp_path / "a.txt"], by="amira")
    assert (summary.imported, summary.failures) == (1, [])
    (article,) = project.articles.summaries()
    assert article.title == "Floods in Riverton"
    assert project.articles.get(article.id).text == "\n\nFloods in Riverton\n\nThe river rose 3 m."


def test_front_matter_fills_the_metadata(project, tmp_path):
    (tmp_path / "a.md").write_text(
        "---\ntitle: Ferry fire\noutlet: Coastline Daily\nauthor: R. Abebe\nurl: https://example.org/f\n"
        "published: 2026-05-17\nevents: Morrow Star fire\n---\nA fire broke out.\r\nAll were rescued.",
        encoding="utf-8",
    )
    import_paths(project, [tmp_path / "a.md"], by="amira")
    article = project.articles.get(project.articles.ids()[0])
    assert (article.title, article.outlet, article.author, article.published) == (
        "Ferry fire",
        "Coastline Daily",
        "R. Abebe",
        "2026-05-17",
    )
    assert article.text == "A fire broke out.\nAll were rescued."
    assert article.events == ("Morrow Star fire",)


def test_html_is_reduced_to_the_article_with_its_metadata(project):
    summary = import_paths(project, [FIXTURES / "harbour_page.html"], by="amira")
    assert summary.failures == []
    article = project.articles.get(project.articles.ids()[0])
    assert "14 dock workers had been injured" in article.text
    assert "Subscribe to our newsletter" not in article.text
    assert article.title.startswith("Harbour crane collapse")
    assert article.outlet == "Tidewater Gazette"
    assert article.published.startswith("2026-02-11")


def test_jsonl_claims_keep_their_offsets_and_fields(project, tmp_path):
    text = "Officials said 1,000 were killed."
    record = article_record(text, "1,000")
    record["claims"][0].update(
        speaker="Officials", confidence="High", figure={"value": 1000, "measure": "killed"}
    )
    import_paths(project, [write_jsonl(tmp_path / "a.jsonl", record)], by="amira")
    (claim,) = project.claims.select()
    assert (claim.start, claim.end, claim.quote) == (15, 20, "1,000")
    assert (claim.speaker, claim.confidence, claim.annotator) == ("Officials", "high", "ben")
    assert claim.figure.value == 1000 and claim.figure.measure == "killed"


def test_jsonl_offsets_are_mapped_onto_the_canonical_text(project, tmp_path):
    text = "Line one.\r\nLine two 😀 says 12,000.\r\nEnd."
    import_paths(
        project, [write_jsonl(tmp_path / "a.jsonl", article_record(text, "12,000", "Line two"))], by="a"
    )
    canon = project.articles.get(project.articles.ids()[0]).text
    assert "\r" not in canon
    for claim in project.claims.select():
        assert canon[claim.start : claim.end] == claim.quote
        assert claim.start == canon.index(claim.quote)


def test_reimporting_the_same_file_changes_nothing(project, tmp_path):
    text = "The ministry said 27 soldiers were killed."
    record = article_record(text, "27 soldiers")
    record["claims"][0]["id"] = "c-1"
    path = write_jsonl(tmp_path / "a.jsonl", record)
    import_paths(project, [path], by="amira")
    log_size = project.log.count()
    again = import_paths(project, [path], by="amira")
    assert (again.imported, again.duplicates, again.claims) == (0, 1, 0)
    assert project.claims.count() == 1 and project.articles.count() == 1
    assert project.log.count() == log_size


def test_same_text_in_two_files_is_one_article(project, tmp_path):
    (tmp_path / "a.txt").write_text("Same text.\r\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Same text.\n", encoding="utf-8")
    summary = import_paths(project, [tmp_path], by="amira")
    assert (summary.imported, summary.duplicates) == (1, 1)


def test_folders_are_walked_recursively(project, tmp_path):
    (tmp_path / "x" / "y").mkdir(parents=True)
    (tmp_path / "x" / "one.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "x" / "y" / "two.md").write_text("Two.", encoding="utf-8")
    (tmp_path / "x" / "y" / "notes.pdf").write_bytes(b"%PDF-1.4")
    assert import_paths(project, [tmp_path], by="amira").imported == 2


BAD_FILES = [
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "NUL"),
    ("empty.txt", b"", "empty"),
    ("front.md", b"---\ntitle: x\nno end", "never ends"),
    ("broken.jsonl", b'{"text": "ok", "claims": []}\n{"text": "fine"\n', "line 2: malformed JSON"),
    ("notobject.jsonl", b"[1, 2]\n", "line 1: each line must be a JSON object"),
    (
        "offsets.jsonl",
        b'{"text": "short", "claims": [{"start": 2, "end": 99, "quote": "x"}]}',
        "outside the text",
    ),
    (
        "quote.jsonl",
        b'{"text": "short text", "claims": [{"start": 0, "end": 5, "quote": "shirt"}]}',
        "differs",
    ),
    ("types.jsonl", b'{"text": "short text", "claims": [{"start": "0", "end": 5}]}', "integer offset"),
    (
        "conf.jsonl",
        b'{"text": "short text", "claims": [{"start": 0, "end": 5, "confidence": "sure"}]}',
        "unknown confidence",
    ),
    (
        "status.jsonl",
        b'{"text": "short text", "claims": [{"start": 0, "end": 5, "status": "final"}]}',
        "unknown status",
    ),
    ("notext.jsonl", b'{"title": "no text"}', "'text' must be"),
    ("deep.jsonl", b"[" * 100_000 + b"]" * 100_000, "line 1"),
    ("nul.jsonl", b'{"text": "a\\u0000b"}', "NUL"),
    ("unknown.docx", b"PK\x03\x04", "unsupported file type"),
]


@pytest.mark.parametrize("name, data, reason", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_file_is_reported_and_leaves_nothing_while_others_go_in(project, tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text("A good article.", encoding="utf-8")
    summary = import_paths(project, [tmp_path / name, tmp_path / "good.txt"], by="amira")
    ((source, message),) = summary.failures
    assert source.endswith(name)
    assert reason in message
    assert summary.imported == 1
    assert [a.title for a in project.articles.summaries()] == ["A good article."]
    assert project.claims.count() == 0


def test_a_jsonl_file_with_one_bad_line_imports_none_of_its_articles(project, tmp_path):
    good = article_record("First article, 12 killed.", "12 killed")
    bad = {"text": "Second", "claims": [{"start": 0, "end": 3, "quote": "nope"}]}
    summary = import_paths(project, [write_jsonl(tmp_path / "a.jsonl", good, bad)], by="amira")
    assert "line 2" in summary.failures[0][1]
    assert project.articles.count() == 0 and project.claims.count() == 0


def test_files_over_the_size_limit_are_refused(project, tmp_path, monkeypatch):
    monkeypatch.setattr(text_module, "MAX_ARTICLE_BYTES", 100)
    (tmp_path / "big.txt").write_text("x" * 101, encoding="utf-8")
    summary = import_paths(project, [tmp_path / "big.txt"], by="amira")
    assert "larger than" in summary.failures[0][1]


def test_cancelling_keeps_whole_files_only(project_path, tmp_path):
    for n in range(5):
        (tmp_path / f"{n}.txt").write_text(f"Article number {n}.", encoding="utf-8")
    calls = iter([False, False, True])
    with Project.open(project_path) as opened:
        summary = import_paths(opened, [tmp_path], by="amira", should_cancel=lambda: next(calls, True))
    assert summary.cancelled and summary.imported == 2
    with Project.open(project_path) as reopened:
        assert reopened.articles.count() == 2
        assert reopened.integrity_problems() == []


def test_missing_paths_are_reported(project, tmp_path):
    summary = import_paths(project, [tmp_path / "nope.txt"], by="amira")
    assert summary.failures == [(str(tmp_path / "nope.txt"), "no such file or folder")]


def test_reimporting_claims_without_ids_does_not_duplicate_them(project, tmp_path):
    path = write_jsonl(
        tmp_path / "a.jsonl", article_record("The ministry said 27 soldiers died.", "27 soldiers")
    )
    import_paths(project, [path], by="amira")
    again = import_paths(project, [path], by="amira")
    assert (again.duplicates, again.claims) == (1, 0)
    assert project.claims.count() == 1
