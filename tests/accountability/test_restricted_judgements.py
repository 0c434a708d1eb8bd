"""Issue 10: a laid report judging a restricted metric shows the verdict to every reader, but
names the metric, shows its figures and the body's words on it only to readers who may see the metric
(metrics_visible_to). The rest read "A restricted metric": Parliament's record that a judgement was made
stays, the metric does not leak."""

import pytest
from django.utils import timezone

from accountability import services
from tests.factories import MetricFactory

pytestmark = pytest.mark.django_db

SECRET = "Secret skills shortfall"
WORDS = "Secret shortfall commentary"


@pytest.fixture
def report(world):
    secret = MetricFactory(
        slug="secret", name=SECRET, mission=world["mission"], owner=world["orgs"]["dfe"], restricted=True
    )
    member = world["users"]["accountability"]
    report = services.report_create(body=world["body"], by=member, title="Annual report", summary="S")
    services.judgement_set(
        report=report,
        by=member,
        metric=world["gld"],
        verdict="too_early",
        commentary="C",
        difference_note="Needs a year.",
    )
    services.judgement_set(
        report=report,
        by=member,
        metric=secret,
        verdict="too_early",
        commentary=WORDS,
        difference_note="Secret note",
    )
    services.report_submit(report=report, by=member)
    return services.report_lay(report=report, by=member, laid_on=timezone.localdate())


@pytest.mark.parametrize("persona", [None, "dhsc", "secretariat", "ons_analyst", "accountability"])
def test_readers_who_may_not_see_the_metric_get_the_verdict_without_it(client_for, world, report, persona):
    client = client_for(persona)
    for path in (
        report.get_absolute_url(),
        f"/api/v1/reports/{report.pk}/",
        "/missions/opportunity/",
        "/public/missions/opportunity/",
    ):
        response = client.get(path)
        if response.status_code == 302:  # internal mission page for the public: sign in
            continue
        assert response.status_code == 200, path
        assert SECRET not in response.text and "/metrics/secret/" not in response.text, path
        assert WORDS not in response.text and "Secret note" not in response.text, path
    page = client.get(report.get_absolute_url()).text
    assert "A restricted metric" in page and "Good level of development" in page
    judgements = client.get(f"/api/v1/reports/{report.pk}/").json()["judgements"]
    assert sorted((j["metric"] or "", j["commentary"]) for j in judgements) == [("", ""), ("gld", "C")]


@pytest.mark.parametrize("persona", ["centre", "treasury", "dfe"])
def test_readers_who_may_see_the_metric_read_the_whole_judgement(client_for, world, report, persona):
    page = client_for(persona).get(report.get_absolute_url()).text
    assert SECRET in page and WORDS in page and "A restricted metric" not in page
    judgements = client_for(persona).get(f"/api/v1/reports/{report.pk}/").json()["judgements"]
    assert {j["metric"] for j in judgements} == {"gld", "secret"}
