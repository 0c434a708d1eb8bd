"""Computed statuses kept in the cache (Redis in production), invalidated by new vintages (issue 13).

A status is a pure function of the metric, its targets, its observations (and those of the other metrics
a gap target compares it with) and today's date. Each metric has a version token in the cache; a status
is stored under the tokens of every metric it reads, so a new vintage, target, trajectory point,
comparator value or series break for any of them makes the stored status unreachable — nothing is
deleted, nothing is ever served after a change it depends on. Tokens are replaced (never incremented):
a token the cache evicted is simply made again, which also makes its old statuses unreachable.

Only statuses "as at now" are cached; historical ones (`as_of`) are computed. With a replica, a reader
could recompute from a copy that lags the commit that changed the token; STATUS_CACHE_SECONDS (300 s by
default, 0 turns the cache off) bounds how long such a status can live.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

log = logging.getLogger(__name__)
PREFIX = "metric-status"


def _version_key(metric_id: int) -> str:
    return f"{PREFIX}:version:{metric_id}"


def enabled() -> bool:
    return getattr(settings, "STATUS_CACHE_SECONDS", 0) > 0


def renew_tokens(keys: list[str], what: str) -> None:
    """New values for these version keys, now and once the current transaction commits."""

    def renew() -> None:
        token = str(time.time_ns())
        try:
            cache.set_many(dict.fromkeys(keys, token), timeout=None)
        except Exception as exc:  # unreachable: what it holds lives at most STATUS_CACHE_SECONDS
            log.warning("Could not renew the tokens of %s: %s", what, exc)

    # Now, so the writer's own later reads (in its transaction) see the change, and again after commit, so
    # a result another reader computed from the data before the commit is never reached.
    renew()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(renew)


def tokens(keys: list[str]) -> dict[str, str]:
    """Each version key's value, made where the cache has none (a concurrent reader's is kept)."""
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        token = str(time.time_ns())
        for key in missing:
            cache.add(key, token, timeout=None)
        found |= cache.get_many(missing)
    return found


def statuses_invalidate(*, metric_ids: Iterable[int]) -> None:
    """New tokens for these metrics, now and once the current transaction commits."""
    ids = sorted(set(metric_ids))
    if ids:
        renew_tokens([_version_key(i) for i in ids], f"metrics {ids}")


def _dependencies(metric, target) -> set[int]:
    others = {other.pk for other in target.gap_metrics.all()} if target is not None else set()
    return {metric.pk, *others}


def metric_versions(ids: set[int]) -> dict[int, str]:
    """Each metric's current token (made where the cache has none); other caches built on statuses use it."""
    keys = {_version_key(i): i for i in ids}
    return {keys[key]: value for key, value in tokens(list(keys)).items()}


def cached_statuses(metrics: list, primary: dict, today: date, recent: int, compute: Callable[[list], dict]):
    """`compute(metrics)` for the metrics whose status is not stored under their current tokens."""
    try:
        deps = {m.pk: _dependencies(m, primary[m.pk]) for m in metrics}
        versions = metric_versions(set().union(*deps.values()))
        keys = {}
        for m in metrics:
            tokens = ",".join(f"{i}={versions.get(i, '')}" for i in sorted(deps[m.pk]))
            digest = hashlib.sha256(f"{today}|{recent}|{tokens}".encode()).hexdigest()[:32]
            keys[m.pk] = f"{PREFIX}:{m.pk}:{digest}"
        stored = cache.get_many(list(keys.values()))
    except Exception as exc:  # a cache that is down costs speed, never an answer
        log.warning("Status cache unavailable, computing: %s", exc)
        return compute(metrics)
    found = {pk: stored[key] for pk, key in keys.items() if key in stored}
    missing = [m for m in metrics if m.pk not in found]
    if missing:
        fresh = compute(missing)
        try:
            cache.set_many(
                {keys[pk]: status for pk, status in fresh.items()}, timeout=settings.STATUS_CACHE_SECONDS
            )
        except Exception as exc:
            log.warning("Could not store computed statuses: %s", exc)
        found |= fresh
    return {m.pk: found[m.pk] for m in metrics}


def _on_change(sender, instance, **kwargs) -> None:
    from metrics.models import Metric, Target

    if isinstance(instance, Metric):
        metric_id = instance.pk
    elif hasattr(instance, "metric_id"):
        metric_id = instance.metric_id
    else:  # a trajectory point or comparator value: its target's metric (a target deleted with it says so)
        metric_id = Target.objects.filter(pk=instance.target_id).values_list("metric_id", flat=True).first()
    if metric_id is not None:
        statuses_invalidate(metric_ids=[metric_id])


def _on_gap_change(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    from metrics.models import Target

    if not action.startswith("post_"):
        return
    if not reverse:  # target.gap_metrics.add(...)
        statuses_invalidate(metric_ids=[instance.metric_id])
    else:  # metric.<related>.add(target, ...): the targets' own metrics
        targets = Target.objects.filter(pk__in=pk_set or ())
        statuses_invalidate(metric_ids=targets.values_list("metric_id", flat=True))


def connect_signals() -> None:
    """Every ORM write a status reads (observations written one by one — factories, the admin —, metrics,
    targets, trajectories, comparators, breaks). Bulk imports call statuses_invalidate themselves."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from metrics.models import ComparatorValue, Metric, Observation, SeriesBreak, Target, TrajectoryPoint

    for model in (Observation, Metric, Target, TrajectoryPoint, ComparatorValue, SeriesBreak):
        post_save.connect(_on_change, sender=model, dispatch_uid=f"status-cache-save-{model.__name__}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"status-cache-delete-{model.__name__}")
    for through in (Target.gap_metrics.through, Target.gap_geographies.through):
        m2m_changed.connect(_on_gap_change, sender=through, dispatch_uid=f"status-cache-{through.__name__}")
