"""factory_boy factories, in one place (STYLE: tests)."""

import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from metrics.models import Geography, Metric, Observation, Target
from missions.models import Mission, Organisation, User


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"org-{n}")
    name = factory.LazyAttribute(lambda o: f"Organisation {o.slug}")
    abbreviation = factory.LazyAttribute(lambda o: o.slug.upper()[:20])
    kind = Organisation.Kind.DEPARTMENT


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.uk")
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))
        if create:
            self.save()


class MissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mission
        django_get_or_create = ("slug",)

    number = factory.Sequence(lambda n: n + 1)
    slug = factory.Sequence(lambda n: f"mission-{n}")
    title = factory.LazyAttribute(lambda m: f"Mission {m.slug}")
    short_title = factory.LazyAttribute(lambda m: m.slug)
    ambition = "An ambition for testing."
    lead_organisation = factory.SubFactory(OrganisationFactory)
    published = True


def geography(code: str = "K02000001") -> Geography:
    return Geography.objects.get(code=code)


class MetricFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Metric
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"metric-{n}")
    mission = factory.SubFactory(MissionFactory)
    name = factory.LazyAttribute(lambda m: f"Metric {m.slug}")
    tier = Metric.Tier.CORE
    kind = Metric.Kind.OUTCOME
    unit = "%"
    decimal_places = 1
    direction = Metric.Direction.HIGHER
    frequency = "annual"
    owner = factory.SubFactory(OrganisationFactory)
    default_geography = factory.LazyFunction(geography)
    source = "Test source"
    published = True

    @factory.post_generation
    def suppliers(self, create, extracted, **kwargs):
        if create and extracted:
            self.suppliers.set(extracted)


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    metric = factory.SubFactory(MetricFactory)
    geography = factory.LazyFunction(geography)
    kind = Target.Kind.MILESTONE
    value = Decimal("75")
    due_date = dt.date(2029, 7, 31)
    due_label = "end of this Parliament"
    wording = "A test target."
    source_document = "Test"


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    metric = factory.SubFactory(MetricFactory)
    geography = factory.LazyFunction(geography)
    period_start = dt.date(2020, 1, 1)
    value = Decimal("1")
    recorded_at = factory.LazyFunction(timezone.now)


# --- councils ---------------------------------------------------------------------------------------------

from councils.models import Action, Council, CouncilMember, Meeting, Taskforce, TaskforceMember  # noqa: E402


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council
        django_get_or_create = ("slug",)

    mission = factory.SubFactory(MissionFactory)
    kind = Council.Kind.STRATEGY
    name = factory.LazyAttribute(lambda c: f"{c.mission.short_title} strategy council")
    slug = factory.Sequence(lambda n: f"council-{n}")
    chair = "The Prime Minister"
    illustrative = True


class CouncilMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilMember

    council = factory.SubFactory(CouncilFactory)
    name = factory.Sequence(lambda n: f"Member {n}")
    role = "Secretary of State"
    position = CouncilMember.Position.MINISTER
    organisation = factory.SubFactory(OrganisationFactory)


class TaskforceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Taskforce
        django_get_or_create = ("mission",)

    mission = factory.SubFactory(MissionFactory)
    name = factory.LazyAttribute(lambda t: f"{t.mission.short_title} taskforce")
    illustrative = True


class TaskforceMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskforceMember

    taskforce = factory.SubFactory(TaskforceFactory)
    name = factory.Sequence(lambda n: f"Staff {n}")
    role = "Policy adviser"
    unit = TaskforceMember.Unit.DELIVERY
    organisation = factory.SubFactory(OrganisationFactory)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    council = factory.SubFactory(CouncilFactory)
    kind = Meeting.Kind.STRATEGY
    title = factory.Sequence(lambda n: f"Meeting {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    illustrative = True


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    owner_organisation = factory.SubFactory(OrganisationFactory)
    owner_name = "A. Official"
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))
    illustrative = True
