"""Figures: the palette, at most 1,000 points a trace, provisional and revised points marked."""

import datetime as dt
import json

import plotly.graph_objects as go

from metrics import charts


def _series(n, **kwargs):
    x = [dt.date(2000, 1, 1) + dt.timedelta(days=i) for i in range(n)]
    return charts.Series("UK", x, [float(i % 50) for i in range(n)], **kwargs)


def test_long_series_are_downsampled_keeping_the_ends():
    s = _series(20_000, provisional=[True] * 20_000, revised=[i % 2 == 0 for i in range(20_000)])
    spec = charts.figure_spec([s], title="t", unit="%")
    assert all(len(trace["x"]) <= charts.MAX_POINTS for trace in spec["data"])
    line = spec["data"][0]
    assert line["x"][0] == s.x[0] and line["x"][-1] == s.x[-1]


def test_provisional_and_revised_points_get_their_own_marked_traces():
    s = _series(5, provisional=[False, False, False, False, True], revised=[False, True, False, False, False])
    spec = charts.figure_spec([s], title="t", unit="%")
    names = [t["name"] for t in spec["data"]]
    assert names == ["UK", "UK: provisional", "UK: revised"]
    assert spec["data"][1]["marker"]["symbol"] == "circle-open"


def test_palette_target_and_trajectory():
    trajectory = charts.Series("Trajectory", [dt.date(2020, 1, 1), dt.date(2030, 1, 1)], [1.0, 5.0])
    mark = charts.TargetMark("Target: 2030", dt.date(2030, 1, 1), 5.0)
    spec = json.loads(
        charts.figure_json(
            [_series(3), _series(3)], title="t", unit="%", targets=[mark], trajectory=trajectory
        )
    )
    colours = [t["line"]["color"] for t in spec["data"] if t.get("mode") == "lines+markers"]
    assert colours == list(charts.PALETTE[:2])
    assert spec["layout"]["colorway"] == list(charts.PALETTE)
    assert spec["data"][-1]["marker"]["symbol"] == "diamond" and spec["data"][-2]["line"]["dash"] == "dash"


def test_metric_figure_still_returns_a_plotly_figure():
    fig = charts.metric_figure([_series(3)], title="t", unit="%")
    assert isinstance(fig, go.Figure) and fig.data[0].name == "UK"


def test_sparkline_is_decorative_svg_and_words_say_the_same():
    values = [(dt.date(2020 + i, 1, 1), v) for i, v in enumerate([1, 3, 2])]
    svg = charts.sparkline_svg(values, [(dt.date(2020, 1, 1), 1), (dt.date(2022, 1, 1), 4)])
    assert svg.startswith("<svg") and 'aria-hidden="true"' in svg and "stroke-dasharray" in svg
    assert charts.sparkline_svg(values[:1]) == ""
    assert charts.trend_words([("2020", 1), ("2022", 2)], "%", 1) == "Rose from 1.0% (2020) to 2.0% (2022)."


def test_chart_summary_is_one_sentence_per_part():
    text = charts.chart_summary(
        name="GLD", geography="England", trend="Rose from 1 to 2.", target="75% by 2028", status="On track"
    )
    assert text == "GLD (England): rose from 1 to 2. The target is 75% by 2028. Status: on track."
