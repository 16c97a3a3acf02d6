"""Range-of-motion progress: degrees over time per test and side, against the normal range.

One chart per test (lying face down = hip in neutral; seated = hip in flexion).  Each shows
the left and right hip, the normal range shaded, a dotted vertical line where training
started, and under it the latest right − left difference.  Left and right differ in colour
(the app's colour-blind-safe pair), line style and marker shape, and the legend says so in
words, so colour is never the only signal.  The chart takes its colours from the palette and
redraws itself when the palette changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCharts import (
    QAreaSeries,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLegend,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
    QXYSeries,
)
from PySide6.QtCore import QDateTime, QEvent, QMargins, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from hiptimer.core.history.store import (
    TESTS,
    MeasurementSeries,
    MeasurementTrend,
    MeasurementTrends,
    trends_of,
)
from hiptimer.core.routines.model import Side

EMPTY_TEXT = (
    "No measurements yet — run the Range-of-motion check (assessment) or use "
    "Log measurement to record your first one."
)


@dataclass(frozen=True)
class TestInfo:
    title: str  # what the person sees
    normal_low: int
    normal_high: int
    band: tuple[int, int]  # what is shaded
    normal_text: str


TEST_INFO: dict[str, TestInfo] = {
    "prone": TestInfo(
        "Hip in neutral — lying face down",
        45,
        45,
        (43, 47),
        "Normal 45° (band 43–47°)",
    ),
    "seated": TestInfo(
        "Hip in flexion — seated",
        30,
        45,
        (30, 45),
        "Normal 30–45° (band)",
    ),
}


@dataclass(frozen=True)
class SideStyle:
    colour: str
    line: Qt.PenStyle
    marker: QScatterSeries.MarkerShape
    label: str  # the legend says the shape and line in words


SIDE_STYLE: dict[Side, SideStyle] = {
    Side.LEFT: SideStyle(
        "#0072B2",
        Qt.PenStyle.SolidLine,
        QScatterSeries.MarkerShape.MarkerShapeCircle,
        "Left ● solid",
    ),
    Side.RIGHT: SideStyle(
        "#D55E00",
        Qt.PenStyle.DashLine,
        QScatterSeries.MarkerShape.MarkerShapeTriangle,
        "Right ▲ dashed",
    ),
}
BAND_COLOUR = "#009E73"  # bluish green, the third colour of the same colour-blind-safe set
MAX_DEGREES_SHOWN = 90
MOST_POINTS_DRAWN = 150  # per side; a longer record is drawn as monthly (or quarterly) averages


def signed_degrees(value: int) -> str:
    """``+5°``, ``0°``, ``−12°`` (a real minus sign)."""
    return f"+{value}°" if value > 0 else f"−{-value}°" if value < 0 else "0°"


def difference_text(points: MeasurementSeries, test: str) -> str:
    """The latest right − left difference for ``test``, in words."""
    left, right = points.get((test, Side.LEFT), []), points.get((test, Side.RIGHT), [])
    return latest_difference_text(left[-1] if left else None, right[-1] if right else None)


def latest_difference_text(left: tuple[date, int] | None, right: tuple[date, int] | None) -> str:
    """The right − left difference of the latest measurements of each side, in words."""
    if left is None and right is None:
        return "No measurements of this test yet."
    if left is None or right is None:
        side, (day, degrees) = ("left", left) if right is None else ("right", right)
        return f"Latest: {side} {degrees}° on {_day_text(day)}. Measure both sides to compare."
    (left_day, left_deg), (right_day, right_deg) = left, right
    when = (
        f"on {_day_text(left_day)}"
        if left_day == right_day
        else f"left on {_day_text(left_day)}, right on {_day_text(right_day)}"
    )
    return (
        f"Right − left: {signed_degrees(right_deg - left_deg)} "
        f"(latest: left {left_deg}°, right {right_deg}°, {when})"
    )


def _day_text(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


_NO_TREND = MeasurementTrend([], None, 0, None)
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_DAY_MS = 86_400_000


def _msecs(day: date) -> float:
    """Noon of ``day`` in local time, as the chart's x value.

    Plain arithmetic with today's UTC offset: building a QDateTime per point is ~100× slower,
    and an hour of daylight-saving difference does not move a point off its day.
    """
    offset_ms = QDateTime.currentDateTime().offsetFromUtc() * 1000
    return _msecs_at(day, offset_ms)


def _msecs_at(day: date, offset_ms: int) -> float:
    return float((day.toordinal() - _EPOCH_ORDINAL) * _DAY_MS + _DAY_MS // 2 - offset_ms)


class TestChartView(QChartView):
    """The chart of one test."""

    def __init__(self, test: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.test = test
        self.info = TEST_INFO[test]
        chart = QChart()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.legend().setMarkerShape(QLegend.MarkerShape.MarkerShapeFromSeries)
        self.setChart(chart)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(240)
        self.setAccessibleName(f"Progress chart: {self.info.title}")

    def draw(
        self,
        trends: MeasurementTrends,
        started: date | None,
        palette: QPalette,
    ) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
            axis.deleteLater()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        themes = QChart.ChartTheme
        chart.setTheme(themes.ChartThemeDark if dark else themes.ChartThemeLight)
        text = palette.color(QPalette.ColorRole.WindowText)
        chart.setBackgroundBrush(QBrush(palette.color(QPalette.ColorRole.Base)))
        chart.setBackgroundRoundness(0)
        mine = {side: trends.get((self.test, side), _NO_TREND) for side in Side}
        periods = {trend.averaged_by for trend in mine.values()} - {None}
        averages = " — quarterly averages" if "quarter" in periods else " — monthly averages"
        chart.setTitle(self.info.title + (averages if periods else ""))
        chart.setTitleBrush(QBrush(text))
        title_font = QFont(self.font())
        title_font.setBold(True)
        chart.setTitleFont(title_font)
        chart.legend().setLabelColor(text)
        chart.legend().setFont(self.font())

        days = [day for trend in mine.values() for day, _ in trend.points]
        if started is not None:
            days.append(started)
        first, last = (min(days), max(days)) if days else (date.today(), date.today())
        pad = max(timedelta(days=3), (last - first) / 30)
        x_lo, x_hi = _msecs(first - pad), _msecs(last + pad)

        x_axis = QDateTimeAxis()
        x_axis.setFormat("MMM yyyy" if (last - first).days > 240 else "d MMM yyyy")
        x_axis.setTickCount(6)
        x_axis.setRange(
            QDateTime.fromMSecsSinceEpoch(int(x_lo)), QDateTime.fromMSecsSinceEpoch(int(x_hi))
        )
        y_axis = QValueAxis()
        y_axis.setRange(0, MAX_DEGREES_SHOWN)
        y_axis.setTickCount(7)
        y_axis.setLabelFormat("%d")  # printf formats garble "°"
        y_axis.setTitleText("degrees (°)")
        grid = QColor(text)
        grid.setAlpha(40)
        for axis in (x_axis, y_axis):
            axis.setLabelsColor(text)
            axis.setLabelsFont(self.font())
            axis.setTitleBrush(QBrush(text))
            axis.setGridLineColor(grid)
            axis.setLinePenColor(grid)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)

        def attach(series: QXYSeries | QAreaSeries) -> None:
            chart.addSeries(series)
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)

        attach(self._band(x_lo, x_hi))
        for side in Side:
            line, markers = self._side_series(side, mine[side])
            attach(line)
            attach(markers)
            for marker in chart.legend().markers(markers):
                marker.setVisible(False)  # the line's legend entry names the shape
        if started is not None:
            attach(self._started_line(started, text))

    def _band(self, x_lo: float, x_hi: float) -> QAreaSeries:
        low, high = self.info.band
        lower, upper = QLineSeries(), QLineSeries()
        lower.append(x_lo, low)
        lower.append(x_hi, low)
        upper.append(x_lo, high)
        upper.append(x_hi, high)
        band = QAreaSeries()
        for edge_series in (upper, lower):
            edge_series.setParent(band)  # the area series does not own its edges
        band.setUpperSeries(upper)
        band.setLowerSeries(lower)
        band.setObjectName(f"{self.test}-normal")
        band.setName(self.info.normal_text)
        fill = QColor(BAND_COLOUR)
        fill.setAlpha(70)
        band.setBrush(QBrush(fill))
        edge = QColor(BAND_COLOUR)
        band.setPen(QPen(edge, 1, Qt.PenStyle.DashLine))
        return band

    def _side_series(
        self, side: Side, trend: MeasurementTrend
    ) -> tuple[QLineSeries, QScatterSeries]:
        style = SIDE_STYLE[side]
        colour = QColor(style.colour)
        line, markers = QLineSeries(), QScatterSeries()
        line.setObjectName(f"{self.test}-{side.value}")
        line.setName(style.label)
        markers.setObjectName(f"{self.test}-{side.value}-markers")
        markers.setName(style.label)
        offset_ms = QDateTime.currentDateTime().offsetFromUtc() * 1000
        points = [QPointF(_msecs_at(day, offset_ms), degrees) for day, degrees in trend.points]
        line.replace(points)
        markers.replace(points)
        line.setPen(QPen(colour, 2.5, style.line))
        markers.setMarkerShape(style.marker)
        markers.setMarkerSize(10 if len(trend.points) < 60 else 7)
        markers.setColor(colour)
        markers.setBorderColor(colour)
        return line, markers

    def _started_line(self, started: date, text: QColor) -> QLineSeries:
        x = _msecs(started)
        line = QLineSeries()
        line.setObjectName(f"{self.test}-started")
        line.setName(f"Started {_day_text(started)}")
        line.append(x, 0)
        line.append(x, MAX_DEGREES_SHOWN - 6)
        line.setPen(QPen(text, 1.5, Qt.PenStyle.DotLine))
        line.setPointLabelsColor(text)
        line.setPointLabelsFont(self.font())
        line.setPointLabelsClipping(False)
        line.setPointConfiguration(
            1,
            {
                QXYSeries.PointConfiguration.LabelVisibility: True,
                QXYSeries.PointConfiguration.LabelFormat: "started",
            },
        )
        return line


class ProgressChart(QWidget):
    """Both tests' charts, or what to do first when nothing has been measured."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._trends: MeasurementTrends = {}
        self._started: date | None = None
        self._drawn = False
        self.views: dict[str, TestChartView] = {}
        self.difference_labels: dict[str, QLabel] = {}

        charts = QWidget()
        charts_layout = QVBoxLayout(charts)
        charts_layout.setContentsMargins(0, 0, 0, 0)
        for test in TESTS:
            view = TestChartView(test)
            label = QLabel()
            label.setWordWrap(True)
            label.setAccessibleName(f"Left–right difference: {TEST_INFO[test].title}")
            self.views[test] = view
            self.difference_labels[test] = label
            charts_layout.addWidget(view, 1)
            charts_layout.addWidget(label)

        self.empty_label = QLabel(EMPTY_TEXT)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(charts)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.set_series({}, None)

    def set_series(
        self, measurement_series: MeasurementSeries, first_session_date: date | None
    ) -> None:
        """Show ``{(test, side): [(date, degrees), ...]}`` with a line where training began."""
        self.set_trends(trends_of(measurement_series, MOST_POINTS_DRAWN), first_session_date)

    def set_trends(self, trends: MeasurementTrends, first_session_date: date | None) -> None:
        """Show trends already reduced to a few points (:meth:`HistoryStore.measurement_trends`).

        Nothing is redrawn when they are the same as those shown.
        """
        if self._drawn and trends == self._trends and first_session_date == self._started:
            return
        self._trends = trends
        self._started = first_session_date
        self._draw()

    def is_empty(self) -> bool:
        return not any(trend.count for trend in self._trends.values())

    def chart(self, test: str) -> QChart:
        return self.views[test].chart()

    def _draw(self) -> None:
        self._drawn = True
        if self.is_empty():
            self.stack.setCurrentWidget(self.empty_label)
            return
        self.stack.setCurrentIndex(1)
        for test, view in self.views.items():
            view.draw(self._trends, self._started, self.palette())
            self.difference_labels[test].setText(
                latest_difference_text(
                    self._trends.get((test, Side.LEFT), _NO_TREND).latest,
                    self._trends.get((test, Side.RIGHT), _NO_TREND).latest,
                )
            )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._draw()
