"""An SQLite error about the project file reaching the window is explained in words."""

from __future__ import annotations


def test_a_damaged_file_noticed_while_reading_is_explained_not_dumped(capsys, qapp):
    import sqlite3
    import sys

    from annotator.app import install_error_hook

    previous = sys.excepthook
    install_error_hook()
    try:
        error = sqlite3.DatabaseError("database disk image is malformed")
        error.sqlite_errorname = "SQLITE_CORRUPT"
        sys.excepthook(type(error), error, None)
    finally:
        sys.excepthook = previous
    message = capsys.readouterr().err
    assert "the project file is damaged or not a project" in message
    assert "Something went wrong" not in message
