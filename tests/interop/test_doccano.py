"""doccano 1.8, the real one: our export through its import, its export through ours.

The fixture runs doccano's web application (the gunicorn app `doccano webserver` runs, bound
to 127.0.0.1 instead of doccano's 0.0.0.0) and its celery worker (`doccano task`) over one
SQLite database in a temporary folder; the worker's broker is the `sqla+sqlite` transport
doccano configures on that database, so no other service is needed. The tests drive it as
its web page does, through the REST API: log in, create a sequence-labelling project,
upload a file to the import endpoint with the "Auto" encoding, read examples and spans,
run the JSONL export and download it.
"""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from pathlib import Path

import pytest
import regex

from annotator.core.exporters import exporter_for
from annotator.core.importers.doccano import META_KEYS
from annotator.core.importers.runner import import_paths
from annotator.core.model import IncomingArticle, IncomingClaim
from annotator.core.store import Project
from tests.interop.conftest import client_bin

USER, PASSWORD = "admin", "interop-only-password"
READY_TRIES = 600  # 0.1 s apart: the web app and the worker start in a few seconds
TASK_TRIES = 600
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
FLAG = "\U0001f1fa\U0001f1e6"

# Invented texts, each with the claims' quotes: emoji, a ZWJ family, a flag, Hebrew and
# Arabic, NBSP, and line breaks (CRLF in the texts doccano labels: it keeps them as sent).
ARTICLES = [
    (
        f"Harbour {FAMILY} update 😀: 12 boats\u00a0sank near {FLAG} Port Elm.\nThe mayor said 3 were towed.",
        ["12 boats\u00a0sank", FAMILY, FLAG, "3 were towed"],
        {"title": "Harbour update", "outlet": "Coast Bulletin"},
    ),
    (
        "דובר המשטרה אמר כי 40 נעצרו.\nمتحدث قال إن 25 أصيبوا في الحادث.",
        ["40 נעצרו", "25 أصيبوا"],
        {"title": "Arrests", "url": "https://example.org/rtl"},
    ),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Doccano:
    """A running doccano, spoken to over HTTP as its web page speaks to it."""

    def __init__(self, base: str):
        self.base, self.token = base, None

    def call(self, method: str, path: str, body=None, *, content_type="application/json") -> bytes:
        data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", content_type)
        if self.token:
            request.add_header("Authorization", f"Token {self.token}")
        try:
            with urllib.request.urlopen(request) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            pytest.fail(f"doccano {method} {path}: HTTP {error.code} {error.read()[:500]!r}")

    def json(self, method: str, path: str, body=None):
        return json.loads(self.call(method, path, body) or b"null")

    def log_in(self) -> None:
        self.token = self.json("POST", "/v1/auth/login/", {"username": USER, "password": PASSWORD})["key"]

    def create_project(self, *, grapheme_mode: bool = False) -> int:
        project = {
            "name": f"interop {uuid.uuid4().hex[:8]}",
            "description": "annotator interop",
            "guideline": "",
            "project_type": "SequenceLabeling",
            "resourcetype": "SequenceLabelingProject",
            "grapheme_mode": grapheme_mode,
        }
        created = self.json("POST", "/v1/projects", project)
        assert created["grapheme_mode"] is grapheme_mode
        return created["id"]

    def upload(self, project: int, name: str, content: bytes) -> dict:
        """Import one JSONL file as the web page does: filepond upload, then the import task."""
        boundary = uuid.uuid4().hex
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="filepond"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        )
        form = head.encode() + content + f"\r\n--{boundary}--\r\n".encode()
        upload_id = self.call(
            "POST", "/v1/fp/process/", form, content_type=f"multipart/form-data; boundary={boundary}"
        )
        task = {"uploadIds": [upload_id.decode()], "format": "JSONL", "task": "SequenceLabeling"}
        started = self.json("POST", f"/v1/projects/{project}/upload", {**task, "encoding": "Auto"})
        return self.wait(started["task_id"])

    def wait(self, task_id: str) -> dict:
        for _ in range(TASK_TRIES):
            status = self.json("GET", f"/v1/tasks/status/{task_id}")
            if status["ready"]:
                return status
            time.sleep(0.1)
        pytest.fail(f"doccano task {task_id} did not finish")

    def examples(self, project: int) -> list[dict]:
        return self.json("GET", f"/v1/projects/{project}/examples?limit=1000")["results"]

    def spans(self, project: int, example: int) -> list[tuple[int, int, str]]:
        """An example's spans as (start, end, label text), as doccano stores them."""
        types = {t["id"]: t["text"] for t in self.json("GET", f"/v1/projects/{project}/span-types")}
        spans = self.json("GET", f"/v1/projects/{project}/examples/{example}/spans")
        return sorted((s["start_offset"], s["end_offset"], types[s["label"]]) for s in spans)

    def add_span(self, project: int, example: int, start: int, end: int, label: str) -> None:
        """Label a span as the web page does when a user selects text and picks a label."""
        types = {t["text"]: t["id"] for t in self.json("GET", f"/v1/projects/{project}/span-types")}
        if label not in types:
            created = self.json("POST", f"/v1/projects/{project}/span-types", {"text": label})
            types[label] = created["id"]
        span = {"start_offset": start, "end_offset": end, "label": types[label]}
        self.json("POST", f"/v1/projects/{project}/examples/{example}/spans", span)

    def export_jsonl(self, project: int) -> dict[str, bytes]:
        """doccano's own JSONL export: a zip with one file per annotator."""
        started = self.json("POST", f"/v1/projects/{project}/download", {"format": "JSONL"})
        self.wait(started["task_id"])
        data = self.call("GET", f"/v1/projects/{project}/download?taskId={started['task_id']}")
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {name: archive.read(name) for name in archive.namelist()}


def _environment(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DOCCANO_HOME": str(home),
        "DATABASE_URL": f"sqlite:///{home / 'db.sqlite3'}",
        "MEDIA_ROOT": str(home / "media"),
        "STANDALONE": "True",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DEBUG": "False",
    }


def _start(command: list, env: dict, log: Path) -> subprocess.Popen:
    with log.open("wb") as out:
        return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=log.parent)


def _stop(process: subprocess.Popen) -> None:
    """Stop one process we started, by its own id: politely, then for sure."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_ready(client: Doccano, processes: list, logs: list[Path]) -> None:
    for _ in range(READY_TRIES):
        if any(p.poll() is not None for p in processes):
            break
        try:
            with urllib.request.urlopen(client.base + "/v1/health/") as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.1)
    tails = "\n".join(f"{log.name}: {log.read_text(errors='replace')[-2000:]}" for log in logs)
    pytest.fail(f"doccano did not answer on {client.base}:\n{tails}")


@pytest.fixture(scope="module")
def doccano(tmp_path_factory):
    """A real doccano on loopback with its own database; every process stopped at the end."""
    doccano_bin = client_bin("doccano", "doccano")
    python = doccano_bin.parent / "python"
    home = tmp_path_factory.mktemp("doccano")
    env = _environment(home)
    subprocess.run([doccano_bin, "init"], env=env, check=True, capture_output=True, cwd=home)
    user = ["createuser", "--username", USER, "--password", PASSWORD]
    subprocess.run([doccano_bin, *user], env=env, check=True, capture_output=True, cwd=home)
    backend = subprocess.run(
        [python, "-c", "import backend, os; print(os.path.dirname(backend.__file__))"],
        env=env, check=True, capture_output=True, text=True,
    ).stdout.strip()
    port = _free_port()
    web = [doccano_bin.parent / "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    logs = [home / "web.log", home / "task.log"]
    processes = [
        _start([*web, "--chdir", backend, "config.wsgi"], env, logs[0]),
        _start([doccano_bin, "task", "--concurrency", "1"], env, logs[1]),
    ]
    try:
        client = Doccano(f"http://127.0.0.1:{port}")
        _wait_until_ready(client, processes, logs)
        client.log_in()
        yield client
    finally:
        for process in processes:
            _stop(process)


def _utf16_slice(text: str, start: int, end: int) -> str:
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def _utf16(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def _graphemes(text: str, offset: int) -> int:
    """Grapheme offset of a code point offset (what doccano's page counts in grapheme mode)."""
    return len(regex.findall(r"\X", text[:offset]))


def _our_project(path: Path) -> Project:
    """Our project holding ARTICLES with their claims."""
    project = Project.open(path)
    for text, quotes, meta in ARTICLES:
        claims = tuple(_incoming(text, quote) for quote in quotes)
        project.articles.add(IncomingArticle(text=text, claims=claims, **meta), by="amira")
    return project


def _incoming(text: str, quote: str) -> IncomingClaim:
    start = text.index(quote)
    return IncomingClaim(start=start, end=start + len(quote), quote=quote, kind="casualty")


def test_doccano_imports_our_export_with_every_span_exact(doccano, tmp_path):
    with _our_project(tmp_path / "ours.annotator") as ours:
        out = tmp_path / "ours-doccano.jsonl"
        assert exporter_for("doccano")(ours, out) == len(ARTICLES)
    project = doccano.create_project()
    assert doccano.upload(project, "ours-doccano.jsonl", out.read_bytes()) == {
        "ready": True, "result": {"error": []}, "error": None,
    }
    examples = {e["text"]: e for e in doccano.examples(project)}
    assert sorted(examples) == sorted(text for text, _, _ in ARTICLES)
    for text, quotes, meta in ARTICLES:
        spans = doccano.spans(project, examples[text]["id"])
        assert sorted(_utf16_slice(text, s, e) for s, e, _ in spans) == sorted(quotes)
        assert {label for _, _, label in spans} == {"casualty"}
        kept = {key: examples[text]["meta"][key] for key in META_KEYS}
        assert {key: value for key, value in kept.items() if value} == meta


def test_doccano_imports_the_sample_project_export(doccano, tmp_path):
    from annotator.core.sample import seed_sample

    with Project.open(tmp_path / "sample.annotator") as sample:
        seed_sample(sample)
        out = tmp_path / "sample-doccano.jsonl"
        count = exporter_for("doccano")(sample, out)
        expected = sorted((c.article_id, c.quote) for c in sample.claims.select())
        texts = {i: sample.articles.text(i) for i in sample.articles.ids()}
    project = doccano.create_project()
    assert doccano.upload(project, "sample.jsonl", out.read_bytes())["result"] == {"error": []}
    examples = doccano.examples(project)
    assert len(examples) == count
    by_text = {text: article for article, text in texts.items()}
    found = sorted(
        (by_text[e["text"]], _utf16_slice(e["text"], s, end))
        for e in examples
        for s, end, _ in doccano.spans(project, e["id"])
    )
    assert found == expected


def _doccano_labelled(doccano, *, grapheme_mode: bool, offset) -> tuple[int, list]:
    """A doccano project whose spans were made in doccano (as its page makes them), the texts
    uploaded with CRLF line breaks as a doccano user's file has them."""
    project = doccano.create_project(grapheme_mode=grapheme_mode)
    raw = [(text.replace("\n", "\r\n"), quotes) for text, quotes, _ in ARTICLES]
    lines = "".join(json.dumps({"text": text, "label": []}) + "\n" for text, _ in raw)
    assert doccano.upload(project, "texts.jsonl", lines.encode("ascii"))["result"] == {"error": []}
    examples = {e["text"]: e["id"] for e in doccano.examples(project)}
    for text, quotes in raw:
        for quote in quotes:
            start = text.index(quote)
            begin, end = offset(text, start), offset(text, start + len(quote))
            doccano.add_span(project, examples[text], begin, end, "casualty")
    return project, raw


def _import_export(doccano, project: int, tmp_path: Path, format_name: str):
    files = doccano.export_jsonl(project)
    assert list(files) == [f"{USER}.jsonl"]
    path = tmp_path / f"{format_name}.jsonl"
    path.write_bytes(files[f"{USER}.jsonl"])
    ours = Project.open(":memory:")
    return ours, import_paths(ours, [path], by="amira", format_name=format_name), path


def test_we_import_doccanos_own_export_with_every_span_exact(doccano, tmp_path):
    project, raw = _doccano_labelled(doccano, grapheme_mode=False, offset=_utf16)
    ours, summary, _ = _import_export(doccano, project, tmp_path, "doccano")
    with ours:
        assert (summary.failures, summary.imported) == ([], len(raw))
        claims = list(ours.claims.select())
        assert sorted(c.quote for c in claims) == sorted(q for _, quotes in raw for q in quotes)
        for claim in claims:
            assert ours.articles.text(claim.article_id)[claim.start : claim.end] == claim.quote
            assert claim.kind == "casualty"
        assert all("\r" not in ours.articles.text(i) for i in ours.articles.ids())


def test_grapheme_mode_export_is_refused_by_default_and_exact_with_graphemes(doccano, tmp_path):
    project, raw = _doccano_labelled(doccano, grapheme_mode=True, offset=_graphemes)
    ours, summary, path = _import_export(doccano, project, tmp_path, "doccano")
    with ours:
        [(source, reason)] = summary.failures
        assert source == str(path) and "--offsets graphemes" in reason
        assert ours.articles.count() == 0
    ours, summary, _ = _import_export(doccano, project, tmp_path, "doccano-graphemes")
    with ours:
        assert summary.failures == []
        assert sorted(c.quote for c in ours.claims.select()) == sorted(q for _, qs in raw for q in qs)


def test_doccano_refuses_what_we_used_to_write(doccano):
    """The two defects of issue 11, shown on the real doccano: non-ASCII UTF-8 under "Auto",
    and lines with different metadata keys."""
    project = doccano.create_project()
    text, quotes, _ = ARTICLES[0]
    utf8 = json.dumps({"text": text, "label": [], "title": "Zürich"}, ensure_ascii=False) + "\n"
    assert doccano.upload(project, "utf8.jsonl", utf8.encode("utf-8"))["error"] is not None
    mixed = json.dumps({"text": "one", "title": "a"}) + "\n" + json.dumps({"text": "two", "outlet": "b"})
    assert doccano.upload(project, "mixed.jsonl", mixed.encode("ascii"))["error"] is not None
    assert doccano.examples(project) == []
