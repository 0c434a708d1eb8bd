"""Render a pack's frozen content: HTML for the page and a tagged PDF (WeasyPrint), charts as static SVG.

Rendering reads only the stored content dict, never the database, so a pack renders the same way for ever.
"""

from __future__ import annotations

import base64
import time
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string

from councils.packs import svg
from metrics import charts

PDF_VARIANT = "pdf/ua-1"  # PDF/UA: tagged structure, document title and language for screen readers


def _series(section: dict) -> charts.Series:
    rows = [r for r in section["series"] if r["value"] is not None]
    return charts.Series(
        "Observed",
        [date.fromisoformat(r["start"]) for r in rows],
        [float(Decimal(r["value"])) for r in rows],
        [r["status"] == "provisional" for r in rows],
        [r["revision"] > 1 for r in rows],
    )


def _figure(section: dict):
    target = section["target"]
    marks, trajectory = [], None
    if (
        target
        and target["value"] is not None
        and target["due_date"]
        and target.get("form", "level") == "level"
    ):
        when = date.fromisoformat(target["due_date"])
        marks.append(
            charts.TargetMark(f"Target ({target['due_label']})", when, float(Decimal(target["value"])))
        )
    if target and target["trajectory"]:
        points = target["trajectory"]
        trajectory = charts.Series(
            "Trajectory",
            [date.fromisoformat(p["start"]) for p in points],
            [float(Decimal(p["value"])) for p in points],
        )
    return charts.metric_figure(
        [_series(section)], title=section["name"], unit=section["unit"], targets=marks, trajectory=trajectory
    )


def chart_description(section: dict) -> str:
    """The chart in words: range, latest value, target and status (the same facts the chart shows)."""
    rows = [r for r in section["series"] if r["value"] is not None]
    if not rows:
        return f"{section['name']}: no data had been published by the time this pack was made."
    text = (
        f"{section['name']} ({section['unit']}), {len(rows)} values from {rows[0]['period']} to "
        f"{rows[-1]['period']}. Latest: {section['latest_value']} in {section['latest_period']}."
    )
    target = section["target"]
    if target and target["value"] is not None:
        text += f" Target: {target['display']} by {target['due_label']}."
    if target and target["trajectory"]:
        text += " A dashed line shows the planned trajectory."
    return text + f" Status: {section['status_label']}."


def chart_svg(section: dict, index: int) -> str:
    return svg.figure_svg(
        _figure(section),
        chart_id=f"chart-{index}",
        title=f"Chart: {section['name']}",
        description=chart_description(section),
    )


def charts_for(content: dict) -> tuple[list[dict], list[float]]:
    """Each metric section with its chart added, and the seconds each chart took."""
    sections, timings = [], []
    for index, section in enumerate(content["metrics"], start=1):
        started = time.perf_counter()
        chart = chart_svg(section, index)
        timings.append(time.perf_counter() - started)
        sections.append(
            {
                **section,
                "chart": chart,
                "chart_data_uri": "data:image/svg+xml;base64," + base64.b64encode(chart.encode()).decode(),
                "chart_alt": chart_description(section),
                "table": section["series"][-6:],
                "anchor": f"metric-{index}",
            }
        )
    return sections, timings


def render_html(content: dict, sections: list[dict], *, version: int, for_pdf: bool = False) -> str:
    """The pack's body (for the page) or a whole print document (for the PDF)."""
    template = "councils/pack/print.html" if for_pdf else "councils/pack/body.html"
    return render_to_string(
        template, {"c": content, "sections": sections, "version": version, "for_pdf": for_pdf}
    )


def render_pdf(document_html: str) -> bytes:
    from weasyprint import HTML  # imported late: loading Pango is slow and only workers need it

    base = str(settings.BASE_DIR)
    return HTML(string=document_html, base_url=base).write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
