"""`python -m annotator.core.syscheck`: name the missing system libraries Qt needs.

Headless runs (tests, `--screenshot`, the offscreen platform) need Qt's core libraries; a
window on an X11 desktop (`make run` on Linux) also needs the xcb libraries of Qt's xcb
platform plugin, which minimal and container installs often lack ("could not load the Qt
platform plugin xcb").
"""

from __future__ import annotations

import ctypes.util
import os
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
NEEDED_FOR_X11 = {
    "xcb-cursor": "libxcb-cursor0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-image": "libxcb-image0",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-randr": "libxcb-randr0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-shape": "libxcb-shape0",
    "xcb-xkb": "libxcb-xkb1",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "X11-xcb": "libx11-xcb1",
}
HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb", "wayland")


def needs_x11(platform: str | None) -> bool:
    """Whether Qt will use its xcb plugin: the platform is xcb, or not set (Qt's default on X11)."""
    return not platform or not platform.split(":")[0].startswith(HEADLESS_PLATFORMS)


def missing_packages(*, x11: bool = False) -> list[str]:
    """Debian packages whose libraries the dynamic loader cannot find."""
    if not sys.platform.startswith("linux"):
        return []
    needed = {**NEEDED, **(NEEDED_FOR_X11 if x11 else {})}
    return [package for library, package in needed.items() if ctypes.util.find_library(library) is None]


def main() -> int:
    missing = missing_packages(x11=needs_x11(os.environ.get("QT_QPA_PLATFORM")))
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
