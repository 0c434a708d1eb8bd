"""/api/v1/business-cases/…: the case workflow. 403 for a role that may never do this, 404 for a case outside
what the user may see, 409 for a transition the case's status does not allow."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from spending import permissions as rules
from spending import services
from spending.api import serializers as s
from spending.appraisal import evaluate
from spending.selectors import business_case_detail, business_case_list

DRY_RUN = OpenApiParameter("dry_run", bool, description="Check every row and write nothing.")
REFUSALS = {
    403: OpenApiResponse(description="Your role may never do this."),
    404: OpenApiResponse(description="No such case, or not one you may see."),
    409: OpenApiResponse(description="Not allowed from the case's current status."),
}


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Not allowed from the case's current status."
    default_code = "conflict"


class SeesCases(BasePermission):
    message = "Business cases are for the Treasury, the centre and the departments that make them."

    def has_permission(self, request, view) -> bool:
        return rules.can_see_cases(request.user)


def _call(service, **kwargs):
    """Run a service, turning its refusals into the API's 409 and 400."""
    try:
        return service(**kwargs)
    except services.TransitionNotAllowed as exc:
        raise Conflict(str(exc)) from exc
    except DjangoValidationError as exc:
        raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from exc
    except ValueError as exc:
        raise ValidationError({"detail": str(exc)}) from exc


class CaseMixin:
    permission_classes = [IsAuthenticated, SeesCases]

    def case(self):
        return get_object_or_404(business_case_detail(user=self.request.user), slug=self.kwargs["slug"])

    def case_response(self, case, code=status.HTTP_200_OK) -> Response:
        case = get_object_or_404(business_case_detail(user=self.request.user), pk=case.pk)
        context = {"appraisals": evaluate([case]), "detail": True, "request": self.request}
        return Response(s.BusinessCaseSerializer(case, context=context).data, status=code)


class BusinessCaseListCreate(CaseMixin, generics.ListCreateAPIView):
    serializer_class = s.BusinessCaseSerializer

    def get_queryset(self):
        return business_case_list(user=self.request.user).order_by("title", "pk")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["appraisals"] = getattr(self, "_appraisals", {})
        return context

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self._appraisals = evaluate(page if page is not None else queryset)
        return page

    @extend_schema(
        summary="Draft a business case (department officials; your department leads it)",
        responses={201: s.BusinessCaseSerializer, **REFUSALS},
    )
    def post(self, request, *args, **kwargs):
        if not rules.can_draft_case(request.user):
            raise PermissionDenied("Only department officials draft business cases.")
        serializer = s.BusinessCaseSerializer(data=request.data, context={"appraisals": {}})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        case = _call(
            services.business_case_create,
            by=request.user,
            lead_department=request.user.organisation,
            partners=data.pop("partner_departments", []),
            missions=data.pop("missions", []),
            **data,
        )
        return self.case_response(case, status.HTTP_201_CREATED)


class BusinessCaseDetail(CaseMixin, APIView):
    @extend_schema(responses={200: s.BusinessCaseSerializer, **REFUSALS}, summary="A case with its tests")
    def get(self, request, slug):
        return self.case_response(self.case())

    @extend_schema(
        request=s.BusinessCaseSerializer,
        responses={200: s.BusinessCaseSerializer, **REFUSALS},
        summary="Change a draft or returned case (the lead department)",
    )
    def patch(self, request, slug):
        case = self.case()
        if not rules.can_edit_case(request.user, case):
            raise PermissionDenied("Only the lead department edits a case.")
        serializer = s.BusinessCaseSerializer(
            case, data=request.data, partial=True, context={"appraisals": {}}
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        _call(
            services.business_case_update,
            case=case,
            by=request.user,
            partners=data.pop("partner_departments", None),
            missions=data.pop("missions", None),
            **data,
        )
        return self.case_response(case)


class SubmitView(CaseMixin, APIView):
    @extend_schema(
        request=None,
        responses={200: s.BusinessCaseSerializer, **REFUSALS},
        summary="Submit to the Treasury (the lead; every partner must have signed off)",
    )
    def post(self, request, slug):
        case = self.case()
        if not rules.can_submit_case(request.user, case):
            raise PermissionDenied("Only the lead department submits a case.")
        return self.case_response(_call(services.business_case_submit, case=case, by=request.user))


class SignOffView(CaseMixin, APIView):
    @extend_schema(
        request=s.NoteSerializer,
        responses={201: s.BusinessCaseSerializer, **REFUSALS},
        summary="Sign off a shared case (a partner department)",
    )
    def post(self, request, slug):
        case = self.case()
        if not rules.can_sign_off_case(request.user, case):
            raise PermissionDenied("Only a partner department signs off a shared case.")
        note = s.NoteSerializer(data=request.data)
        note.is_valid(raise_exception=True)
        _call(
            services.business_case_sign_off,
            case=case,
            by=request.user,
            note=note.validated_data.get("note", ""),
        )
        return self.case_response(case, status.HTTP_201_CREATED)


class AssessView(CaseMixin, APIView):
    @extend_schema(
        request=s.JudgementSerializer,
        responses={200: s.BusinessCaseSerializer, **REFUSALS},
        summary="Record the Treasury's assessment (the tests are computed, not entered)",
    )
    def post(self, request, slug):
        case = self.case()
        if not rules.can_assess(request.user):
            raise PermissionDenied("Only the Treasury assesses business cases.")
        body = s.JudgementSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        _call(services.business_case_assess, case=case, by=request.user, **body.validated_data)
        return self.case_response(case)


class DecideView(CaseMixin, APIView):
    @extend_schema(
        request=s.DecisionSerializer,
        responses={200: s.BusinessCaseSerializer, **REFUSALS},
        summary="Approve, reject or return an assessed case, with reasons (the Treasury)",
    )
    def post(self, request, slug):
        case = self.case()
        if not rules.can_decide(request.user):
            raise PermissionDenied("Only the Treasury decides on business cases.")
        body = s.DecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self.case_response(
            _call(services.business_case_decide, case=case, by=request.user, **body.validated_data)
        )


class CostsView(CaseMixin, APIView):
    @extend_schema(
        responses={200: s.CostLineSerializer(many=True), **REFUSALS}, summary="The raw cost profile"
    )
    def get(self, request, slug):
        return Response(s.CostLineSerializer(self.case().costs.all(), many=True).data)

    @extend_schema(
        request=s.CostLineSerializer(many=True),
        responses={201: s.CostLineSerializer(many=True), **REFUSALS},
        summary="Set cost lines (one object or a list; the lead department)",
    )
    def post(self, request, slug):
        case = self.case()
        if not rules.can_edit_case(request.user, case):
            raise PermissionDenied("Only the lead department edits a case's costs.")
        many = isinstance(request.data, list)
        body = s.CostLineSerializer(data=request.data, many=many)
        body.is_valid(raise_exception=True)
        rows = body.validated_data if many else [body.validated_data]
        lines = [_call(services.cost_line_set, case=case, by=request.user, **row) for row in rows]
        return Response(s.CostLineSerializer(lines, many=True).data, status=status.HTTP_201_CREATED)


class ImpactsView(CaseMixin, APIView):
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(responses={200: s.ImpactSerializer(many=True), **REFUSALS}, summary="Modelled impacts")
    def get(self, request, slug):
        qs = self.case().impacts.select_related("metric", "geography", "valuation")
        return Response(s.ImpactSerializer(qs, many=True).data)

    @extend_schema(
        request={
            "application/json": s.ImpactRowSerializer(many=True),
            "multipart/form-data": s.ImpactFileSerializer,
        },
        responses={
            201: s.ImpactSummarySerializer,
            200: OpenApiResponse(s.ImpactSummarySerializer, description="Dry run"),
            400: OpenApiResponse(s.ImpactSummarySerializer, description="Rows rejected: nothing written."),
            **REFUSALS,
        },
        parameters=[DRY_RUN],
        summary="Add or replace modelled impacts: a JSON list of rows or a CSV file (all or nothing)",
    )
    def post(self, request, slug):
        case = self.case()
        if not rules.can_edit_case(request.user, case):
            raise PermissionDenied("Only the lead department edits a case's impacts.")
        dry_run = request.query_params.get("dry_run", "").lower() in {"1", "true", "yes", "on"}
        upload = request.FILES.get("file")
        if upload is not None:
            rows, errors = services.impacts.read_csv(upload.read())
            first = 2
        elif isinstance(request.data, list):
            rows, errors, first = request.data, [], 1
        else:
            raise ValidationError(
                {"rows": "Send a JSON list of rows, or a CSV file as the multipart field 'file'."}
            )
        summary = _call(
            services.modelled_impact_import,
            case=case,
            by=request.user,
            rows=rows,
            dry_run=dry_run,
            first_row_number=first,
            errors=errors,
        )
        code = 400 if summary.errors else (201 if summary.written else 200)
        return Response(summary.as_dict(), status=code)
