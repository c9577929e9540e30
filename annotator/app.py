"""The composition root: opens the project, builds the undo stack and the main window.

The only module that knows both the core and the Qt user interface. Errors reach the
user as dialogs (and the log file in the user's data folder), never as tracebacks.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import traceback

log = logging.getLogger("annotator")

WINDOW_SIZE = (1440, 880)


def run_app(args) -> int:
    """`annotator [--db PATH] [--screenshot PNG] [--article ID]`: the window, or a picture of it."""
    if getattr(args, "smoke", False):
        return _run_smoke(args)
    screenshot = getattr(args, "screenshot", None)
    if screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        set_up_logging()
    if not screenshot:
        gc.disable()  # until the first paint: the start makes objects that stay (see paint_first)
    app = make_application()
    skip_pysides_source_reads()
    install_error_hook()
    project = _open_project_or_explain(args)
    if project is None:
        gc.enable()
        return 1
    user = _window_user(project, args, ask=not screenshot)
    if screenshot:  # the whole window at once: a picture shows every menu and panel
        window = build_window(project, user=user)
        return save_screenshot(window, screenshot, article_id=getattr(args, "article", None))
    paint_first(build_window(project, user=user, load=False, features=False), args)
    return app.exec()


def paint_first(window, args) -> None:
    """Show the window with what its first frame shows; once it has painted, the rest.

    The first frame is the project as it will stay (the article open, the article list at its
    full length with the rows on screen), read in a few milliseconds whatever the project's
    size; the rest of the list, the form's vocabularies, the features' code (review, figures,
    team...) and the log file follow on the first turn of the event loop after it.
    """
    article_id = getattr(args, "article", None)
    window.show_first_screen(article_id)

    def complete() -> None:
        gc.freeze()  # what the start made is kept for good: no collection walks it again
        gc.enable()
        window.finish_showing()
        install_features(window)
        follow_team_project(window, str(args.db))
        set_up_logging()
        if article_id:  # not in the project: says so (else it is open already)
            window.open_article(article_id)

    after_first_paint(window, complete)
    window.show()


def after_first_paint(window, then) -> None:
    """Run `then` once the window has painted (or after half a second: minimised, never exposed).

    The window is painted before its children, in the same pass, so watching it alone is enough;
    a filter on the whole application would have PySide wrap every object that gets an event
    while the window is shown and laid out (a thousand events before the first frame).
    """
    from PySide6.QtCore import QEvent, QObject, QTimer

    done = False

    def run() -> None:
        nonlocal done
        if done:
            return
        done = True
        window.removeEventFilter(watcher)
        then()

    class FirstPaint(QObject):
        def eventFilter(self, _watched, event) -> bool:  # noqa: N802 (Qt override)
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, run)
            return False

    watcher = FirstPaint(window)
    window.installEventFilter(watcher)
    QTimer.singleShot(500, run)


def set_up_logging() -> None:
    """Append warnings and errors to the rotating log file in the platform's log folder.

    The window sets it up once it has painted (and an error before then sets it up first).
    """
    from annotator.core.userdata import rotating_log_handler

    if any(getattr(handler, "_annotator", False) for handler in log.handlers):
        return
    try:
        handler = rotating_log_handler()
    except OSError:
        return
    handler._annotator = True
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def make_application():
    """The QApplication (reused when one exists, as under pytest-qt)."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Annotator")
    app.setOrganizationName("Annotator")
    app.setApplicationDisplayName("Annotator")
    return app


def skip_pysides_source_reads() -> None:
    """Enter our modules and the standard library's in PySide's feature table before they are
    imported, as PySide would after reading their source.

    PySide's import hook reads the source of each module named by an import statement run
    after PySide (`import os` too, though os was loaded long before), looking for "PySide6" to
    decide whether its optional features (snake_case, true_property) may switch on there; a
    module already in the table is not read. We use no feature anywhere: our modules are
    entered as "no feature" (0), the standard library's as "not using PySide" (-1, as PySide
    enters enum and sys itself) — 90 files, some of 100 kB (typing, inspect, argparse), not
    read on the way to the first frame. Without the table (another PySide), nothing happens.
    """
    feature = sys.modules.get("PySide6.support.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(table, dict):
        return
    for name in _our_modules():
        table.setdefault(name, 0)
    standard = sys.stdlib_module_names
    for name in (*standard, *sys.modules):
        if name.partition(".")[0] in standard:
            table.setdefault(name, -1)


def _our_modules(package: str = "annotator", folder: str = os.path.dirname(__file__)):
    """The names of the package's modules, from its folders (none inside an archive)."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if entry.name.endswith(".py"):
            yield package if entry.name == "__init__.py" else f"{package}.{entry.name[:-3]}"
        elif entry.is_dir() and entry.name.isidentifier() and not entry.name.startswith("__"):
            yield from _our_modules(f"{package}.{entry.name}", entry.path)


def install_error_hook() -> None:
    """Unexpected exceptions are logged with their traceback and shown as a plain message."""
    from annotator.core.errors import AnnotatorError, ConnectionLost

    def hook(kind, error, trace) -> None:
        set_up_logging()  # the window sets it up after its first frame; an error may come first
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, error, trace)))
        if isinstance(error, ConnectionLost) and _said_out_of_reach():
            return  # a read no screen words itself, during a team project's outage: no dialog
        if isinstance(error, AnnotatorError):  # the store's words: a damaged file noticed while reading...
            show_error_dialog(f"{error}\n\nDetails are in the log file:\n{_log_file()}")
            return
        show_error_dialog(
            "Something went wrong. Your work so far is saved.\n\n"
            f"{kind.__name__}: {error}\n\nDetails are in the log file:\n{_log_file()}"
        )

    sys.excepthook = hook


def _said_out_of_reach() -> bool:
    from annotator.ui.out_of_reach import cannot_read, say_in_windows

    return say_in_windows(cannot_read("this cannot be read or done"))


def show_error_dialog(message: str) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        print(f"annotator: {message}", file=sys.stderr)
        return
    from annotator.ui.plain import show_plain_message

    show_plain_message(None, "Annotator", message, icon=QMessageBox.Icon.Critical)


def build_window(project, *, user: str, load: bool = True, features: bool = True):
    """The main window for `project`, with its features and layout (and the project shown, if `load`).

    Without `features` it is the shell alone (menus of its own, article list, text, form):
    what the first frame shows; `install_features` adds the rest.
    """
    from annotator.ui.main_window import MainWindow
    from annotator.ui.workspace import Workspace

    window = MainWindow(Workspace(project, user=user), load=load)
    if features:
        install_features(window)
    window.resize(*WINDOW_SIZE)
    window.restore_layout()
    return window


def install_features(window) -> None:
    """Speakers, review, suggestions, figures, backups and team: their menus, panels and keys;
    and the keyboard's return to the window after each dialog."""
    from annotator.ui import backup_action, figures, review, speakers, suggestions, team
    from annotator.ui.focus_return import keep_focus_across_dialogs

    keep_focus_across_dialogs()  # an application-wide filter: every event passes through it
    for feature in (speakers, review, suggestions, figures, backup_action):  # in this order in the menus
        feature.install(window)
    team.install(window, open_team=open_team_project)


def follow_team_project(window, address: str) -> None:
    """A team project opened by --db is followed live, as one opened from the File menu is."""
    if window.workspace.project.is_team:
        window.feature("team").listen_to(address)


def open_team_project(address: str, password: str | None):
    """A team project on PostgreSQL for File → Open team project (the core's TeamProject)."""
    from annotator.core.store.team_project import TeamProject

    return TeamProject.connect(address, password=password)


def save_screenshot(window, path: str, *, article_id: str | None = None) -> int:
    """Render the window offscreen to `path` (PNG) and report where it went."""
    from PySide6.QtWidgets import QApplication

    if article_id:
        window.open_article(article_id)
    window.show()
    for _ in range(3):
        QApplication.processEvents()
    if not window.grab().save(str(path)):
        print(f"annotator: cannot write the screenshot to {path}", file=sys.stderr)
        return 1
    print(f"screenshot saved to {path}")
    window.workspace.project.close()
    return 0


def _open_project_or_explain(args):
    from annotator.cli.common import open_project
    from annotator.core.errors import AnnotatorError
    from annotator.core.team_address import is_team_url
    from annotator.core.userdata import default_project_path
    from annotator.ui import project_lock

    args.db = getattr(args, "db", None) or _last_project(args)
    path = str(args.db or default_project_path())
    if is_team_url(path):  # the server keeps many windows apart: no lock file beside it
        return _open_team_or_explain(args)
    try:
        opened = project_lock.open_for_window(path, open_writable=lambda: open_project(args))
    except AnnotatorError as error:
        return _cannot_open("project", error)
    if opened is None:
        return None
    project = opened.project
    project_lock.keep(project.path, opened.lock)
    from annotator.ui import preferences

    path = project.path if project.path == ":memory:" else os.path.abspath(project.path)
    preferences.remember_project(path)
    return project


def _open_team_or_explain(args):
    from annotator.cli.common import open_project
    from annotator.core.errors import AnnotatorError
    from annotator.core.team_address import without_password
    from annotator.ui import preferences

    try:
        project = open_project(args)
    except AnnotatorError as error:
        return _cannot_open("team project", error)
    preferences.remember_project(without_password(str(args.db)))  # never with a password
    return project


def _cannot_open(what: str, error) -> None:
    """Say in the log file and a dialog why the project did not open; None for the caller."""
    set_up_logging()
    log.error("cannot open %s: %s", what, error)
    show_error_dialog(f"Cannot open the {what}.\n\n{error}")


def _last_project(args) -> str | None:
    """The window without --db reopens the project used last, if its file is still there
    (a picture with --screenshot keeps to the default project, so it stays reproducible)."""
    if getattr(args, "screenshot", None):
        return None
    from annotator.core.team_address import is_team_url
    from annotator.ui import preferences

    files = [path for path in preferences.recent_projects() if not is_team_url(path)]
    # A team project is not reopened unasked (it may want a password, or be out of reach).
    recent = [path for path in files[:1] if os.path.isfile(path)]
    return recent[0] if recent else None


def _window_user(project, args, *, ask: bool) -> str:
    """Who works in the window: on a team project the role logged in (naming anyone else
    with --annotator is refused), else the name given, remembered or asked."""
    if project.is_team:
        from annotator.cli.common import current_user

        return current_user(args, project)
    return _annotator_name(args, ask=ask)


def _annotator_name(args, *, ask: bool) -> str:
    """--annotator, else the remembered name, else asked once (default: the system user)."""
    from annotator.cli.common import current_user
    from annotator.ui import preferences

    if getattr(args, "annotator", None):
        return args.annotator
    remembered = preferences.annotator_name()
    if remembered:
        return remembered
    default = current_user(args)
    if not ask or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return default
    from annotator.ui.dialogs import NameDialog

    # Asked empty: the system user ("root" on a shared machine) is rarely the analyst's name.
    name = NameDialog.ask(None, "", first_run=True) or default
    preferences.remember_annotator_name(name)
    return name


def _log_file() -> str:
    from annotator.core.userdata import log_path

    return str(log_path())


def _run_smoke(args) -> int:
    try:
        from annotator.smoke import run as run_smoke
    except ImportError:
        print("annotator: the self-test is not part of this build", file=sys.stderr)
        return 1
    return run_smoke(args)
