"""/treasury/'s sections kept in the cache, made unreachable by any change to what they read (issue 13).

The page appraises every case on each build (100,000 impact rows at 2,000 cases), so building it grows with
the number of cases. It is the same for everyone who may open it (the Treasury and the centre see every
case), so one build serves them all until something it reads changes:

- any save or delete of a spending record (cases, their costs, impacts, status changes, sign-offs,
  valuations, reviews, allocations, fiscal events, the Mission Fund), a case's missions or partners, a
  mission or an organisation renews one token, ``treasury:version``, now and when the transaction commits;
- observations, targets and the metrics themselves have per-metric tokens already (metrics/status_cache.py):
  a build records the tokens of every metric a case has an impact on (and of the metrics their gap targets
  compare with), read before it computes, and is served only while each is unchanged.

Bulk writes that send no signals (bench/treasury.py's fixtures) call ``treasury_invalidate`` themselves, as
bulk imports call ``statuses_invalidate``. A build is kept at most STATUS_CACHE_SECONDS (0: not cached), which
bounds what a replica's lag could leave behind; the key holds the as-at date and today's date, so an
"as at now" build is never served on another day. A cache that is down costs speed, never an answer.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from metrics.status_cache import enabled, metric_versions, renew_tokens, tokens

log = logging.getLogger(__name__)
VERSION_KEY = "treasury:version"


def treasury_invalidate() -> None:
    """A new token, now and once the current transaction commits (as statuses_invalidate)."""
    renew_tokens([VERSION_KEY], "the Treasury dashboard")


def _metrics_read() -> set[int]:
    """The metrics whose statuses and series the page reads: those cases have impacts on, and the metrics
    their targets' gaps compare them with."""
    from metrics.models import Target
    from spending.models import ModelledImpact

    ids = set(ModelledImpact.objects.order_by().values_list("metric_id", flat=True).distinct())
    gaps = Target.gap_metrics.through.objects.filter(target__metric__in=ids)
    return ids | set(gaps.values_list("metric_id", flat=True))


def cached_sections(as_at: datetime | None, build: Callable[[], list]) -> list:
    """`build()` unless a build made from the same data is kept."""
    if not enabled():
        return build()
    try:
        day = as_at.isoformat() if as_at else "now"
        version = tokens([VERSION_KEY])[VERSION_KEY]
        digest = hashlib.sha256(f"{version}|{day}|{timezone.localdate()}".encode()).hexdigest()[:32]
        key = f"treasury:sections:{digest}"
        kept = cache.get(key)
        if kept is not None and metric_versions(set(kept["metrics"])) == kept["metrics"]:
            return kept["sections"]
        read = metric_versions(_metrics_read())  # before building: a later vintage renews them
    except Exception as exc:
        log.warning("Treasury dashboard cache unavailable, building: %s", exc)
        return build()
    sections = build()
    try:
        cache.set(key, {"metrics": read, "sections": sections}, timeout=settings.STATUS_CACHE_SECONDS)
    except Exception as exc:
        log.warning("Could not keep the Treasury dashboard's sections: %s", exc)
    return sections


def _on_change(sender, **kwargs) -> None:
    if kwargs.get("action", "post_").startswith("post_"):
        treasury_invalidate()


def connect_signals() -> None:
    """Every ORM write to a record the page reads other than observations and targets (those renew the
    metrics' own tokens)."""
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from missions.models import Mission, Organisation

    models = [*apps.get_app_config("spending").get_models(), Mission, Organisation]
    for model in models:
        name = f"{model._meta.label}"
        post_save.connect(_on_change, sender=model, dispatch_uid=f"treasury-cache-save-{name}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"treasury-cache-delete-{name}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            uid = f"treasury-cache-{through._meta.label}"
            m2m_changed.connect(_on_change, sender=through, dispatch_uid=uid)
