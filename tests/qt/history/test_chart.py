"""The progress chart: one chart per test, left and right told apart, the normal band, the start."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCharts import QAreaSeries, QChart, QDateTimeAxis, QScatterSeries, QXYSeries
from PySide6.QtCore import QDate, QDateTime, Qt, QTime

from hiptimer.core.history.measurements import NormalRanges, normal_ranges
from hiptimer.core.history.rows import MeasurementSeries
from hiptimer.core.routines.model import Range, Side
from hiptimer.qt.history.chart import EMPTY_TEXT, MOST_POINTS_DRAWN, ProgressChart
from hiptimer.qt.style import dark_palette, light_palette
from tests.core.history.oracles import trends_of
from tests.fakes import builtin_catalog

STARTED = date(2026, 1, 5)
NORMALS = normal_ranges(builtin_catalog().library)


def _points() -> MeasurementSeries:
    return {
        ("prone", Side.LEFT): [
            (date(2026, 1, 5), 20),
            (date(2026, 2, 2), 24),
            (date(2026, 3, 2), 30),
        ],
        ("prone", Side.RIGHT): [(date(2026, 1, 5), 40), (date(2026, 3, 2), 42)],
        ("seated", Side.LEFT): [(date(2026, 1, 12), 25)],
        ("seated", Side.RIGHT): [],
    }


@pytest.fixture
def chart(qtbot) -> ProgressChart:
    widget = ProgressChart()
    qtbot.addWidget(widget)
    widget.resize(700, 600)
    return widget


def _show(
    widget: ProgressChart,
    points: MeasurementSeries,
    started: date | None = STARTED,
    normals: NormalRanges = NORMALS,
) -> None:
    widget.set_trends(trends_of(points, MOST_POINTS_DRAWN), started, normals)


def _series(widget: ProgressChart, test: str) -> dict[str, QXYSeries | QAreaSeries]:
    return {series.objectName(): series for series in widget.chart(test).series()}


def test_each_test_has_left_right_band_and_start_series(chart: ProgressChart) -> None:
    _show(chart, _points())
    prone = _series(chart, "prone")
    assert sorted(prone) == sorted(
        ["prone-normal", "prone-left", "prone-left-markers", "prone-right",
         "prone-right-markers", "prone-started"]
    )  # fmt: skip
    assert prone["prone-left"].count() == 3
    assert prone["prone-left-markers"].count() == 3
    assert prone["prone-right"].count() == 2
    seated = _series(chart, "seated")
    assert seated["seated-left"].count() == 1
    assert seated["seated-right"].count() == 0
    assert [p.y() for p in prone["prone-left"].points()] == [20, 24, 30]


def test_the_normal_band_is_thin_around_45_lying_and_30_to_45_seated(chart: ProgressChart) -> None:
    _show(chart, _points())
    prone_band = _series(chart, "prone")["prone-normal"]
    seated_band = _series(chart, "seated")["seated-normal"]
    assert {p.y() for p in prone_band.upperSeries().points()} == {47}
    assert {p.y() for p in prone_band.lowerSeries().points()} == {43}
    assert "45°" in prone_band.name()
    assert {p.y() for p in seated_band.upperSeries().points()} == {45}
    assert {p.y() for p in seated_band.lowerSeries().points()} == {30}
    assert "30–45°" in seated_band.name()


def test_left_and_right_differ_in_colour_line_style_marker_and_words(chart: ProgressChart) -> None:
    _show(chart, _points())
    series = _series(chart, "prone")
    left, right = series["prone-left"], series["prone-right"]
    assert left.pen().color().name().upper() == "#0072B2"
    assert right.pen().color().name().upper() == "#D55E00"
    assert left.pen().style() == Qt.PenStyle.SolidLine
    assert right.pen().style() == Qt.PenStyle.DashLine
    left_markers = series["prone-left-markers"]
    right_markers = series["prone-right-markers"]
    assert isinstance(left_markers, QScatterSeries)
    assert left_markers.markerShape() != right_markers.markerShape()
    assert "Left" in left.name() and "solid" in left.name()
    assert "Right" in right.name() and "dashed" in right.name()
    hidden = chart.chart("prone").legend().markers(left_markers)
    assert all(not marker.isVisible() for marker in hidden)


def test_a_dotted_vertical_line_marks_the_start_and_the_axis_shows_dates(
    chart: ProgressChart,
) -> None:
    _show(chart, _points())
    started = _series(chart, "seated")["seated-started"]
    xs = {p.x() for p in started.points()}
    noon = QDateTime(QDate(2026, 1, 5), QTime(12, 0)).toMSecsSinceEpoch()
    assert xs == {noon}
    assert started.pen().style() == Qt.PenStyle.DotLine
    assert "Started 5 Jan 2026" in started.name()
    x_axis = chart.chart("seated").axes(Qt.Orientation.Horizontal)[0]
    assert isinstance(x_axis, QDateTimeAxis)
    assert x_axis.min().toMSecsSinceEpoch() < noon < x_axis.max().toMSecsSinceEpoch()


def test_without_a_session_there_is_no_start_line(chart: ProgressChart) -> None:
    _show(chart, _points(), None)
    assert "prone-started" not in _series(chart, "prone")


def test_the_difference_label_gives_right_minus_left_at_the_latest_values(
    chart: ProgressChart,
) -> None:
    _show(chart, _points())
    assert chart.difference_labels["prone"].text().startswith("Right − left: +12°")
    assert "Measure both sides" in chart.difference_labels["seated"].text()
    lower = {
        ("prone", Side.LEFT): [(date(2026, 1, 5), 40)],
        ("prone", Side.RIGHT): [(date(2026, 1, 9), 28)],
    }
    _show(chart, lower)
    text = chart.difference_labels["prone"].text()
    assert text.startswith("Right − left: −12°")
    assert "left on 5 Jan 2026, right on 9 Jan 2026" in text


def test_no_measurements_says_what_to_do_first(chart: ProgressChart) -> None:
    _show(chart, {("prone", Side.LEFT): [], ("prone", Side.RIGHT): []})
    assert chart.is_empty()
    assert chart.stack.currentWidget() is chart.empty_label
    assert chart.empty_label.text() == EMPTY_TEXT
    assert "Log measurement" in EMPTY_TEXT and "Range-of-motion check" in EMPTY_TEXT
    _show(chart, _points())
    assert chart.stack.currentWidget() is not chart.empty_label


@pytest.mark.parametrize(
    ("palette", "theme"),
    [
        (dark_palette, QChart.ChartTheme.ChartThemeDark),
        (light_palette, QChart.ChartTheme.ChartThemeLight),
    ],
)
def test_the_chart_follows_the_palette(chart: ProgressChart, palette, theme) -> None:
    _show(chart, _points())
    chart.setPalette(palette())
    for test in ("prone", "seated"):
        qchart = chart.chart(test)
        assert qchart.theme() == theme
        assert qchart.backgroundBrush().color() == palette().base().color()
        # the side colours survive the theme change
        assert _series(chart, test)[f"{test}-left"].pen().color().name().upper() == "#0072B2"


def test_the_band_follows_the_exercise_library(chart: ProgressChart) -> None:
    _show(chart, _points(), normals={"prone": Range(40, 50)})
    prone_band = _series(chart, "prone")["prone-normal"]
    assert {p.y() for p in prone_band.upperSeries().points()} == {50}
    assert {p.y() for p in prone_band.lowerSeries().points()} == {40}
    assert prone_band.name() == "Normal 40–50° (band)"
    assert "seated-normal" not in _series(chart, "seated")  # the library gives no normal


def test_a_new_normal_range_redraws_the_same_trends(chart: ProgressChart) -> None:
    _show(chart, _points())
    _show(chart, _points(), normals={"prone": Range(50, 50), "seated": Range(30, 45)})
    prone_band = _series(chart, "prone")["prone-normal"]
    assert {p.y() for p in prone_band.upperSeries().points()} == {52}
    assert prone_band.name() == "Normal 50° (band 48–52°)"


def test_the_date_axis_ticks_midnights_whole_days_apart(chart: ProgressChart) -> None:
    chart.show()
    _show(chart, _points())
    for test in ("prone", "seated"):
        axis = chart.chart(test).axes(Qt.Orientation.Horizontal)[0]
        assert isinstance(axis, QDateTimeAxis)
        low, high = axis.min(), axis.max()
        assert low.time() == QTime(0, 0) and high.time() == QTime(0, 0)  # local midnights
        days = low.daysTo(high)
        assert days % (axis.tickCount() - 1) == 0  # so every tick is a midnight too
        assert axis.tickCount() >= 3
        assert axis.format() == "d MMM"  # all in 2026: no year on each label


def test_the_legend_is_a_wrapping_label_with_every_entry(chart: ProgressChart) -> None:
    _show(chart, _points())
    assert not chart.chart("prone").legend().isVisible()
    legend = chart.legend_labels["prone"]
    assert legend.wordWrap()
    words = legend.text()
    for entry in ("Normal 45° (band 43–47°)", "Left (dots, solid line)", "Started 5 Jan 2026"):
        assert entry in words
    assert "Right (triangles, dashed line)" in words
