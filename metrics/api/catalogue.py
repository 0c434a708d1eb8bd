"""Read endpoints: missions, metrics (with progress status) and a metric's observations as of a moment."""

from datetime import date

from django.shortcuts import get_object_or_404
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError

from metrics.periods import PeriodError, parse_period
from metrics.selectors import metrics_visible_to, observations_as_of
from metrics.serializers import MetricSerializer, MissionSerializer, ObservationSerializer
from metrics.status import metric_statuses
from missions.selectors import missions_visible_to


class MissionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MissionSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return missions_visible_to(user=self.request.user).order_by("number")


METRIC_FILTERS = [
    OpenApiParameter("mission", str, description="Mission slug."),
    OpenApiParameter("tier", str, enum=["core", "comprehensive"]),
    OpenApiParameter("kind", str, enum=["outcome", "output", "input"]),
    OpenApiParameter("owner", str, description="Owning organisation's slug."),
]
OBSERVATION_FILTERS = [
    OpenApiParameter("geography", str, description="ONS GSS code."),
    OpenApiParameter("from", str, description="First period, as text (2020, 2020-Q1…) or a date."),
    OpenApiParameter("to", str, description="Last period, as text or a date."),
    OpenApiParameter("as_of", OpenApiTypes.DATETIME, description="Exactly what was known at this moment."),
]


def _check_choice(param: str, value: str) -> None:
    """An enumerated filter given a value outside its list is a 400 naming it, not an empty page."""
    allowed = next((p.enum for p in METRIC_FILTERS if p.name == param and p.enum), None)
    if allowed and value not in allowed:
        raise ValidationError({param: f"Must be one of: {', '.join(allowed)}."})


@extend_schema(parameters=METRIC_FILTERS)
class MetricViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MetricSerializer
    lookup_field = "slug"

    def get_queryset(self):
        qs = metrics_visible_to(user=self.request.user)
        params = self.request.query_params
        for param, lookup in (("mission", "mission__slug"), ("tier", "tier"), ("kind", "kind")):
            if param in params:
                _check_choice(param, params[param])  # an enumerated filter sent empty is refused too
            if params.get(param):
                qs = qs.filter(**{lookup: params[param]})
        if params.get("owner"):
            qs = qs.filter(owner__slug=params["owner"])
        return qs

    def get_serializer(self, *args, **kwargs):
        metrics = args[0] if args else []
        metrics = [metrics] if not isinstance(metrics, list | tuple) else metrics
        # Statuses for the whole page in bounded queries (metrics.status), not one query per metric.
        kwargs.setdefault("context", self.get_serializer_context())
        kwargs["context"]["statuses"] = metric_statuses(metrics) if metrics else {}
        return self.get_serializer_class()(*args, **kwargs)

    @extend_schema(parameters=OBSERVATION_FILTERS, responses=ObservationSerializer(many=True))
    @action(detail=True, methods=["get"])
    def observations(self, request, slug=None):
        metric = get_object_or_404(self.get_queryset(), slug=slug)
        qs = _filter_observations(metric, request.query_params)
        page = self.paginate_queryset(qs)
        serializer = ObservationSerializer(page, many=True, context={"metric": metric, "request": request})
        return self.get_paginated_response(serializer.data)


def _filter_observations(metric, params):
    as_of = None
    if params.get("as_of"):
        try:
            as_of = parse_datetime(params["as_of"])
        except ValueError:  # well formed but not a real moment, e.g. 2025-13-45T00:00:00
            as_of = None
        if as_of is None:
            raise ValidationError({"as_of": "Give an ISO 8601 timestamp, e.g. 2025-01-31T12:00:00Z."})
    qs = observations_as_of(metric=metric, as_of=as_of).select_related("geography")
    if params.get("geography"):
        qs = qs.filter(geography__code=params["geography"].strip().upper())
    if params.get("from"):
        qs = qs.filter(period_start__gte=_period_start(metric, params["from"], "from"))
    if params.get("to"):
        qs = qs.filter(period_start__lte=_period_start(metric, params["to"], "to"))
    return qs.order_by("geography__code", "period_start")


def _period_start(metric, text: str, name: str) -> date:
    try:
        return parse_period(text, metric.frequency, span=metric.period_span).start
    except PeriodError as exc:
        try:
            return date.fromisoformat(text.strip())
        except ValueError:
            raise ValidationError({name: str(exc)})
