"""Reads from a PostgreSQL replica, writes to the primary (issue 13, ADR 0018-scale).

Django's own multi-database routing does the work; this module only decides *which* reads may go to the
replica. A read is replica-safe when it serves a GET/HEAD/OPTIONS request (dashboards, the API's lists),
is not inside a transaction on the primary, and the reader has not written in the last
REPLICA_PIN_SECONDS (a signed-out cookie-free rule would show an analyst their own upload as missing: the
"pin" cookie gives them read-your-writes while the replica catches up). Everything else — form posts,
API writes, Celery tasks, management commands, and every read a service makes inside its atomic block —
reads the primary, so validation never runs against a lagging copy.

Configured only when DATABASE_REPLICA_URL is set (settings); the test settings add a "replica" alias that
mirrors the test database so the routing itself is tested.
"""

from __future__ import annotations

import contextvars
import time

from django.conf import settings
from django.db import connections

REPLICA = "replica"
PRIMARY = "default"
PIN_COOKIE = "md_primary_until"
ROUTER = "config.routers.PrimaryReplicaRouter"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_replica_reads: contextvars.ContextVar[bool] = contextvars.ContextVar("replica_reads", default=False)


class PrimaryReplicaRouter:
    """Writes and migrations on the primary; reads on the replica only where the request allowed it."""

    def db_for_read(self, model, **hints):
        if _replica_reads.get() and not connections[PRIMARY].in_atomic_block:
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies of it

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


def _pinned(request) -> bool:
    try:
        return float(request.COOKIES.get(PIN_COOKIE, "0")) > time.time()
    except ValueError:
        return False


class ReplicaReadsMiddleware:
    """Marks replica-safe requests for the router, and pins a writer to the primary for a few seconds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if ROUTER not in settings.DATABASE_ROUTERS:
            return self.get_response(request)  # no replica: nothing to decide, no cookie
        replica_ok = request.method in SAFE_METHODS and not _pinned(request)
        token = _replica_reads.set(replica_ok)
        try:
            response = self.get_response(request)
        finally:
            _replica_reads.reset(token)
        if request.method not in SAFE_METHODS:
            seconds = getattr(settings, "REPLICA_PIN_SECONDS", 10)
            response.set_cookie(
                PIN_COOKIE,
                f"{time.time() + seconds:.0f}",
                max_age=seconds,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
