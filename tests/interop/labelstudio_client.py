"""A real Label Studio on loopback for the interop checks, and a small client for its API.

The server runs from the virtual environment install_labelstudio.sh made, with its data in a
temporary folder, one user created from the environment (LABEL_STUDIO_USERNAME, _PASSWORD,
_USER_TOKEN) and legacy token authentication, so the API answers `Authorization: Token T`.
Only the standard library talks to it: our own environment needs nothing new.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.interop.conftest import client_bin, interop_home

VENV = "labelstudio"
USER = "analyst@example.org"
TOKEN = "annotator-interop-token-0123456789"
START_ATTEMPTS = 600  # half a second apart: Label Studio migrates a fresh database first
QUIET = {  # no calls home from the server: no version check, analytics or error reporting
    "LATEST_VERSION_CHECK": "false",
    "COLLECT_ANALYTICS": "false",
    "SENTRY_DSN": "",
    "FRONTEND_SENTRY_DSN": "",
}


class LabelStudioError(AssertionError):
    """Label Studio answered with an error status."""

    def __init__(self, status: int, body: str):
        super().__init__(f"HTTP {status}: {body[:2000]}")
        self.status, self.body = status, body


@dataclass
class LabelStudio:
    """A running Label Studio: its address, process and API."""

    base: str
    process: subprocess.Popen
    log: Path

    def call(self, method: str, path: str, body=None, *, raw: bool = False):
        """One API call; the decoded JSON answer (or the text when raw), else LabelStudioError."""
        data = None if body is None else json.dumps(body).encode("utf-8")
        headers = {"Authorization": f"Token {TOKEN}", "Content-Type": "application/json"}
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:
                text = answer.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            raise LabelStudioError(error.code, error.read().decode("utf-8", "replace")) from None
        return text if raw else (json.loads(text) if text else None)

    def add_member(self, email: str) -> int:
        """Create a user of the organisation with this e-mail; return its id."""
        username = email.split("@")[0].replace("%", "_")[:30]
        return self.call("POST", "/api/users/", {"email": email, "username": username})["id"]

    def create_project(self, title: str, label_config: str) -> int:
        return self.call("POST", "/api/projects", {"title": title, "label_config": label_config})["id"]

    def import_tasks(self, project: int, tasks: list[dict]) -> dict:
        return self.call("POST", f"/api/projects/{project}/import", tasks)

    def tasks(self, project: int) -> list[dict]:
        """The project's tasks as the data manager lists them (ids, data)."""
        return self.call("GET", f"/api/tasks?project={project}&page_size=100")["tasks"]

    def standard_export(self, project: int) -> str:
        """The JSON export of the Export button: predictions and members as ids."""
        return self.call(
            "GET", f"/api/projects/{project}/export?exportType=JSON&download_all_tasks=true", raw=True
        )

    def full_export(self, project: int) -> str:
        """An export snapshot with full predictions, drafts and members (e-mails)."""
        options = {key: {"only_id": False} for key in ("predictions", "drafts", "annotations__completed_by")}
        body = {"title": "annotator", "serialization_options": options}
        snapshot = self.call("POST", f"/api/projects/{project}/exports", body)
        assert snapshot["status"] == "completed", snapshot
        return self.call(
            "GET", f"/api/projects/{project}/exports/{snapshot['id']}/download?exportType=JSON", raw=True
        )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(data_dir: Path) -> LabelStudio:
    """Start Label Studio on a free loopback port and wait (bounded) until its API answers."""
    port, log = free_port(), data_dir / "label-studio.log"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("LABEL_STUDIO_", "DJANGO_"))},
        **QUIET,
        "HOME": str(data_dir),
        "LABEL_STUDIO_USERNAME": USER,
        "LABEL_STUDIO_PASSWORD": "interop-password-1",
        "LABEL_STUDIO_USER_TOKEN": TOKEN,
        "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
    }
    command = [
        str(client_bin(VENV, "label-studio")),
        "start",
        "--no-browser",
        "--internal-host",
        "127.0.0.1",
        "--port",
        str(port),
        "--data-dir",
        str(data_dir / "data"),
        "--enable-legacy-api-token",
    ]
    with open(log, "wb") as stream:
        process = subprocess.Popen(command, stdout=stream, stderr=subprocess.STDOUT, env=env, cwd=data_dir)
    server = LabelStudio(f"http://127.0.0.1:{port}", process, log)
    _wait_until_ready(server)
    return server


def _wait_until_ready(server: LabelStudio) -> None:
    for _ in range(START_ATTEMPTS):
        if server.process.poll() is not None:
            break
        try:
            if server.call("GET", "/api/current-user/whoami")["email"] == USER:
                return
        except (OSError, LabelStudioError):
            time.sleep(0.5)
    stop(server)
    tail = server.log.read_text(encoding="utf-8", errors="replace")[-3000:]
    raise AssertionError(f"Label Studio did not answer on {server.base}; its log ends:\n{tail}")


def stop(server: LabelStudio) -> None:
    """Stop the server by its own process id: terminate, then kill if it lingers."""
    if server.process.poll() is not None:
        return
    server.process.terminate()
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


def validate(config: Path, tasks: Path) -> list[str]:
    """Label Studio's own validator (label_studio_sdk's LabelInterface): every annotation and
    prediction of the tasks checked against the labelling configuration; the errors found."""
    script = (
        "import json, sys\n"
        "from label_studio_sdk.label_interface import LabelInterface\n"
        "face = LabelInterface(open(sys.argv[1], encoding='utf-8').read())\n"
        "errors = []\n"
        "for t, task in enumerate(json.load(open(sys.argv[2], encoding='utf-8')), 1):\n"
        "    for key in ('annotations', 'predictions'):\n"
        "        for i, item in enumerate(task.get(key, []), 1):\n"
        "            found = face.validate_prediction(item, return_errors=True)\n"
        "            errors += [f'task {t} {key} {i}: {e}' for e in found]\n"
        "print(json.dumps(errors))\n"
    )
    python = interop_home() / VENV / "bin" / "python"
    done = subprocess.run(
        [str(python), "-c", script, str(config), str(tasks)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])
