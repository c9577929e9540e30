"""File menu work: new and open project, recent projects, import (with progress) and export."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QProgressDialog

from annotator.core.errors import AnnotatorError
from annotator.ui import preferences, undo
from annotator.ui.export_job import Exporter
from annotator.ui.plain import menu_text, show_plain_message

PROJECT_FILTER = "Annotator projects (*.annotator);;All files (*)"


class FileActions(QObject):
    """What the File menu does; the window owns one and connects its actions here."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.exporter = Exporter(window)

    @property
    def workspace(self):
        return self.window.workspace

    # -- projects ------------------------------------------------------------------------

    def new_project(self) -> None:
        suggested = os.path.join(preferences.start_folder("projects"), "project.annotator")
        path, _ = QFileDialog.getSaveFileName(self.window, "New project", suggested, PROJECT_FILTER)
        if path:
            preferences.remember_folder("projects", path)
            if not path.endswith(".annotator"):
                path += ".annotator"
            self.open_project_file(path)

    def open_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, "Open project", "", PROJECT_FILTER)
        if path:
            self.open_project_file(path)

    def open_project_file(self, path: str) -> bool:
        """Open `path` in this window (created if missing); report a refusal as a dialog."""
        from annotator.ui import project_lock

        try:
            opened = project_lock.open_for_window(path, self.window)
        except AnnotatorError as error:
            self.window.show_error(f"Cannot open {path}:\n{error}")
            return False
        if opened is None:
            return False
        previous = self.workspace.project.path if self.workspace.project is not None else None
        self.workspace.replace_project(opened.project)
        if previous and previous != opened.project.path:
            project_lock.release(previous)
        project_lock.keep(opened.project.path, opened.lock)
        preferences.remember_project(str(Path(path).resolve()))
        return True

    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        recent = preferences.recent_projects()
        for path in recent:
            action = QAction(menu_text(_recent_label(path)), menu)
            action.triggered.connect(lambda _checked=False, path=path: self.open_recent(path))
            menu.addAction(action)
        if not recent:
            menu.addAction("No recent projects").setEnabled(False)

    def open_recent(self, path: str) -> bool:
        """A recent project file, or a team project's address (remembered without a password)."""
        if _is_team_address(path):
            return self.window.feature("team").open_address(path)
        return self.open_project_file(path)

    # -- import --------------------------------------------------------------------------

    def import_files(self) -> None:
        from annotator.core.importers import PARSERS, format_suffixes

        named = {
            f"{name} ({' '.join(f'*{suffix}' for suffix in suffixes)})": name
            for name, suffixes in sorted(format_suffixes().items())
            if suffixes
        }
        patterns = " ".join(f"*{suffix}" for suffix in sorted(PARSERS))
        filters = [f"Articles ({patterns})", *named, "All files (*)"]
        start = preferences.start_folder("imports")
        title = "Import articles"
        paths, chosen = QFileDialog.getOpenFileNames(self.window, title, start, ";;".join(filters))
        if paths:
            preferences.remember_folder("imports", paths[0])
            # Choosing a format's filter reads the files as that format (doccano's .jsonl).
            self.import_paths(paths, format_name=named.get(chosen))

    def import_folder(self) -> None:
        start = preferences.start_folder("imports")
        folder = QFileDialog.getExistingDirectory(self.window, "Import a folder of articles", start)
        if folder:
            preferences.remember_folder("imports", os.path.dirname(folder.rstrip(os.sep)) or folder)
            self.import_paths([folder])

    def import_paths(self, paths: list[str], *, format_name: str | None = None):
        """Import with a progress dialog and Cancel; a cancelled import keeps whole files only."""
        from annotator.core.importers.runner import import_paths

        progress = QProgressDialog("Importing articles…", "Cancel", 0, 0, self.window)
        progress.setWindowTitle("Import")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(800)

        def report(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)

        def should_cancel() -> bool:
            QApplication.processEvents()
            return progress.wasCanceled()

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            summary = import_paths(
                self.workspace.project,
                paths,
                by=self.workspace.user,
                format_name=format_name,
                progress=report,
                should_cancel=should_cancel,
            )
        except AnnotatorError as error:
            self.window.show_error(f"Import failed:\n{error}")
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
            progress.close()
        self.window.after_import(summary)
        self.offer_metadata_update(summary.metadata_changes)
        if summary.failures:
            details = "\n".join(f"{Path(path).name}: {reason}" for path, reason in summary.failures[:30])
            show_plain_message(self.window, "Import", f"{summary.describe()}\n\n{details}")
        elif summary.warnings:
            details = "\n".join(f"{Path(path).name}: {what}" for path, what in summary.warnings[:30])
            show_plain_message(self.window, "Import", f"{summary.describe()}\n\nCheck:\n{details}")
        elif summary.skipped:
            details = "\n".join(f"{Path(path).name}: {what}" for path, what in summary.skipped[:30])
            text = f"{summary.describe()}\n\nNot kept:\n{details}"
            show_plain_message(self.window, "Import", text, icon=QMessageBox.Icon.Information)
        return summary

    def offer_metadata_update(self, changes) -> None:
        """Articles imported before came with other metadata this time: ask once to take it."""
        from annotator.ui.dialogs import MetadataUpdateQuestion  # the dialogs: when first opened

        if changes and MetadataUpdateQuestion.ask(self.window, changes):
            self.window.perform(undo.UpdateMetadata(self.workspace, changes))

    # -- export --------------------------------------------------------------------------

    def export_claims(self, format_name: str = "csv") -> None:
        from annotator.core.exporters import known_formats
        from annotator.core.model import CLAIM_STATUSES
        from annotator.ui.dialogs import ExportDialog

        project = self.workspace.project
        article = self.window.current_article
        choice = ExportDialog.ask(
            self.window,
            formats=known_formats(),
            annotators=project.people.names(),
            statuses=CLAIM_STATUSES,
            article_id=article.id if article else None,
            article_title=article.title if article else "",
            format_name=format_name,
        )
        if choice is None:
            return
        try:
            count = self.exporter.export(
                project,
                choice.format_name,
                Path(choice.path),
                annotator=choice.annotator,
                status=choice.status,
                article_id=choice.article_id,
            )
        except (AnnotatorError, OSError) as error:
            self.window.show_error(f"Export failed:\n{error}")
            return
        if count is None:
            self.window.statusBar().showMessage("Export cancelled; no file was written", 8000)
            return
        self.window.statusBar().showMessage(f"Exported {count} record(s) to {choice.path}", 8000)


def _is_team_address(path: str) -> bool:
    from annotator.core.team_address import is_team_url

    return is_team_url(path)


def _recent_label(path: str) -> str:
    return f"Team project: {path}" if _is_team_address(path) else path
