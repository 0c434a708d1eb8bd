"""The case workflow in the product's pages: every transition, every refusal per role, partner sign-off."""

from decimal import Decimal as D

import pytest

from missions.models import AuditEvent
from spending import services
from spending.models import BusinessCase, BusinessCaseStatusChange, PartnerSignOff
from tests.spending.conftest import approve

pytestmark = pytest.mark.django_db

URL = "/spending/business-cases/{}/{}"


def test_a_department_drafts_a_shared_case_the_partner_signs_off_and_the_treasury_approves(
    world, client_for, organisations
):
    dfe, dhsc, hmt = client_for("dfe"), client_for("dhsc"), client_for("treasury")
    form = {
        "title": "Family hubs (shared)",
        "stage": "OBC",
        "spending_review": world["review"].pk,
        "category": "RDEL",
        "start_year": 2026,
        "price_base": "2025-26 prices",
        "price_base_year": 2025,
        "optimism_bias": "none",
        "optimism_bias_mitigation": "0",
        "prevention_level": "primary",
        "prevention_evidence": "Early years.",
        "strategic_case": "Join up hubs.",
        "partners": [organisations["dhsc"].pk],
        "mission_links": [world["mission"].pk],
    }
    response = dfe.post("/spending/business-cases/new/", form)
    assert response.status_code == 302, response.content[:2000]
    case = BusinessCase.objects.get(title="Family hubs (shared)")
    assert case.status == "draft" and list(case.partner_departments.values_list("slug", flat=True)) == [
        "dhsc"
    ]
    assert (
        dfe.post(
            URL.format(case.slug, "costs/"), {"fiscal_year": 2026, "budget": "RDEL", "amount_m": "40"}
        ).status_code
        == 302
    )
    csv = "metric,year,impact,method,probability\n" + "".join(f"gld,{y},1,Model,0.5\n" for y in range(1, 11))
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = dfe.post(
        URL.format(case.slug, "impacts/"), {"file": SimpleUploadedFile("i.csv", csv.encode(), "text/csv")}
    )
    assert upload.status_code == 302 and case.impacts.count() == 10

    refused = dfe.post(URL.format(case.slug, "submit/"))
    assert refused.status_code == 409 and "waiting for DHSC" in refused.text
    assert dhsc.post(URL.format(case.slug, "sign-off/"), {"note": "Agreed"}).status_code == 302
    assert dfe.post(URL.format(case.slug, "submit/")).status_code == 302

    page = hmt.get(case.get_absolute_url()).text
    assert "The three tests" in page and "Headroom" in page and "Remaining gap" in page
    assert "Present value of costs" in page and "Record the assessment" in page
    assert (
        hmt.post(
            URL.format(case.slug, "assess/"), {"judgement": "Affordable and mission critical."}
        ).status_code
        == 302
    )
    assert (
        hmt.post(
            URL.format(case.slug, "decide/"), {"decision": "approved", "reasons": "Good value."}
        ).status_code
        == 302
    )
    case.refresh_from_db()
    assert case.status == "approved"
    history = list(case.status_changes.values_list("from_status", "to_status"))
    assert history == [
        ("", "draft"),
        ("draft", "submitted"),
        ("submitted", "assessed"),
        ("assessed", "approved"),
    ]
    assert AuditEvent.objects.filter(action__startswith="business_case.", object_id=str(case.pk)).count() >= 7

    dashboard = hmt.get("/treasury/").text
    assert "Opportunity" in dashboard and "40.0" in dashboard
    hmt.post("/spending/fiscal-events/", {"name": "Budget test", "kind": "budget", "date": "2026-11-25"})
    hmt.post("/spending/fiscal-events/budget-test/", {"case": case.slug})
    event = hmt.get("/spending/fiscal-events/budget-test/").text
    assert "Family hubs (shared)" in event and "School readiness" in event and "+1 in 2026-27" in event


@pytest.mark.parametrize(
    "who,action,data,expected",
    [
        ("dfe", "sign-off/", {}, 403),  # the lead is not a partner
        ("treasury", "sign-off/", {}, 403),
        ("centre", "sign-off/", {}, 403),
        ("dhsc", "submit/", {}, 403),  # a partner cannot submit
        ("treasury", "submit/", {}, 403),
        ("dfe", "assess/", {"judgement": "x"}, 403),
        ("dhsc", "assess/", {"judgement": "x"}, 403),
        ("centre", "assess/", {"judgement": "x"}, 403),
        ("dfe", "decide/", {"decision": "approved", "reasons": "x"}, 403),
        ("centre", "decide/", {"decision": "approved", "reasons": "x"}, 403),
        ("analyst", "submit/", {}, 403),
        ("secretariat", "assess/", {"judgement": "x"}, 403),
        ("accountability", "decide/", {"decision": "approved", "reasons": "x"}, 403),
        ("treasury", "assess/", {"judgement": "x"}, 409),  # a draft cannot be assessed
        ("treasury", "decide/", {"decision": "approved", "reasons": "x"}, 409),
    ],
)
def test_transitions_refused_by_role_or_status(make_case, client_for, who, action, data, expected):
    case = make_case(partners=["dhsc"])
    assert client_for(who).post(URL.format(case.slug, action), data).status_code == expected
    assert BusinessCase.objects.get(pk=case.pk).status == "draft"


@pytest.mark.parametrize("page", ["", "edit/", "costs/", "impacts/"])
def test_pages_of_a_case_outside_the_users_scope_are_404_and_other_roles_403(make_case, client_for, page):
    case = make_case()  # DfE only
    assert client_for("dhsc").get(URL.format(case.slug, page)).status_code == 404
    assert client_for("analyst").get(URL.format(case.slug, page)).status_code == 403
    assert client_for("accountability").get(URL.format(case.slug, page)).status_code == 403
    anonymous = client_for(None).get(URL.format(case.slug, page))
    assert anonymous.status_code == 302 and "/sign-in/" in anonymous["Location"]


@pytest.mark.parametrize("page", ["edit/", "costs/", "impacts/"])
def test_only_the_lead_edits_and_only_while_draft_or_returned(make_case, client_for, users, page):
    case = make_case(partners=["dhsc"])
    assert client_for("dhsc").get(URL.format(case.slug, page)).status_code == 403
    assert client_for("treasury").get(URL.format(case.slug, page)).status_code == 403
    assert client_for("dfe").get(URL.format(case.slug, page)).status_code == 200
    services.business_case_sign_off(case=case, by=users["dhsc"])
    services.business_case_submit(case=case, by=users["dfe"])
    assert client_for("dfe").get(URL.format(case.slug, page)).status_code == 409
    refused = client_for("dfe").post(
        URL.format(case.slug, "costs/"), {"fiscal_year": 2026, "budget": "RDEL", "amount_m": "1"}
    )
    assert refused.status_code == 409


def test_drafting_is_for_departments_only(world, client_for):
    assert client_for("dfe").get("/spending/business-cases/new/").status_code == 200
    for who in ("treasury", "centre", "analyst", "secretariat", "accountability"):
        assert client_for(who).get("/spending/business-cases/new/").status_code == 403, who


def test_partner_sign_off_rules(make_case, users):
    case = make_case(partners=["dhsc"])
    with pytest.raises(services.TransitionNotAllowed, match="waiting for DHSC"):
        services.business_case_submit(case=case, by=users["dfe"])
    services.business_case_sign_off(case=case, by=users["dhsc"])
    with pytest.raises(services.TransitionNotAllowed, match="already signed off"):
        services.business_case_sign_off(case=case, by=users["dhsc"])
    services.business_case_submit(case=case, by=users["dfe"])
    with pytest.raises(services.TransitionNotAllowed):
        services.business_case_submit(case=case, by=users["dfe"])


def test_a_returned_case_needs_its_partners_to_sign_off_again(make_case, users):
    case = make_case(partners=["dhsc"])
    services.business_case_sign_off(case=case, by=users["dhsc"])
    services.business_case_submit(case=case, by=users["dfe"])
    with pytest.raises(services.TransitionNotAllowed):
        services.business_case_decide(
            case=case, by=users["treasury"], decision="returned", reasons="More evidence"
        )
    services.business_case_assess(case=case, by=users["treasury"], judgement="Needs evidence.")
    case = services.business_case_decide(
        case=case, by=users["treasury"], decision="returned", reasons="More evidence"
    )
    assert case.status == "returned"
    assert PartnerSignOff.objects.get(case=case).superseded_at is not None
    services.cost_line_set(case=case, by=users["dfe"], fiscal_year=2028, budget="RDEL", amount_m=D(5))
    with pytest.raises(services.TransitionNotAllowed, match="waiting for DHSC"):
        services.business_case_submit(case=case, by=users["dfe"])
    services.business_case_sign_off(case=case, by=users["dhsc"])
    assert services.business_case_submit(case=case, by=users["dfe"]).status == "submitted"
    assert BusinessCaseStatusChange.objects.filter(case=case, to_status="submitted").count() == 2


def test_rejection_and_decisions_need_reasons(make_case, users):
    case = make_case()
    services.business_case_submit(case=case, by=users["dfe"])
    services.business_case_assess(case=case, by=users["treasury"], judgement="Poor value.")
    with pytest.raises(ValueError, match="reasons"):
        services.business_case_decide(case=case, by=users["treasury"], decision="rejected", reasons=" ")
    case = services.business_case_decide(
        case=case, by=users["treasury"], decision="rejected", reasons="Poor value"
    )
    assert case.status == "rejected"
    assert case.status_changes.last().note == "Poor value"
    with pytest.raises(services.TransitionNotAllowed):
        services.business_case_decide(
            case=case, by=users["treasury"], decision="approved", reasons="Changed mind"
        )


def test_approve_helper_walks_every_step(make_case, users):
    assert approve(make_case(partners=["dhsc"]), users, partners=["dhsc"]).status == "approved"
