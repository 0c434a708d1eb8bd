"""Framework alignment: the register with counts per framework, each framework's indicators and their
mapping, the rationalisation tracker, and the flow from frameworks to missions (Sankey, text, table, CSV)."""

from collections import Counter

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from accountability import charts, forms, services
from accountability import permissions as rules
from accountability.models import FrameworkIndicator, StatusChange
from accountability.selectors import frameworks_visible_to
from accountability.views.common import submit
from core.refusals import refuse_unless
from metrics.selectors import metrics_visible_to

A = FrameworkIndicator.Alignment
NOT_OFFICIAL = "Framework alignment is for signed-in officials."
NOT_CENTRE = "Frameworks are registered and mapped by the centre."


def _frameworks(request):
    refuse_unless(rules.may_view_frameworks(request.user), NOT_OFFICIAL)
    return frameworks_visible_to(user=request.user)


@login_required
def register(request, form=None):
    frameworks = list(_frameworks(request))
    rows = []
    for f in frameworks:
        counts = Counter(i.alignment for i in f.indicators.all())
        rows.append({"f": f, "counts": [counts.get(a, 0) for a in A.values], "total": sum(counts.values())})
    totals = [sum(r["counts"][i] for r in rows) for i in range(len(A.values))]
    return render(
        request,
        "accountability/framework_register.html",
        {
            "rows": rows,
            "alignments": A.labels,
            "totals": totals,
            "grand_total": sum(totals),
            "can_manage": rules.may_manage_frameworks(request.user),
            "form": form or forms.FrameworkForm(),
        },
        status=400 if form else 200,
    )


@login_required
@require_POST
def framework_create(request):
    refuse_unless(rules.may_manage_frameworks(request.user), NOT_CENTRE)
    form = forms.FrameworkForm(request.POST)
    done = submit(
        request,
        form,
        lambda **d: services.framework_create(by=request.user, **d),
        success="Framework registered",
        to=lambda f: f,
    )
    return done or register(request, form=form)


@login_required
def framework_detail(request, pk, form=None):
    framework = get_object_or_404(_frameworks(request), pk=pk)
    metrics = metrics_visible_to(user=request.user)
    return render(
        request,
        "accountability/framework_detail.html",
        {
            "f": framework,
            "indicators": framework.indicators.select_related("metric", "metric__mission"),
            "can_manage": rules.may_manage_frameworks(request.user),
            "form": form or forms.IndicatorForm(metrics=metrics),
            "map_form": forms.MapForm(metrics=metrics),
            "rationalise_form": forms.RationaliseForm(),
        },
        status=400 if form else 200,
    )


@login_required
@require_POST
def indicator_add(request, pk):
    framework = get_object_or_404(_frameworks(request), pk=pk)
    refuse_unless(rules.may_manage_frameworks(request.user), NOT_CENTRE)
    form = forms.IndicatorForm(request.POST, metrics=metrics_visible_to(user=request.user))
    done = submit(
        request,
        form,
        lambda **d: services.framework_indicator_add(framework=framework, by=request.user, **d),
        success="Indicator added",
        to=framework,
    )
    return done or framework_detail(request, pk, form=form)


def _indicator(request, pk) -> FrameworkIndicator:
    return get_object_or_404(FrameworkIndicator.objects.filter(framework__in=_frameworks(request)), pk=pk)


@login_required
@require_POST
def indicator_map(request, pk):
    indicator = _indicator(request, pk)
    refuse_unless(rules.may_manage_frameworks(request.user), NOT_CENTRE)
    form = forms.MapForm(request.POST, metrics=metrics_visible_to(user=request.user))
    done = submit(
        request,
        form,
        lambda **d: services.framework_indicator_map(indicator=indicator, by=request.user, **d),
        success="Mapping changed",
        to=indicator.framework,
    )
    return done or framework_detail(request, indicator.framework_id, form=None)


@login_required
@require_POST
def indicator_rationalise(request, pk):
    indicator = _indicator(request, pk)
    refuse_unless(rules.may_manage_frameworks(request.user), NOT_CENTRE)
    form = forms.RationaliseForm(request.POST)
    done = submit(
        request,
        form,
        lambda **d: services.framework_indicator_rationalise(indicator=indicator, by=request.user, **d),
        success="Rationalisation recorded",
        to="accountability:rationalisation",
    )
    return done or rationalisation(request)


@login_required
def rationalisation(request):
    frameworks = _frameworks(request)
    indicators = list(
        FrameworkIndicator.objects.filter(framework__in=frameworks)
        .exclude(alignment=A.ALIGNED, rationalisation=FrameworkIndicator.Rationalisation.KEEP)
        .select_related("framework", "metric")
    )
    counts = Counter(i.rationalisation for i in indicators)
    return render(
        request,
        "accountability/rationalisation.html",
        {
            "indicators": indicators,
            "counts": [
                (label, counts.get(value, 0)) for value, label in FrameworkIndicator.Rationalisation.choices
            ],
            "history": StatusChange.objects.filter(
                content_type__model="frameworkindicator", field="rationalisation"
            ).select_related("by")[:50],
            "can_manage": rules.may_manage_frameworks(request.user),
            "form": forms.RationaliseForm(),
        },
    )


@login_required
def flow(request):
    rows = charts.flow_rows(_frameworks(request))
    return render(
        request,
        "accountability/framework_flow.html",
        {"rows": rows, "figure": charts.flow_figure(rows), "summary": charts.flow_summary(rows)},
    )


@login_required
def flow_csv(request):
    return charts.flow_csv(charts.flow_rows(_frameworks(request)))
