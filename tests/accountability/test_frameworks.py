"""Framework alignment: register with counts, mapping, rationalisation tracker, the Sankey with its text,
table and CSV; refusals per role."""

import pytest

from accountability import services
from accountability.models import Framework, FrameworkIndicator, StatusChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework(world, users):
    f = services.framework_create(
        by=users["centre"], name="DfE outcome delivery plan", kind="odp", owner=world["orgs"]["dfe"]
    )
    services.framework_indicator_add(
        framework=f, by=users["centre"], name="GLD", alignment="aligned", metric=world["gld"]
    )
    services.framework_indicator_add(
        framework=f, by=users["centre"], name="Sessions run", alignment="to_retire"
    )
    return f


def test_the_register_counts_indicators_per_framework(client_for, framework):
    page = client_for("dfe").get("/accountability/frameworks/")
    assert page.status_code == 200 and "DfE outcome delivery plan" in page.text
    assert "Register a framework" not in page.text  # the department reads, the centre manages


def test_the_centre_registers_maps_and_rationalises(client_for, framework, world):
    centre = client_for("centre")
    r = centre.post(
        "/accountability/frameworks/new/",
        {"name": "NHS mandate", "kind": "nhs_mandate", "owner": world["orgs"]["dhsc"].pk},
    )
    assert r.status_code == 302 and Framework.objects.count() == 2
    nhs = Framework.objects.get(name="NHS mandate")
    r = centre.post(
        f"/accountability/frameworks/{nhs.pk}/indicators/", {"name": "Four-hour", "alignment": "aligned"}
    )
    assert r.status_code == 400  # an aligned indicator needs a metric
    r = centre.post(
        f"/accountability/frameworks/{nhs.pk}/indicators/",
        {"name": "Four-hour", "alignment": "partly_aligned", "metric": world["other"].pk},
    )
    assert r.status_code == 302
    indicator = FrameworkIndicator.objects.get(name="Sessions run")
    r = centre.post(
        f"/accountability/indicators/{indicator.pk}/rationalise/", {"to": "agreed", "reason": "Agreed"}
    )
    assert r.status_code == 302
    tracker = centre.get("/accountability/frameworks/rationalisation/")
    assert "Sessions run" in tracker.text and "change agreed 1" in tracker.text
    r = centre.post(
        f"/accountability/indicators/{indicator.pk}/map/", {"alignment": "unaligned", "note": "n"}
    )
    assert r.status_code == 302
    assert StatusChange.objects.filter(field="alignment", object_id=indicator.pk).count() == 2


@pytest.mark.parametrize("persona", ["treasury", "dfe", "analyst", "secretariat", "accountability"])
def test_only_the_centre_changes_frameworks(client_for, framework, persona):
    indicator = framework.indicators.first()
    client = client_for(persona)
    assert client.post("/accountability/frameworks/new/", {"name": "X", "kind": "odp"}).status_code == 403
    assert (
        client.post(f"/accountability/indicators/{indicator.pk}/rationalise/", {"to": "done"}).status_code
        == 403
    )


def test_the_public_is_sent_to_sign_in(client_for, framework):
    assert client_for(None).get("/accountability/frameworks/").status_code == 302


def test_the_flow_has_a_sankey_summary_table_and_csv(client_for, framework):
    page = client_for("centre").get("/accountability/frameworks/flow/")
    assert page.status_code == 200 and "sankey" in page.text
    assert (
        "2 indicators in 1 frameworks: 1 map to metrics of 1 missions and 1 map to no mission metric"
        in page.text
    )
    csv = client_for("centre").get("/accountability/frameworks/flow.csv")
    lines = csv.content.decode().splitlines()
    assert lines[0] == "framework,mission,alignment,indicators" and len(lines) == 3


def test_csv_cells_are_neutralised(client_for, framework, users):
    services.framework_create(by=users["centre"], name="=HYPERLINK(1)", kind="other", owner=framework.owner)
    f = Framework.objects.get(name="=HYPERLINK(1)")
    services.framework_indicator_add(framework=f, by=users["centre"], name="x", alignment="unaligned")
    text = client_for("centre").get("/accountability/frameworks/flow.csv").content.decode()
    assert "'=HYPERLINK(1)" in text
