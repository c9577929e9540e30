"""The throwaway server made to accept TCP and never answer (SIGSTOP), always CONTinued after.

The kernel still completes connections and acknowledges what is sent, so neither keepalives
nor tcp_user_timeout notice: only a client's own deadline does.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager


def postmaster_pid(server) -> int:
    return int((server.data / "postmaster.pid").read_text().split()[0])


@contextmanager
def stopped(pids: list[int]) -> Iterator[list[int]]:
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    try:
        yield pids
    finally:
        for pid in pids:
            os.kill(pid, signal.SIGCONT)


def postmaster_stopped(server):
    """New connections hang (until connect_timeout); those open keep their own backends."""
    return stopped([postmaster_pid(server)])


def server_stopped(server):
    """The postmaster and every backend: nothing answers, not even connections already open."""
    pid = postmaster_pid(server)
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False)
    return stopped([pid, *(int(child) for child in children.stdout.split())])
