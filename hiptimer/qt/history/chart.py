"""Range-of-motion progress: degrees over time per test and side, against the normal range.

One chart per test (lying face down = hip in neutral; seated = hip in flexion).  Each shows
the left and right hip, the normal range (from the exercise library) shaded, a dotted vertical
line where training started, and under it the latest right − left difference.  Left and
right differ in colour (the app's colour-blind-safe pair), line style and marker shape, and
the legend says so in words, so colour is never the only signal.  The chart takes its colours
from the palette and redraws itself when the palette changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

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
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QLabel, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from hiptimer.core.history.date_axis import DateAxis, date_axis
from hiptimer.core.history.measurements import TEST_TITLES, TESTS, NormalRanges
from hiptimer.core.history.progress import (
    DEGREES_SHOWN,
    ChartContent,
    chart_content,
    started_text,
)
from hiptimer.core.history.trends import MeasurementTrend, MeasurementTrends
from hiptimer.core.routines.model import Side

EMPTY_TEXT = (
    "No measurements yet — run the Range-of-motion check (assessment) or use "
    "Log measurement to record your first one."
)


@dataclass(frozen=True)
class SideStyle:
    colour: str
    line: Qt.PenStyle
    marker: QScatterSeries.MarkerShape
    label: str  # the series' name: the side, its shape and line in words
    words: str  # the legend's words for the shape and line


SIDE_STYLE: dict[Side, SideStyle] = {
    Side.LEFT: SideStyle(
        "#0072B2",
        Qt.PenStyle.SolidLine,
        QScatterSeries.MarkerShape.MarkerShapeCircle,
        "Left ● solid",
        "dots, solid line",
    ),
    Side.RIGHT: SideStyle(
        "#D55E00",
        Qt.PenStyle.DashLine,
        QScatterSeries.MarkerShape.MarkerShapeTriangle,
        "Right ▲ dashed",
        "triangles, dashed line",
    ),
}
BAND_COLOUR = "#009E73"  # bluish green, the third colour of the same colour-blind-safe set
MOST_POINTS_DRAWN = 150  # per side; a longer record is drawn as monthly (or quarterly) averages


_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_DAY_MS = 86_400_000


def chart_x(day: date) -> float:
    """Noon of ``day`` in local time, as the chart's x value.

    Plain arithmetic with today's UTC offset: building a QDateTime per point is ~100× slower,
    and an hour of daylight-saving difference does not move a point off its day.
    """
    offset_ms = QDateTime.currentDateTime().offsetFromUtc() * 1000
    return _msecs_at(day, offset_ms)


def _msecs_at(day: date, offset_ms: int) -> float:
    return float((day.toordinal() - _EPOCH_ORDINAL) * _DAY_MS + _DAY_MS // 2 - offset_ms)


def chart_midnight(day: date) -> float:
    """The start of ``day`` in local time (where the axis puts its ticks)."""
    return chart_x(day) - _DAY_MS // 2


def set_day_axis(axis: QDateTimeAxis, first: date, last: date, width: int) -> DateAxis:
    """Range, ticks and format of a date axis ``width`` pixels wide showing ``first`` to
    ``last`` whole: ticks on midnights, whole days apart, labels never crowded."""
    metrics = QFontMetrics(axis.labelsFont())
    label = metrics.horizontalAdvance("28 Sep 2026") * 1.5
    days = date_axis(first, last, int(max(width, 1) // label) + 1)
    if days.label_format == "d MMM":
        days = date_axis(first, last, int(max(width, 1) // (label * 0.7)) + 1)
    axis.setFormat(days.label_format)
    axis.setTickCount(days.ticks)
    axis.setRange(
        QDateTime.fromMSecsSinceEpoch(int(chart_midnight(days.first))),
        QDateTime.fromMSecsSinceEpoch(int(chart_midnight(days.last))),
    )
    return days


def legend_html(content: ChartContent, palette: QPalette) -> str:
    """The chart's legend in words and the lines' own marks, as text that wraps (Qt's legend
    cuts long entries short)."""
    text = palette.color(QPalette.ColorRole.WindowText).name()
    entries = []
    if content.normal is not None:
        entries.append((BAND_COLOUR, "■", content.band_text))
    for side in Side:
        style = SIDE_STYLE[side]
        mark = "●—" if style.line is Qt.PenStyle.SolidLine else "▲ – –"
        entries.append((style.colour, mark, style.label.split(" ")[0] + f" ({style.words})"))
    if content.started is not None:
        entries.append((text, "┊", started_text(content.started)))
    return " &nbsp; &nbsp; ".join(
        f'<span style="color:{colour}"><b>{mark}</b></span>&nbsp;{escape(words)}'
        for colour, mark, words in entries
    )


class TestChartView(QChartView):
    """The chart of one test: draws a :class:`ChartContent`."""

    def __init__(self, test: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.test = test
        chart = QChart()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.legend().setMarkerShape(QLegend.MarkerShape.MarkerShapeFromSeries)
        self.setChart(chart)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(240)
        self.setAccessibleName(f"Progress chart: {TEST_TITLES[test]}")
        self._content: ChartContent | None = None

    def _plot_width(self) -> int:
        """About how wide the plot is: the view less the degrees axis and the margins."""
        return self.width() - 4 * self.fontMetrics().horizontalAdvance("000") - 24

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Only the date axis follows the width (the band reaches far beyond any range it
        can take), so a resize never rebuilds the series."""
        super().resizeEvent(event)
        axes = self.chart().axes(Qt.Orientation.Horizontal)
        if self._content is not None and axes and isinstance(axes[0], QDateTimeAxis):
            content = self._content
            set_day_axis(axes[0], content.first_day, content.last_day, self._plot_width())

    def draw(self, content: ChartContent, palette: QPalette) -> None:
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
        chart.setTitle(content.title)
        chart.setTitleBrush(QBrush(text))
        title_font = QFont(self.font())
        title_font.setBold(True)
        chart.setTitleFont(title_font)
        chart.legend().hide()  # the legend is a label under the chart: it wraps, never cuts

        x_axis = QDateTimeAxis()
        x_axis.setLabelsFont(self.font())
        self._content = content
        days = set_day_axis(x_axis, content.first_day, content.last_day, self._plot_width())
        x_lo, x_hi = chart_midnight(days.first), chart_midnight(days.last)
        y_axis = QValueAxis()
        y_axis.setRange(*DEGREES_SHOWN)
        y_axis.setTickCount(7)
        y_axis.setLabelFormat("%d")  # printf formats garble "°"
        y_axis.setTitleText("degrees (°)")
        grid = QColor(text)
        grid.setAlpha(40)
        for axis in (x_axis, y_axis):
            axis.setLabelsColor(text)
            axis.setLabelsFont(self.font())
            axis.setTruncateLabels(False)  # a "…" for a number or a date says nothing
            axis.setTitleBrush(QBrush(text))
            axis.setGridLineColor(grid)
            axis.setLinePenColor(grid)
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)

        def attach(series: QXYSeries | QAreaSeries) -> None:
            chart.addSeries(series)
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)

        if content.band is not None:
            reach = (x_hi - x_lo) + 1500 * _DAY_MS  # past any range a resize gives the axis
            attach(self._band(content.band, content.band_text, x_lo - reach, x_hi + reach))
        for side in Side:
            line, markers = self._side_series(side, content.sides[side])
            attach(line)
            attach(markers)
            for marker in chart.legend().markers(markers):
                marker.setVisible(False)  # the line's legend entry names the shape
        if content.started is not None:
            attach(self._started_line(content.started, text))

    def _band(self, band: tuple[int, int], name: str, x_lo: float, x_hi: float) -> QAreaSeries:
        low, high = band
        lower, upper = QLineSeries(), QLineSeries()
        lower.append(x_lo, low)
        lower.append(x_hi, low)
        upper.append(x_lo, high)
        upper.append(x_hi, high)
        area = QAreaSeries()
        for edge_series in (upper, lower):
            edge_series.setParent(area)  # the area series does not own its edges
        area.setUpperSeries(upper)
        area.setLowerSeries(lower)
        area.setObjectName(f"{self.test}-normal")
        area.setName(name)
        fill = QColor(BAND_COLOUR)
        fill.setAlpha(70)
        area.setBrush(QBrush(fill))
        edge = QColor(BAND_COLOUR)
        area.setPen(QPen(edge, 1, Qt.PenStyle.DashLine))
        return area

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
        x = chart_x(started)
        line = QLineSeries()
        line.setObjectName(f"{self.test}-started")
        line.setName(started_text(started))
        line.append(x, DEGREES_SHOWN.low)
        line.append(x, DEGREES_SHOWN.high - 6)  # room above for its "started" label
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
        self._shown: tuple[MeasurementTrends, date | None, NormalRanges] | None = None
        self._trends: MeasurementTrends = {}
        self.views: dict[str, TestChartView] = {}
        self.difference_labels: dict[str, QLabel] = {}

        charts = QWidget()
        charts_layout = QVBoxLayout(charts)
        charts_layout.setContentsMargins(0, 0, 0, 0)
        self.legend_labels: dict[str, QLabel] = {}
        for test in TESTS:
            view = TestChartView(test)
            legend = QLabel()
            legend.setWordWrap(True)
            legend.setTextFormat(Qt.TextFormat.RichText)
            legend.setAccessibleName(f"Legend: {TEST_TITLES[test]}")
            label = QLabel()
            label.setWordWrap(True)
            label.setAccessibleName(f"Left–right difference: {TEST_TITLES[test]}")
            self.views[test] = view
            self.legend_labels[test] = legend
            self.difference_labels[test] = label
            charts_layout.addWidget(view, 1)
            charts_layout.addWidget(legend)
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
        self.set_trends({}, None, {})

    def set_trends(
        self,
        trends: MeasurementTrends,
        first_session_date: date | None,
        normals: NormalRanges,
    ) -> None:
        """Show trends already reduced to a few points (:meth:`HistoryStore.measurement_trends`),
        a line where training began and each test's normal range (by test key, from the
        exercise library: :func:`normal_ranges`).  Nothing is redrawn when all are as shown.
        """
        shown = (trends, first_session_date, normals)
        if shown == self._shown:
            return
        self._shown = shown
        self._trends = trends
        self._draw()

    def is_empty(self) -> bool:
        return not any(trend.count for trend in self._trends.values())

    def chart(self, test: str) -> QChart:
        return self.views[test].chart()

    def _draw(self) -> None:
        if self._shown is None:
            return
        if self.is_empty():
            self.stack.setCurrentWidget(self.empty_label)
            return
        self.stack.setCurrentIndex(1)
        trends, started, normals = self._shown
        today = date.today()
        for test, view in self.views.items():
            content = chart_content(test, trends, started, normals, today)
            view.draw(content, self.palette())
            self.legend_labels[test].setText(legend_html(content, self.palette()))
            self.difference_labels[test].setText(content.difference)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._draw()
