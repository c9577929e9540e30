"""Hostile files through every importer: never a crash, only a clear failure or a clean article.

Every suffix registered with the importers is fuzzed, so a format added later is covered too.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.importers import PARSERS, _load_builtin_formats
from annotator.core.importers.runner import import_paths
from annotator.core.store import Project

_load_builtin_formats()
SUFFIXES = sorted(PARSERS)


def import_one(folder: Path, name: str, data: bytes):
    """Import one file into a fresh in-memory project; return the summary and the project."""
    path = folder / name
    path.write_bytes(data)
    project = Project.open(":memory:")
    return import_paths(project, [path], by="fuzzer"), project


def assert_clean_outcome(summary, project) -> None:
    """Either the file failed with a message and left nothing, or its articles are sound."""
    if summary.failures:
        [(_source, reason)] = summary.failures
        assert reason.strip()
        assert "Traceback" not in reason
        assert project.articles.count() == 0
        assert project.claims.count() == 0
        return
    for article_id in project.articles.ids():
        text = project.articles.text(article_id)
        assert text.strip()
        assert "\x00" not in text and "\r" not in text
        text.encode("utf-8")  # no lone surrogates
    assert project.integrity_problems() == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(suffix=st.sampled_from(SUFFIXES), data=st.binary(max_size=2000))
def test_random_bytes_never_crash_an_importer(tmp_path, suffix, data):
    assert_clean_outcome(*import_one(tmp_path, f"random{suffix}", data))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
FIELDS = st.sampled_from(
    ["text", "title", "claims", "start", "end", "quote", "id", "figure", "speaker", "status"]
)
RECORDS = st.dictionaries(FIELDS, JSON_VALUES, max_size=6)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=st.lists(RECORDS, min_size=1, max_size=4), cut=st.integers(0, 400))
def test_odd_and_truncated_json_records_never_crash(tmp_path, records, cut):
    lines = "\n".join(json.dumps(record, allow_nan=True) for record in records)
    for suffix in [s for s in SUFFIXES if "json" in s]:
        assert_clean_outcome(*import_one(tmp_path, f"records{suffix}", lines.encode()))
        assert_clean_outcome(*import_one(tmp_path, f"cut{suffix}", lines.encode()[:cut]))


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>Officials said 300</w:document>")
    return buffer.getvalue()


HOSTILE_FILES = {
    "deeply nested JSON": b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n",
    "deeply nested JSON, unclosed": b"[" * 200_000,
    "truncated JSON": b'{"text": "Officials said 300 troops were',
    "JSON with a lone surrogate": b'{"text": "bad \\ud800 half"}\n',
    "JSON with NaN figures": b'{"text": "300 died", "claims": [{"start": 0, "end": 3, "quote": "300", '
    b'"value": NaN}]}\n',
    "JSON claim offsets past the end": b'{"text": "300 died", "claims": [{"start": 5, "end": 900, '
    b'"quote": "x"}]}\n',
    "a huge single line": b"Officials said 300. " * 300_000,
    "a file over the size limit": b"a" * (21 * 1024 * 1024),
    "UTF-16 without a BOM": "Officials said 300 troops were killed.".encode("utf-16-le"),
    "UTF-32 with a BOM": "Officials said 300 troops were killed.".encode("utf-32"),
    "Latin-1": "Le ministère a dit 300 soldats tués à Kherson.".encode("latin-1"),
    "Shift-JIS": "政府は300人の兵士が死亡したと発表した。".encode("shift_jis"),
    "UTF-8 with a BOM and CRLF": "\ufeffLine one\r\nLine two\r\n".encode(),
    "lone surrogate in UTF-8 bytes": b"Officials \xed\xa0\x80 said",
    "NUL bytes": b"Officials\x00said\x00300",
    "a zip archive renamed": zip_bytes(),
    "a PNG image renamed": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
    "an ELF binary renamed": b"\x7fELF\x02\x01\x01" + bytes(2000),
    "only whitespace": b" \n\t\r\n   ",
    "empty": b"",
    "front matter that never ends": b"---\ntitle: x\nno end here",
    "HTML with nothing but scripts": b"<html><script>alert(1)</script><style>p{}</style></html>",
    "HTML nested ten thousand deep": b"<div>" * 10_000 + b"300 killed" + b"</div>" * 10_000,
    "invalid UTF-8 continuation soup": bytes([0x80, 0xBF, 0xC0, 0xC1, 0xF5, 0xFF]) * 300,
}


@pytest.mark.parametrize("suffix", SUFFIXES)
@pytest.mark.parametrize("content", HOSTILE_FILES.values(), ids=HOSTILE_FILES.keys())
def test_hostile_files_fail_clearly_or_import_cleanly(tmp_path, suffix, content):
    assert_clean_outcome(*import_one(tmp_path, f"hostile{suffix}", content))


@pytest.mark.parametrize(
    "content",
    [HOSTILE_FILES[name] for name in ("a zip archive renamed", "a PNG image renamed", "NUL bytes", "empty")],
)
def test_binary_and_empty_files_renamed_to_txt_are_refused_with_a_reason(tmp_path, content):
    summary, project = import_one(tmp_path, "renamed.txt", content)
    assert len(summary.failures) == 1
    assert project.articles.count() == 0


def test_a_hostile_file_among_good_ones_leaves_the_good_ones_imported(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Officials said 300 troops were killed.", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(HOSTILE_FILES["deeply nested JSON"])
    with Project.open(":memory:") as project:
        summary = import_paths(project, [good, bad], by="fuzzer")
        assert summary.imported == 1
        assert [source for source, _ in summary.failures] == [str(bad)]
