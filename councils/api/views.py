"""/api/v1/meetings/<id>/agenda|returns|decisions/ and /api/v1/actions/<id>/.

Refusals: 403 when the user's role may never do this kind of thing, 404 when the meeting or action exists
but is outside what the user may see, 409 when the change is not allowed from the current state.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from councils import permissions, returns, selectors, services
from councils.api import serializers as s
from councils.models import DepartmentalReturn, Meeting


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Not allowed from the current state."
    default_code = "conflict"


def _meeting(request, pk) -> Meeting:
    user = request.user
    if not (permissions.can_see_councils(user) or permissions.has_check_ins(user)):
        raise PermissionDenied(
            "Meetings are for the centre, the Treasury, secretariats, members and departments."
        )
    return get_object_or_404(selectors.meetings_visible_to(user=user), pk=pk)


def _managed_meeting(request, pk) -> Meeting:
    if not permissions.may_manage_councils(request.user):
        raise PermissionDenied("Only the council's secretariat and the centre run its meetings.")
    meeting = _meeting(request, pk)
    if not permissions.can_manage_council(request.user, meeting.council):
        raise PermissionDenied("Only the council's secretariat and the centre run its meetings.")
    return meeting


def _call(service, **kwargs):
    try:
        return service(**kwargs)
    except services.StateConflict as exc:
        raise Conflict(str(exc)) from exc
    except DjangoValidationError as exc:
        raise ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages) from exc


class MeetingAgenda(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="meeting_agenda_list", responses=s.AgendaItemSerializer(many=True))
    def get(self, request, pk):
        meeting = _meeting(request, pk)
        return Response(s.AgendaItemSerializer(meeting.agenda.all(), many=True).data)

    @extend_schema(
        operation_id="meeting_agenda_add",
        request=s.AgendaItemCreateSerializer,
        responses={201: s.AgendaItemSerializer},
    )
    def post(self, request, pk):
        meeting = _managed_meeting(request, pk)
        serializer = s.AgendaItemCreateSerializer(
            data=request.data, choices=selectors.agenda_choices(meeting=meeting)
        )
        serializer.is_valid(raise_exception=True)
        item = _call(services.agenda_item_add, meeting=meeting, by=request.user, **serializer.validated_data)
        return Response(s.AgendaItemSerializer(item).data, status=status.HTTP_201_CREATED)


def return_payload(user, departmental_return: DepartmentalReturn) -> dict:
    """The return as this user may read it: submitted versions, and drafts only for the department."""
    versions = departmental_return.versions.order_by("-number")
    if not permissions.can_read_drafts(user, departmental_return):
        versions = versions.filter(submitted_at__isnull=False)
    current = returns.state(departmental_return)
    return {
        "id": departmental_return.pk,
        "meeting": departmental_return.meeting_id,
        "organisation": departmental_return.organisation.slug,
        "deadline": departmental_return.deadline,
        "state": current.label,
        "late": current.late,
        "versions": [
            {
                "number": v.number,
                "created_at": v.created_at,
                "submitted_at": v.submitted_at,
                "late": bool(v.submitted_at and v.submitted_at > departmental_return.deadline),
                "entries": [
                    s.ReturnRowSerializer.of(row) for row in returns.beside_the_data(returns.entries_of(v))
                ],
            }
            for v in versions
        ],
    }


class MeetingReturns(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="meeting_returns_list", responses=s.ReturnSerializer(many=True))
    def get(self, request, pk):
        meeting = _meeting(request, pk)
        found = DepartmentalReturn.objects.filter(meeting=meeting).select_related(
            "organisation", "meeting__council"
        )
        readable = [r for r in found if permissions.can_read_submitted_return(request.user, r)]
        return Response(
            s.ReturnSerializer([return_payload(request.user, r) for r in readable], many=True).data
        )

    @extend_schema(
        operation_id="meeting_returns_create",
        description="With `deadline`: the secretariat requests the department's return. With `entries`: the "
        "department files a version (`submit: true` submits it; otherwise it is a draft).",
        request=s.ReturnPostSerializer,
        responses={201: s.ReturnSerializer},
    )
    def post(self, request, pk):
        serializer = s.ReturnPostSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if "deadline" in data:
            meeting = _managed_meeting(request, pk)
            filed = _call(
                services.return_request, meeting=meeting, by=request.user, deadline=data["deadline"]
            )
        else:
            filed = self._file(request, pk, data)
        return Response(
            s.ReturnSerializer(return_payload(request.user, filed)).data, status=status.HTTP_201_CREATED
        )

    def _file(self, request, pk, data) -> DepartmentalReturn:
        if not permissions.may_file_returns(request.user):
            raise PermissionDenied("Only the department under review files its return.")
        meeting = _meeting(request, pk)
        requested = DepartmentalReturn.objects.filter(meeting=meeting).first()
        if requested is None:
            raise Conflict("No return has been requested for this meeting.")
        if not permissions.can_file_return(request.user, requested):
            raise PermissionDenied("Only the department under review files its return.")
        _call(
            services.return_file,
            departmental_return=requested,
            by=request.user,
            entries=data["entries"],
            submit=data["submit"],
        )
        return requested


class MeetingDecisions(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="meeting_decisions_list", responses=s.DecisionSerializer(many=True))
    def get(self, request, pk):
        meeting = _meeting(request, pk)
        decisions = meeting.decisions.prefetch_related("actions__owner_organisation", "actions__metric")
        return Response(s.DecisionSerializer(decisions, many=True).data)

    @extend_schema(
        operation_id="meeting_decisions_create",
        request=s.DecisionCreateSerializer,
        responses={201: s.DecisionSerializer},
    )
    def post(self, request, pk):
        meeting = _managed_meeting(request, pk)
        serializer = s.DecisionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        decision = _call(
            services.decision_record,
            meeting=meeting,
            by=request.user,
            text=data["text"],
            actions=data.get("actions", []),
        )
        return Response(s.DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)


class ActionDetail(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="action_status_update", request=s.ActionStatusSerializer, responses=s.ActionSerializer
    )
    def patch(self, request, pk):
        if not permissions.may_update_actions(request.user):
            raise PermissionDenied("Only the council's secretariat, the centre and the owning department do.")
        action = get_object_or_404(selectors.actions_for_pages(user=request.user), pk=pk)
        if not permissions.can_update_action(request.user, action):
            raise PermissionDenied("Only the council's secretariat, the centre and the owning department do.")
        serializer = s.ActionStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        action = _call(
            services.action_update_status,
            action=action,
            status=serializer.validated_data["status"],
            by=request.user,
        )
        return Response(s.ActionSerializer(action).data)
