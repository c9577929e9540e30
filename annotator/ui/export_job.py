"""Exports run beside the window with a progress dialog; Cancel leaves no file behind.

The exporter writes, on its own connection to the project file, to a temporary name next
to the target; only a finished, uncancelled export is renamed into place.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QThread
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QProgressDialog

SHOW_AFTER_MS = 500


class ExportJob(QThread):
    """One export on a worker thread; `count` or `error` once it has finished."""

    def __init__(self, *, project_path: str, format_name: str, out: Path, filters: dict, parent=None):
        super().__init__(parent)
        self.project_path, self.format_name, self.out, self.filters = project_path, format_name, out, filters
        self.count: int | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        from annotator.core.exporters import exporter_for
        from annotator.core.store import Project

        try:
            with Project.open(self.project_path) as project:
                self.count = exporter_for(self.format_name)(project, self.out, **self.filters)
        except Exception as error:  # handed to the window's thread, which reports it
            self.error = error


class Exporter:
    """Runs exports for one window; keeps cancelled jobs alive until they end and clean up."""

    def __init__(self, parent):
        self.parent = parent
        self._abandoned: list[ExportJob] = []

    def export(self, project, format_name: str, out: Path, **filters) -> int | None:
        """Write the export; the number of records, or None when the user cancelled."""
        import uuid  # with the exporters: when exporting, not when the window opens

        from annotator.core.exporters import export_target, exporter_for, parts

        if project.path == ":memory:" or export_target(format_name).folder:
            return _export_here(lambda: exporter_for(format_name)(project, out, **filters))
        parts.sweep(out)  # what exports killed with their window left beside it
        temporary = out.with_name(f".{out.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.part")
        job = ExportJob(project_path=project.path, format_name=format_name, out=temporary, filters=filters)
        if not _wait_or_cancel(job, self.parent):
            self._abandon(job)
            return None
        if job.error is not None:
            temporary.unlink(missing_ok=True)
            raise job.error
        os.replace(temporary, out)
        return job.count

    def _abandon(self, job: ExportJob) -> None:
        self._abandoned.append(job)

        def clean_up() -> None:
            job.out.unlink(missing_ok=True)
            self._abandoned.remove(job)

        if job.isFinished():
            clean_up()
        else:
            job.finished.connect(clean_up)

    def wait_for_abandoned(self) -> None:
        """Before the window closes: let cancelled exports end and remove their files."""
        for job in list(self._abandoned):
            job.wait()
            job.out.unlink(missing_ok=True)
        self._abandoned.clear()


def _wait_or_cancel(job: ExportJob, parent) -> bool:
    """Run `job`; a progress dialog with Cancel appears if it takes more than a moment."""
    dialog = QProgressDialog("Exporting claims…", "Cancel", 0, 0, parent)
    dialog.setWindowTitle("Export")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setValue(0)
    loop = QEventLoop()
    job.finished.connect(loop.quit)
    dialog.canceled.connect(loop.quit)
    job.start()
    if not job.isFinished():
        loop.exec()
    cancelled = dialog.wasCanceled() and not job.isFinished()
    dialog.reset()
    dialog.deleteLater()
    if not cancelled:
        job.wait()
    return not cancelled


def _export_here(write) -> int:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return write()
    finally:
        QGuiApplication.restoreOverrideCursor()
