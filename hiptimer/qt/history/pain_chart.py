"""Pain after each session, 0 to 10, over the same weeks as the range-of-motion charts."""

from __future__ import annotations

from datetime import date

from PySide6.QtCharts import (
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QScatterSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette, QPen, QResizeEvent

from hiptimer.core.history.rows import PAIN_LIMITS
from hiptimer.core.history.trends import MeasurementTrend
from hiptimer.qt.history.chart import chart_x, set_day_axis

#: The line's colour: reddish purple of the Okabe–Ito palette, apart from both sides' colours.
PAIN_COLOUR = "#CC79A7"


class PainChartView(QChartView):
    """Hidden until a session's pain was rated."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        chart = QChart()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().hide()
        self.setChart(chart)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(150)
        self.setAccessibleName("Pain after each session, 0 to 10")
        self._shown: tuple[MeasurementTrend, date | None] | None = None
        self._span: tuple[date, date] | None = None

    def _plot_width(self) -> int:
        return self.width() - 3 * self.fontMetrics().horizontalAdvance("00") - 24

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        axes = self.chart().axes(Qt.Orientation.Horizontal)
        if self._span is not None and axes and isinstance(axes[0], QDateTimeAxis):
            set_day_axis(axes[0], *self._span, self._plot_width())

    def show_trend(self, trend: MeasurementTrend, first: date | None) -> None:
        if (trend, first) == self._shown:
            return
        self._shown = (trend, first)
        self.setVisible(bool(trend.points))
        if trend.points:
            self._draw(trend, first or trend.points[0][0])

    def _draw(self, trend: MeasurementTrend, first: date) -> None:
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
            axis.deleteLater()
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        chart.setBackgroundBrush(QBrush(palette.color(QPalette.ColorRole.Base)))
        averaged = f" (mean of each {trend.averaged_by})" if trend.averaged_by else ""
        chart.setTitle(f"Pain after sessions, 0 none – 10 worst{averaged}")
        chart.setTitleBrush(QBrush(text))
        last = max(trend.points[-1][0], date.today())
        x_axis = QDateTimeAxis()
        x_axis.setLabelsFont(self.font())
        self._span = (first, last)
        set_day_axis(x_axis, first, last, self._plot_width())
        y_axis = QValueAxis()
        y_axis.setRange(PAIN_LIMITS.low, PAIN_LIMITS.high)
        y_axis.setTickCount(3)  # 0, 5, 10: room for each label in a low chart
        y_axis.setLabelFormat("%d")
        for axis in (x_axis, y_axis):
            axis.setLabelsColor(text)
            axis.setLabelsFont(self.font())
            axis.setTruncateLabels(False)  # a "…" for a number says nothing
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        line, dots = QLineSeries(), QScatterSeries()
        line.setObjectName("pain")
        line.setPen(QPen(QColor(PAIN_COLOUR), 2, Qt.PenStyle.DashLine))
        dots.setColor(QColor(PAIN_COLOUR))
        dots.setMarkerSize(8)
        for day, pain in trend.points:
            line.append(chart_x(day), pain)
            dots.append(chart_x(day), pain)
        for series in (line, dots):
            chart.addSeries(series)
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)
