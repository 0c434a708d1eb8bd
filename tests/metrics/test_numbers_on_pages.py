"""Issue 15: the pages show figures one way: thousands separators, published precision, targets as worded,
never "by by", GOV.UK dates, schedules in words; and the page's chart draws the derived path to the target."""

import datetime as dt
import json
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone

from metrics.services import observation_import
from tests.factories import MetricFactory, MissionFactory, TargetFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def dwellings(organisations):
    mission = MissionFactory(slug="homes", lead_organisation=organisations["dfe"])
    metric = MetricFactory(
        slug="homes", name="Net additional dwellings", unit="dwellings", decimal_places=0, mission=mission,
        owner=organisations["dfe"], frequency="annual",
    )  # fmt: skip
    TargetFactory(
        metric=metric, value=Decimal("300000"), due_label="by March 2029", due_date=dt.date(2029, 3, 31)
    )
    rows = [("2021", "221070"), ("2022", "234462.5")]
    observation_import(
        rows=[{"metric": "homes", "geography": "K02000001", "period": p, "value": v} for p, v in rows],
        format="demo",
        system=True,
        recorded_at=timezone.now() - dt.timedelta(days=2),
    )
    return metric


def _text(response) -> str:
    html = re.sub(
        r"<script.*?</script>", " ", response.content.decode(), flags=re.S
    )  # chart data is not text
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_metric_page_formats_every_figure_one_way(client_for, dwellings):
    response = client_for("dfe").get("/metrics/homes/")
    text = _text(response)
    assert "221,070" in text and "221070" not in text
    assert "234,462.5" in text  # published precision kept on a 0-decimal metric, never 234,462 or 234,463
    assert "300,000 dwellings by March 2029" in text and "by by" not in text
    assert not re.search(r"\(\d{4}-\d{2}-\d{2}\)", text)  # no raw ISO dates in the status inputs
    data = re.search(
        r'<script id="metric-chart-figure"[^>]*>(.*?)</script>', response.content.decode(), re.S
    ).group(1)
    figure = json.loads(json.loads(data))
    path = next(t for t in figure["data"] if "derived" in t["name"])
    assert path["y"][-1] == 300000.0
    assert figure["layout"]["xaxis"]["tickformat"] in ("%Y", "%b %Y")


def test_mission_page_table_and_summary_use_the_same_format(client_for, dwellings):
    text = _text(client_for("centre").get("/missions/homes/"))
    assert "221,070" in text and "by by" not in text


def test_make_demo_passes_its_port_to_the_demo_sources():
    dry_run = subprocess.run(
        ["make", "-n", "demo-data", "PORT=8100"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "load_demo_sources --base-url http://127.0.0.1:8100" in dry_run
