"""A body's report: draft (judgements, recommendations), review, lay (content frozen as at its moment, due
dates set from the statutory calendar); the owning department's response; extensions with a reason."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accountability import snapshots
from accountability.calendar import default_response_due
from accountability.models import Judgement, Recommendation, Report
from accountability.services.common import record_change, require, save_new
from metrics import progress
from missions.services import audit_record

R = Report.Status
V = Judgement.Verdict
#: The verdict that agrees with each computed status; a different verdict needs a note saying why.
VERDICT_FOR_STATUS = {
    progress.ACHIEVED: V.ACHIEVED,
    progress.ON_TRACK: V.ON_TRACK,
    progress.AT_RISK: V.AT_RISK,
    progress.OFF_TRACK: V.OFF_TRACK,
    progress.DETERIORATING: V.OFF_TRACK,
    progress.NO_TARGET: V.TOO_EARLY,
    progress.NOT_ENOUGH_DATA: V.TOO_EARLY,
}


def verdict_differs(verdict: str, status: str) -> bool:
    return VERDICT_FOR_STATUS.get(status) != verdict


def _draft(report: Report) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    require(report.status == R.DRAFT, "Only a draft report can be changed; return it to draft first.")
    return report


@transaction.atomic
def report_create(
    *,
    body,
    by,
    title: str,
    summary: str,
    as_at: datetime | None = None,
    policy_credibility_share=None,
    illustrative: bool = False,
) -> Report:
    report = Report(
        body=body,
        title=title,
        summary=summary,
        as_at=as_at or timezone.now(),
        created_by=by,
        policy_credibility_share=policy_credibility_share,
        illustrative=illustrative,
    )
    save_new(report, by=by, action="report.create")
    record_change(obj=report, by=by, field="status", old="", new=R.DRAFT)
    return report


@transaction.atomic
def report_update(*, report: Report, by, **fields) -> Report:
    report = _draft(report)
    allowed = {"title", "summary", "as_at", "policy_credibility_share"}
    changes = {}
    for name, value in fields.items():
        if name not in allowed:
            raise ValueError(f"{name} cannot be changed here")
        changes[name] = [str(getattr(report, name)), str(value)]
        setattr(report, name, value)
    report.full_clean()
    report.save()
    audit_record(actor=by, action="report.update", obj=report, changes=changes)
    return report


@transaction.atomic
def judgement_set(
    *, report: Report, by, metric, verdict: str, commentary: str, difference_note: str = ""
) -> Judgement:
    """The body's verdict on a metric, beside the status computed as at the report's moment."""
    report = _draft(report)
    status = snapshots.metric_figures([metric], report.as_at)[metric.pk]["status"]
    if verdict_differs(verdict, status) and not difference_note.strip():
        raise ValidationError(
            {"difference_note": "Your verdict differs from the computed status: say why in a note."}
        )
    judgement = Judgement.objects.filter(report=report, metric=metric).first() or Judgement(
        report=report, metric=metric
    )
    old = judgement.verdict
    judgement.verdict, judgement.commentary, judgement.difference_note = verdict, commentary, difference_note
    judgement.full_clean()
    judgement.save()
    audit_record(actor=by, action="judgement.set", obj=judgement, changes={"verdict": [old, verdict]})
    return judgement


@transaction.atomic
def recommendation_add(*, report: Report, by, text: str, owner) -> Recommendation:
    report = _draft(report)
    number = (report.recommendations.aggregate(n=Max("number"))["n"] or 0) + 1
    recommendation = Recommendation(report=report, number=number, text=text, owner=owner)
    return save_new(recommendation, by=by, action="recommendation.add")


@transaction.atomic
def report_submit(*, report: Report, by) -> Report:
    report = _draft(report)
    require(report.judgements.exists(), "Judge at least one metric before sending the report for review.")
    report.status = R.IN_REVIEW
    report.save(update_fields=["status"])
    record_change(obj=report, by=by, field="status", old=R.DRAFT, new=R.IN_REVIEW)
    return report


@transaction.atomic
def report_return(*, report: Report, by, reason: str = "") -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    require(report.status == R.IN_REVIEW, "Only a report in review can be returned to draft.")
    report.status = R.DRAFT
    report.save(update_fields=["status"])
    record_change(obj=report, by=by, field="status", old=R.IN_REVIEW, new=R.DRAFT, reason=reason)
    return report


@transaction.atomic
def report_lay(*, report: Report, by, laid_on: date) -> Report:
    """Lay before Parliament: the embargo ends, the figures are frozen as at the report's moment, and each
    recommendation's response is due on the date the body's statutory calendar gives."""
    report = Report.objects.select_for_update().select_related("body").get(pk=report.pk)
    require(report.status == R.IN_REVIEW, "Only a report that has been reviewed can be laid.")
    if report.as_at > timezone.now():
        raise ValidationError({"as_at": "The report's moment is in the future."})
    due = default_response_due(report.body, laid_on)
    report.content = snapshots.report_content(report, report.as_at)
    report.status, report.laid_on, report.government_response_due = R.LAID, laid_on, due
    report.full_clean()
    report.save()
    record_change(obj=report, by=by, field="status", old=R.IN_REVIEW, new=R.LAID)
    for recommendation in report.recommendations.all():
        recommendation.response_due = due
        recommendation.full_clean()
        recommendation.save(update_fields=["response_due"])
        record_change(
            obj=recommendation,
            by=by,
            field="response_due",
            old="",
            new=due.isoformat(),
            reason="Set by the statutory calendar when the report was laid.",
        )
    return report


def _awaiting(recommendation: Recommendation) -> Recommendation:
    recommendation = (
        Recommendation.objects.select_for_update().select_related("report").get(pk=recommendation.pk)
    )
    require(recommendation.report.status == R.LAID, "The report has not been laid.")
    require(
        recommendation.responded_on is None, "The government has already responded to this recommendation."
    )
    return recommendation


@transaction.atomic
def recommendation_respond(
    *, recommendation: Recommendation, by, response: str, text: str, responded_on: date | None = None
) -> Recommendation:
    """The owning department's response: accepted, partly accepted or rejected, comply or explain."""
    recommendation = _awaiting(recommendation)
    if response == Recommendation.Response.AWAITED or response not in Recommendation.Response.values:
        raise ValidationError({"response": "Choose accepted, partly accepted or rejected."})
    if not text.strip():
        raise ValidationError({"response_text": "Explain the response (comply or explain)."})
    recommendation.response, recommendation.response_text = response, text
    recommendation.responded_on = responded_on or timezone.localdate()
    recommendation.responded_by = by
    recommendation.full_clean()
    recommendation.save()
    record_change(
        obj=recommendation, by=by, field="response", old=Recommendation.Response.AWAITED, new=response
    )
    return recommendation


@transaction.atomic
def recommendation_extend(
    *, recommendation: Recommendation, by, new_due: date, reason: str
) -> Recommendation:
    recommendation = _awaiting(recommendation)
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for the extension."})
    if recommendation.response_due and new_due <= recommendation.response_due:
        raise ValidationError({"new_due": "An extension must be later than the current due date."})
    old = recommendation.response_due
    recommendation.response_due = new_due
    recommendation.full_clean()
    recommendation.save(update_fields=["response_due"])
    record_change(
        obj=recommendation,
        by=by,
        field="response_due",
        old=old.isoformat() if old else "",
        new=new_due.isoformat(),
        reason=reason,
    )
    return recommendation
