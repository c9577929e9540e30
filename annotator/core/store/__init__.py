"""The project file: the only part of Annotator that talks SQL."""

import sys


def import_sqlite_utils_alone() -> None:
    """Import sqlite-utils without the numpy and pandas it picks up when they are installed.

    sqlite-utils only uses them to convert their number types on insert, which the store never
    passes; importing numpy costs a fifth of a second of every start. A None in sys.modules
    makes sqlite-utils' optional `import numpy` fail; the entries are removed afterwards so the
    agreement code can still import numpy when it needs it.
    """
    if "sqlite_utils" in sys.modules:
        return
    blocked = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in blocked:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]


from annotator.core.store.project import PROJECT_SUFFIX, Project  # noqa: E402

__all__ = ["PROJECT_SUFFIX", "Project", "import_sqlite_utils_alone"]
