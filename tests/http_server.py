"""A real HTTP server on 127.0.0.1, started by a pytest fixture, standing in for the statistical sources.

It serves the real samples under /formats/<file> (with an ETag and Last-Modified, answering conditional
requests with 304) and any route a test sets: a status, a body, a delay before answering, extra headers.
Every request is recorded, so tests can count retries and check the conditional headers sent.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FORMATS = Path(__file__).parent / "data" / "formats"
LAST_MODIFIED = "Wed, 13 Nov 2024 07:00:00 GMT"


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    delay: float = 0.0
    headers: dict = field(default_factory=dict)
    conditional: bool = True  # send an ETag/Last-Modified and honour If-None-Match
    fail_first: int = 0  # answer 503 to this many requests before behaving normally
    trickle: float = 0.0  # seconds between chunks of the body: a slow stream, so a reader is mid-flight
    chunk: int = 1024  # bytes per chunk when trickling


@dataclass
class Hit:
    path: str
    headers: dict
    at: float  # time.monotonic() when the request arrived


class SampleServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def sample_url(self, name: str) -> str:
        return self.url(f"/formats/{name}")

    def set(self, path: str, body: bytes | str = b"", **kwargs) -> str:
        self.routes[path] = Route(body=body.encode() if isinstance(body, str) else body, **kwargs)
        return self.url(path)

    def count(self, path: str) -> int:
        return sum(1 for hit in self.hits if hit.path == path)

    def reset(self) -> None:
        self.routes.clear()
        self.hits.clear()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _route(self, path: str) -> Route | None:
        if path in self.routes:
            return self.routes[path]
        if path.startswith("/formats/"):
            file = FORMATS / path.removeprefix("/formats/")
            if file.is_file() and file.parent == FORMATS:
                return Route(body=file.read_bytes())
        return None

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 - the stdlib's name
                server.hits.append(Hit(self.path, dict(self.headers), time.monotonic()))
                route = server._route(self.path)
                if route is None:
                    route = Route(body=b"Not found", status=404, conditional=False)
                if server.count(self.path) <= route.fail_first:
                    self._send(503, b"Service unavailable", {})
                    return
                if route.delay:
                    time.sleep(route.delay)
                etag = f'"{hashlib.sha256(route.body).hexdigest()[:16]}"'
                if route.conditional and route.status == 200 and self.headers.get("If-None-Match") == etag:
                    self._send(304, b"", {"ETag": etag, "Last-Modified": LAST_MODIFIED})
                    return
                headers = {"ETag": etag, "Last-Modified": LAST_MODIFIED} if route.conditional else {}
                self._send(route.status, route.body, {**headers, **route.headers}, route)

            def _send(self, status, body, headers, route=None):
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if body and route is not None and route.trickle:
                        for start in range(0, len(body), route.chunk):
                            self.wfile.write(body[start : start + route.chunk])
                            self.wfile.flush()
                            time.sleep(route.trickle)
                    elif body:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a read timeout under test)

            def log_message(self, *args):
                pass

        return Handler


_shared: SampleServer | None = None


def sample_server() -> SampleServer:
    """One server per test process, started on first use (closed with the process: daemon threads)."""
    global _shared
    if _shared is None:
        _shared = SampleServer()
    return _shared


@pytest.fixture
def http_server(settings):
    """The local source server, with fast pull settings so failure paths take well under a second."""
    settings.PULL_ALLOWED_HOSTS = ["*"]
    settings.PULL_ALLOW_PRIVATE_ADDRESSES = True  # it listens on loopback ("*" alone no longer allows that)
    settings.PULL_CONNECT_TIMEOUT = 1
    settings.PULL_READ_TIMEOUT = 0.3
    settings.PULL_BACKOFF = 0.02
    settings.PULL_ATTEMPTS = 3
    server = sample_server()
    server.reset()
    yield server
    server.reset()


def make_source(
    url: str, *, metric=None, connector: str = "ons_timeseries", frequency: str = "quarterly", **fields
):
    """A source created through the service (so its beat schedule exists too), for a new metric by default."""
    from sources.services import source_create
    from tests.factories import MetricFactory, geography

    metric = metric or MetricFactory(frequency=frequency)
    fields.setdefault("name", f"Source for {metric.slug}")
    fields.setdefault("geography", geography())
    return source_create(user=None, connector=connector, url=url, metric=metric, **fields)


def pull(source):
    """Queue a run and run it here, as `pull_sources` does; returns the finished run."""
    from sources.services import source_pull_create, source_pull_run

    run = source_pull_create(source=source)
    return source_pull_run(run_id=run.pk)
