"""Child process for bench_window: one Qt measurement per process, imports included.

`python -m bench._window_child MODE` prints a JSON list of seconds. MODE is `baseline`
(a bare QMainWindow), `startup` (the Annotator main window on a project file given as the
second argument), `ready LOCATION USER` (first paint and the article list painted, on a file
or a team project), `open-large` or `switch` (articles generated in memory).
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

LARGE_CHARS, LARGE_CLAIMS = 200_000, 5_000
TYPICAL_CHARS, TYPICAL_CLAIMS = 5_000, 30
REPEAT = 7


def painted_at(widget, action) -> float:
    """perf_counter() when `widget` first receives a paint event after `action()`."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    painted = []

    class Watch(QObject):
        def eventFilter(self, _watched, event):  # noqa: N802
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(time.perf_counter())
            return False

    watch = Watch()
    widget.installEventFilter(watch)
    action()
    while not painted:
        QApplication.processEvents()
    widget.removeEventFilter(watch)
    return painted[0]


def until_painted(widget, action) -> float:
    """Seconds from calling `action` until `widget` has painted."""
    start = time.perf_counter()
    return painted_at(widget, action) - start


def baseline() -> list[float]:
    """A bare QMainWindow with a text view: process start to first paint."""
    from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit

    QApplication([])
    window = QMainWindow()
    window.setCentralWidget(QPlainTextEdit())
    window.resize(1440, 880)
    return [painted_at(window.centralWidget().viewport(), window.show) - STARTED]


def startup(path: str) -> list[float]:
    """The Annotator window on a project file: process start to the text's first paint, built
    as `annotator --db PATH` builds it (the first article open and the rows of the article list
    on screen; the features and the rest of the list come after that paint), with Python's
    cycle collector paused as the app pauses it until then."""
    import gc

    gc.disable()
    from annotator.app import build_window, make_application
    from annotator.core.store import Project

    make_application()
    window = build_window(Project.open(path), user="bench", load=False, features=False)
    window.show_first_screen()
    return [painted_at(window.view.viewport(), window.show) - STARTED]


def ready(location: str, user: str) -> list[float]:
    """The window on `location` (a file or a team project's address) opened as the app opens
    it (`paint_first`): process start to the first paint, and to the article list painted
    with every article read, and how many it lists."""
    import gc
    from types import SimpleNamespace

    gc.disable()
    from PySide6.QtWidgets import QApplication

    from annotator.app import build_window, make_application, paint_first
    from annotator.core.store import Project

    make_application()
    window = build_window(Project.open(location), user=user, load=False, features=False)
    done = []
    window.project_opened.connect(lambda: done.append(True))
    args = SimpleNamespace(db=location, article=None)
    first = painted_at(window.view.viewport(), lambda: paint_first(window, args)) - STARTED
    while not done:
        QApplication.processEvents()
    table = window.annotation.article_list.table
    listed = painted_at(table.viewport(), table.viewport().update) - STARTED
    return [first, listed, float(table.model().rowCount())]


def generated_article(chars: int, claims: int, seed: int):
    """An article of about `chars` characters with `claims` claims, some overlapping."""
    from annotator.core.model import IncomingArticle, IncomingClaim

    sentence = "Officials in district {n} said about {a:,} people were moved and {b} were missing. "
    parts, length, n = [], 0, 0
    while length < chars:
        part = sentence.format(n=n + seed, a=1000 + n * 7, b=n % 50)
        if n % 6 == 5:
            part += "\n\n"
        parts.append(part)
        length += len(part)
        n += 1
    text = "".join(parts)[:chars].rstrip() + "."
    step = max(1, len(text) // claims)
    incoming = []
    for index in range(claims):
        start = index * step
        end = min(len(text), start + (step * 3) // 2 if index % 5 == 0 else start + step // 2)
        if start < end:
            incoming.append(IncomingClaim(start=start, end=end, quote=text[start:end], annotator="bench"))
    return IncomingArticle(text=text, title=f"Generated {seed}", claims=tuple(incoming))


def _window_with(articles):
    from annotator.app import build_window, make_application
    from annotator.core.store import Project

    make_application()
    project = Project.open(":memory:")
    ids = [project.articles.add(article, by="bench").article_id for article in articles]
    window = build_window(project, user="bench")
    window.show()
    return window, ids


def open_large() -> list[float]:
    window, (large, small) = _window_with(
        [generated_article(LARGE_CHARS, LARGE_CLAIMS, 1), generated_article(TYPICAL_CHARS, TYPICAL_CLAIMS, 2)]
    )
    times = []
    for _ in range(REPEAT):
        until_painted(window.view.viewport(), lambda: window.open_article(small))
        times.append(until_painted(window.view.viewport(), lambda: window.open_article(large)))
    return times


def switch() -> list[float]:
    window, (first, second) = _window_with(
        [
            generated_article(TYPICAL_CHARS, TYPICAL_CLAIMS, 3),
            generated_article(TYPICAL_CHARS, TYPICAL_CLAIMS, 4),
        ]
    )
    times = []
    for index in range(REPEAT * 2):
        target = second if index % 2 == 0 else first
        times.append(until_painted(window.view.viewport(), lambda target=target: window.open_article(target)))
    return times


def main(argv: list[str]) -> int:
    mode = argv[0]
    if mode == "baseline":
        result = baseline()
    elif mode == "startup":
        result = startup(argv[1])
    elif mode == "ready":
        result = ready(argv[1], argv[2])
    elif mode == "open-large":
        result = open_large()
    elif mode == "switch":
        result = switch()
    else:
        print(f"unknown mode {mode!r}", file=sys.stderr)
        return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
