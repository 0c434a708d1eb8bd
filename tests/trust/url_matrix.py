"""Machinery of the role x URL matrix test (the expectations are in url_matrix_table.py).

Every URL pattern in the URLconf is requested with every method in METHODS, as every persona and as an
anonymous visitor, each request in its own savepoint (rolled back, so one role's POST never changes what
the next role sees). URL kwargs are filled from the world object the table names for that URL.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
ROLES = ("anon", "centre", "treasury", "dfe", "secretariat", "analyst", "accountability")


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"; "admin:?<n>" for Django's unnamed admin catch-all
    pattern: str
    converters: tuple[str, ...]  # kwarg names

    @property
    def is_admin(self) -> bool:
        return self.name.startswith("admin:")


def routes() -> list[Route]:
    found: list[Route] = []

    def walk(patterns, prefix: str, namespace: str | None):
        for item in patterns:
            if isinstance(item, URLResolver):
                ns = namespace
                if item.namespace:
                    ns = f"{namespace}:{item.namespace}" if namespace else item.namespace
                walk(item.url_patterns, prefix + str(item.pattern), ns)
            elif isinstance(item, URLPattern):
                name = item.name or f"?{len(found)}"
                full = f"{namespace}:{name}" if namespace else name
                kwargs = tuple(item.pattern.regex.groupindex)
                found.append(Route(full, prefix + str(item.pattern), kwargs))

    walk(get_resolver().url_patterns, "", None)
    return found


def parse(spec: str) -> dict[str, dict[str, str]]:
    """'GET 302 200 ... ; POST 302 403 ...' -> {"GET": {"anon": "302", "centre": "200", ...}, ...}"""
    table = {}
    for part in spec.split(";"):
        words = part.split()
        if not words:
            continue
        method, codes = words[0], words[1:]
        assert method in METHODS, f"unknown method {method!r} in {spec!r}"
        assert len(codes) == len(ROLES), f"{method}: {len(codes)} codes for {len(ROLES)} roles in {spec!r}"
        table[method] = dict(zip(ROLES, codes, strict=True))
    return table


def matches(expected: str, status: int) -> bool:
    """An exact code, or a class such as 2xx; '-' means not requested for this role."""
    if expected == "-":
        return True
    if expected.endswith("xx"):
        return str(status)[0] == expected[0]
    return str(status) == expected


ADMIN_KWARGS = {"id": "1", "object_id": "1", "content_type_id": "1", "url": "x", "app_label": "missions"}


def url_for(route: Route, world: dict, obj_key: str | None) -> str:
    if route.is_admin:
        if route.name.startswith("admin:?"):
            return "/admin/no-such-page/"
        return reverse(route.name, kwargs={k: ADMIN_KWARGS[k] for k in route.converters})
    if not route.converters:
        return reverse(route.name)
    obj = world[obj_key]
    return reverse(route.name, kwargs={k: str(getattr(obj, k)) for k in route.converters})


def build_world(organisations, users, settings, tmp_path) -> dict:
    """One of everything a URL can point at, reachable by the personas in tests/conftest.py."""
    from accountability.models import MandateLetter, Report
    from councils.models import Action, CheckInPack, Council, Meeting
    from metrics.ingest.tasks import stored_name
    from metrics.models import Upload
    from sources.models import DataSource, PullRun
    from spending.models import BusinessCase
    from tests.factories import geography
    from tests.metrics import ingest_world
    from tests.worlds import illustrative_governance

    settings.MEDIA_ROOT = tmp_path / "media"
    metrics = ingest_world.build(organisations)
    gld = metrics["gld"]
    illustrative_governance(gld.mission, gld, organisations, users)
    meeting = Meeting.objects.get()
    pack = CheckInPack(meeting=meeting, version=1, as_at=timezone.now(), status="ready", progress=100)
    pack.pdf.save("matrix.pdf", ContentFile(b"%PDF-1.4 matrix"), save=False)
    pack.save()
    source = DataSource.objects.create(
        name="Matrix source", metric=gld, geography=geography(), connector="ons_timeseries",
        url="https://www.ons.gov.uk/matrix.json", owner=organisations["dfe"],
    )  # fmt: skip
    upload = Upload.objects.create(
        created_by=users["analyst"], organisation=organisations["dfe"], format="csv", filename="m.csv",
        status="dry_run", dry_run=True,
    )  # fmt: skip
    default_storage.save(stored_name(upload), ContentFile(b"metric,period,geography,value\n"))
    Action.objects.update(meeting=meeting)  # the action was set at the council's meeting
    return {
        **_governance_world(organisations, meeting, gld),
        "metric": gld,
        "mission": gld.mission,
        "department": organisations["dfe"],
        "council": Council.objects.get(),
        "meeting": meeting,
        "action": Action.objects.get(),
        "pack": pack,
        "case": BusinessCase.objects.get(),
        "letter": MandateLetter.objects.get(),
        "report": Report.objects.get(),
        "source": source,
        "run": PullRun.objects.create(source=source, outcome="succeeded", finished_at=timezone.now()),
        "upload": upload,
        "approval": _approval(gld, users["analyst"]),
    }


def _approval(metric, owner_analyst):
    """An open approval of a period of the metric (issue 10); its URLs name the metric and the approval."""
    from types import SimpleNamespace

    from metrics.approvals import PeriodApproval

    approval = PeriodApproval.objects.create(
        metric=metric, period_start=dt.date(2023, 1, 1), organisation_id=metric.owner_id,
        approved_by=owner_analyst, approved_at=timezone.now(),
    )  # fmt: skip
    return SimpleNamespace(slug=metric.slug, pk=approval.pk)


SPEC_LINE = re.compile(r"^\s*\"([^\"]+)\":")


def _governance_world(organisations, meeting, gld) -> dict:
    """Objects of the check-in, Treasury and accountability pages (issues 11, 12, 14): one of each."""
    import datetime as dt
    from types import SimpleNamespace

    from accountability.models import (
        AccountabilityBody,
        AnnualReview,
        Framework,
        FrameworkIndicator,
        MandateCommitment,
        Recommendation,
        Report,
    )
    from councils.models import AgendaItem
    from spending.models import FiscalEvent, SpendingReview

    report = Report.objects.get()
    recommendation = Recommendation.objects.create(
        report=report, number=1, text="Publish the plan", owner=organisations["dfe"],
        response_due=dt.date(2025, 10, 15),
    )  # fmt: skip
    framework = Framework.objects.create(name="Matrix ODP", kind="odp", owner=organisations["dfe"])
    indicator = FrameworkIndicator.objects.create(
        framework=framework, name="Matrix indicator", metric=gld, alignment="aligned"
    )
    item = AgendaItem.objects.create(meeting=meeting, order=9, title="Matrix item")
    letter = MandateCommitment.objects.get().letter
    review = AnnualReview.objects.create(
        letter=letter, year=2025, reviewed_on=dt.date(2025, 12, 31), as_at=timezone.now()
    )
    return {
        "commitment": MandateCommitment.objects.get(),
        "body": AccountabilityBody.objects.get(),
        "recommendation": recommendation,
        "recommendation_api": SimpleNamespace(report_pk=report.pk, pk=recommendation.pk),
        "review": review,
        "framework": framework,
        "indicator": indicator,
        "agenda_item": SimpleNamespace(pk=meeting.pk, item_pk=item.pk),
        "spending_review": SpendingReview.objects.create(
            name="Matrix review", slug="matrix-review", first_year=2026, last_year=2028
        ),
        "fiscal_event": FiscalEvent.objects.create(
            name="Matrix budget", slug="matrix-budget", kind="budget", date=dt.date(2026, 3, 1)
        ),
    }
