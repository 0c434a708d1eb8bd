"""Static, accessible SVG for a Plotly figure made by `metrics.charts.metric_figure`.

Why not kaleido: kaleido 1.x drives a headless Chrome and took about 6 s per chart here (Debian chromium),
so a 30-metric pack would take minutes. The figure is still made by `metric_figure` (one palette, one
downsampling, one way of marking targets and trajectories); this module only draws its scatter traces
as SVG, deterministically and with no network, in a few milliseconds. See docs/decisions/0007.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from html import escape

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 64
FONT = "Liberation Sans, Arial, sans-serif"
TEXT = "#0b0c0c"
GRID = "#b1b4b6"


@dataclass(frozen=True)
class Frame:
    """Maps dates and values onto the plotting area."""

    x0: float
    x1: float
    y0: float
    y1: float

    def x(self, when: date) -> float:
        span = (self.x1 - self.x0) or 1
        return LEFT + (when.toordinal() - self.x0) / span * (WIDTH - LEFT - RIGHT)

    def y(self, value: float) -> float:
        span = (self.y1 - self.y0) or 1
        return HEIGHT - BOTTOM - (value - self.y0) / span * (HEIGHT - TOP - BOTTOM)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values spanning [low, high] (1, 2 or 5 times a power of ten apart)."""
    if high == low:
        high, low = high + 1, low - 1
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 0.5:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _traces(fig) -> list[dict]:
    """Plain (name, points, colour, dash, kind) from the figure's scatter traces."""
    traces = []
    for trace in fig.data:
        pairs = list(zip(trace.x or (), trace.y or (), strict=False))
        points = [(x, float(y)) for x, y in pairs if x is not None and y is not None]
        runs: list[list] = [[]]
        for x, y in pairs:  # a None is a gap the line must not cross (metrics.chart_axes.segments)
            if x is None or y is None:
                runs.append([])
            else:
                runs[-1].append((x, float(y)))
        mode = trace.mode or "lines"
        colour = (trace.marker.color if "lines" not in mode else trace.line.color) or TEXT
        traces.append(
            {
                "name": trace.name or "",
                "points": points,
                "runs": [run for run in runs if run],
                "colour": colour,
                "dash": bool(trace.line.dash),
                "lines": "lines" in mode,
                "symbol": trace.marker.symbol or "circle",
            }
        )
    return traces


def _frame(traces: list[dict]) -> tuple[Frame, list[float]]:
    xs = [p[0] for t in traces for p in t["points"]]
    ys = [p[1] for t in traces for p in t["points"]]
    ticks = nice_ticks(min(ys), max(ys))
    frame = Frame(min(xs).toordinal(), max(xs).toordinal(), ticks[0], ticks[-1])
    return frame, ticks


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 or value == int(value) else f"{value:,.2g}"


def _axes(frame: Frame, ticks: list[float], first: date, last: date) -> list[str]:
    out = []
    for tick in ticks:
        y = frame.y(tick)
        out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}" />')
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{_fmt(tick)}</text>')
    step = max(1, math.ceil((last.year - first.year + 1) / 8))
    for year in range(first.year, last.year + 1, step):
        when = max(date(year, 1, 1), first)
        x = frame.x(when)
        out.append(f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">{year}</text>')
    base = HEIGHT - BOTTOM
    out.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{base}" y2="{base}" stroke="#505a5f" />')
    return out


def _marks(trace: dict, frame: Frame) -> list[str]:
    out = []
    if trace["lines"] and len(trace["points"]) > 1:
        dash = ' stroke-dasharray="6 4"' if trace["dash"] else ""
        width = 2 if trace["dash"] else 3
        for run in trace["runs"]:
            path = " ".join(f"{frame.x(x):.1f},{frame.y(y):.1f}" for x, y in run)
            if len(run) == 1:
                x, y = run[0]
                out.append(
                    f'<circle cx="{frame.x(x):.1f}" cy="{frame.y(y):.1f}" r="3" fill="{trace["colour"]}" />'
                )
                continue
            out.append(
                f'<polyline points="{path}" fill="none" stroke="{trace["colour"]}" '
                f'stroke-width="{width}"{dash} stroke-linejoin="round" />'
            )
    elif trace["symbol"] == "diamond":
        for x, y in trace["points"]:
            cx, cy = frame.x(x), frame.y(y)
            out.append(
                f'<path d="M{cx:.1f},{cy - 7:.1f} L{cx + 7:.1f},{cy:.1f} L{cx:.1f},{cy + 7:.1f} '
                f'L{cx - 7:.1f},{cy:.1f} Z" fill="{trace["colour"]}" />'
            )
    else:
        for x, y in trace["points"]:
            out.append(
                f'<circle cx="{frame.x(x):.1f}" cy="{frame.y(y):.1f}" r="4" fill="none" '
                f'stroke="{trace["colour"]}" stroke-width="2" />'
            )
    return out


def _legend(traces: list[dict]) -> list[str]:
    out, x = [], LEFT
    y = HEIGHT - 18
    for trace in traces:
        dash = ' stroke-dasharray="6 4"' if trace["dash"] else ""
        if trace["lines"]:
            out.append(
                f'<line x1="{x}" x2="{x + 22}" y1="{y - 4}" y2="{y - 4}" stroke="{trace["colour"]}" '
                f'stroke-width="3"{dash} />'
            )
        else:
            out.append(f'<rect x="{x + 6}" y="{y - 10}" width="10" height="10" fill="{trace["colour"]}" />')
        label = escape(trace["name"][:48])
        out.append(f'<text x="{x + 28}" y="{y}">{label}</text>')
        x += 40 + 7 * len(trace["name"][:48])
    return out


def figure_svg(fig, *, chart_id: str, title: str, description: str) -> str:
    """The figure as an SVG document fragment with <title> and <desc> for assistive technology."""
    traces = [t for t in _traces(fig) if t["points"]]
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="{FONT}" font-size="12" fill="{TEXT}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>'
    )
    if not traces:
        body = [f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle">No data</text>']
        return head + "".join(body) + "</svg>"
    frame, ticks = _frame(traces)
    xs = [p[0] for t in traces for p in t["points"]]
    body = _axes(frame, ticks, min(xs), max(xs))
    for trace in traces:
        body.extend(_marks(trace, frame))
    body.extend(_legend(traces))
    return head + "".join(body) + "</svg>"
