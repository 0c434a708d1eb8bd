"""load_demo: real data loaded as shipped, idempotent, illustrative rows flagged, one user per role."""

import csv
from collections import Counter
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from demo.common import SERIES_CSV
from demo.loader import load_demo
from demo.users import DEFAULT_PASSWORD, DEMO_USERS
from metrics.models import Metric, Observation, SeriesBreak, Target, Upload
from metrics.status import metric_statuses
from missions.models import AuditEvent, User

pytestmark = pytest.mark.django_db

# The import service records each committed batch (an Upload and its audit row); Observation rows are
# what the import is tested on separately.
IMPORT_BOOKKEEPING = {Observation, Upload, AuditEvent}


def csv_rows():
    with SERIES_CSV.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def counts(exclude=frozenset()):
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model.__module__.split(".")[0] in {"missions", "metrics", "councils", "spending", "accountability"}
        and model not in exclude
    }


def test_every_csv_row_is_an_observation_with_the_published_value():
    result = load_demo()

    rows = csv_rows()
    assert result.observations.created == len(rows) == 930
    expected = Counter(row["metric_slug"] for row in rows)
    from_csv = Observation.objects.filter(upload__filename=SERIES_CSV.name)
    loaded = Counter(from_csv.filter(superseded_at__isnull=True).values_list("metric__slug", flat=True))
    assert loaded == expected
    assert from_csv.count() == len(rows)
    gld = Observation.objects.get(metric__slug="gld_all_children", period_start="2023-09-01")
    assert gld.value == Decimal("68")
    assert gld.geography.code == "E92000001"


def test_loading_twice_creates_nothing_new():
    load_demo()
    before = counts(exclude=IMPORT_BOOKKEEPING)

    result = load_demo()

    assert result.tally.created_total == 0
    assert counts(exclude=IMPORT_BOOKKEEPING) == before


def test_second_import_is_all_unchanged_and_writes_nothing():
    load_demo()
    before = counts()

    summary = load_demo().observations

    assert (summary.created, summary.revised, summary.unchanged, summary.rejected) == (0, 0, 930, 0)
    assert counts() == before


def test_every_illustrative_row_is_flagged():
    load_demo()

    flagged = [m for m in apps.get_models() if "illustrative" in {f.name for f in m._meta.get_fields()}]
    for model in flagged:
        assert not model._default_manager.filter(illustrative=False).exists(), model._meta.label
    loaded = {model._meta.label for model in flagged if model._default_manager.exists()}
    # No trigger event has reopened the illustrative spending review (issue 11 loads the rest of spending).
    assert loaded == {model._meta.label for model in flagged} - {"spending.TriggerEvent"}
    assert len(loaded) == 18  # councils.DepartmentalReturn (issue 14) is the 18th


def test_ndc_target_is_relative_to_the_series_1990_value():
    load_demo()

    target = Target.objects.get(metric__slug="ghg_emissions_territorial_desnz")
    assert (target.form, target.factor, target.value) == ("relative", Decimal("0.19"), None)
    status = metric_statuses([target.metric])[target.metric_id]
    assert status.assessment.inputs["baseline_value"] == pytest.approx(813.396486653835)
    assert status.assessment.inputs["target_value"] == pytest.approx(813.396486653835 * 0.19)
    assert "derived from the baseline: 19% of the 1990 value" in status.assessment.explanation


def test_every_metric_has_observations_and_the_nhs_headlines_come_from_the_additions():
    result = load_demo()

    assert result.additions.created == 2420
    with_data = set(Observation.objects.values_list("metric__slug", flat=True))
    assert with_data == set(Metric.objects.values_list("slug", flat=True))
    rtt = Observation.objects.get(metric__slug="rtt_18_weeks", period_start="2025-12-01")
    assert rtt.value == Decimal("61.50793868504213")
    over_52 = Observation.objects.get(
        metric__slug="rtt_incomplete_over_52_weeks_pct_incl_estimates", period_start="2013-02-01"
    )
    assert over_52.value == Decimal("0.036546416798587073")  # 18 decimals, as published
    assert Observation.objects.filter(metric__slug="ae_4_hours").count() == 185
    london = Observation.objects.get(
        metric__slug="healthy_life_expectancy_at_birth_male_by_region",
        geography__code="E12000007",
        period_start="2020-01-01",
    )
    assert london.value == Decimal("63.92")


def test_caveats_are_held_as_series_breaks_and_editions():
    load_demo()

    rtt = Metric.objects.get(slug="rtt_18_weeks")
    assert rtt.breaks.filter(kind=SeriesBreak.Kind.BREAK, starts="2024-02-01").exists()
    ae = Metric.objects.get(slug="ae_4_hours").breaks.get()
    assert (ae.kind, str(ae.starts), str(ae.ends)) == ("span", "2019-05-01", "2023-05-01")
    editions = Metric.objects.filter(family="hle_male").values_list("slug", "edition")
    assert len(editions) == 3
    assert len({edition for _, edition in editions}) == 3


def test_every_core_metric_has_its_published_target_and_a_computed_status():
    load_demo()

    core = list(Metric.objects.filter(tier=Metric.Tier.CORE))
    statuses = metric_statuses(core)
    for metric in core:
        target = statuses[metric.pk].target
        assert target is not None, metric.slug
        assert target.source_document and target.wording, metric.slug
        assert statuses[metric.pk].status != "no_target", metric.slug
    forms = {m.slug: statuses[m.pk].target.form for m in core}
    assert forms["ghg_emissions_territorial_desnz"] == "relative"
    assert forms["net_additional_dwellings"] == "budget"
    assert forms["gdp_per_capita_real_growth"] == "comparator"
    assert forms["healthy_life_expectancy_at_birth_female_by_region"] == "gap"
    assert statuses[Metric.objects.get(slug="rtt_18_weeks").pk].status == "off_track"


def test_sources_cite_the_publishers_release_page_not_a_repository():
    load_demo()

    for metric in Metric.objects.all():
        assert "github.com" not in metric.source_url, metric.slug
        assert "@" not in metric.source.split(" ")[0], (metric.slug, metric.source)
    gdp = Metric.objects.get(slug="gdp_per_capita_real_growth")
    assert gdp.source_url == "https://sdgdata.gov.uk/8-1-1/"
    assert gdp.source.startswith("ONS, UK data for the Sustainable Development Goals, indicator 8.1.1")
    assert "ONSdigital/sdg-data@" in gdp.methodology  # the copy read is still recorded


def test_each_demo_user_has_exactly_its_role_and_organisation(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "first-password")
    load_demo()
    monkeypatch.delenv("DEMO_PASSWORD")
    load_demo()

    assert User.objects.count() == len(DEMO_USERS)
    for username, role, org_slug, _ in DEMO_USERS:
        user = User.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert user.organisation.slug == org_slug
        assert user.check_password(DEFAULT_PASSWORD)
    secretariat = User.objects.get(username="secretariat")
    assert secretariat.taskforce_roles.get().taskforce.mission.slug == "opportunity"
    assert (
        User.objects.get(username="accountability").organisation.accountability_body.mission.slug
        == "opportunity"
    )


def test_command_prints_counts_and_the_user_table():
    out = StringIO()
    call_command("load_demo", stdout=out)

    text = out.getvalue()
    assert "930 created" in text
    assert "ons-analyst" in text and "analyst" in text
    assert f"Password for every demo user: {DEFAULT_PASSWORD}" in text
