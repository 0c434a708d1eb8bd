"""What the No10 overview shows besides the metrics: what changed since each mission's last check-in, and the
worst problems (overdue actions, deduplicated and each linked to where it can be opened).

Reads only, scoped to the user through the councils' selectors, in a fixed number of queries whatever the
number of metrics, meetings or actions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce
from operator import or_

from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone

from councils.models import Action, CheckInPack, Meeting
from councils.selectors import councils_visible_to, meetings_visible_to, overdue_actions
from metrics.models import Metric, Observation
from metrics.progress import STATUS_LABELS
from missions import permissions

#: Meeting kinds that count as a check-in on a mission (every council meeting reviews its core metrics).
CHECK_IN_KINDS = (Meeting.Kind.CHECK_IN, Meeting.Kind.DELIVERY, Meeting.Kind.STRATEGY)


@dataclass(frozen=True)
class Change:
    metric: Metric
    text: str


@dataclass
class SinceCheckIn:
    meeting: Meeting | None
    pack: CheckInPack | None = None
    changes: list[Change] = field(default_factory=list)  # status changes against the pack the meeting saw
    fresh: list[Change] = field(default_factory=list)  # figures added or revised since the meeting


@dataclass(frozen=True)
class OverdueItem:
    """One overdue action, however many meetings set it: its title, owner, due date and where to open it."""

    title: str
    owner: str
    due: object
    metric: Metric | None
    links: tuple[tuple[str, str], ...]  # (text, url) for each meeting that set it, or the owner's page
    illustrative: bool
    times: int


def since_last_check_in(*, user, missions, items: list[dict], now: datetime | None = None) -> dict:
    """Per mission id: its last meeting, and the core metrics whose status or figures changed since then.

    Status changes are read from the check-in pack that meeting saw (a frozen snapshot); figures added or
    revised since the meeting are read from the observations' `recorded_at`. Three queries in all.
    """
    now = now or timezone.now()
    last: dict[int, Meeting] = {}
    past = meetings_visible_to(user=user).filter(starts_at__lt=now, kind__in=CHECK_IN_KINDS)
    for meeting in past.order_by("-starts_at"):
        last.setdefault(meeting.council.mission_id, meeting)
    result = {m.pk: SinceCheckIn(meeting=last.get(m.pk)) for m in missions}
    if not last:
        return result
    packs = (
        CheckInPack.objects.filter(meeting__in=list(last.values()), status=CheckInPack.Status.READY)
        .order_by("meeting_id", "-version")
        .only("pk", "meeting_id", "version", "content", "as_at")
    )
    seen: dict[int, dict[str, str]] = {}
    for pack in packs:
        if pack.meeting_id in seen:
            continue
        seen[pack.meeting_id] = {s["slug"]: s["status"] for s in pack.content.get("metrics", [])}
        mission_id = next(mid for mid, mt in last.items() if mt.pk == pack.meeting_id)
        result[mission_id].pack = pack
    fresh = _fresh_figures(items, last)
    for item in items:
        metric, status = item["metric"], item["s"]
        since = result[metric.mission_id]
        if since.meeting is None:
            continue
        before = seen.get(since.meeting.pk, {}).get(metric.slug)
        if before and before != status.status:
            since.changes.append(
                Change(metric, f"{STATUS_LABELS.get(before, before)} → {STATUS_LABELS[status.status]}")
            )
        if metric.pk in fresh:
            count, latest = fresh[metric.pk]
            label = metric.period_label(latest)
            plural = "s" if count > 1 else ""
            since.fresh.append(Change(metric, f"{count} new or revised figure{plural} (to {label})"))
    return result


def _fresh_figures(items: list[dict], last: dict[int, Meeting]) -> dict[int, tuple[int, object]]:
    conditions = []
    for mission_id, meeting in last.items():
        ids = [i["metric"].pk for i in items if i["metric"].mission_id == mission_id]
        if ids:
            conditions.append(Q(metric_id__in=ids, recorded_at__gt=meeting.starts_at))
    if not conditions:
        return {}
    rows = (
        Observation.objects.filter(reduce(or_, conditions))
        .values("metric_id")
        .annotate(n=Count("pk"), latest=Max("period_start"))
        .values_list("metric_id", "n", "latest")
    )
    return {metric_id: (n, latest) for metric_id, n, latest in rows}


def worst_overdue(*, user, limit: int = 8) -> tuple[list[OverdueItem], int]:
    """Overdue actions, one line for an action set at several meetings, oldest due first; and the total."""
    actions = overdue_actions(user=user).select_related("meeting", "owner_organisation", "metric")
    visible_councils = set(councils_visible_to(user=user).values_list("pk", flat=True))
    groups: dict[tuple, list[Action]] = defaultdict(list)
    for action in actions.order_by("due_date", "pk"):
        groups[(action.title, action.owner_organisation_id, action.metric_id)].append(action)
    out = []
    for same in groups.values():
        first = same[0]
        links = tuple(
            (a.meeting.title, a.meeting.get_absolute_url())
            for a in same
            if a.meeting is not None and a.meeting.council_id in visible_councils
        )
        if not links and permissions.can_view_department(user, first.owner_organisation):
            url = reverse("missions:department", kwargs={"slug": first.owner_organisation.slug})
            links = ((f"{first.owner_organisation.name} actions", url),)
        out.append(
            OverdueItem(
                title=first.title,
                owner=str(first.owner_organisation),
                due=min(a.due_date for a in same),
                metric=first.metric,
                links=links,
                illustrative=any(a.illustrative for a in same),
                times=len(same),
            )
        )
    return out[:limit], len(out)
