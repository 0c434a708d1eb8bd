"""Celery tasks of the metrics app: thin, take ids, safe to run twice (DESIGN §5, STYLE: tasks).

`acks_late` + `reject_on_worker_lost`: a worker killed mid-pull does not acknowledge the message, so the
broker hands it to another worker; the run was claimed but its import transaction never committed, so the
redo starts from a clean slate. Database hiccups are retried with exponential backoff; HTTP retries happen
inside the fetch (sources.fetch), where the backoff is short and the run records the outcome.
"""

from __future__ import annotations

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError

from sources import services
from sources.models import DataSource

PULL_TIME_LIMIT = getattr(settings, "PULL_TASK_TIME_LIMIT", 360)
PULL_SOFT_TIME_LIMIT = PULL_TIME_LIMIT - 30
#: Seconds of the soft limit kept for parsing and importing after the fetch's budget (sources.checks).
IMPORT_ALLOWANCE = 60
RETRY_POLICY = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": 5,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(
    name="metrics.tasks.source_pull",
    time_limit=PULL_TIME_LIMIT,
    soft_time_limit=PULL_SOFT_TIME_LIMIT,
    **RETRY_POLICY,
)
def source_pull(run_id: int) -> str:
    """Run one queued pull; a run that has already finished is left as it is."""
    try:
        return services.source_pull_run(run_id=run_id).outcome
    except SoftTimeLimitExceeded:
        message = (
            f"The pull took longer than {PULL_SOFT_TIME_LIMIT} seconds and was stopped; nothing was written."
        )
        return services.source_pull_fail(run_id=run_id, message=message).outcome


@shared_task(name="metrics.tasks.source_pull_scheduled", time_limit=60, soft_time_limit=50, **RETRY_POLICY)
def source_pull_scheduled(source_id: int) -> int | None:
    """Called by beat on the source's schedule: queue a run (one at a time per source)."""
    source = DataSource.objects.filter(pk=source_id, enabled=True).first()
    if source is None:
        return None
    return services.source_pull_enqueue(source=source).pk


# Its own soft limit too: the app-wide one (540 s) above a 120 s hard limit makes Celery refuse to send it.
@shared_task(
    name="metrics.tasks.source_pulls_reclaim_stale", time_limit=120, soft_time_limit=110, ignore_result=True
)
def source_pulls_reclaim_stale() -> int:
    """Beat: fail runs whose worker died mid-pull, with the reason; returns how many."""
    return len(services.source_pulls_reclaim_stale())
