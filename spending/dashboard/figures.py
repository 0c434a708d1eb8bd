"""Figures are functions: plain frames in, Plotly figure JSON out (the house theme from metrics.charts)."""

from __future__ import annotations

import json

from metrics.charts import PALETTE, layout


def _spec(data: list[dict], *, title: str, unit: str, barmode: str | None = None) -> str:
    spec_layout = {"template": {}, **layout(title=title, unit=unit)}
    spec_layout["hovermode"] = "closest"
    if barmode:
        spec_layout["barmode"] = barmode
    return json.dumps({"data": data, "layout": spec_layout}, default=str, separators=(",", ":"))


def bars(
    categories: list[str], series: dict[str, list[float]], *, title: str, unit: str, stacked=False
) -> str:
    data = [
        {
            "type": "bar",
            "name": name,
            "x": categories,
            "y": values,
            "marker": {"color": PALETTE[i % len(PALETTE)]},
        }
        for i, (name, values) in enumerate(series.items())
    ]
    return _spec(data, title=title, unit=unit, barmode="stack" if stacked else "group")


def lines(
    x: list, series: dict[str, list], *, title: str, unit: str, dashed: frozenset[str] = frozenset()
) -> str:
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": name,
            "x": x_values,
            "y": y_values,
            "line": {"color": PALETTE[i % len(PALETTE)], "dash": "dash" if name in dashed else "solid"},
        }
        for i, (name, (x_values, y_values)) in enumerate(
            (n, v if isinstance(v, tuple) else (x, v)) for n, v in series.items()
        )
    ]
    return _spec(data, title=title, unit=unit)
