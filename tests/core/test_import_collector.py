"""An import pauses Python's cycle collector while it runs and leaves it as it found it."""

from __future__ import annotations

import gc

import pytest

from annotator.core.importers.runner import import_paths


@pytest.fixture
def files(tmp_path):
    (tmp_path / "a.txt").write_text("The ministry said 27 soldiers were killed.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"binary\x00file")
    return tmp_path


def test_the_collector_is_paused_during_an_import_and_runs_again_after(project, files, monkeypatch):
    seen = []
    add_many = project.articles.add_many
    monkeypatch.setattr(
        project.articles, "add_many", lambda *a, **k: seen.append(gc.isenabled()) or add_many(*a, **k)
    )
    summary = import_paths(project, [files], by="dora")
    assert summary.imported == 1 and len(summary.failures) == 1
    assert seen == [False] and gc.isenabled()


def test_an_import_that_stops_on_an_error_turns_the_collector_back_on(project, files, monkeypatch):
    def broken(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(project.articles, "add_many", broken)
    with pytest.raises(KeyboardInterrupt):
        import_paths(project, [files], by="dora")
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off(project, files):
    gc.disable()
    try:
        import_paths(project, [files], by="dora")
        assert not gc.isenabled()
    finally:
        gc.enable()
