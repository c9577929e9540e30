"""PySide's import hook reads no source of ours or of the standard library once the app has
entered them in its feature table (`app.skip_pysides_source_reads`)."""

from __future__ import annotations

import sys

import pytest

from annotator.app import _our_modules, skip_pysides_source_reads


@pytest.fixture
def feature_table():
    import PySide6.QtCore  # noqa: F401 (installs the hook and its table)

    table = sys.modules["PySide6.support.feature"].pyside_feature_dict
    saved = dict(table)
    yield table
    table.clear()
    table.update(saved)


def test_every_module_of_ours_is_entered_as_using_no_feature(feature_table):
    for name in ("annotator.ui.main_window", "annotator.core.incoming", "annotator.ui.review.panel"):
        feature_table.pop(name, None)
    skip_pysides_source_reads()
    assert feature_table["annotator.ui.main_window"] == 0
    assert feature_table["annotator.core.incoming"] == 0
    assert feature_table["annotator.ui.review.panel"] == 0


def test_the_standard_library_is_entered_as_not_using_pyside(feature_table):
    for name in ("typing", "sqlite3", "json.decoder"):
        feature_table.pop(name, None)
    skip_pysides_source_reads()
    assert [feature_table[name] for name in ("typing", "sqlite3", "json.decoder")] == [-1, -1, -1]


def test_what_pyside_entered_itself_is_kept(feature_table):
    feature_table["annotator.ui.shell"] = -1
    skip_pysides_source_reads()
    assert feature_table["annotator.ui.shell"] == -1
    assert feature_table["PySide6"] == 0


def test_our_modules_are_named_from_the_package_folders():
    names = set(_our_modules())
    assert {"annotator", "annotator.app", "annotator.ui.annotate.article_list", "annotator.core.store"} <= (
        names
    )
    assert not any("__pycache__" in name for name in names)
