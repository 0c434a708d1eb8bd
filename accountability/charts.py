"""The framework-alignment flow (Plotly Sankey): plain rows in, a figure, its summary and CSV out."""

from __future__ import annotations

import csv
from collections import Counter

import plotly.graph_objects as go
from django.http import HttpResponse

from metrics.charts import FONT, PALETTE
from metrics.downloads import neutralise

NO_MISSION = "No mission metric"
ALIGNMENT_COLOURS = {
    "aligned": PALETTE[1],
    "partly_aligned": PALETTE[0],
    "unaligned": PALETTE[4],
    "to_retire": PALETTE[2],
}
CSV_HEADER = ["framework", "mission", "alignment", "indicators"]


def flow_rows(frameworks) -> list[dict]:
    """One row per (framework, mission, alignment) with the number of indicators."""
    counts: Counter = Counter()
    labels: dict[str, str] = {}
    for framework in frameworks:
        for indicator in framework.indicators.all():
            mission = indicator.metric.mission.short_title if indicator.metric else NO_MISSION
            counts[(framework.name, mission, indicator.alignment)] += 1
            labels[indicator.alignment] = indicator.get_alignment_display()
    return [
        {"framework": f, "mission": m, "alignment": a, "alignment_label": labels[a], "indicators": n}
        for (f, m, a), n in sorted(counts.items())
    ]


def flow_figure(rows: list[dict]) -> str:
    frameworks = sorted({r["framework"] for r in rows})
    missions = sorted({r["mission"] for r in rows}, key=lambda m: (m == NO_MISSION, m))
    nodes = frameworks + missions
    index = {name: i for i, name in enumerate(nodes)}
    fig = go.Figure(
        go.Sankey(
            node={
                "label": nodes,
                "color": [PALETTE[0]] * len(frameworks) + [PALETTE[4]] * len(missions),
                "pad": 18,
                "thickness": 16,
            },
            link={
                "source": [index[r["framework"]] for r in rows],
                "target": [index[r["mission"]] for r in rows],
                "value": [r["indicators"] for r in rows],
                "color": [ALIGNMENT_COLOURS.get(r["alignment"], PALETTE[4]) for r in rows],
                "label": [r["alignment_label"] for r in rows],
            },
        )
    )
    fig.update_layout(
        template="none",
        title={"text": "Framework indicators flowing to the missions they measure", "x": 0},
        font={"family": FONT, "size": 13, "color": "#0b0c0c"},
        height=max(320, 40 * len(nodes)),
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
    )
    return fig.to_json()


def flow_summary(rows: list[dict]) -> str:
    if not rows:
        return "No framework indicators have been registered."
    total = sum(r["indicators"] for r in rows)
    frameworks = len({r["framework"] for r in rows})
    mapped = [r for r in rows if r["mission"] != NO_MISSION]
    missions = len({r["mission"] for r in mapped})
    unmapped = total - sum(r["indicators"] for r in mapped)
    return (
        f"{total} indicators in {frameworks} frameworks: {total - unmapped} map to metrics of {missions} "
        f"missions and {unmapped} map to no mission metric (unaligned or to retire)."
    )


def flow_csv(rows: list[dict]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="framework-alignment-flow.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for r in rows:
        writer.writerow(
            [neutralise(r["framework"]), neutralise(r["mission"]), r["alignment_label"], r["indicators"]]
        )
    return response
