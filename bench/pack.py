"""Benchmark: a check-in pack for a mission with 30 monthly metrics and 10 years of data.

Creates its own data in a scratch test database (an in-memory SQLite one, or `test_<name>` on the
PostgreSQL server in DATABASE_URL, created and dropped here) and reports the time to build the PDF and the
time per chart. Target: under 10 s. Run: `.venv/bin/python bench/pack.py` (or `make bench`).
"""

import datetime as dt
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

METRICS, MONTHS = 30, 120


def make_data():
    from councils.models import Council, Meeting
    from metrics.models import Geography, Metric, Observation, Target
    from missions.models import Mission, Organisation

    dept = Organisation.objects.create(
        slug="bench-dept", name="Bench Department", abbreviation="BD", kind="department"
    )
    mission = Mission.objects.create(
        number=99,
        slug="bench",
        title="Bench mission",
        short_title="Bench",
        ambition="-",
        lead_organisation=dept,
    )
    uk = Geography.objects.get(code="K02000001")
    recorded = timezone.now() - dt.timedelta(days=1)
    observations = []
    for i in range(METRICS):
        metric = Metric.objects.create(
            slug=f"bench-{i}", mission=mission, name=f"Bench metric {i + 1}",
            tier="core" if i < 5 else "comprehensive",
            kind="outcome", unit="%", decimal_places=1, direction="higher", frequency="monthly", owner=dept,
            default_geography=uk, source="Benchmark data",
        )  # fmt: skip
        Target.objects.create(
            metric=metric, geography=uk, kind="milestone", value=Decimal("80"), due_date=dt.date(2030, 3, 31),
            due_label="March 2030", baseline_date=dt.date(2015, 1, 1), wording="-", source_document="-",
        )  # fmt: skip
        for m in range(MONTHS):
            value = Decimal(50 + i) + Decimal(m) / 10 + Decimal((m * 7919 + i) % 13) / 10
            start = dt.date(2015 + m // 12, m % 12 + 1, 1)
            observations.append(
                Observation(
                    metric=metric, geography=uk, period_start=start, value=value, recorded_at=recorded
                )
            )
    Observation.objects.bulk_create(observations, batch_size=2000)
    council = Council.objects.create(
        mission=mission, kind="strategy", name="Bench council", slug="bench-council", chair="PM"
    )
    return Meeting.objects.create(
        council=council, kind="check_in", title="Bench check-in", starts_at=timezone.now(), department=dept
    )


def run(meeting):
    from councils import services
    from councils.packs import content, render

    as_at = timezone.now()
    started = time.perf_counter()
    frozen = content.assemble(meeting, as_at)
    assembled = time.perf_counter()
    sections, chart_times = render.charts_for(frozen)
    charted = time.perf_counter()
    render.render_pdf(render.render_html(frozen, sections, version=1, for_pdf=True))
    typeset = time.perf_counter()
    pack = services.checkin_pack_request(meeting=meeting, by=None, enqueue=False)
    whole_started = time.perf_counter()
    pack = services.checkin_pack_build(pack_id=pack.pk)
    whole = time.perf_counter() - whole_started
    assert pack.status == "ready", pack.error
    print(
        f"metrics: {len(frozen['metrics'])}, observations per metric: {MONTHS}, database: {connection.vendor}"
    )
    print(f"assemble content (as at):  {assembled - started:6.2f} s")
    per_chart, slowest = sum(chart_times) / len(chart_times) * 1000, max(chart_times) * 1000
    print(f"charts:                    {charted - assembled:6.2f} s  ({per_chart:.1f} ms per chart, ", end="")
    print(f"slowest {slowest:.1f} ms)")
    print(f"HTML + PDF (WeasyPrint):   {typeset - charted:6.2f} s  ({pack.pdf.size / 1024:.0f} KiB)")
    verdict = "ok" if whole < 3 else "MISSED"
    print(f"whole build (service):     {whole:6.2f} s  (issue 13: < 3 s, {verdict}; 10 s fails the run)")
    return whole


def main():
    setup_test_environment()
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="bench-pack-")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        whole = run(make_data())
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    sys.exit(0 if whole < 10 else 1)


if __name__ == "__main__":
    main()
