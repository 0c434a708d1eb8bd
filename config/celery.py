"""The Celery app. Tasks live in each app's tasks.py and are discovered from INSTALLED_APPS."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("mission_dashboard")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Past one machine (issue 13): each kind of work has its own queue, so pulls, uploads and pack builds scale
# apart (`docker compose up --scale worker-uploads=3`) and a 9:30 burst of pulls never waits behind a
# million-row upload. Queue names come from settings.TASK_QUEUES_BY_KIND at send time (tests give their
# own worker a private queue that way); a kind missing there goes to the default queue.
TASK_KINDS = {
    "metrics.tasks.source_pull": "pulls",
    "metrics.tasks.source_pull_scheduled": "pulls",
    "metrics.tasks.source_pulls_reclaim_stale": "pulls",
    "metrics.ingest.tasks.upload_process": "uploads",
    "metrics.ingest.tasks.uploads_reclaim_stale": "uploads",
    "councils.tasks.build_checkin_pack": "packs",
}


def route_by_kind(name, args, kwargs, options, task=None, **kw):
    from django.conf import settings

    queue = getattr(settings, "TASK_QUEUES_BY_KIND", {}).get(TASK_KINDS.get(name, ""))
    return {"queue": queue} if queue else None
