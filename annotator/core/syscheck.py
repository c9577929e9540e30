"""`python -m annotator.core.syscheck`: name the missing system libraries Qt needs."""

from __future__ import annotations

import ctypes.util
import sys

# library -> Debian package that provides it
NEEDED = {
    "EGL": "libegl1",
    "GL": "libgl1",
    "fontconfig": "libfontconfig1",
    "xkbcommon": "libxkbcommon0",
    "glib-2.0": "libglib2.0-0",
    "dbus-1": "libdbus-1-3",
}


def missing_packages() -> list[str]:
    """Debian packages whose libraries the dynamic loader cannot find."""
    if not sys.platform.startswith("linux"):
        return []
    return [package for library, package in NEEDED.items() if ctypes.util.find_library(library) is None]


def main() -> int:
    missing = missing_packages()
    if missing:
        print(
            "Annotator needs these system packages for Qt: "
            + " ".join(missing)
            + "\nInstall them with: sudo apt-get install "
            + " ".join(missing),
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
