"""/api/v1/sources/: list and add sources, queue a pull, list a source's runs (newest first)."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core.fields import SlugRelatedField
from metrics.models import Geography, Metric
from sources import permissions, selectors, services
from sources.connectors import CONNECTORS
from sources.models import DataSource, PullRun


class SourceSerializer(serializers.ModelSerializer):
    connector = serializers.ChoiceField(choices=sorted(CONNECTORS))
    metric = SlugRelatedField(slug_field="slug", queryset=Metric.objects.all())
    geography = SlugRelatedField(slug_field="code", queryset=Geography.objects.all())
    owner = serializers.CharField(source="owner.slug", read_only=True)

    class Meta:
        model = DataSource
        fields = [
            "id", "name", "connector", "url", "metric", "geography", "schedule", "options", "geography_map",
            "scale_factor", "enabled", "contact_email", "owner", "created_at",
        ]  # fmt: skip
        read_only_fields = ["id", "owner", "created_at"]
        validators = []  # the service validates (uniqueness included) and answers in one shape

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["metric"].queryset = selectors.metrics_feedable_by(user=request.user)


class RunSerializer(serializers.ModelSerializer):
    source = serializers.IntegerField(source="source_id", read_only=True)

    class Meta:
        model = PullRun
        fields = [
            "id", "source", "queued_at", "started_at", "finished_at", "outcome", "created", "revised",
            "unchanged", "rejected", "error", "bytes", "etag", "checksum",
        ]  # fmt: skip
        read_only_fields = fields


class SourcesAllowed(IsAuthenticated):
    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        if not permissions.can_use_sources(request.user):
            raise PermissionDenied("Data sources are managed by the centre and by analysts.")
        return True


def _visible_source(request, pk) -> DataSource:
    return get_object_or_404(selectors.sources_visible_to(user=request.user), pk=pk)


class SourceList(generics.ListCreateAPIView):
    serializer_class = SourceSerializer
    permission_classes = [SourcesAllowed]

    def get_queryset(self):
        return selectors.sources_visible_to(user=self.request.user)

    def perform_create(self, serializer):
        try:
            serializer.instance = services.source_create(user=self.request.user, **serializer.validated_data)
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict)


class SourcePull(APIView):
    permission_classes = [SourcesAllowed]

    @extend_schema(request=None, responses={202: RunSerializer})
    def post(self, request, pk):
        run = services.source_pull_enqueue(source=_visible_source(request, pk), user=request.user)
        return Response(RunSerializer(run).data, status=status.HTTP_202_ACCEPTED)


class SourceRuns(generics.ListAPIView):
    serializer_class = RunSerializer
    permission_classes = [SourcesAllowed]

    def get_queryset(self):
        return _visible_source(self.request, self.kwargs["pk"]).runs.order_by("-queued_at", "-pk")
