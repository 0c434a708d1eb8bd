"""Independent bodies and their reports: the body drafts, reviews and lays (embargoed until then); the owning
department responds to each recommendation; the centre or the department may extend a due date."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from accountability import forms, services
from accountability import permissions as rules
from accountability.calendar import calendar_rule, days_overdue
from accountability.models import Recommendation, Report, StatusChange
from accountability.selectors import (
    bodies_visible_to,
    overdue_responses,
    recommendations_visible_to,
    reports_visible_to,
)
from accountability.services.reports import verdict_differs
from accountability.snapshots import metric_figures
from accountability.views.common import conflicts_as_409, submit
from core.refusals import refuse_unless
from councils.packs.render import render_pdf
from metrics.models import Metric
from metrics.selectors import metrics_visible_to, metrics_withheld_from

NOT_MEMBER = "Only the body's own members draft, review and lay its reports."


def body_list(request):
    return render(request, "accountability/body_list.html", {"bodies": bodies_visible_to(user=request.user)})


def _mission_figures(user, body) -> list[dict]:
    """The body's mission's core metrics this reader may see, with their computed status now."""
    metrics = list(metrics_visible_to(user=user).filter(mission=body.mission_id, tier=Metric.Tier.CORE))
    figures = metric_figures(metrics, None)
    return [{"metric": m, "f": figures[m.pk]} for m in metrics]


def body_detail(request, pk):
    body = get_object_or_404(bodies_visible_to(user=request.user), pk=pk)
    member = rules.is_body_member(request.user, body)
    return render(
        request,
        "accountability/body_detail.html",
        {
            "body": body,
            "member": member,
            "reports": reports_visible_to(user=request.user).filter(body=body),
            "overdue": overdue_responses(user=request.user, body=body),
            "figures": _mission_figures(request.user, body),
            "rule": calendar_rule(body),
            "form": forms.ReportForm(
                initial={"as_at": timezone.localtime().replace(second=0, microsecond=0)}
            ),
        },
    )


@login_required
def report_create(request, pk):
    body = get_object_or_404(bodies_visible_to(user=request.user), pk=pk)
    refuse_unless(rules.may_write_reports(request.user), NOT_MEMBER)
    refuse_unless(rules.is_body_member(request.user, body), NOT_MEMBER)
    form = forms.ReportForm(request.POST or None)
    if request.method == "POST":
        done = submit(
            request,
            form,
            lambda **d: services.report_create(body=body, by=request.user, **d),
            success="Draft report created",
            to=lambda report: report,
        )
        if done:
            return done
    return render(request, "accountability/report_form.html", {"body": body, "form": form})


def report_list(request):
    return render(
        request, "accountability/report_list.html", {"reports": reports_visible_to(user=request.user)}
    )


def _report(request, pk) -> Report:
    return get_object_or_404(reports_visible_to(user=request.user), pk=pk)


def report_figures(report: Report) -> dict[int, dict]:
    """The computed status of each metric the report judges: frozen once laid, else read as at its moment."""
    if report.content.get("figures"):
        return {int(k): v for k, v in report.content["figures"].items()}
    return metric_figures([j.metric for j in report.judgements.select_related("metric")], report.as_at)


def _judgement_rows(report: Report, user) -> list[dict]:
    """Each judgement beside the computed status; on a restricted metric the reader may not see, the verdict
    alone ("withheld": no name, figures, commentary or note, which would name or describe it)."""
    judgements = list(report.judgements.select_related("metric"))
    withheld = metrics_withheld_from(user=user, metrics=[j.metric for j in judgements])
    figures = report_figures(report)
    return [
        {
            "j": j,
            "withheld": j.metric_id in withheld,
            "figure": {} if j.metric_id in withheld else figures.get(j.metric_id, {}),
            "differs": j.metric_id not in withheld
            and verdict_differs(j.verdict, figures.get(j.metric_id, {}).get("status", "")),
        }
        for j in judgements
    ]


def _mission_metrics(report):
    return Metric.objects.filter(mission=report.body.mission_id, restricted=False)


def _report_context(request, report, **extra) -> dict:
    member = rules.can_write_report(request.user, report)
    today = timezone.localdate()
    recommendations = [
        {"r": r, "days": days_overdue(due=r.response_due, responded_on=r.responded_on, today=today)}
        for r in report.recommendations.select_related("owner")
    ]
    return {
        "report": report,
        "rows": _judgement_rows(report, request.user),
        "recommendations": recommendations,
        "member": member,
        "draft": member and report.status == Report.Status.DRAFT,
        "in_review": member and report.status == Report.Status.IN_REVIEW,
        "history": StatusChange.objects.filter(content_type__model="report", object_id=report.pk),
        "edit_form": forms.ReportForm(initial={f: getattr(report, f) for f in forms.ReportForm.base_fields}),
        "judgement_form": forms.JudgementForm(metrics=_mission_metrics(report)),
        "recommendation_form": forms.RecommendationForm(),
        "lay_form": forms.LayForm(initial={"laid_on": today}),
        "return_form": forms.ReturnForm(),
    } | extra


def report_detail(request, pk):
    report = _report(request, pk)
    return render(request, "accountability/report_detail.html", _report_context(request, report))


def _member_report(request, pk) -> Report:
    report = _report(request, pk)
    refuse_unless(rules.may_write_reports(request.user), NOT_MEMBER)
    refuse_unless(rules.can_write_report(request.user, report), NOT_MEMBER)
    return report


def _post(request, pk, form_class, call, *, success, form_key, with_metrics=False):
    report = _member_report(request, pk)
    form = form_class(request.POST, **({"metrics": _mission_metrics(report)} if with_metrics else {}))
    done = submit(
        request, form, lambda **d: call(report=report, by=request.user, **d), success=success, to=report
    )
    context = _report_context(request, report, **{form_key: form})
    return done or render(request, "accountability/report_detail.html", context, status=400)


@login_required
@require_POST
@conflicts_as_409
def report_edit(request, pk):
    return _post(
        request, pk, forms.ReportForm, services.report_update, success="Report saved", form_key="edit_form"
    )


@login_required
@require_POST
@conflicts_as_409
def judgement_set(request, pk):
    return _post(
        request,
        pk,
        forms.JudgementForm,
        services.judgement_set,
        success="Judgement saved",
        form_key="judgement_form",
        with_metrics=True,
    )


@login_required
@require_POST
@conflicts_as_409
def recommendation_add(request, pk):
    return _post(
        request,
        pk,
        forms.RecommendationForm,
        services.recommendation_add,
        success="Recommendation added",
        form_key="recommendation_form",
    )


@login_required
@require_POST
@conflicts_as_409
def report_submit(request, pk):
    report = _member_report(request, pk)
    services.report_submit(report=report, by=request.user)
    return redirect(report)


@login_required
@require_POST
@conflicts_as_409
def report_return(request, pk):
    return _post(
        request,
        pk,
        forms.ReturnForm,
        services.report_return,
        success="Returned to draft",
        form_key="return_form",
    )


@login_required
@require_POST
@conflicts_as_409
def report_lay(request, pk):
    return _post(
        request,
        pk,
        forms.LayForm,
        services.report_lay,
        success="Report laid before Parliament",
        form_key="lay_form",
    )


def report_pdf(request, pk):
    report = _report(request, pk)
    context = _report_context(request, report)
    pdf = render_pdf(render_to_string("accountability/report_print.html", context, request=request))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="accountability-report-{report.pk}.pdf"'
    return response


def _recommendation(request, pk) -> Recommendation:
    return get_object_or_404(recommendations_visible_to(user=request.user), pk=pk)


def recommendation_detail(request, pk, **forms_given):
    r = _recommendation(request, pk)
    today = timezone.localdate()
    awaiting = r.report.published and r.responded_on is None
    return render(
        request,
        "accountability/recommendation_detail.html",
        {
            "r": r,
            "days": days_overdue(due=r.response_due, responded_on=r.responded_on, today=today),
            "history": StatusChange.objects.filter(content_type__model="recommendation", object_id=r.pk),
            "can_respond": awaiting and rules.can_respond(request.user, r),
            "can_extend": awaiting and rules.can_extend_response(request.user, r),
            "response_form": forms_given.get("response_form") or forms.ResponseForm(),
            "extend_form": forms_given.get("extend_form") or forms.ExtendForm(),
        },
        status=400 if forms_given else 200,
    )


@login_required
@require_POST
@conflicts_as_409
def recommendation_respond(request, pk):
    r = _recommendation(request, pk)
    refuse_unless(rules.may_respond(request.user), "Responses come from the department that owns them.")
    refuse_unless(rules.can_respond(request.user, r), "Another department owns this recommendation.")
    form = forms.ResponseForm(request.POST)
    done = submit(
        request,
        form,
        lambda **d: services.recommendation_respond(
            recommendation=r, by=request.user, response=d["response"], text=d["response_text"]
        ),
        success="Response recorded",
        to=r,
    )
    return done or recommendation_detail(request, pk, response_form=form)


@login_required
@require_POST
@conflicts_as_409
def recommendation_extend(request, pk):
    r = _recommendation(request, pk)
    refuse_unless(rules.may_extend_responses(request.user), "Only the centre or the department may extend.")
    refuse_unless(rules.can_extend_response(request.user, r), "Another department owns this recommendation.")
    form = forms.ExtendForm(request.POST)
    done = submit(
        request,
        form,
        lambda **d: services.recommendation_extend(recommendation=r, by=request.user, **d),
        success="Due date extended",
        to=r,
    )
    return done or recommendation_detail(request, pk, extend_form=form)


def overdue_list(request):
    return render(
        request, "accountability/overdue_list.html", {"overdue": overdue_responses(user=request.user)}
    )
