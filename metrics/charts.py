"""Figures are functions: plain rows in, a Plotly figure out. The palette and theme live here only.

Colours: the Government Analysis Function palette (categorical order), which keeps adjacent series
distinguishable for the common forms of colour-blindness; every chart also has a text summary and a table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import plotly.graph_objects as go

PALETTE = ("#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1")
TARGET_COLOUR = "#3D3D3D"
FONT = "GDS Transport, arial, sans-serif"
MAX_POINTS = 1000


@dataclass
class Series:
    name: str
    x: list[date]
    y: list[float | None]
    provisional: list[bool] = field(default_factory=list)
    revised: list[bool] = field(default_factory=list)


@dataclass
class TargetMark:
    label: str
    when: date
    value: float


def theme(fig: go.Figure, *, title: str, unit: str, height: int = 380) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 18}},
        font={"family": FONT, "size": 14, "color": "#0b0c0c"},
        colorway=list(PALETTE),
        height=height,
        margin={"l": 60, "r": 20, "t": 50, "b": 50},
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
        hovermode="x unified",
        legend={"orientation": "h", "y": -0.2},
        yaxis={"title": {"text": unit}, "gridcolor": "#b1b4b6", "zerolinecolor": "#505a5f"},
        xaxis={"gridcolor": "#f3f2f1"},
    )
    return fig


def downsample(x: Sequence, y: Sequence, limit: int = MAX_POINTS) -> tuple[list, list]:
    """Largest-triangle-three-buckets: at most `limit` points that keep the series' shape."""
    n = len(x)
    if n <= limit or limit < 3:
        return list(x), list(y)
    pairs = [(i, y[i]) for i in range(n) if y[i] is not None]
    if len(pairs) <= limit:
        return [x[i] for i, _ in pairs], [v for _, v in pairs]
    keep = [pairs[0][0]]
    bucket = (len(pairs) - 2) / (limit - 2)
    a = 0
    for i in range(limit - 2):
        start, end = int(i * bucket) + 1, int((i + 1) * bucket) + 1
        nxt = pairs[end : min(int((i + 2) * bucket) + 1, len(pairs))] or [pairs[-1]]
        avg_x = sum(p[0] for p in nxt) / len(nxt)
        avg_y = sum(float(p[1]) for p in nxt) / len(nxt)
        ax, ay = pairs[a][0], float(pairs[a][1])
        best, best_area = start, -1.0
        for j in range(start, min(end, len(pairs) - 1)):
            px, py = pairs[j][0], float(pairs[j][1])
            area = abs((ax - avg_x) * (py - ay) - (ax - px) * (avg_y - ay))
            if area > best_area:
                best, best_area = j, area
        keep.append(pairs[best][0])
        a = best
    keep.append(pairs[-1][0])
    return [x[i] for i in keep], [y[i] for i in keep]


def metric_figure(
    series: Sequence[Series],
    *,
    title: str,
    unit: str,
    targets: Sequence[TargetMark] = (),
    trajectory: Series | None = None,
    height: int = 380,
) -> go.Figure:
    """A metric's series (one line per geography), its targets as marked points and its trajectory."""
    fig = go.Figure()
    for index, s in enumerate(series):
        x, y = downsample(s.x, s.y)
        fig.add_trace(
            go.Scatter(
                x=x,
                y=y,
                name=s.name,
                mode="lines+markers" if len(x) <= 60 else "lines",
                line={"color": PALETTE[index % len(PALETTE)], "width": 3},
            )
        )
        flagged = [(d, v) for d, v, p in zip(s.x, s.y, s.provisional or [False] * len(s.x), strict=True) if p]
        if flagged:
            fig.add_trace(
                go.Scatter(
                    x=[d for d, _ in flagged],
                    y=[v for _, v in flagged],
                    name=f"{s.name}: provisional",
                    mode="markers",
                    marker={"symbol": "circle-open", "size": 12, "color": PALETTE[index % len(PALETTE)]},
                )
            )
    if trajectory is not None and trajectory.x:
        fig.add_trace(
            go.Scatter(
                x=trajectory.x,
                y=trajectory.y,
                name=trajectory.name,
                mode="lines",
                line={"color": PALETTE[3], "dash": "dash", "width": 2},
            )
        )
    for mark in targets:
        fig.add_trace(
            go.Scatter(
                x=[mark.when],
                y=[mark.value],
                name=mark.label,
                mode="markers+text",
                text=[mark.label],
                textposition="top center",
                marker={"symbol": "diamond", "size": 14, "color": TARGET_COLOUR},
            )
        )
    return theme(fig, title=title, unit=unit, height=height)
