"""Figures are functions: plain rows in, a Plotly figure out. The palette and theme live here only.

Colours: the Government Analysis Function palette (categorical order), which keeps adjacent series
distinguishable for the common forms of colour-blindness; every chart also has a text summary and a table.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from html import escape

import plotly.graph_objects as go
from django.utils.safestring import mark_safe

from metrics import chart_axes as axes
from metrics import formatting

PALETTE = ("#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1")
TARGET_COLOUR = "#3D3D3D"
FONT = "GDS Transport, arial, sans-serif"
MAX_POINTS = 1000


@dataclass
class Series:
    """One line: period starts (`x`), values, and optionally each period's last day (`ends`, which lets the
    chart see missing periods and draw pooled periods at their middle) and its label ("2018-20")."""

    name: str
    x: list[date]
    y: list[float | None]
    provisional: list[bool] = field(default_factory=list)
    revised: list[bool] = field(default_factory=list)
    ends: list[date] | None = None
    labels: list[str] = field(default_factory=list)


@dataclass
class TargetMark:
    label: str
    when: date
    value: float


def derived_path(baseline: tuple[date, float] | None, target: TargetMark | None) -> Series | None:
    """The straight path from the baseline the status method used to the target, when no trajectory is
    published: drawn dashed and named as derived, so nobody takes it for a published plan."""
    if baseline is None or target is None or baseline[0] >= target.when:
        return None
    return Series(
        "Straight path from baseline to target (derived, not published)",
        [baseline[0], target.when],
        [float(baseline[1]), float(target.value)],
    )


def layout(*, title: str, unit: str, height: int = 380) -> dict:
    """The house layout: GOV.UK type and colours, the Analysis Function palette, legend below."""
    return {
        "title": {"text": title, "x": 0, "font": {"size": 18}},
        "font": {"family": FONT, "size": 14, "color": "#0b0c0c"},
        "colorway": list(PALETTE),
        "height": height,
        "margin": {"l": 60, "r": 20, "t": 60, "b": 50},
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "#ffffff",
        "hovermode": "x unified",
        "legend": {"orientation": "h", "y": -0.2},
        "yaxis": {"title": {"text": unit}, "gridcolor": "#b1b4b6", "zerolinecolor": "#505a5f"},
        "xaxis": {"gridcolor": "#f3f2f1"},
    }


def theme(fig: go.Figure, *, title: str, unit: str, height: int = 380) -> go.Figure:
    fig.update_layout(template="none", **layout(title=title, unit=unit, height=height))
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
    breaks: Sequence[date] = (),
    height: int = 380,
) -> go.Figure:
    """A metric's series (one line per geography), its targets as marked points and its trajectory."""
    spec = figure_spec(
        series, title=title, unit=unit, targets=targets, trajectory=trajectory, breaks=breaks, height=height
    )
    return go.Figure(spec)


def figure_json(series: Sequence[Series], **kwargs) -> str:
    """The same figure as JSON for the page, without building Plotly objects (they cost ~30 ms each)."""
    return json.dumps(figure_spec(series, **kwargs), default=_iso, separators=(",", ":"))


def _iso(value):
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _line(s: Series, breaks: Sequence[date]) -> tuple[list, list, list]:
    """x, y and hover labels of a series, with a None between runs so the line never joins a gap."""
    positions = [axes.position(start, s.ends[i] if s.ends else None) for i, start in enumerate(s.x)]
    labels = s.labels or [""] * len(s.x)
    xs: list = []
    ys: list = []
    texts: list = []
    for run in axes.segments(s.x, s.ends, breaks):
        if xs:
            xs.append(None)
            ys.append(None)
            texts.append(None)
        limit = max(3, MAX_POINTS * len(run) // max(len(s.x), 1))
        kept, ry = downsample(run, [s.y[i] for i in run], limit)
        xs += [positions[i] for i in kept]
        ys += ry
        texts += [labels[i] for i in kept]
    return xs, ys, texts


def figure_spec(
    series: Sequence[Series],
    *,
    title: str,
    unit: str,
    targets: Sequence[TargetMark] = (),
    trajectory: Series | None = None,
    breaks: Sequence[date] = (),
    height: int = 380,
) -> dict:
    """Plain data and layout of a metric figure.

    Provisional points are ringed and revised points crossed, so neither is shown by colour alone; every
    trace is downsampled to at most MAX_POINTS points, keeping the series' shape. Lines break at missing
    periods and at `breaks` (the first period after each declared break in the series, shown as a dotted
    rule). A chart with no figures says "No data" instead of showing an empty axis.
    """
    data = []
    for index, s in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        x, y, text = _line(s, breaks)
        points = sum(1 for v in y if v is not None)
        trace = {
            "type": "scatter",
            "x": x,
            "y": y,
            "name": s.name,
            "mode": "lines+markers" if points <= 60 else "lines",
            "connectgaps": False,
            "line": {"color": colour, "width": 3},
        }
        if any(text):
            trace |= {"text": text, "hovertemplate": "%{text}: %{y}<extra>" + s.name + "</extra>"}
        data.append(trace)
        provisional = {"symbol": "circle-open", "size": 12, "color": colour, "line": {"width": 2}}
        data += _flagged(s, s.provisional, f"{s.name}: provisional", provisional)
        revised = {"symbol": "x-thin-open", "size": 10, "color": PALETTE[4], "line": {"width": 2}}
        data += _flagged(s, s.revised, f"{s.name}: revised", revised)
    observed = [v for trace in data for v in trace["y"] if v is not None]
    if trajectory is not None and trajectory.x:
        x, y = downsample(trajectory.x, trajectory.y)
        data.append(
            {
                "type": "scatter",
                "x": x,
                "y": y,
                "name": trajectory.name,
                "mode": "lines",
                "line": {"color": PALETTE[3], "dash": "dash", "width": 2},
            }
        )
    for mark in targets:
        data.append(
            {
                "type": "scatter",
                "x": [mark.when],
                "y": [mark.value],
                "name": mark.label,
                "mode": "markers+text",
                "text": [mark.label],
                "textposition": "top left",
                "cliponaxis": False,
                "marker": {"symbol": "diamond", "size": 14, "color": TARGET_COLOUR},
            }
        )
    spec_layout = {"template": {}, **layout(title=title, unit=unit, height=height)}
    _axes(spec_layout, data, breaks, empty=not observed)
    return {"data": data, "layout": spec_layout}


def _axes(spec_layout: dict, data: list[dict], breaks: Sequence[date], *, empty: bool) -> None:
    """Set ranges and tick formats from the data (see chart_axes), mark breaks, or say 'No data'."""
    dates = [x for trace in data for x, v in zip(trace["x"], trace["y"], strict=True) if v is not None]
    values = [v for trace in data for v in trace["y"] if v is not None]
    x_range = axes.date_range(dates)
    y_range = axes.value_range(values)
    if empty:
        spec_layout["annotations"] = [
            {
                "text": "No data",
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "font": {"size": 18, "color": "#505a5f"},
            }
        ]
    if x_range is None:
        spec_layout["xaxis"] |= {"visible": False}
        spec_layout["yaxis"] |= {"visible": False}
        return
    spec_layout["xaxis"] |= {"type": "date", "range": x_range, "tickformat": axes.tick_format(x_range)}
    spec_layout["yaxis"] |= {"range": list(y_range)}
    shown = [b for b in breaks if x_range[0] <= b.isoformat() <= x_range[1]]
    spec_layout["shapes"] = [
        {
            "type": "line",
            "xref": "x",
            "yref": "paper",
            "x0": b,
            "x1": b,
            "y0": 0,
            "y1": 1,
            "line": {"color": "#505a5f", "width": 1, "dash": "dot"},
        }
        for b in shown
    ]
    spec_layout.setdefault("annotations", [])
    spec_layout["annotations"] += [
        {"text": "Series break", "x": b, "xref": "x", "y": 1, "yref": "paper", "showarrow": False,
         "yanchor": "bottom", "font": {"size": 12, "color": "#505a5f"}}
        for b in shown
    ]  # fmt: skip


def _flagged(s: Series, flags: list[bool], name: str, marker: dict) -> list[dict]:
    flags = flags or [False] * len(s.x)
    points = [
        (axes.position(d, s.ends[i] if s.ends else None), v)
        for i, (d, v, f) in enumerate(zip(s.x, s.y, flags, strict=True))
        if f and v is not None
    ]
    if not points:
        return []
    x, y = downsample([d for d, _ in points], [v for _, v in points])
    return [{"type": "scatter", "x": x, "y": y, "name": name, "mode": "markers", "marker": marker}]


def sparkline_svg(
    values: Sequence[tuple[date, float]],
    trajectory: Sequence[tuple[date, float]] = (),
    *,
    unit: str = "",
    places: int = 1,
    width: int = 180,
    height: int = 36,
) -> str:
    """A small inline SVG of the latest values (solid) against the trajectory (dashed), drawn server-side so
    it shows without JavaScript. Its scale is visible: the first and last values are written at the ends,
    and the y range is at least a fifth of the values' size, so 1.8 -> 1.9 looks like the small rise it is.
    The page gives the same information in words next to it."""
    values = [(d, float(v)) for d, v in values if v is not None]
    if len(values) < 2:
        return ""
    start, end = values[0][0], values[-1][0]
    plan = [(d, float(v)) for d, v in trajectory if start <= d <= end]
    low, high = axes.value_range([v for _, v in values + plan], pad=0)
    first = formatting.format_number(values[0][1], places)
    last = formatting.format_number(values[-1][1], places)
    left, right = 6 + 7 * len(first), width - 6 - 7 * len(last)
    span_x = max((end - start).days, 1)
    span_y = (high - low) or 1.0

    def path(points):
        xs = (left + (d - start).days / span_x * (right - left) for d, _ in points)
        ys = (height - 4 - (v - low) / span_y * (height - 8) for _, v in points)
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))

    def label(x: float, anchor: str, text: str) -> str:
        return (
            f'<text x="{x:.0f}" y="{height / 2 + 4:.0f}" text-anchor="{anchor}" font-size="12">{text}</text>'
        )

    lines = [
        label(left - 4, "end", escape(first)),
        f'<polyline points="{path(values)}" fill="none" stroke="{PALETTE[0]}" stroke-width="2"/>',
        label(right + 4, "start", escape(last)),
    ]
    if len(plan) >= 2:
        lines.append(
            f'<polyline points="{path(plan)}" fill="none" stroke="{PALETTE[3]}" stroke-width="2" '
            'stroke-dasharray="4 3"/>'
        )
    return mark_safe(  # noqa: S308 -- numbers and constant colours only, escaped
        f'<svg class="md-sparkline" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-hidden="true" focusable="false">{"".join(lines)}</svg>'
    )


def format_value(value, unit: str, places: int) -> str:
    """68.0%, 12.5 deaths per 100,000: how a figure reads in a sentence (metrics.formatting)."""
    return formatting.format_value(value, unit, places)


def trend_words(values: Sequence[tuple[str, object]], unit: str, places: int) -> str:
    """'Rose from 65.2% (2022) to 67.2% (2023)' for the first and last of `values` (label, value)."""
    values = [(label, v) for label, v in values if v is not None]
    if not values:
        return "No figures yet."
    (first_label, first), (last_label, last) = values[0], values[-1]
    if len(values) == 1:
        return f"One figure: {format_value(last, unit, places)} ({last_label})."
    verb = "Rose" if float(last) > float(first) else "Fell" if float(last) < float(first) else "Unchanged"
    return (
        f"{verb} from {format_value(first, unit, places)} ({first_label}) "
        f"to {format_value(last, unit, places)} ({last_label})."
    )


def chart_summary(*, name: str, geography: str, trend: str, target: str | None, status: str) -> str:
    """The one-sentence text summary every chart carries."""
    goal = f" The target is {target}." if target else " There is no numeric target."
    return f"{name} ({geography}): {trend[0].lower()}{trend[1:]}{goal} Status: {status.lower()}."
