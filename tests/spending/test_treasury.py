"""/treasury/, spending reviews, fiscal events, the Mission Fund and the public register."""

import csv
import datetime as dt
import io
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from spending import services
from spending.appraisal import evaluate_one
from spending.models import MissionFundAward
from tests.spending.conftest import approve

pytestmark = pytest.mark.django_db

PAGES = ["/treasury/", "/spending/reviews/", "/spending/reviews/sr-test/", "/spending/fiscal-events/",
         "/spending/mission-fund/"]  # fmt: skip


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize(
    "who,expected",
    [("treasury", 200), ("centre", 200), ("dfe", 403), ("analyst", 403), ("secretariat", 403),
     ("accountability", 403)],
)  # fmt: skip
def test_treasury_pages_are_for_the_treasury_and_the_centre(world, client_for, path, who, expected):
    assert client_for(who).get(path).status_code == expected


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(world, client_for, path):
    response = client_for(None).get(path)
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


def test_the_treasury_lands_on_treasury_after_signing_in(users, client_for):
    assert client_for("treasury").get("/after-sign-in/")["Location"] == "/treasury/"
    assert client_for("centre").get("/after-sign-in/")["Location"] == "/"
    nav = client_for("treasury").get("/treasury/").text
    assert 'href="/treasury/"' in nav and "Treasury</a>" in nav
    assert 'href="/treasury/"' not in client_for("dfe").get("/departments/dfe/").text


def test_only_the_treasury_writes_reviews_events_and_the_fund(world, client_for, organisations):
    allocation = {
        "form": "allocation",
        "department": organisations["dfe"].pk,
        "fiscal_year": 2026,
        "budget": "CDEL",
        "amount_m": "50",
        "prevention_ringfence_m": "0",
        "price_base": "nominal",
    }
    assert client_for("centre").post("/spending/reviews/sr-test/", allocation).status_code == 403
    assert client_for("treasury").post("/spending/reviews/sr-test/", allocation).status_code == 302
    assert (
        client_for("centre")
        .post("/spending/fiscal-events/", {"name": "x", "kind": "budget", "date": "2026-01-01"})
        .status_code
        == 403
    )
    assert client_for("centre").post("/spending/mission-fund/", {"form": "envelope"}).status_code == 403


def test_affordability_counts_earlier_approved_cases_in_the_same_review(make_case, users):
    first = make_case("First", costs={2026: 70})
    second = make_case("Second", costs={2026: 40})
    before = evaluate_one(second).affordability
    assert before.result == "pass" and before.inputs["years"][0]["headroom_m"] == 100.0
    first = approve(first, users)
    after = evaluate_one(second).affordability
    assert after.result == "fail"
    assert after.inputs["years"][0] == {
        "fiscal_year": 2026,
        "budget": "RDEL",
        "cost_m": 40.0,
        "allocation_m": 100.0,
        "approved_cases_m": 70.0,
        "headroom_m": 30.0,
        "result": "fail",
    }
    assert evaluate_one(first).affordability.result == "pass"  # a case never counts against itself


def test_optimism_bias_uplifts_costs_with_mitigation(make_case):
    case = make_case(
        "Building", costs={2026: 100}, optimism_bias="non_standard_buildings", optimism_bias_mitigation=D(50)
    )
    appraisal = evaluate_one(case)
    assert appraisal.raw_total_m == D(100)
    assert appraisal.uplifted_total_m == D("125.5")  # 51% upper bound, half mitigated


def test_a_trigger_event_is_logged_and_reopens_the_settlement(world, client_for):
    response = client_for("treasury").post(
        "/spending/reviews/sr-test/",
        {"form": "trigger", "occurred_on": "2026-10-01", "description": "Economic shock"},
    )
    assert response.status_code == 302
    world["review"].refresh_from_db()
    assert (
        world["review"].status == "reopened"
        and world["review"].triggers.get().description == "Economic shock"
    )
    assert "Economic shock" in client_for("centre").get("/spending/reviews/sr-test/").text


def test_a_fiscal_events_impact_is_the_sum_of_its_approved_cases_and_the_lock(make_case, users, client_for):
    one, two = make_case("One", costs={2026: 10}), make_case("Two", costs={2026: 30})
    approve(one, users), approve(two, users)
    event = services.fiscal_event_create(
        by=users["treasury"], name="Budget 2026", kind="budget", date=dt.date(2026, 11, 25), gdp_m=D(3000)
    )
    with pytest.raises(services.TransitionNotAllowed):
        services.fiscal_event_carry(event=event, case=make_case("Draft"), by=users["treasury"])
    for case in (one, two):
        services.fiscal_event_carry(event=event, case=case, by=users["treasury"])
    page = client_for("treasury").get(event.get_absolute_url()).text
    assert "+1 in 2026-27" in page  # 0.5 + 0.5
    assert "The fiscal lock applies" in page and "£40.0 million in 2026" in page  # 40 ≥ 1% of 3,000
    download = client_for("treasury").get(event.get_absolute_url() + "?download=impacts")
    assert "School readiness,2026-27,1.0" in download.content.decode()
    event.gdp_m = D(10000)
    event.save()
    assert "does not apply" in client_for("treasury").get(event.get_absolute_url()).text


def test_mission_fund_awards_stay_within_the_envelope(make_case, users, client_for):
    bid = make_case("Pilot", mission_fund_bid=True)
    services.mission_fund_envelope_set(
        by=users["treasury"], fiscal_year=2026, amount_m=D(50), price_base="nominal"
    )
    with pytest.raises(services.TransitionNotAllowed):
        services.mission_fund_award(
            case=bid,
            by=users["treasury"],
            fiscal_year=2026,
            amount_m=D(10),
            pilot_places=5,
            evaluation_plan="RCT",
        )
    approve(bid, users)
    with pytest.raises(ValueError, match="remaining balance"):
        services.mission_fund_award(
            case=bid,
            by=users["treasury"],
            fiscal_year=2026,
            amount_m=D(60),
            pilot_places=5,
            evaluation_plan="RCT",
        )
    form = {
        "form": "award",
        "case": bid.slug,
        "fiscal_year": 2026,
        "amount_m": "20",
        "pilot_places": 40,
        "evaluation_plan": "RCT",
    }
    assert client_for("treasury").post("/spending/mission-fund/", form).status_code == 302
    award = MissionFundAward.objects.get()
    services.mission_fund_scale_up(award=award, by=users["treasury"], decision="scale", note="Worked")
    with pytest.raises(services.TransitionNotAllowed):
        services.mission_fund_scale_up(award=award, by=users["treasury"], decision="stop", note="Again")
    page = client_for("treasury").get("/treasury/").text
    assert "£30.0 million of £50.0 million left" in page


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_dashboard_sections_have_summaries_tables_and_neutralised_csv(world, make_case, users, client_for):
    world["mission"].short_title = '=HYPERLINK("http://evil")'
    world["mission"].save()
    approve(make_case("=cmd|' /C calc'!A0", costs={2026: 40}), users)
    client = client_for("treasury")
    page = client.get("/treasury/").text
    for key in (
        "spending-by-mission",
        "allocations",
        "prevention",
        "mission-fund",
        "cases-by-status",
        "cost-per-unit",
        "modelled-vs-actual",
    ):
        assert f'id="{key}"' in page and f"?download={key}" in page
    rows = _csv(client.get("/treasury/?download=spending-by-mission"))
    assert rows[0][0] == "Mission" and rows[1][0].startswith("'=HYPERLINK")
    register = _csv(client_for(None).get("/public/appraisals/?download=csv"))
    assert len(register) == 1  # under the £100m threshold: not published


def test_the_as_at_selector_counts_a_case_with_the_status_it_had_then(make_case, users, client_for):
    approve(make_case("Now approved", costs={2026: 40}), users)
    client = client_for("treasury")
    rows = _csv(client.get("/treasury/?download=cases-by-status"))
    assert [r[0] for r in rows[1:]] == ["Approved"]
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    assert (
        len(_csv(client.get(f"/treasury/?download=cases-by-status&as_at={yesterday}"))) == 1
    )  # none existed
    assert client.get("/treasury/?as_at=31/12/2026").status_code == 400
    assert client.get("/treasury/?download=nonsense").status_code == 404


def test_the_public_register_lists_approved_cases_above_the_threshold(make_case, users, client_for):
    big = make_case("Big approved", costs={2026: 80, 2027: 80})
    small = make_case("Small approved", costs={2026: 10})
    make_case("Big draft", costs={2026: 500})
    approve(big, users), approve(small, users)
    page = client_for(None).get("/public/appraisals/").text
    assert "Big approved" in page and "Small approved" not in page and "Big draft" not in page
    assert "/public/appraisals/" in client_for(None).get("/public/").text


@pytest.mark.parametrize("path", ["/treasury/", "/spending/business-cases/"])
def test_query_count_is_constant_in_the_number_of_cases(make_case, users, client_for, path, settings):
    settings.STATUS_CACHE_SECONDS = 0  # each request builds the page (tests/spending/test_treasury_cache.py)
    client = client_for("treasury")
    approve(make_case("A"), users)
    client.get(path)
    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == 200
    for title in "BCDE":
        approve(make_case(title), users)
    make_case("F", partners=["dhsc"])
    with CaptureQueriesContext(connection) as many:
        assert client.get(path).status_code == 200
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]
