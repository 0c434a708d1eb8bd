"""/api/v1/mandate-letters/, /api/v1/reports/ and the owning department's response to a recommendation."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.exceptions import APIException, NotAuthenticated, PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from accountability import permissions as rules
from accountability import services
from accountability.selectors import (
    commitments_with_figures,
    mandate_letters_visible_to,
    recommendations_visible_to,
    reports_visible_to,
)
from accountability.serializers import (
    LetterDetailSerializer,
    LetterListSerializer,
    RecommendationSerializer,
    ReportDetailSerializer,
    ReportListSerializer,
    ResponseSerializer,
)
from accountability.views.reports import report_figures
from metrics.selectors import metrics_withheld_from


class Conflict(APIException):
    status_code = 409
    default_code = "conflict"
    default_detail = "Not allowed from the current status."


class MandateLetterViewSet(viewsets.ReadOnlyModelViewSet):
    """Mandate letters the caller may see; a letter's commitments carry the department's self-assessment and
    the status computed from the data (`computed`)."""

    def get_queryset(self):
        return mandate_letters_visible_to(user=self.request.user).prefetch_related("missions")

    def get_serializer_class(self):
        return LetterDetailSerializer if self.action == "retrieve" else LetterListSerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "retrieve" and "pk" in self.kwargs:
            letter = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
            commitments = letter.commitments.select_related("metric").prefetch_related("updates")
            context["rows"] = {
                r.commitment.pk: r for r in commitments_with_figures(commitments, user=self.request.user)
            }
        return context


class ReportViewSet(viewsets.ReadOnlyModelViewSet):
    """Reports laid before Parliament (and, for its members, a body's embargoed drafts): judgements beside the
    computed status, recommendations with responses and an `overdue` flag."""

    def get_queryset(self):
        return reports_visible_to(user=self.request.user)

    def get_serializer_class(self):
        return ReportDetailSerializer if self.action == "retrieve" else ReportListSerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "retrieve" and "pk" in self.kwargs:
            report = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
            context["figures"] = report_figures(report)
            judged = [j.metric for j in report.judgements.select_related("metric")]
            context["withheld"] = metrics_withheld_from(user=self.request.user, metrics=judged)
        return context


class RecommendationResponseView(APIView):
    """The owning department's response (accepted, partly accepted, rejected) with its comply-or-explain
    text. 403 for any other role or department; 404 where the report is embargoed; 409 once answered."""

    @extend_schema(
        request=ResponseSerializer,
        responses={
            201: RecommendationSerializer,
            403: OpenApiResponse(description="Not the owning department"),
            404: OpenApiResponse(description="No such recommendation you may see"),
            409: OpenApiResponse(description="Already answered, or the report is not laid"),
        },
    )
    def post(self, request, report_pk: int, pk: int):
        if not request.user.is_authenticated:
            raise NotAuthenticated()
        if not rules.may_respond(request.user):
            raise PermissionDenied("Responses come from the department that owns the recommendation.")
        recommendation = get_object_or_404(
            recommendations_visible_to(user=request.user), pk=pk, report_id=report_pk
        )
        if not rules.can_respond(request.user, recommendation):
            raise PermissionDenied("Another department owns this recommendation.")
        payload = ResponseSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            result = services.recommendation_respond(
                recommendation=recommendation,
                by=request.user,
                response=payload.validated_data["response"],
                text=payload.validated_data["response_text"],
            )
        except services.TransitionNotAllowed as exc:
            raise Conflict(str(exc)) from exc
        except DjangoValidationError as exc:
            raise ValidationError(exc.message_dict) from exc
        return Response(RecommendationSerializer(result).data, status=status.HTTP_201_CREATED)
