"""/treasury/ sections about cases and outcomes: the Mission Fund, cases by status and test result, cost per
unit of modelled impact, and modelled against actual movement."""

from __future__ import annotations

from collections import Counter
from datetime import date

from metrics.models import Metric
from metrics.selectors import default_series
from spending.appraisal.tests_pure import fiscal_year_of
from spending.dashboard import figures
from spending.dashboard.common import Link, Section, _m
from spending.models import BusinessCase, MissionFundAward, MissionFundEnvelope

RESULTS = ("pass", "fail", "not_assessable")


def _mission_fund(cases, status) -> Section:
    envelopes = {e.fiscal_year: e for e in MissionFundEnvelope.objects.all()}
    awards = list(MissionFundAward.objects.all())
    bids = Counter(status[c.pk] for c in cases if c.mission_fund_bid and status[c.pk])
    rows = []
    for year in sorted(set(envelopes) | {a.fiscal_year for a in awards}):
        env = float(envelopes[year].amount_m) if year in envelopes else 0.0
        given = [a for a in awards if a.fiscal_year == year]
        awarded = sum(float(a.amount_m) for a in given)
        rows.append(
            [
                f"{year}-{(year + 1) % 100:02d}",
                _m(env),
                _m(awarded),
                _m(env - awarded),
                len(given),
                sum(a.pilot_places for a in given),
            ]
        )
    bid_words = (
        ", ".join(f"{n} {BusinessCase.Status(s).label.lower()}" for s, n in sorted(bids.items())) or "none"
    )
    summary = f"Bids: {bid_words}. " + (
        "; ".join(f"{r[0]}: £{r[3]:,.1f} million of £{r[1]:,.1f} million left" for r in rows) + "."
        if rows
        else "No envelope set."
    )
    figure = (
        figures.bars(
            [r[0] for r in rows],
            {"Awarded": [r[2] for r in rows], "Balance": [r[3] for r in rows]},
            title="Mission Fund: awarded and remaining",
            unit="£ million",
            stacked=True,
        )
        if rows
        else None
    )
    return Section(
        "mission-fund",
        "Mission Fund",
        summary,
        ["Year", "Envelope £m", "Awarded £m", "Balance £m", "Awards", "Pilot places"],
        rows,
        figure,
    )


def _by_status(cases, status, appraisals) -> Section:
    counts: dict = {}
    for c in cases:
        st = status[c.pk]
        if st is None:
            continue
        row = counts.setdefault(st, Counter())
        row["cases"] += 1
        for name, result in appraisals[c.pk].tests.items():
            row[(name, result.result)] += 1
    order = [s for s in BusinessCase.Status.values if s in counts]
    rows = [
        [
            BusinessCase.Status(s).label,
            counts[s]["cases"],
            *(counts[s][(n, r)] for n in ("affordability", "mission_critical", "ten_year") for r in RESULTS),
        ]
        for s in order
    ]
    summary = "; ".join(f"{r[1]} {r[0].lower()}" for r in rows) + "." if rows else "No business cases."
    header = ["Status", "Cases"] + [
        f"{n} {r.replace('_', ' ')}"
        for n in ("Affordability", "Mission critical", "Ten-year")
        for r in RESULTS
    ]
    figure = (
        figures.bars(
            [r[0] for r in rows],
            {"Cases": [r[1] for r in rows]},
            title="Business cases by status",
            unit="cases",
        )
        if rows
        else None
    )
    return Section("cases-by-status", "Cases by status and test result", summary, header, rows, figure)


def _cost_per_unit(approved, appraisals) -> Section:
    import pandas as pd  # here, not at import: only the Treasury's pages need it

    records = []
    for c in approved:
        a = appraisals[c.pk]
        for metric_id in {i.metric_id for i in a.impacts}:
            metric = a.metrics[metric_id]
            if metric.tier != Metric.Tier.CORE:
                continue
            units = sum(
                float(i.impact if i.higher_is_better else -i.impact) * float(i.probability)
                for i in a.impacts
                if i.metric_id == metric_id and i.default_geography
            )
            records.append(
                {
                    "metric": Link(metric.name, metric.get_absolute_url()),
                    "unit": metric.unit,
                    "pv": a.ten_year.figures["pv_costs_m"],
                    "units": units,
                }
            )
    frame = pd.DataFrame(records, columns=["metric", "unit", "pv", "units"])
    grouped = frame.groupby(["metric", "unit"], as_index=False).agg(
        cases=("pv", "size"), pv=("pv", "sum"), units=("units", "sum")
    )
    rows = [
        [
            r.metric,
            r.unit,
            r.cases,
            _m(r.pv),
            round(r.units, 3),
            round(r.pv / r.units, 3) if r.units > 0 else None,
        ]
        for r in grouped.itertuples()
    ]
    summary = (
        "Present-value cost of approved cases per unit-year of expected improvement (impact × probability, "
        "summed over the horizon) of each core metric; a case counts in full against every metric it moves."
        if rows
        else "No approved case models an impact on a core metric yet."
    )
    return Section(
        "cost-per-unit",
        "Cost per unit of modelled impact, by core metric",
        summary,
        ["Core metric", "Unit", "Cases", "PV costs £m", "Improvement (unit-years)", "£m per unit-year"],
        rows,
    )


def _modelled_vs_actual(approved, appraisals, as_at) -> Section:
    today = as_at.date() if as_at else date.today()
    wanted, metrics = [], {}
    for c in approved:
        if c.start_year is None:
            continue
        a = appraisals[c.pk]
        for i in a.impacts:
            fy = c.start_year + i.year - 1
            if i.default_geography and date(fy + 1, 4, 1) <= today:
                wanted.append((c, i, fy))
                metrics[i.metric_id] = a.metrics[i.metric_id]
    series = default_series(metrics=metrics.values(), as_of=as_at) if metrics else {}
    rows = []
    for c, i, fy in wanted:
        points = series.get(i.metric_id, [])
        before = [
            p["value"]
            for p in points
            if p["period_start"] < date(c.start_year, 4, 1) and p["value"] is not None
        ]
        during = [
            p["value"] for p in points if fiscal_year_of(p["period_start"]) == fy and p["value"] is not None
        ]
        actual = float(during[-1] - before[-1]) if before and during else None
        rows.append(
            [
                Link(c.title, c.get_absolute_url()),
                Link(metrics[i.metric_id].name, metrics[i.metric_id].get_absolute_url()),
                f"{fy}-{(fy + 1) % 100:02d}",
                float(i.impact),
                round(actual, 3) if actual is not None else None,
            ]
        )
    summary = (
        f"{len(rows)} modelled year(s) of approved cases have passed; the actual movement is the metric's "
        "latest figure in that year less its latest figure before the case started (not attributable to the "
        "case alone)."
        if rows
        else "No approved case has a modelled year that has passed yet."
    )
    figure = (
        figures.bars(
            [f"{r[1]} {r[2]}" for r in rows],
            {"Modelled": [r[3] for r in rows], "Actual movement": [r[4] for r in rows]},
            title="Modelled against actual movement",
            unit="metric units",
        )
        if rows
        else None
    )
    return Section(
        "modelled-vs-actual",
        "Modelled against actual movement (approved cases, years passed)",
        summary,
        ["Case", "Metric", "Year", "Modelled impact", "Actual movement"],
        rows,
        figure,
    )
