"""A small spending world: one mission with a core metric and its target, a spending review with DfE's
allocations, and builders for cases made through the services (as a department would)."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.utils import timezone

from spending import services
from spending.models import SpendingReview
from tests.factories import (
    MetricFactory,
    MissionFactory,
    ObservationFactory,
    OrganisationFactory,
    TargetFactory,
)


@pytest.fixture
def world(organisations, users):
    mission = MissionFactory(
        slug="opportunity", short_title="Opportunity", lead_organisation=organisations["dfe"]
    )
    gld = MetricFactory(
        slug="gld", mission=mission, owner=organisations["dfe"], tier="core", name="School readiness"
    )
    TargetFactory(metric=gld, value=D("75"), due_date=dt.date(2029, 7, 31))
    for year, value in ((2022, "65"), (2023, "68")):
        ObservationFactory(
            metric=gld,
            period_start=dt.date(year, 1, 1),
            value=D(value),
            recorded_at=timezone.now() - dt.timedelta(days=400 - year),
        )
    review = SpendingReview.objects.create(
        name="SR test",
        slug="sr-test",
        first_year=2026,
        last_year=2028,
        indicative_from_year=2027,
        status="open",
    )
    for year in (2026, 2027, 2028):
        services.allocation_set(
            review=review,
            by=users["treasury"],
            department=organisations["dfe"],
            fiscal_year=year,
            budget="RDEL",
            amount_m=D(100),
            price_base="2025-26 prices",
        )
    return {"mission": mission, "gld": gld, "review": review}


@pytest.fixture
def make_case(world, organisations, users):
    def make(title="Family hubs", *, lead="dfe", partners=(), costs=None, impacts=10, **fields):
        by = users[lead]
        case = services.business_case_create(
            by=by,
            lead_department=organisations[lead],
            partners=[organisations[p] for p in partners],
            missions=[world["mission"]],
            title=title,
            category="RDEL",
            strategic_case="Because.",
            price_base="2025-26 prices",
            start_year=2026,
            spending_review=world["review"],
            **fields,
        )
        for year, amount in (costs or {2026: 10, 2027: 20}).items():
            services.cost_line_set(case=case, by=by, fiscal_year=year, budget="RDEL", amount_m=D(amount))
        rows = [
            {"metric": "gld", "year": y, "impact": "0.5", "method": "Model"} for y in range(1, impacts + 1)
        ]
        if rows:
            services.modelled_impact_import(case=case, by=by, rows=rows)
        return case

    return make


def approve(case, users, *, partners=()):
    for p in partners:
        services.business_case_sign_off(case=case, by=users[p])
    services.business_case_submit(case=case, by=users[case.lead_department.slug])
    services.business_case_assess(case=case, by=users["treasury"], judgement="Fine.")
    return services.business_case_decide(
        case=case, by=users["treasury"], decision="approved", reasons="Good value."
    )


@pytest.fixture
def other_department(db):
    return OrganisationFactory(slug="dwp", name="Department for Work and Pensions", abbreviation="DWP")
