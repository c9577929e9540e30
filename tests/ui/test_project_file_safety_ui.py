"""The window and the project file: SQLite errors explained in words, backups on demand."""

from __future__ import annotations


def test_a_damaged_file_noticed_while_reading_is_explained_not_dumped(capsys, qapp):
    import sys

    from annotator.app import install_error_hook
    from annotator.core.errors import ProjectUnreadable

    previous = sys.excepthook
    install_error_hook()
    try:
        error = ProjectUnreadable("the project file is damaged or not a project (disk image is malformed)")
        sys.excepthook(type(error), error, None)
    finally:
        sys.excepthook = previous
    message = capsys.readouterr().err
    assert "the project file is damaged or not a project" in message
    assert "Something went wrong" not in message


def test_file_menu_backs_the_project_up_on_demand(file_project, make_window):
    from annotator.core.backups import backups_of

    window = make_window(file_project)
    [action] = [a for a in window.menu("File").actions() if a.text() == "&Back up project now"]
    action.trigger()
    [copy] = backups_of(file_project.path)
    assert "on-demand" in copy.name
    assert str(copy) in window.statusBar().currentMessage()
