"""The sections of /treasury/: each a text summary, a table, a CSV and (where it helps) a chart.

Every figure is computed here from rows (cases and their computed tests, allocations, the Mission Fund,
observations) in a fixed number of queries whatever the number of cases; pandas does the grouping.
As at a moment: a case counts with the status it had then (its status-change rows) and actual movements
use the observations known then; allocations and envelopes are as they stand now.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from spending.appraisal import evaluate
from spending.dashboard import figures
from spending.dashboard.common import Link, Section, _m
from spending.dashboard.outcomes import _by_status, _cost_per_unit, _mission_fund, _modelled_vs_actual
from spending.models import BusinessCase, DepartmentalAllocation
from spending.selectors import status_at

if TYPE_CHECKING:
    import pandas as pd


APPROVED = BusinessCase.Status.APPROVED

SECTION_KEYS = (
    "spending-by-mission", "allocations", "prevention", "mission-fund", "cases-by-status", "cost-per-unit",
    "modelled-vs-actual",
)  # fmt: skip


def build_sections(*, cases, as_at: datetime | None = None) -> list[Section]:
    import pandas as pd  # here, not at import: only the Treasury's pages need it

    cases = list(cases)
    appraisals = evaluate(cases)
    status = {c.pk: status_at(c, as_at) for c in cases}
    approved = [c for c in cases if status[c.pk] == APPROVED]
    costs = pd.DataFrame(
        [
            {
                "case": c.pk,
                "year": cost.fiscal_year,
                "budget": cost.budget,
                "uplifted": float(cost.uplifted_m),
                "prevention": c.prevention,
                "review": c.spending_review_id,
                "lead": c.lead_department_id,
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
    import pandas as pd  # here, not at import: only the Treasury's pages need it

    shares = pd.DataFrame(
        [
            {"case": c.pk, "mission": m.short_title, "share": 1 / max(len(c.missions.all()), 1)}
            for c in approved
            for m in c.missions.all()
        ],
        columns=["case", "mission", "share"],
    )
    frame = costs.merge(shares, on="case")
    frame["m"] = frame["uplifted"] * frame["share"]
    table = frame.pivot_table(index="mission", columns="budget", values="m", aggfunc="sum", fill_value=0)
    table = table.reindex(columns=["RDEL", "CDEL", "AME"], fill_value=0)
    urls = {m.short_title: m.get_absolute_url() for c in approved for m in c.missions.all()}
    rows = [
        [Link(mission, urls[mission]), *(_m(v) for v in values), _m(sum(values))]
        for mission, values in table.iterrows()
    ]
    total = sum(r[-1] for r in rows)
    summary = (
        f"Approved cases cost £{total:,.1f} million (with optimism bias) across {len(rows)} mission(s); "
        + (f"the largest share is {max(rows, key=lambda r: r[-1])[0]}." if rows else "none are approved yet.")
        + " A case serving several missions is split equally between them."
    )
    figure = (
        figures.bars(
            [r[0] for r in rows],
            {b: [r[i + 1] for r in rows] for i, b in enumerate(("RDEL", "CDEL", "AME"))},
            title="Approved spending by mission and control total",
            unit="£ million",
            stacked=True,
        )
        if rows
        else None
    )
    return Section(
        "spending-by-mission",
        "Spending by mission and control total",
        summary,
        ["Mission", "RDEL £m", "CDEL £m", "AME £m", "Total £m"],
        rows,
        figure,
    )


def _allocations(costs: pd.DataFrame) -> Section:
    import pandas as pd  # here, not at import: only the Treasury's pages need it

    allocations = pd.DataFrame(
        [
            {
                "review": a.spending_review_id,
                "review_name": Link(a.spending_review.name, a.spending_review.get_absolute_url()),
                "lead": a.department_id,
                "department": Link(str(a.department), a.department.get_absolute_url()),
                "year": a.fiscal_year,
                "budget": a.budget,
                "allocation": float(a.amount_m),
                "indicative": a.spending_review.is_indicative(a.fiscal_year),
            }
            for a in DepartmentalAllocation.objects.select_related("spending_review", "department")
        ],
        columns=["review", "review_name", "lead", "department", "year", "budget", "allocation", "indicative"],
    )
    taken = costs.groupby(["review", "lead", "year", "budget"], as_index=False)["uplifted"].sum()
    frame = allocations.merge(taken, on=["review", "lead", "year", "budget"], how="left").fillna(
        {"uplifted": 0}
    )
    frame = frame.sort_values(["review_name", "department", "year", "budget"])
    rows = [
        [
            r.review_name,
            r.department,
            f"{r.year}-{(r.year + 1) % 100:02d}",
            r.budget,
            _m(r.allocation),
            _m(r.uplifted),
            _m(r.allocation - r.uplifted),
            "Indicative" if r.indicative else "Firm",
        ]
        for r in frame.itertuples()
    ]
    by_year = frame.groupby("year")[["allocation", "uplifted"]].sum()
    envelope = float(frame["allocation"].sum())
    summary = (
        f"{len(rows)} allocations total £{envelope:,.1f} million; approved cases take "
        f"£{float(frame['uplifted'].sum()):,.1f} million of them."
        if rows
        else "No allocations recorded."
    )
    figure = (
        figures.bars(
            [f"{y}-{(y + 1) % 100:02d}" for y in by_year.index],
            {
                "Allocations": [_m(v) for v in by_year["allocation"]],
                "Approved cases": [_m(v) for v in by_year["uplifted"]],
            },
            title="Allocations against approved cases, by year",
            unit="£ million",
        )
        if rows
        else None
    )
    return Section(
        "allocations",
        "Allocations against the spending-review envelope",
        summary,
        [
            "Spending review",
            "Department",
            "Year",
            "Control total",
            "Allocation £m",
            "Approved cases £m",
            "Headroom £m",
            "Firm or indicative",
        ],
        rows,
        figure,
    )


def _prevention(costs: pd.DataFrame) -> Section:
    frame = costs.assign(prev=costs["uplifted"].where(costs["prevention"], 0.0))
    by_year = frame.groupby("year")[["uplifted", "prev"]].sum()
    rows = [
        [
            f"{y}-{(y + 1) % 100:02d}",
            _m(r.uplifted),
            _m(r.prev),
            round(100 * r.prev / r.uplifted, 1) if r.uplifted else None,
        ]
        for y, r in by_year.iterrows()
    ]
    summary = (
        "Prevention investment (primary and secondary prevention as the principal purpose) as a share of "
        "approved spending: " + "; ".join(f"{r[0]} {r[3]}%" for r in rows) + "."
        if rows
        else "No approved spending yet, so no prevention share."
    )
    figure = (
        figures.lines(
            [r[0] for r in rows],
            {"Prevention share": [r[3] for r in rows]},
            title="Prevention share of approved spending",
            unit="%",
        )
        if rows
        else None
    )
    return Section(
        "prevention",
        "Prevention share over time",
        summary,
        ["Year", "Approved £m", "Prevention investment £m", "Share %"],
        rows,
        figure,
    )
