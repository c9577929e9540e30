"""A bad file costs only itself: whatever goes wrong with it, the other files go in."""

from __future__ import annotations

import json

import pytest

from annotator.core.importers.runner import import_paths

TEXT = "The ministry said 27 soldiers were killed\r\nand about 60 wounded since Monday."


def jsonl(tmp_path, name: str, claim: dict | None = None) -> str:
    record = {"text": TEXT, "claims": [claim] if claim else []}
    path = tmp_path / name
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "claim",
    [
        {"start": 18, "end": 20, "figure": {"value": 2**63}},
        {"start": 18, "end": 20, "figure": {"value": 10**400}},
        {"start": 18, "end": 20, "fragments": [[0, 1000000]]},
        {"start": 18, "end": 20, "fragments": [[-5, 3]]},
        {"start": 18, "end": 20, "fragments": [[0, 2**63]]},
    ],
    ids=["int64-overflow", "huge-int", "fragment-past-the-end", "negative-fragment", "fragment-overflow"],
)
def test_one_bad_file_fails_alone_and_the_others_go_in(project, tmp_path, claim):
    good = tmp_path / "good.txt"
    good.write_text("A separate article: 12 homes burned.", encoding="utf-8")
    bad = jsonl(tmp_path, "bad.jsonl", claim)
    summary = import_paths(project, [good, bad], by="dora")
    assert [name for name, _ in summary.failures] == [str(bad)]
    assert summary.imported == 1 and project.articles.count() == 1


def test_fragments_inside_the_text_are_kept(project, tmp_path):
    path = jsonl(tmp_path, "ok.jsonl", {"start": 18, "end": 29, "fragments": [[18, 20], [21, 29]]})
    summary = import_paths(project, [path], by="dora")
    assert summary.failures == []
    (claim,) = project.claims.select()
    assert claim.fragments == ((18, 20), (21, 29))


def test_an_oversized_article_is_refused_before_it_is_read(project, tmp_path, monkeypatch):
    from pathlib import Path

    big = tmp_path / "big.txt"
    with big.open("wb") as stream:
        stream.truncate(21 * 1024 * 1024)  # sparse: no disk used, no memory if never read

    def no_reading(*_args, **_kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    monkeypatch.setattr(Path, "open", no_reading)
    summary = import_paths(project, [big], by="dora")
    assert "larger than the 20 MB limit" in summary.failures[0][1]


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_is_refused_not_waited_on(project, tmp_path):
    import os
    import threading

    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)

    def writer():  # blocks until someone opens the pipe for reading
        with open(pipe, "w", encoding="utf-8") as stream:
            stream.write("A separate article: 12 homes burned.")

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    summary = import_paths(project, [pipe], by="dora")
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # lets the writer finish either way
    thread.join()
    os.close(reader)
    assert "not a regular file" in summary.failures[0][1]
    assert project.articles.count() == 0


def test_utf8_with_one_bad_byte_is_refused_naming_the_byte_not_guessed(project, tmp_path):
    text = "Le ministère a déclaré que 27 soldats ont été tués à Kharkiv — selon l’armée, près de 60 blessés."
    data = text.encode("utf-8")
    at = data.index(b"27")
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(data[:at] + b"\xff" + data[at:])
    summary = import_paths(project, [damaged], by="dora")
    assert project.articles.count() == 0
    assert f"byte {at}" in summary.failures[0][1] and "UTF-8" in summary.failures[0][1]


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_a_legacy_encoded_file_is_still_detected(project, tmp_path, encoding):
    path = tmp_path / "legacy.txt"
    path.write_bytes("Le ministère a déclaré que 27 soldats ont été tués à Kharkiv.".encode(encoding))
    summary = import_paths(project, [path], by="dora")
    assert summary.failures == [] and project.articles.count() == 1


def test_another_programs_sqlite_database_is_refused_and_left_alone(tmp_path):
    import sqlite3

    from annotator.core.errors import ProjectUnreadable
    from annotator.core.store import Project

    path = tmp_path / "browser-history.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE visits (url TEXT)")
    conn.commit()
    conn.close()
    content = path.read_bytes()
    with pytest.raises(ProjectUnreadable, match="another program's SQLite database"):
        Project.open(path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["browser-history.sqlite"]


def test_merging_another_programs_database_is_refused(tmp_path):
    import sqlite3

    from annotator.core.errors import ProjectUnreadable
    from annotator.core.review.merge import merge_file
    from annotator.core.store import Project

    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE visits (url TEXT)")
    conn.commit()
    conn.close()
    with Project.open(":memory:") as ours, pytest.raises(ProjectUnreadable, match="another program's"):
        merge_file(ours, path, by="amira")
