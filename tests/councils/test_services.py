"""Meetings and actions: overdue actions, audited status changes and an action's status "as at"."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from councils import selectors, services
from councils.models import Action, Meeting
from councils.packs import history
from missions.models import AuditEvent
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db


def test_an_action_becomes_overdue_the_day_after_it_is_due(opportunity, users):
    due = timezone.localdate() + dt.timedelta(days=2)
    action = ActionFactory(
        meeting=opportunity["earlier"],
        owner_organisation=opportunity["mission"].lead_organisation,
        due_date=due,
    )
    assert not action.is_overdue()
    assert not action.is_overdue(today=due)
    assert action.is_overdue(today=due + dt.timedelta(days=1))
    overdue = selectors.overdue_actions(user=users["dfe"], today=due + dt.timedelta(days=1))
    assert action in overdue
    assert action not in selectors.overdue_actions(user=users["dfe"], today=due)


def test_done_actions_are_never_overdue(opportunity, users):
    action = services.action_update_status(
        action=opportunity["overdue"], status="done", by=users["secretariat"]
    )
    assert action.completed_at is not None and not action.is_overdue()
    assert action not in selectors.overdue_actions(user=users["dfe"])


def test_status_changes_are_audited_and_read_back_as_at(opportunity, users):
    action = opportunity["overdue"]
    before = timezone.now()
    services.action_update_status(action=action, status="done", by=users["secretariat"])
    event = AuditEvent.objects.get(action=history.ACTION_STATUS_EVENT)
    assert event.changes == {"status": ["open", "done"]} and event.actor == users["secretariat"]
    events = list(AuditEvent.objects.filter(action=history.ACTION_STATUS_EVENT))
    assert history.action_status_at(action, events, before) == "open"
    assert history.action_status_at(action, events, timezone.now()) == "done"
    services.action_update_status(action=action, status="done", by=users["secretariat"])  # no change, no row
    assert AuditEvent.objects.filter(action=history.ACTION_STATUS_EVENT).count() == 1


def test_reopening_clears_completion(opportunity, users):
    services.action_update_status(action=opportunity["overdue"], status="done", by=users["centre"])
    action = services.action_update_status(action=opportunity["overdue"], status="open", by=users["centre"])
    assert action.completed_at is None and action.is_overdue()


def test_meeting_create_validates_and_inherits_the_illustrative_label(opportunity, users):
    meeting = services.meeting_create(
        council=opportunity["council"],
        by=users["centre"],
        kind="delivery",
        title="Delivery board",
        starts_at=timezone.now(),
    )
    assert meeting.illustrative
    with pytest.raises(ValidationError):
        services.meeting_create(
            council=opportunity["council"],
            by=users["centre"],
            kind="check_in",
            title="X",
            starts_at=timezone.now(),
        )
    assert not Meeting.objects.filter(title="X").exists()


def test_action_create_is_audited(opportunity, users):
    action = services.action_create(
        meeting=opportunity["check_in"],
        by=users["secretariat"],
        title="Report back",
        owner_organisation=opportunity["mission"].lead_organisation,
        due_date=timezone.localdate(),
    )
    assert action.status == Action.Status.OPEN and action.illustrative
    assert AuditEvent.objects.filter(action="action.create", object_id=str(action.pk)).exists()
