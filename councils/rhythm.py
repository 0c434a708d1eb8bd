"""A council's rhythm: past and next meetings, returns outstanding, actions by status, and each metric's
delivery confidence across its check-ins (chart spec, words, table rows and CSV from one set of rows)."""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.http import HttpResponse
from django.utils import timezone

from councils import returns
from councils.models import Action, Confidence, Council, DepartmentalReturn, ReturnEntry
from metrics import charts
from metrics.downloads import neutralise


@dataclass(frozen=True)
class ConfidencePoint:
    metric_name: str
    metric_url: str
    metric_slug: str
    meeting_title: str
    meeting_url: str
    meeting_at: datetime
    department: str
    confidence: str
    confidence_label: str
    version: int
    late: bool


def meetings_split(council: Council, now: datetime | None = None):
    now = now or timezone.now()
    meetings = list(council.meetings.select_related("department").order_by("starts_at"))
    return [m for m in meetings if m.starts_at < now][::-1], [m for m in meetings if m.starts_at >= now]


def outstanding_returns(council: Council) -> list[tuple[DepartmentalReturn, returns.ReturnState]]:
    qs = DepartmentalReturn.objects.filter(meeting__council=council).select_related("meeting", "organisation")
    states = [(r, returns.state(r)) for r in qs.order_by("deadline")]
    return [(r, s) for r, s in states if s.outstanding]


def actions_by_status(actions) -> list[tuple[str, str, int]]:
    counts = Counter(a.status for a in actions)
    return [(value, label, counts.get(value, 0)) for value, label in Action.Status.choices]


def confidence_points(council: Council) -> list[ConfidencePoint]:
    """The latest submitted judgement on each metric at each of the council's check-ins, oldest first."""
    points = []
    asked = DepartmentalReturn.objects.filter(meeting__council=council).select_related(
        "meeting", "organisation"
    )
    for requested in asked.order_by("meeting__starts_at"):
        version = returns.submitted_as_at(requested)
        if version is None:
            continue
        entries = ReturnEntry.objects.filter(version=version, metric__isnull=False).exclude(confidence="")
        for entry in entries.select_related("metric").order_by("metric__name"):
            points.append(
                ConfidencePoint(
                    metric_name=entry.metric.name,
                    metric_url=entry.metric.get_absolute_url(),
                    metric_slug=entry.metric.slug,
                    meeting_title=requested.meeting.title,
                    meeting_url=requested.meeting.get_absolute_url(),
                    meeting_at=requested.meeting.starts_at,
                    department=str(requested.organisation),
                    confidence=entry.confidence,
                    confidence_label=entry.get_confidence_display(),
                    version=version.number,
                    late=returns.is_late(requested, version),
                )
            )
    return points


def _by_metric(points: list[ConfidencePoint]) -> dict[str, list[ConfidencePoint]]:
    grouped: dict[str, list[ConfidencePoint]] = defaultdict(list)
    for point in points:
        grouped[point.metric_name].append(point)
    return grouped


def confidence_figure(points: list[ConfidencePoint]) -> str:
    """One line per metric: the four-point scale (4 highly likely … 1 highly unlikely) at each check-in."""
    data = []
    for index, (name, series) in enumerate(sorted(_by_metric(points).items())):
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": name,
                "x": [timezone.localtime(p.meeting_at).date().isoformat() for p in series],
                "y": [returns.SCORE[Confidence(p.confidence)] for p in series],
                "text": [p.confidence_label for p in series],
                "marker": {"symbol": ["circle", "square", "diamond", "triangle-up", "x", "star"][index % 6]},
                "line": {"color": charts.PALETTE[index % len(charts.PALETTE)], "width": 3},
            }
        )
    layout = charts.layout(title="Delivery confidence at each check-in", unit="Department's judgement")
    layout["yaxis"] = {
        **layout["yaxis"],
        "tickvals": [1, 2, 3, 4],
        "ticktext": [c.label for c in reversed(Confidence)],
        "range": [0.5, 4.5],
    }
    return json.dumps({"data": data, "layout": {"template": {}, **layout}}, separators=(",", ":"))


def confidence_summary(points: list[ConfidencePoint]) -> str:
    """The chart in words: each metric's first and latest judgement."""
    if not points:
        return "No department has submitted a return to this council's check-ins yet, so there is no trend."
    parts = []
    for name, series in sorted(_by_metric(points).items()):
        first, last = series[0], series[-1]
        if len(series) == 1:
            parts.append(
                f"{name}: {last.confidence_label.lower()} at one check-in ({last.meeting_at:%d %B %Y})"
            )
        else:
            parts.append(
                f"{name}: from {first.confidence_label.lower()} ({first.meeting_at:%d %B %Y}) to "
                f"{last.confidence_label.lower()} ({last.meeting_at:%d %B %Y}) over {len(series)} check-ins"
            )
    return "Departments' delivery confidence by metric. " + "; ".join(parts) + "."


CSV_HEADER = ["metric", "meeting", "meeting_date", "department", "confidence", "return_version", "late"]


def confidence_csv(council: Council, points: list[ConfidencePoint]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{council.slug}-delivery-confidence.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for p in points:
        cells = [
            p.metric_slug,
            p.meeting_title,
            timezone.localtime(p.meeting_at).date().isoformat(),
            p.department,
            p.confidence_label,
            p.version,
            "yes" if p.late else "no",
        ]
        writer.writerow([neutralise(cell) for cell in cells])
    return response
