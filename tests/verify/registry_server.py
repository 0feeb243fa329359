"""A fake registry on 127.0.0.1 for the verify tests, which import its fixtures (`registry`, `no_user_cache`):
Crossref, OpenAlex and DBLP answers recorded for the tests, a request counter, a queue of failures (429, 503)
answered first, and a delay that makes requests time out. Not a conftest.py: tests elsewhere import
`conftest` by name, and a second one would shadow theirs."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from support import refcheck_in_process

RECORDED = Path(__file__).parent / "registry"


def _recorded(name: str) -> dict:
    return json.loads((RECORDED / name).read_text(encoding="utf-8"))


def _answer(path: str, query: dict[str, str]) -> tuple[int, dict | None]:
    """What the fake registry answers: (status, JSON)."""
    if path.startswith("/crossref/works/"):
        doi = unquote(path.removeprefix("/crossref/works/")).lower()
        known = {"10.1080/14650045.2012.723287": "crossref_moisio.json",
                 "10.1016/s0140-6736(97)11096-0": "crossref_retracted.json"}
        return (200, _recorded(known[doi])) if doi in known else (404, None)
    if path == "/crossref/works":
        text = query.get("query.bibliographic", "").lower()
        return 200, _recorded("crossref_query_nye.json" if "soft power" in text else "crossref_empty.json")
    if path.startswith("/openalex/works/"):
        return 404, None
    if path == "/openalex/works":
        text = query.get("search", "").lower()
        return 200, _recorded("openalex_search_hofstede.json") if "dimensionalizing" in text else {"results": []}
    if path == "/dblp/search/publ/api":
        text = query.get("q", "").lower()
        if "attention" in text:
            return 200, _recorded("dblp_search_attention.json")
        return 200, {"result": {"hits": {"@total": "0"}}}
    return 404, None


class FakeRegistry(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[str] = []
        self.fail_next: list[int] = []  # statuses answered (in order) before the real answer
        self.delay = 0.0
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: FakeRegistry

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        with self.server._lock:
            self.server.requests.append(self.path)
            failure = self.server.fail_next.pop(0) if self.server.fail_next else None
        if self.server.delay:
            time.sleep(self.server.delay)
        if failure:
            self._send(failure, {"message": "slow down"}, {"Retry-After": "0"})
            return
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        status, body = _answer(parts.path, query)
        self._send(status, body if body is not None else {"status": "not found"})

    def _send(self, status: int, body: dict, headers: dict | None = None) -> None:
        data = json.dumps(body).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client timed out and left
            pass

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def registry():
    server = FakeRegistry()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def no_user_cache(tmp_path, monkeypatch):
    """Never the user's cache folder: the default cache goes under the test's own folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))


def write_config(folder: Path, registry: FakeRegistry, sources=("crossref", "openalex", "dblp"), **extra) -> Path:
    urls = ", ".join(f'{s} = "{registry.url}/{s}"' for s in ("crossref", "openalex", "dblp"))
    table = {"sources": list(sources), "cache": "cache.sqlite3", "backoff": 0.01, "timeout": 2.0, "retries": 2,
             "mailto": "tests@example.org", **extra}
    lines = ["[verify]"] + [f"{k} = {json.dumps(v)}" for k, v in table.items()] + [f"urls = {{ {urls} }}",
             "rate-limit = { crossref = 1000, openalex = 1000, dblp = 1000 }"]
    path = folder / "refcheck.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_refcheck(capsys, *args) -> tuple[int, str, str]:
    """`refcheck ARGS` in this process (so the fake registry's counter sees its requests): (exit, out, err)."""
    return refcheck_in_process(capsys, *args)
