"""HTTP for pulls: every call has connect and read timeouts, an overall deadline and a size limit; only
allowed hosts are fetched; transient failures are retried with exponential backoff.

Settings (all optional): PULL_ALLOWED_HOSTS ("*" = any host, for the demo and tests), PULL_ALLOW_PRIVATE_
ADDRESSES, PULL_CONNECT_TIMEOUT, PULL_READ_TIMEOUT, PULL_TOTAL_TIMEOUT (seconds), PULL_MAX_BYTES,
PULL_ATTEMPTS, PULL_BACKOFF (seconds before the first retry; doubled each time), PULL_FETCH_BUDGET (seconds
for the whole fetch, every attempt, redirect and backoff included; it must fit in the pull task's soft time
limit with time left to import: the `sources.E001` system check says so when it does not).
"""

from __future__ import annotations

import hashlib
import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings

TRANSIENT_STATUSES = {408, 425, 429, 500, 502, 503, 504}
MAX_REDIRECTS = 5
USER_AGENT = "MissionDashboard/1.0 (+scheduled statistics pull)"


class FetchError(Exception):
    """The release could not be fetched. The message is plain English and is shown to users."""

    def __init__(self, message: str, *, transient: bool = False):
        super().__init__(message)
        self.transient = transient


@dataclass(frozen=True)
class Fetched:
    not_modified: bool
    content: bytes
    etag: str
    last_modified: str
    checksum: str
    attempts: int


def _setting(name: str, default):
    return getattr(settings, name, default)


def host_allowed(host: str) -> bool:
    """Is ``host`` on PULL_ALLOWED_HOSTS? An entry ``.example.org`` also allows its subdomains."""
    allowed = [h.lower() for h in _setting("PULL_ALLOWED_HOSTS", ["*"])]
    host = host.lower().rstrip(".")
    if "*" in allowed:
        return True
    return any(host == entry or (entry.startswith(".") and host.endswith(entry)) for entry in allowed)


def check_url(url: str) -> None:
    """Refuse a URL the server must not fetch: not http(s), a host not allowed, or a name that resolves to
    a private, loopback, link-local or reserved address (unless PULL_ALLOW_PRIVATE_ADDRESSES; allowing any
    host with "*" no longer turns this check off)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"'{url}' is not a web address (it must start with http:// or https://).")
    host = parts.hostname
    if not host_allowed(host):
        raise FetchError(
            f"Pulls may not fetch from {host}: it is not on the list of allowed hosts (PULL_ALLOWED_HOSTS)."
        )
    if _setting("PULL_ALLOW_PRIVATE_ADDRESSES", False):
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80))
    except socket.gaierror:
        raise FetchError(f"The host {host} could not be found.", transient=True)
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise FetchError(f"Pulls may not fetch from {host}: it resolves to an internal address.")


def fetch_budget() -> float:
    """Seconds a whole fetch may take (all attempts, redirects and backoffs)."""
    return float(_setting("PULL_FETCH_BUDGET", 240))


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(
            f"The source took longer than the {fetch_budget():g} seconds a pull may spend fetching."
        )
    return left


def fetch(url: str, *, etag: str = "", last_modified: str = "") -> Fetched:
    """GET ``url``, conditionally when ``etag``/``last_modified`` are known; retry transient failures,
    all within `fetch_budget` seconds."""
    deadline = time.monotonic() + fetch_budget()
    attempts = max(1, int(_setting("PULL_ATTEMPTS", 3)))
    backoff = float(_setting("PULL_BACKOFF", 2.0))
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    for attempt in range(1, attempts + 1):
        try:
            return _fetch_once(url, headers, attempt, deadline)
        except FetchError as exc:
            delay = backoff * 2 ** (attempt - 1)
            out_of_time = time.monotonic() + delay >= deadline
            if not exc.transient or attempt == attempts or out_of_time:
                if exc.transient:
                    raise FetchError(f"{exc} Tried {attempt} times.") from exc
                raise
            time.sleep(delay)
    raise AssertionError("unreachable")


def _fetch_once(url: str, headers: dict, attempt: int, deadline: float) -> Fetched:
    connect, read = float(_setting("PULL_CONNECT_TIMEOUT", 10)), float(_setting("PULL_READ_TIMEOUT", 30))
    with requests.Session() as session:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(url)
            left = _remaining(deadline)
            timeout = (min(connect, left / 2), min(read, left / 2))  # connect + read stay within it
            try:
                response = session.get(
                    url, headers=headers, timeout=timeout, stream=True, allow_redirects=False
                )
            except requests.Timeout:
                raise FetchError(f"The source did not answer within {timeout[1]:g} seconds.", transient=True)
            except requests.ConnectionError:
                raise FetchError("The source could not be reached.", transient=True)
            with response:
                if response.is_redirect and response.headers.get("Location"):
                    url = urljoin(url, response.headers["Location"])
                    continue
                return _read(response, attempt, deadline)
    raise FetchError(f"The source redirected more than {MAX_REDIRECTS} times.")


def _read(response: requests.Response, attempt: int, deadline: float) -> Fetched:
    status = response.status_code
    etag = response.headers.get("ETag", "")[:300]
    modified = response.headers.get("Last-Modified", "")[:100]
    if status == 304:
        return Fetched(True, b"", etag, modified, "", attempt)
    if status in TRANSIENT_STATUSES:
        raise FetchError(f"The source answered with an error (HTTP {status}).", transient=True)
    if status >= 400:
        hint = " The address may be wrong." if status in (404, 410) else ""
        raise FetchError(f"The source refused the request (HTTP {status}).{hint}")
    content = _body(response, deadline)
    return Fetched(False, content, etag, modified, hashlib.sha256(content).hexdigest(), attempt)


def _body(response: requests.Response, budget_deadline: float) -> bytes:
    limit = int(_setting("PULL_MAX_BYTES", 50 * 1024 * 1024))
    deadline = min(time.monotonic() + float(_setting("PULL_TOTAL_TIMEOUT", 120)), budget_deadline)
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise FetchError(_too_big(limit))
    chunks, size = [], 0
    try:
        for chunk in response.iter_content(chunk_size=64 * 1024):
            size += len(chunk)
            if size > limit:
                raise FetchError(_too_big(limit))
            if time.monotonic() > deadline:
                raise FetchError("The source was too slow to send the release.", transient=True)
            chunks.append(chunk)
    except requests.RequestException:
        raise FetchError("The connection broke while the release was being downloaded.", transient=True)
    return b"".join(chunks)


def _too_big(limit: int) -> str:
    return f"The release is larger than the {limit / 1024 / 1024:g} MB a pull may download."
