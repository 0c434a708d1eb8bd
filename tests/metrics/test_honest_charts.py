"""Issue 15: each way a chart misled, tested on the figure spec (the JSON the page draws)."""

import datetime as dt
import json
import re

from metrics import chart_axes, charts

D = dt.date


def _annual(values, first=2015, gaps=()):
    years = [first + i for i in range(len(values)) if first + i not in gaps]
    vals = [v for i, v in enumerate(values) if first + i not in gaps]
    return charts.Series(
        "UK",
        [D(y, 1, 1) for y in years],
        vals,
        ends=[D(y, 12, 31) for y in years],
        labels=[str(y) for y in years],
    )


def _spec(series, **kwargs):
    return json.loads(charts.figure_json(series, title="t", unit="%", **kwargs))


def test_without_a_published_trajectory_the_straight_path_is_drawn_and_called_derived():
    target = charts.TargetMark("Target: 75 by 2030", D(2030, 12, 31), 75.0)
    path = charts.derived_path((D(2019, 1, 1), 60.0), target)
    spec = _spec([_annual([60, 61, 62])], targets=[target], trajectory=path)
    line = next(t for t in spec["data"] if t.get("line", {}).get("dash") == "dash")
    assert line["x"] == ["2019-01-01", "2030-12-31"] and line["y"] == [60.0, 75.0]
    assert "derived" in line["name"] and "not published" in line["name"]
    assert charts.derived_path(None, target) is None
    assert charts.derived_path((D(2031, 1, 1), 1.0), target) is None  # baseline after the due date


def test_an_empty_chart_says_no_data_and_has_no_tick_labels():
    spec = _spec([])
    layout = spec["layout"]
    assert layout["xaxis"]["visible"] is False and layout["yaxis"]["visible"] is False
    assert [a["text"] for a in layout["annotations"]] == ["No data"]
    suppressed_only = _spec([charts.Series("UK", [D(2020, 1, 1)], [None], ends=[D(2020, 12, 31)])])
    assert suppressed_only["layout"]["annotations"][0]["text"] == "No data"


def test_a_single_point_gets_a_year_wide_axis_with_month_ticks_never_milliseconds():
    spec = _spec([_annual([5.0])])
    axis = spec["layout"]["xaxis"]
    low, high = (D.fromisoformat(v) for v in axis["range"])
    assert (high - low).days >= chart_axes.MIN_X_SPAN_DAYS
    assert axis["type"] == "date" and "%L" not in axis["tickformat"] and "%H" not in axis["tickformat"]


def test_lines_break_across_missing_periods():
    spec = _spec([_annual([1, 2, 3, 4, 5], gaps={2017})])  # 2015, 2016, (none), 2018, 2019
    line = spec["data"][0]
    assert line["connectgaps"] is False
    assert line["y"] == [1, 2, None, 4, 5] and line["x"][2] is None
    assert line["text"][:2] == ["2015", "2016"]


def test_lines_break_at_declared_series_breaks_and_the_break_is_marked():
    spec = _spec([_annual([1, 2, 3, 4])], breaks=[D(2017, 1, 1)])
    assert spec["data"][0]["y"] == [1, 2, None, 3, 4]
    assert spec["layout"]["shapes"][0]["x0"] == "2017-01-01"
    assert "Series break" in [a["text"] for a in spec["layout"]["annotations"]]


def test_point_in_time_series_without_period_ends_join_unless_broken():
    s = charts.Series("UK", [D(2020, 3, 31), D(2022, 3, 31)], [1.0, 2.0])
    assert _spec([s])["data"][0]["y"] == [1.0, 2.0]


def test_pooled_periods_sit_at_the_middle_of_their_span():
    s = charts.Series(
        "England",
        [D(2018, 1, 1), D(2021, 1, 1)],
        [63.1, 62.4],
        ends=[D(2020, 12, 31), D(2023, 12, 31)],
        labels=["2018-20", "2021-23"],
    )
    line = _spec([s])["data"][0]
    assert line["x"] == ["2019-07-02", "2022-07-02"]  # not 2018-01-01 and 2021-01-01
    assert line["y"] == [63.1, 62.4]  # consecutive three-year periods: joined, no gap
    assert line["text"] == ["2018-20", "2021-23"]


def test_a_short_range_does_not_fill_the_axis():
    months = [D(2024, m, 1) for m in (1, 2, 3, 4)]  # 0.3 years
    ends = [D(2024, m, 28) for m in (1, 2, 3, 4)]
    spec = _spec([charts.Series("UK", months, [1.0, 2.0, 3.0, 4.0], ends=ends)])
    low, high = (D.fromisoformat(v) for v in spec["layout"]["xaxis"]["range"])
    data_span = (months[-1] - months[0]).days
    assert data_span / (high - low).days < 0.35
    assert spec["layout"]["xaxis"]["tickformat"] == "%b %Y"


def test_the_target_label_is_inside_the_range_and_never_clipped():
    target = charts.TargetMark("Target: 95 by 2030", D(2030, 12, 31), 95.0)
    spec = _spec([_annual([80, 85, 90])], targets=[target])
    mark = spec["data"][-1]
    assert mark["cliponaxis"] is False and mark["textposition"] == "top left"
    x_low, x_high = spec["layout"]["xaxis"]["range"]
    assert x_low < "2030-12-31" < x_high
    y_low, y_high = spec["layout"]["yaxis"]["range"]
    assert y_high > 95.0 + 0.05 * (95.0 - 80.0)  # room above the diamond for its label


def test_sparkline_shows_its_scale_and_a_small_change_looks_small():
    values = [(D(2022, 1, 1), 1.8), (D(2023, 1, 1), 1.9)]
    svg = str(charts.sparkline_svg(values, places=1))
    texts = re.findall(r">([^<>]+)</text>", svg)
    assert texts == ["1.8", "1.9"]
    ys = [float(p.split(",")[1]) for p in re.search(r'polyline points="([^"]+)"', svg).group(1).split()]
    drawn = abs(ys[0] - ys[1])
    assert drawn < 0.4 * 36  # a 5% rise uses well under half the height, not all of it


def test_value_range_keeps_large_changes_full_height():
    low, high = chart_axes.value_range([10.0, 90.0], pad=0)
    assert (low, high) == (10.0, 90.0)
