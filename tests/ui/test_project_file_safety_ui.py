"""The window and the project file: SQLite errors explained in words, backups on demand."""

from __future__ import annotations

from tests.ui.conftest import add_article


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


def test_file_menu_restores_a_backup_into_the_open_window(file_project, make_window, monkeypatch):
    from annotator.ui.backup_action import RestoreDialog

    add_article(file_project, "In the backup.")
    backup = file_project.backup()
    add_article(file_project, "Added after the backup.")
    window = make_window(file_project)
    monkeypatch.setattr(RestoreDialog, "ask", classmethod(lambda cls, parent, path: str(backup)))
    [action] = [a for a in window.menu("File").actions() if a.text() == "&Restore from backup…"]
    action.trigger()
    project = window.workspace.project
    assert [project.articles.text(i) for i in project.articles.ids()] == ["In the backup."]
    add_article(project, "Saved after the restore.")
    assert "Restored from" in window.statusBar().currentMessage()


def test_a_refused_restore_says_why_and_leaves_the_window_working(file_project, make_window, tmp_path):
    from annotator.ui.backup_action import restore_from_backup

    add_article(file_project, "Kept.")
    window = make_window(file_project)
    shown = []
    window.show_error = shown.append
    junk = tmp_path / "junk.annotator"
    junk.write_text("not a project", encoding="utf-8")
    assert restore_from_backup(window, str(junk)) is None
    assert "not restored" in shown[0] and "not a SQLite file" in shown[0]
    project = window.workspace.project
    add_article(project, "Saved after the refusal.")
    assert len(project.articles.ids()) == 2


def test_restoring_another_projects_backup_in_the_window_warns(file_project, make_window, tmp_path):
    from annotator.core.store import Project
    from annotator.ui.backup_action import restore_from_backup

    add_article(file_project, "Ours.")
    with Project.open(tmp_path / "other.annotator") as other:
        add_article(other, "Theirs.")
        theirs = other.backup()
    window = make_window(file_project)
    shown = []
    window.show_error = shown.append
    assert restore_from_backup(window, str(theirs)) is not None
    assert len(shown) == 1 and "is a backup of another project" in shown[0]
    assert "before-restore" in shown[0]


def test_the_window_says_so_when_a_backup_is_copied_over_its_project(file_project, make_window):
    import shutil

    article = add_article(file_project, "In the backup: 300 were evacuated.")
    backup = file_project.backup()
    add_article(file_project, "Added after the backup.")
    window = make_window(file_project)
    window.open_article(article)
    shown = []
    window.show_error = shown.append
    shutil.copyfile(backup, file_project.path)
    assert window.create_claim(16, 19) is None
    assert "overwritten by another program" in shown[0]
    window.workspace.project.close()
    assert saved_texts(file_project.path) == ["In the backup: 300 were evacuated."]


def saved_texts(path) -> list[str]:
    from annotator.core.store import Project

    with Project.open(path) as project:
        assert project.integrity_problems() == []
        return [project.articles.text(i) for i in project.articles.ids()]
