"""The sections of /treasury/: each a text summary, a table, a CSV and (where it helps) a chart.

Every figure is computed here from rows (cases and their computed tests, allocations, the Mission Fund,
observations) in a fixed number of queries whatever the number of cases; pandas does the grouping.
As at a moment: a case counts with the status it had then (its status-change rows) and actual movements
use the observations known then; allocations and envelopes are as they stand now.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from metrics.models import Metric
from metrics.selectors import default_series
from spending.appraisal import evaluate
from spending.appraisal.tests_pure import fiscal_year_of
from spending.dashboard import figures
from spending.models import BusinessCase, DepartmentalAllocation, MissionFundAward, MissionFundEnvelope
from spending.selectors import status_at

APPROVED = BusinessCase.Status.APPROVED
RESULTS = ("pass", "fail", "not_assessable")


@dataclass
class Section:
    key: str
    title: str
    summary: str
    header: list[str]
    rows: list[list] = field(default_factory=list)
    figure: str | None = None
    links: dict[int, str] = field(default_factory=dict)  # row index -> URL of the thing the row names


SECTION_KEYS = (
    "spending-by-mission", "allocations", "prevention", "mission-fund", "cases-by-status", "cost-per-unit",
    "modelled-vs-actual",
)  # fmt: skip


def _m(value) -> float:
    return round(float(value), 1)


def build_sections(*, cases, as_at: datetime | None = None) -> list[Section]:
    cases = list(cases)
    appraisals = evaluate(cases)
    status = {c.pk: status_at(c, as_at) for c in cases}
    approved = [c for c in cases if status[c.pk] == APPROVED]
    costs = pd.DataFrame(
        [
            {
                "case": c.pk, "year": cost.fiscal_year, "budget": cost.budget, "uplifted": float(cost.uplifted_m),
                "prevention": c.prevention, "review": c.spending_review_id, "lead": c.lead_department_id,
            }
            for c in approved
            for cost in appraisals[c.pk].costs
        ],
        columns=["case", "year", "budget", "uplifted", "prevention", "review", "lead"],
    )
    return [
        _by_mission(approved, costs),
        _allocations(costs),
        _prevention(costs),
        _mission_fund(cases, status),
        _by_status(cases, status, appraisals),
        _cost_per_unit(approved, appraisals),
        _modelled_vs_actual(approved, appraisals, as_at),
    ]


def _by_mission(approved, costs: pd.DataFrame) -> Section:
    shares = pd.DataFrame(
        [{"case": c.pk, "mission": m.short_title, "share": 1 / max(len(c.missions.all()), 1)}
         for c in approved for m in c.missions.all()],
        columns=["case", "mission", "share"],
    )
    frame = costs.merge(shares, on="case")
    frame["m"] = frame["uplifted"] * frame["share"]
    table = frame.pivot_table(index="mission", columns="budget", values="m", aggfunc="sum", fill_value=0)
    table = table.reindex(columns=["RDEL", "CDEL", "AME"], fill_value=0)
    rows = [[mission, *(_m(v) for v in values), _m(sum(values))] for mission, values in table.iterrows()]
    total = sum(r[-1] for r in rows)
    summary = (
        f"Approved cases cost £{total:,.1f} million (with optimism bias) across {len(rows)} mission(s); "
        + (f"the largest share is {max(rows, key=lambda r: r[-1])[0]}." if rows else "none are approved yet.")
        + " A case serving several missions is split equally between them."
    )
    figure = figures.bars(
        [r[0] for r in rows], {b: [r[i + 1] for r in rows] for i, b in enumerate(("RDEL", "CDEL", "AME"))},
        title="Approved spending by mission and control total", unit="£ million", stacked=True,
    ) if rows else None
    return Section("spending-by-mission", "Spending by mission and control total", summary,
                   ["Mission", "RDEL £m", "CDEL £m", "AME £m", "Total £m"], rows, figure)


def _allocations(costs: pd.DataFrame) -> Section:
    allocations = pd.DataFrame(
        [
            {"review": a.spending_review_id, "review_name": a.spending_review.name, "lead": a.department_id,
             "department": str(a.department), "year": a.fiscal_year, "budget": a.budget,
             "allocation": float(a.amount_m), "indicative": a.spending_review.is_indicative(a.fiscal_year)}
            for a in DepartmentalAllocation.objects.select_related("spending_review", "department")
        ],
        columns=["review", "review_name", "lead", "department", "year", "budget", "allocation", "indicative"],
    )
    taken = costs.groupby(["review", "lead", "year", "budget"], as_index=False)["uplifted"].sum()
    frame = allocations.merge(taken, on=["review", "lead", "year", "budget"], how="left").fillna({"uplifted": 0})
    frame = frame.sort_values(["review_name", "department", "year", "budget"])
    rows = [
        [r.review_name, r.department, f"{r.year}-{(r.year + 1) % 100:02d}", r.budget, _m(r.allocation),
         _m(r.uplifted), _m(r.allocation - r.uplifted), "Indicative" if r.indicative else "Firm"]
        for r in frame.itertuples()
    ]
    by_year = frame.groupby("year")[["allocation", "uplifted"]].sum()
    envelope = float(frame["allocation"].sum())
    summary = (
        f"{len(rows)} allocations total £{envelope:,.1f} million; approved cases take £{float(frame['uplifted'].sum()):,.1f} million of them."
        if rows else "No allocations recorded."
    )
    figure = figures.bars(
        [f"{y}-{(y + 1) % 100:02d}" for y in by_year.index],
        {"Allocations": [_m(v) for v in by_year["allocation"]], "Approved cases": [_m(v) for v in by_year["uplifted"]]},
        title="Allocations against approved cases, by year", unit="£ million",
    ) if rows else None
    return Section("allocations", "Allocations against the spending-review envelope", summary,
                   ["Spending review", "Department", "Year", "Control total", "Allocation £m",
                    "Approved cases £m", "Headroom £m", "Firm or indicative"], rows, figure)


def _prevention(costs: pd.DataFrame) -> Section:
    frame = costs.assign(prev=costs["uplifted"].where(costs["prevention"], 0.0))
    by_year = frame.groupby("year")[["uplifted", "prev"]].sum()
    rows = [
        [f"{y}-{(y + 1) % 100:02d}", _m(r.uplifted), _m(r.prev), round(100 * r.prev / r.uplifted, 1) if r.uplifted else None]
        for y, r in by_year.iterrows()
    ]
    summary = (
        "Prevention investment (primary and secondary prevention as the principal purpose) as a share of "
        "approved spending: " + "; ".join(f"{r[0]} {r[3]}%" for r in rows) + "."
        if rows else "No approved spending yet, so no prevention share."
    )
    figure = figures.lines([r[0] for r in rows], {"Prevention share": [r[3] for r in rows]},
                           title="Prevention share of approved spending", unit="%") if rows else None
    return Section("prevention", "Prevention share over time", summary,
                   ["Year", "Approved £m", "Prevention investment £m", "Share %"], rows, figure)


def _mission_fund(cases, status) -> Section:
    envelopes = {e.fiscal_year: e for e in MissionFundEnvelope.objects.all()}
    awards = list(MissionFundAward.objects.all())
    bids = Counter(status[c.pk] for c in cases if c.mission_fund_bid and status[c.pk])
    rows = []
    for year in sorted(set(envelopes) | {a.fiscal_year for a in awards}):
        env = float(envelopes[year].amount_m) if year in envelopes else 0.0
        given = [a for a in awards if a.fiscal_year == year]
        awarded = sum(float(a.amount_m) for a in given)
        rows.append([f"{year}-{(year + 1) % 100:02d}", _m(env), _m(awarded), _m(env - awarded), len(given),
                     sum(a.pilot_places for a in given)])
    bid_words = ", ".join(f"{n} {BusinessCase.Status(s).label.lower()}" for s, n in sorted(bids.items())) or "none"
    summary = f"Bids: {bid_words}. " + (
        "; ".join(f"{r[0]}: £{r[3]:,.1f} million of £{r[1]:,.1f} million left" for r in rows) + "." if rows
        else "No envelope set."
    )
    figure = figures.bars([r[0] for r in rows], {"Awarded": [r[2] for r in rows], "Balance": [r[3] for r in rows]},
                          title="Mission Fund: awarded and remaining", unit="£ million", stacked=True) if rows else None
    return Section("mission-fund", "Mission Fund", summary,
                   ["Year", "Envelope £m", "Awarded £m", "Balance £m", "Awards", "Pilot places"], rows, figure)


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
        [BusinessCase.Status(s).label, counts[s]["cases"],
         *(counts[s][(n, r)] for n in ("affordability", "mission_critical", "ten_year") for r in RESULTS)]
        for s in order
    ]
    summary = "; ".join(f"{r[1]} {r[0].lower()}" for r in rows) + "." if rows else "No business cases."
    header = ["Status", "Cases"] + [
        f"{n} {r.replace('_', ' ')}" for n in ("Affordability", "Mission critical", "Ten-year") for r in RESULTS
    ]
    figure = figures.bars([r[0] for r in rows], {"Cases": [r[1] for r in rows]},
                          title="Business cases by status", unit="cases") if rows else None
    return Section("cases-by-status", "Cases by status and test result", summary, header, rows, figure)


def _cost_per_unit(approved, appraisals) -> Section:
    records = []
    for c in approved:
        a = appraisals[c.pk]
        for metric_id in {i.metric_id for i in a.impacts}:
            metric = a.metrics[metric_id]
            if metric.tier != Metric.Tier.CORE:
                continue
            units = sum(float(i.impact if i.higher_is_better else -i.impact) * float(i.probability)
                        for i in a.impacts if i.metric_id == metric_id and i.default_geography)
            records.append({"metric": metric.name, "unit": metric.unit, "pv": a.ten_year.figures["pv_costs_m"], "units": units})
    frame = pd.DataFrame(records, columns=["metric", "unit", "pv", "units"])
    grouped = frame.groupby(["metric", "unit"], as_index=False).agg(cases=("pv", "size"), pv=("pv", "sum"), units=("units", "sum"))
    rows = [[r.metric, r.unit, r.cases, _m(r.pv), round(r.units, 3), round(r.pv / r.units, 3) if r.units > 0 else None]
            for r in grouped.itertuples()]
    summary = (
        "Present-value cost of approved cases per unit-year of expected improvement (impact × probability, "
        "summed over the horizon) of each core metric; a case counts in full against every metric it moves."
        if rows else "No approved case models an impact on a core metric yet."
    )
    return Section("cost-per-unit", "Cost per unit of modelled impact, by core metric", summary,
                   ["Core metric", "Unit", "Cases", "PV costs £m", "Improvement (unit-years)", "£m per unit-year"], rows)


def _modelled_vs_actual(approved, appraisals, as_at) -> Section:
    today = (as_at.date() if as_at else date.today())
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
        before = [p["value"] for p in points if p["period_start"] < date(c.start_year, 4, 1) and p["value"] is not None]
        during = [p["value"] for p in points if fiscal_year_of(p["period_start"]) == fy and p["value"] is not None]
        actual = float(during[-1] - before[-1]) if before and during else None
        rows.append([c.title, metrics[i.metric_id].name, f"{fy}-{(fy + 1) % 100:02d}", float(i.impact),
                     round(actual, 3) if actual is not None else None])
    summary = (
        f"{len(rows)} modelled year(s) of approved cases have passed; the actual movement is the metric's "
        "latest figure in that year less its latest figure before the case started (not attributable to the case alone)."
        if rows else "No approved case has a modelled year that has passed yet."
    )
    figure = figures.bars([f"{r[1]} {r[2]}" for r in rows], {"Modelled": [r[3] for r in rows], "Actual movement": [r[4] for r in rows]},
                          title="Modelled against actual movement", unit="metric units") if rows else None
    return Section("modelled-vs-actual", "Modelled against actual movement (approved cases, years passed)", summary,
                   ["Case", "Metric", "Year", "Modelled impact", "Actual movement"], rows, figure)
