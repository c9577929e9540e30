"""`make` names the Debian packages Qt needs before anything fails obscurely."""

from __future__ import annotations

import pytest

from annotator.core import syscheck


@pytest.mark.parametrize(
    ("platform", "x11"),
    [
        (None, True),
        ("", True),
        ("xcb", True),
        ("offscreen", False),
        ("wayland", False),
        ("vnc:size=800x600", False),
    ],
)
def test_only_a_window_on_x11_needs_the_xcb_libraries(platform, x11):
    assert syscheck.needs_x11(platform) is x11


def test_missing_libraries_are_named_by_their_debian_package(monkeypatch):
    monkeypatch.setattr(syscheck.sys, "platform", "linux")
    present = {"EGL", "GL", "fontconfig", "xkbcommon", "glib-2.0", "dbus-1", "xcb-icccm"}
    monkeypatch.setattr(syscheck.ctypes.util, "find_library", lambda name: name if name in present else None)
    assert syscheck.missing_packages() == []
    missing = syscheck.missing_packages(x11=True)
    assert "libxcb-cursor0" in missing and "libxcb-icccm4" not in missing


def test_the_check_says_what_to_install_and_fails(monkeypatch, capsys):
    monkeypatch.setattr(syscheck.sys, "platform", "linux")
    monkeypatch.setattr(syscheck.ctypes.util, "find_library", lambda name: None if name == "GL" else name)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert syscheck.main() == 1
    assert "sudo apt-get install libgl1" in capsys.readouterr().err
