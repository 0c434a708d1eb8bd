"""Issue 10: an upload larger than MAX_UPLOAD_BYTES is refused from its Content-Length header alone, before
the body is read — before CSRF (which reads a POST body for its token) and before any view. The live server
is sent the headers and a few bytes of body only: a prompt 413 proves nothing waited for the rest.
A chunked body (no Content-Length) is bounded by Django's own limits: it never ends in a 500."""

import json
import socket
import time

import pytest
from django.conf import settings
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db(transaction=True)
PROMPT = 3.0  # seconds: the whole answer, on a loaded two-core CI machine
CSRF = "a" * 32  # a well-formed CSRF secret, so the CSRF check goes on to read the POST body


def _raw(live_server, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict, bytes, float]:
    """Send a request as raw bytes; read the answer with a bounded timeout. Returns status, headers, body
    and the seconds it took."""
    host, port = live_server.thread.host, live_server.thread.port
    head = f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in headers.items())
    started = time.monotonic()
    with socket.create_connection((host, port), timeout=PROMPT) as sock:
        sock.sendall(head.encode() + b"\r\n" + body)
        received = b""
        try:
            while not _complete(received) and (chunk := sock.recv(65536)):
                received += chunk
        except TimeoutError:
            pytest.fail(f"No whole answer within {PROMPT} s: the server is waiting for the body")
    took = time.monotonic() - started
    top, _, content = received.partition(b"\r\n\r\n")
    lines = top.decode("latin-1").split("\r\n")
    answer_headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    return int(lines[0].split()[1]), answer_headers, content, took


def _complete(received: bytes) -> bool:
    """The headers and as many bytes of body as they announce (the test server then goes on draining the
    unread request body until the client closes: only a development server does that)."""
    top, found, content = received.partition(b"\r\n\r\n")
    if not found:
        return False
    for line in top.decode("latin-1").split("\r\n")[1:]:
        name, _, value = line.partition(": ")
        if name.lower() == "content-length":
            return len(content) >= int(value)
    return False  # no length: read until the server closes


def _multipart_headers(length: int, **extra: str) -> dict[str, str]:
    return {
        "Content-Type": "multipart/form-data; boundary=xyz",
        "Content-Length": str(length),
        "Connection": "close",
        **extra,
    }


@pytest.fixture(autouse=True)
def _warm(live_server):
    """The first request imports the views (pandas among them): not what the timings measure."""
    from django.test import Client

    Client().get("/")


@pytest.fixture
def analyst_cookies(users, client):
    client.force_login(users["analyst"])
    return f"sessionid={client.cookies['sessionid'].value}; csrftoken={CSRF}"


def test_the_upload_page_refuses_a_huge_declared_body_before_reading_it(live_server, analyst_cookies):
    headers = _multipart_headers(settings.MAX_UPLOAD_BYTES + 1, Cookie=analyst_cookies)
    status, answer, body, took = _raw(live_server, "/uploads/", headers, b"--xyz\r\n")
    assert status == 413 and took < PROMPT, (status, took)
    page = body.decode(errors="replace")
    assert "govuk-heading-l" in page and "must be smaller than" in page
    assert "Traceback" not in page


def test_the_api_refuses_a_huge_declared_body_with_json_before_reading_it(live_server, users):
    token = Token.objects.create(user=users["analyst"]).key
    headers = _multipart_headers(settings.MAX_UPLOAD_BYTES * 4, Authorization=f"Token {token}")
    status, answer, body, took = _raw(live_server, "/api/v1/uploads/", headers, b"--xyz\r\n")
    assert status == 413 and took < PROMPT, (status, took)
    assert answer.get("Content-Type", "").startswith("application/json")
    error = json.loads(body)
    assert error["code"] == "too_large" and error["errors"] == []


def test_an_anonymous_huge_post_is_refused_too(live_server):
    headers = _multipart_headers(10 * settings.MAX_UPLOAD_BYTES, Cookie=f"csrftoken={CSRF}")
    status, _, _, took = _raw(live_server, "/uploads/", headers, b"--xyz\r\n")
    assert status == 413 and took < PROMPT, (status, took)


def test_a_body_within_the_limit_still_reaches_the_page(live_server, analyst_cookies):
    body = b"--xyz--\r\n"
    headers = _multipart_headers(len(body), Cookie=analyst_cookies)
    status, _, _, took = _raw(live_server, "/uploads/", headers, body)
    assert status == 403 and took < PROMPT  # CSRF: no token was sent with the form


@pytest.mark.parametrize("path", ["/uploads/", "/api/v1/uploads/"])
def test_a_chunked_body_without_a_length_is_bounded_and_never_a_server_error(live_server, users, path):
    token = Token.objects.create(user=users["analyst"]).key
    headers = {
        "Content-Type": "multipart/form-data; boundary=xyz",
        "Transfer-Encoding": "chunked",
        "Connection": "close",
        "Authorization": f"Token {token}",
        "Cookie": f"csrftoken={CSRF}",
    }
    chunk = b"--xyz\r\n"
    body = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"  # one chunk, never the final one
    status, _, content, took = _raw(live_server, path, headers, body)
    assert took < PROMPT and status < 500, (status, took, content[:300])
