"""Sending work to the Celery queue: fail fast and plainly when the broker cannot be reached.

With Redis down, a plain `.delay()` retried the connection for ~19 s and the request answered 500, leaving
its row "queued" for ever. Here the publish is tried once with short socket timeouts (settings
CELERY_BROKER_*), and a failure runs the caller's `on_failure` (which ends the row with a reason, through
its service) before raising `QueueUnavailable`, which the middleware answers with 503.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction

log = logging.getLogger(__name__)

MESSAGE = (
    "The background queue is not available at the moment, so this could not be started. "
    "Nothing was queued: try again in a few minutes."
)


class QueueUnavailable(Exception):
    def __init__(self, message: str = MESSAGE):
        super().__init__(message)
        self.message = message


def enqueue(task, *args) -> None:
    """Publish `task(*args)` once; raise QueueUnavailable if the broker does not answer in time."""
    try:
        task.apply_async(args=args, retry=False)
    except QueueUnavailable:
        raise
    except Exception as exc:  # kombu, redis-py and socket errors differ by transport; all mean "not sent"
        if task.app.conf.task_always_eager:
            raise  # eager mode (tests, one-machine demo) ran the task inline: its errors are not the queue's
        log.warning("Could not enqueue %s%r: %s: %s", task.name, args, type(exc).__name__, exc)
        raise QueueUnavailable() from exc


def enqueue_on_commit(task, *args, on_failure: Callable[[str], object]) -> None:
    """Enqueue once the current transaction commits; if the queue is down, `on_failure(message)` ends the
    committed row (so nothing waits for a message that was never sent) and QueueUnavailable propagates."""

    def send() -> None:
        try:
            enqueue(task, *args)
        except QueueUnavailable as exc:
            on_failure(exc.message)
            raise

    transaction.on_commit(send)
