"""Read, without Qt, who holds a project's lock file (`<project>.lock`, written by the window).

The window's QLockFile writes the process id, program, host name and machine ids, one a
line. A lock of a process that is gone, or of this process, holds nothing.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path


def lock_holder(project: str | Path) -> str:
    """'Annotator (process 4242 on laptop)' while another live window holds the project; else ''."""
    try:
        lines = Path(f"{project}.lock").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    if not lines or not lines[0].strip().isdigit():
        return ""
    pid, host = int(lines[0]), (lines[2] if len(lines) > 2 else "")
    if pid == os.getpid() and host in ("", socket.gethostname()):
        return ""
    if host in ("", socket.gethostname()) and not process_alive(pid):
        return ""
    return f"Annotator (process {pid} on {host or 'this computer'})"


def process_alive(pid: int) -> bool:
    """Whether a process of this computer is running (on Windows, assumed so)."""
    if os.name != "posix":  # os.kill(pid, 0) would end the process on Windows: assume it lives
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
