"""Reads of mandate letters, reports, recommendations and frameworks, scoped to the user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from accountability import permissions as rules
from accountability.calendar import days_overdue, response_overdue
from accountability.models import (
    AccountabilityBody,
    Framework,
    Judgement,
    MandateCommitment,
    MandateLetter,
    Recommendation,
    Report,
)
from missions import permissions
from missions.models import Role

ISSUED = [MandateLetter.Status.ISSUED, MandateLetter.Status.PUBLISHED]


def mandate_letters_visible_to(*, user) -> QuerySet[MandateLetter]:
    qs = MandateLetter.objects.select_related("department")
    if rules.sees_all_letters(user):
        return qs
    published = Q(status=MandateLetter.Status.PUBLISHED)
    if rules.sees_own_department_letters(user):
        return qs.filter(published | Q(department=user.organisation_id, status__in=ISSUED))
    return qs.filter(published)


def commitments_for_department(*, user, organisation) -> QuerySet[MandateCommitment]:
    return MandateCommitment.objects.select_related("letter", "metric", "milestone").filter(
        letter__in=mandate_letters_visible_to(user=user).filter(department=organisation)
    )


def commitments_visible_to(*, user) -> QuerySet[MandateCommitment]:
    return MandateCommitment.objects.select_related(
        "letter", "letter__department", "metric", "metric__mission", "milestone"
    ).filter(letter__in=mandate_letters_visible_to(user=user))


def bodies_visible_to(*, user) -> QuerySet[AccountabilityBody]:
    """Bodies are public: who they are, their mandate and their laid reports."""
    return AccountabilityBody.objects.select_related("mission", "organisation")


def own_body(*, user) -> AccountabilityBody | None:
    """The body an accountability user belongs to."""
    if not permissions.has_role(user, Role.ACCOUNTABILITY) or not user.organisation_id:
        return None
    return bodies_visible_to(user=user).filter(organisation=user.organisation_id).first()


def reports_visible_to(*, user) -> QuerySet[Report]:
    """Laid reports for everyone; drafts and reports in review for their body's members only (embargo)."""
    qs = Report.objects.select_related("body", "body__mission", "body__organisation")
    laid = Q(status=Report.Status.LAID)
    if permissions.has_role(user, Role.ACCOUNTABILITY) and user.organisation_id:
        return qs.filter(laid | Q(body__organisation=user.organisation_id))
    return qs.filter(laid)


def latest_judgements(*, user, mission) -> QuerySet[Judgement]:
    """The judgements of the mission body's most recent laid report."""
    report = (
        reports_visible_to(user=user)
        .filter(body__mission=mission, status=Report.Status.LAID)
        .order_by("-laid_on")
        .first()
    )
    if report is None:
        return Judgement.objects.none()
    return report.judgements.select_related("metric", "report", "report__body")


def recommendations_visible_to(*, user) -> QuerySet[Recommendation]:
    return Recommendation.objects.select_related(
        "report", "report__body", "report__body__organisation", "owner"
    ).filter(report__in=reports_visible_to(user=user))


@dataclass(frozen=True)
class OverdueResponse:
    recommendation: Recommendation
    days: int


def overdue_responses(
    *, user, organisation=None, body=None, today: date | None = None
) -> list[OverdueResponse]:
    """Recommendations of laid reports whose response is overdue (calendar.response_overdue)."""
    today = today or timezone.localdate()
    qs = recommendations_visible_to(user=user).filter(
        report__status=Report.Status.LAID, responded_on__isnull=True
    )
    if organisation is not None:
        qs = qs.filter(owner=organisation)
    if body is not None:
        qs = qs.filter(report__body=body)
    rows = [
        OverdueResponse(r, days_overdue(due=r.response_due, responded_on=r.responded_on, today=today))
        for r in qs.order_by("response_due", "report_id", "number")
        if response_overdue(due=r.response_due, responded_on=r.responded_on, today=today)
    ]
    return rows


def frameworks_visible_to(*, user) -> QuerySet[Framework]:
    if not rules.may_view_frameworks(user):
        return Framework.objects.none()
    return Framework.objects.select_related("owner").prefetch_related("indicators__metric__mission")


@dataclass(frozen=True)
class CommitmentRow:
    """A commitment with both statuses: the department's latest self-assessment and the data's own.
    `withheld`: its metric is restricted and the reader may not see it, so `figure` is None and pages show
    neither the metric's name, its figures nor the rationale (which may quote them)."""

    commitment: MandateCommitment
    figure: dict | None
    assessment: object | None
    withheld: bool = False


def commitments_with_figures(commitments, as_at=None, *, user) -> list[CommitmentRow]:
    """Each commitment's metric status and trend, and its latest self-assessment, as known at `as_at`."""
    from accountability.snapshots import metric_figures
    from metrics.selectors import metrics_withheld_from

    commitments = list(commitments)
    withheld = metrics_withheld_from(user=user, metrics={c.metric for c in commitments})
    figures = metric_figures({c.metric for c in commitments if c.metric_id not in withheld}, as_at)
    rows = []
    for c in commitments:
        updates = [u for u in c.updates.all() if as_at is None or u.at <= as_at]
        hidden = c.metric_id in withheld
        figure = None if hidden else figures[c.metric_id]
        rows.append(CommitmentRow(c, figure, updates[-1] if updates else None, withheld=hidden))
    return rows
