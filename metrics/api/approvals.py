"""/api/v1/metrics/<slug>/approvals/ (list; approve a period) and …/approvals/<id>/unlock/ (ADR 0018).

Anyone who may see the metric reads its approvals. Approving and unlocking: 401 signed out, 404 when the
metric is not visible, 403 unless the user is an analyst of the owning organisation or in the centre,
400 when the period or reason is not valid or the period has no figures, 409 when the period is already
approved (or the approval already unlocked).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.response import Response
from rest_framework.views import APIView

from metrics.api.imports import ERROR
from metrics.approval_services import ApprovalConflict, ApprovalInvalid, period_approve, period_unlock
from metrics.approvals import PeriodApproval
from metrics.periods import PeriodError, parse_period
from metrics.permissions import can_approve_periods
from metrics.selectors import metrics_visible_to

REFUSALS = {400: ERROR, 401: ERROR, 403: ERROR, 404: ERROR, 409: ERROR}


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Not allowed from the current state."
    default_code = "conflict"


class ApprovalSerializer(serializers.ModelSerializer):
    period = serializers.SerializerMethodField()
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    state = serializers.SerializerMethodField(help_text="approved, or unlocked (history).")

    class Meta:
        model = PeriodApproval
        fields = ["id", "period", "period_start", "organisation", "approved_at", "state"]
        fields += ["unlocked_at", "unlock_reason"]

    def get_period(self, approval) -> str:
        return approval.metric.period_label(approval.period_start)

    def get_state(self, approval) -> str:
        return "approved" if approval.is_open else "unlocked"


class ApproveSerializer(serializers.Serializer):
    period = serializers.CharField(max_length=50, help_text="The period as text: 2024, 2024-Q1, 2024-03 …")


class UnlockSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, help_text="Why the approved figures must change.")


def _metric(request, slug):
    return get_object_or_404(metrics_visible_to(user=request.user), slug=slug)


def _call(service, field: str, **kwargs):
    try:
        return service(**kwargs)
    except DjangoPermissionDenied as exc:
        raise PermissionDenied(str(exc)) from exc
    except ApprovalConflict as exc:
        raise Conflict(str(exc)) from exc
    except ApprovalInvalid as exc:
        raise ValidationError({field: str(exc)}) from exc


class MetricApprovals(APIView):
    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(
        operation_id="metric_approvals_list",
        responses={200: ApprovalSerializer(many=True), 404: ERROR},
        summary="Approvals of a metric's periods, newest first (unlocked ones are history)",
    )
    def get(self, request, slug):
        metric = _metric(request, slug)
        approvals = PeriodApproval.objects.filter(metric=metric).select_related("metric", "organisation")
        return Response(ApprovalSerializer(approvals.order_by("-approved_at", "-pk"), many=True).data)

    @extend_schema(
        operation_id="metric_approvals_approve",
        request=ApproveSerializer,
        responses={201: ApprovalSerializer, **REFUSALS},
        summary="Approve a period: later imports into it are refused (409) until it is unlocked",
    )
    def post(self, request, slug):
        metric = _metric(request, slug)
        if not can_approve_periods(request.user, metric):
            raise PermissionDenied("Only the metric's owner or the centre may approve its periods.")
        serializer = ApproveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            period = parse_period(
                serializer.validated_data["period"], metric.frequency, span=metric.period_span
            )
        except PeriodError as exc:
            raise ValidationError({"period": str(exc)}) from exc
        approval = _call(
            period_approve, "period", user=request.user, metric=metric, period_start=period.start
        )
        return Response(ApprovalSerializer(approval).data, status=status.HTTP_201_CREATED)


class MetricApprovalUnlock(APIView):
    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(
        operation_id="metric_approvals_unlock",
        request=UnlockSerializer,
        responses={200: ApprovalSerializer, **REFUSALS},
        summary="Unlock an approved period, with the reason (kept with the approval and audited)",
    )
    def post(self, request, slug, pk):
        metric = _metric(request, slug)
        if not can_approve_periods(request.user, metric):
            raise PermissionDenied("Only the metric's owner or the centre may unlock its periods.")
        approval = get_object_or_404(PeriodApproval.objects.select_related("metric"), metric=metric, pk=pk)
        serializer = UnlockSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        approval = _call(
            period_unlock, "reason", user=request.user, approval=approval, **serializer.validated_data
        )
        return Response(ApprovalSerializer(approval).data)
