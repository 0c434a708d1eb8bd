"""Issue 15: the pack's static SVG draws the same honest chart: no line across a missing period."""

import datetime as dt

from councils.packs import svg
from metrics import charts


def test_the_pack_svg_breaks_the_line_at_a_missing_period():
    years = [2015, 2016, 2018, 2019]  # 2017 missing
    series = charts.Series(
        "Observed",
        [dt.date(y, 1, 1) for y in years],
        [1.0, 2.0, 3.0, 4.0],
        ends=[dt.date(y, 12, 31) for y in years],
    )
    drawn = svg.figure_svg(
        charts.metric_figure([series], title="t", unit="%"), chart_id="c", title="t", description="d"
    )
    assert drawn.count("<polyline") == 2


def test_the_pack_svg_of_an_empty_chart_says_no_data():
    drawn = svg.figure_svg(
        charts.metric_figure([], title="t", unit="%"), chart_id="c", title="t", description="d"
    )
    assert "No data" in drawn
