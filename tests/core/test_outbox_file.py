"""A team project's waiting changes on disk (core/outbox_file): one file per address and role,
written whole, read back as written, and a file that is not what Annotator wrote is described
rather than trusted."""

from __future__ import annotations

import json

import pytest

from annotator.core import outbox_file
from annotator.core.model import Figure

ADDRESS = "postgresql://ann:s3cret@db.example.org:5433/desk"
ENTRY = {
    "kind": "create claim",
    "args": outbox_file.encoded({"article_id": "a1", "start": 1, "end": 4, "figure": Figure("40", 40.0)}),
    "label": "Create claim “40”",
}


@pytest.fixture
def path(private_data_dir):
    return outbox_file.path_for(ADDRESS, "ann")


def test_entries_are_read_back_as_written_with_their_figures(path):
    outbox_file.write(path, [ENTRY], address=ADDRESS, user="ann")
    loaded = outbox_file.read(path, user="ann")
    assert loaded.problems == [] and loaded.entries == [ENTRY]
    assert outbox_file.decoded(loaded.entries[0]["args"])["figure"] == Figure("40", 40.0)


def test_the_file_never_holds_the_password_and_no_temporary_file_is_left(path):
    outbox_file.write(path, [ENTRY], address=ADDRESS, user="ann")
    assert "s3cret" not in path.read_text(encoding="utf-8")
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_an_empty_queue_leaves_no_file(path):
    outbox_file.write(path, [ENTRY], address=ADDRESS, user="ann")
    outbox_file.write(path, [], address=ADDRESS, user="ann")
    assert not path.exists()


def test_each_role_and_each_project_has_its_own_file():
    paths = {
        outbox_file.path_for(ADDRESS, "ann"),
        outbox_file.path_for(ADDRESS, "ben"),
        outbox_file.path_for(ADDRESS.replace("desk", "night"), "ann"),
    }
    assert len(paths) == 3


@pytest.mark.parametrize(
    "text, problem",
    [
        ("{not json", "cannot be read"),
        ("[1, 2]", "not an outbox file"),
        (json.dumps({"version": 99, "user": "ann", "entries": []}), "not an outbox file"),
        (json.dumps({"version": 1, "user": "ben", "entries": []}), "not ann's"),
    ],
)
def test_a_file_that_is_not_an_outbox_is_described(path, text, problem):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    loaded = outbox_file.read(path, user="ann")
    assert loaded.entries == [] and problem in loaded.problems[0]


def test_a_malformed_entry_is_named_and_the_others_are_kept(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {"version": 1, "user": "ann", "entries": [ENTRY, {"kind": 3}, "rm -rf", ENTRY]}
    path.write_text(json.dumps(document), encoding="utf-8")
    loaded = outbox_file.read(path, user="ann")
    assert loaded.entries == [ENTRY, ENTRY]
    assert [p.split(" is ")[0] for p in loaded.problems] == ["change 2", "change 3"]


def test_a_file_set_aside_is_kept_under_a_new_name(path):
    outbox_file.write(path, [ENTRY], address=ADDRESS, user="ann")
    aside = outbox_file.set_aside(path)
    assert not path.exists() and json.loads(aside.read_text(encoding="utf-8"))["entries"] == [ENTRY]
