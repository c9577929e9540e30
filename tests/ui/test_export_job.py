"""Export from the window: written beside the window, renamed into place, Cancel leaves nothing."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QPushButton

from annotator.core import exporters
from annotator.ui.dialogs import ExportChoice, ExportDialog
from tests.ui.conftest import add_article


def _choose(monkeypatch, path, format_name="csv"):
    choice = ExportChoice(format_name, str(path), annotator=None, status=None, article_id=None)
    monkeypatch.setattr(ExportDialog, "ask", classmethod(lambda cls, parent, **options: choice))


def _claims(project):
    article_id = add_article(project, "They said 40 boats sank and 300 people left.")
    project.claims.create(article_id, 10, 18, by="tester")
    project.claims.create(article_id, 28, 38, by="tester")


def test_export_of_a_project_file_runs_beside_the_window_and_leaves_only_the_file(
    monkeypatch, make_window, file_project, tmp_path
):
    _claims(file_project)
    window = make_window(file_project)
    out = tmp_path / "out" / "claims.csv"
    out.parent.mkdir()
    _choose(monkeypatch, out)
    window.files.export_claims("csv")
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) == 3
    assert sorted(p.name for p in out.parent.iterdir()) == ["claims.csv"]
    assert "Exported 2 record(s)" in window.statusBar().currentMessage()


def test_cancelled_export_writes_no_file(monkeypatch, qtbot, make_window, file_project, tmp_path):
    _claims(file_project)
    release = threading.Event()

    def slow_export(project, out, **filters):
        release.wait(10)
        out.write_text("partial", encoding="utf-8")
        return 1

    monkeypatch.setitem(exporters.EXPORTERS, "slow", slow_export)
    monkeypatch.setitem(exporters.TARGETS, "slow", exporters.ExportTarget(".slow", False, "slow"))
    window = make_window(file_project)
    out = tmp_path / "out" / "claims.slow"
    out.parent.mkdir()
    _choose(monkeypatch, out, "slow")

    def cancel() -> None:
        for dialog in window.findChildren(QProgressDialog):
            dialog.findChild(QPushButton).click()

    QTimer.singleShot(200, cancel)
    window.files.export_claims("slow")
    assert window.statusBar().currentMessage() == "Export cancelled; no file was written"
    release.set()
    qtbot.waitUntil(lambda: not window.files.exporter._abandoned, timeout=5000)
    assert list(out.parent.iterdir()) == []


def test_a_failing_export_is_reported_and_leaves_no_file(monkeypatch, make_window, file_project, tmp_path):
    def broken_export(project, out, **filters):
        out.write_text("half", encoding="utf-8")
        raise OSError("disk full")

    monkeypatch.setitem(exporters.EXPORTERS, "broken", broken_export)
    monkeypatch.setitem(exporters.TARGETS, "broken", exporters.ExportTarget(".broken", False, "broken"))
    window = make_window(file_project)
    shown = []
    monkeypatch.setattr(type(window), "show_error", lambda self, message: shown.append(message))
    out = tmp_path / "out" / "claims.broken"
    out.parent.mkdir()
    _choose(monkeypatch, out, "broken")
    window.files.export_claims("broken")
    assert shown and "disk full" in shown[0]
    assert list(out.parent.iterdir()) == []


def test_what_an_export_killed_with_its_window_left_is_cleared_by_the_next(
    monkeypatch, make_window, file_project, tmp_path
):
    import subprocess
    import sys

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    _claims(file_project)
    out = tmp_path / "out" / "claims.csv"
    out.parent.mkdir()
    left = out.parent / f".claims.csv.{gone.pid}.0a1b2c3d.part"
    left.write_text("half", encoding="utf-8")
    (out.parent / f".{left.name}.{gone.pid}.x7y8z9.part").write_text("half", encoding="utf-8")
    window = make_window(file_project)
    _choose(monkeypatch, out)
    window.files.export_claims("csv")
    assert sorted(p.name for p in out.parent.iterdir()) == ["claims.csv"]
