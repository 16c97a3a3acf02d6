"""The report's charts, drawn as vector paths with QPainter (no images), readable in grey.

Left and right differ by line style and marker shape as well as colour (solid ● left, dashed
▲ right: the History tab's pair), the normal range is a grey band, the measurement noise a
hatched band around each side's first value, and every chart has its legend in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF

from hiptimer.core.history.report.model import Bucket, Period, RomChart
from hiptimer.core.history.verdict import NOISE_DEGREES
from hiptimer.core.routines.model import Side

INK = QColor("#000000")
GRID = QColor("#b0b0b0")
BAND = QColor("#d8d8d8")
SIDE_COLOUR = {Side.LEFT: QColor("#0072B2"), Side.RIGHT: QColor("#D55E00")}
SIDE_LINE = {Side.LEFT: Qt.PenStyle.SolidLine, Side.RIGHT: Qt.PenStyle.DashLine}
DONE_FILL = QColor("#3a3a3a")
AXIS_PT = 6.5


def _font(size: float, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(size)
    font.setBold(bold)
    font.setItalic(italic)
    return font


def _pen(colour: QColor, width: float = 0.8, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(colour, width, style)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def marker(painter: QPainter, side: Side, at: QPointF, size: float = 2.6) -> None:
    """A filled circle (left) or triangle (right)."""
    painter.setPen(_pen(INK, 0.5))
    painter.setBrush(QBrush(SIDE_COLOUR[side]))
    if side is Side.LEFT:
        painter.drawEllipse(at, size, size)
    else:
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(at.x(), at.y() - size * 1.2),
                    QPointF(at.x() - size * 1.1, at.y() + size * 0.8),
                    QPointF(at.x() + size * 1.1, at.y() + size * 0.8),
                ]
            )
        )


def hatch(
    painter: QPainter, rect: QRectF, colour: QColor, forward: bool, step: float = 3.0
) -> None:
    """Diagonal lines across ``rect`` (drawn, not a bitmap pattern, so the PDF stays vector)."""
    painter.save()
    painter.setClipRect(rect)
    painter.setPen(_pen(colour, 0.45))
    span = rect.width() + rect.height()
    x = rect.left() - rect.height()
    while x < rect.left() + span:
        if forward:
            painter.drawLine(QLineF(x, rect.bottom(), x + rect.height(), rect.top()))
        else:
            painter.drawLine(QLineF(x, rect.top(), x + rect.height(), rect.bottom()))
        x += step
    painter.restore()


class _Axes:
    """Maps dates and values into a plot rectangle."""

    def __init__(self, plot: QRectF, period: Period, low: float, high: float) -> None:
        self.plot, self.period, self.low, self.high = plot, period, low, high

    def x(self, day: date) -> float:
        span = max(1, (self.period.last - self.period.first).days)
        share = (day - self.period.first).days / span
        return self.plot.left() + share * self.plot.width()

    def y(self, value: float) -> float:
        share = (value - self.low) / (self.high - self.low)
        return self.plot.bottom() - share * self.plot.height()


def _value_axis(painter: QPainter, axes: _Axes, ticks: Sequence[int], unit: str) -> None:
    painter.setFont(_font(AXIS_PT))
    for tick in ticks:
        y = axes.y(tick)
        painter.setPen(_pen(GRID, 0.3, Qt.PenStyle.DotLine))
        painter.drawLine(QLineF(axes.plot.left(), y, axes.plot.right(), y))
        painter.setPen(_pen(INK))
        painter.drawText(
            QRectF(axes.plot.left() - 26, y - 5, 23, 10),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            f"{tick}{unit}",
        )
    painter.setPen(_pen(INK, 0.6))
    painter.drawLine(QLineF(axes.plot.bottomLeft(), axes.plot.bottomRight()))
    painter.drawLine(QLineF(axes.plot.bottomLeft(), axes.plot.topLeft()))


def _date_axis(painter: QPainter, axes: _Axes) -> None:
    """The period's first and last day, and a few dates between."""
    period = axes.period
    painter.setFont(_font(AXIS_PT))
    painter.setPen(_pen(INK))
    count = 4 if axes.plot.width() > 320 else 2
    for k in range(count + 1):
        day = date.fromordinal(period.first.toordinal() + round(k * (period.days - 1) / count))
        x = axes.x(day)
        painter.drawLine(QLineF(x, axes.plot.bottom(), x, axes.plot.bottom() + 2))
        align = (
            Qt.AlignmentFlag.AlignLeft
            if k == 0
            else Qt.AlignmentFlag.AlignRight
            if k == count
            else Qt.AlignmentFlag.AlignHCenter
        )
        left = x if k == 0 else x - 60 if k == count else x - 30
        painter.drawText(
            QRectF(left, axes.plot.bottom() + 2, 60, 9),
            align | Qt.AlignmentFlag.AlignTop,
            f"{day.day} {day:%b %y}",
        )


def legend(painter: QPainter, at: QPointF, entries: Sequence[tuple[str, str]]) -> None:
    """Legend entries in a row: (symbol kind, words)."""
    painter.setFont(_font(AXIS_PT))
    x = at.x()
    for kind, words in entries:
        box = QRectF(x, at.y() - 3.5, 14, 7)
        if kind in ("left", "right"):
            side = Side(kind)
            painter.setPen(_pen(SIDE_COLOUR[side], 1.2, SIDE_LINE[side]))
            painter.drawLine(QLineF(box.left(), box.center().y(), box.right(), box.center().y()))
            marker(painter, side, box.center(), 2.2)
        elif kind == "band":
            painter.fillRect(box, BAND)
        elif kind == "noise":
            painter.setPen(_pen(GRID, 0.4))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(box)
            hatch(painter, box, INK, True, 2.5)
        elif kind == "done":
            painter.fillRect(box.adjusted(3, 0, -3, 0), DONE_FILL)
        elif kind == "other":
            painter.setPen(_pen(INK, 0.6))
            painter.setBrush(QBrush(QColor("#ffffff")))
            painter.drawRect(box.adjusted(3, 0, -3, 0))
        elif kind == "goal":
            painter.setPen(_pen(INK, 1.6))
            painter.drawLine(QLineF(box.left(), box.center().y(), box.right(), box.center().y()))
        elif kind == "pain":
            painter.setPen(_pen(INK, 0.5))
            painter.setBrush(QBrush(INK))
            painter.drawRect(QRectF(box.center().x() - 2, box.center().y() - 2, 4, 4))
        elif kind == "flag":
            painter.setPen(_pen(INK, 0.8, Qt.PenStyle.DashDotLine))
            painter.drawLine(QLineF(box.left(), box.center().y(), box.right(), box.center().y()))
        painter.setPen(_pen(INK))
        width = painter.fontMetrics().horizontalAdvance(words) + 2
        painter.drawText(
            QRectF(box.right() + 2, at.y() - 5, width, 10),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            words,
        )
        x = box.right() + 2 + width + 8


def rom_chart(painter: QPainter, area: QRectF, chart: RomChart, period: Period) -> None:
    """Degrees over the period, left and right, against the normal band and the noise band."""
    painter.setFont(_font(8.5, True))
    painter.setPen(_pen(INK))
    painter.drawText(QRectF(area.left(), area.top(), area.width(), 12), chart.title)
    plot = QRectF(area.left() + 28, area.top() + 16, area.width() - 32, area.height() - 30)
    values = [v for points in chart.points.values() for _d, v in points]
    normal = chart.normal
    top = max([60, *(v + 10 for v in values), *([normal.high + 10] if normal else [])])
    axes = _Axes(plot, period, 0, min(90, top))
    if normal is not None:
        band = QRectF(plot.left(), axes.y(normal.high) - 1.2, plot.width(), 0)
        band.setBottom(axes.y(normal.low) + 1.2)
        painter.fillRect(band, BAND)
        painter.setFont(_font(AXIS_PT, True))
        painter.setPen(_pen(INK))
        painter.drawText(
            QRectF(plot.right() - 90, band.top() - 9, 88, 8),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
            f"normal {normal}°",
        )
    for side, baseline in chart.baseline.items():
        rect = QRectF(plot.left(), axes.y(baseline + NOISE_DEGREES), plot.width(), 0)
        rect.setBottom(axes.y(baseline - NOISE_DEGREES))
        light = QColor(SIDE_COLOUR[side])
        light.setAlpha(140)
        hatch(painter, rect, light, side is Side.LEFT, 4.5)
    _value_axis(painter, axes, [t for t in range(0, 91, 15) if t <= axes.high], "°")
    _date_axis(painter, axes)
    if not values:
        painter.setFont(_font(8))
        painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "Not measured in this period")
    if chart.averaged_by:
        painter.setFont(_font(AXIS_PT, italic=True))
        painter.drawText(
            plot.adjusted(4, 0, 0, -3),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
            f"each point: the mean of a {chart.averaged_by}",
        )
    for side, points in chart.points.items():
        if not points:
            continue
        path = QPainterPath(QPointF(axes.x(points[0][0]), axes.y(points[0][1])))
        for day, value in points[1:]:
            path.lineTo(axes.x(day), axes.y(value))
        painter.setPen(_pen(SIDE_COLOUR[side], 1.2, SIDE_LINE[side]))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        for day, value in points:
            marker(painter, side, QPointF(axes.x(day), axes.y(value)))


#: What the range-of-motion charts' marks mean (drawn once, under both charts).
ROM_LEGEND = (
    ("left", "Left hip"),
    ("right", "Right hip"),
    ("band", "normal range"),
    (
        "noise",
        f"±{NOISE_DEGREES}° measurement noise around each side's first value (/ left, \\ right)",
    ),
)


def pain_chart(
    painter: QPainter,
    area: QRectF,
    pain: Sequence[tuple[date, float]],
    period: Period,
    flag: int,
    averaged_by: str = "",
) -> None:
    plot = QRectF(area.left() + 28, area.top() + 4, area.width() - 32, area.height() - 30)
    axes = _Axes(plot, period, 0, 10)
    _value_axis(painter, axes, [0, 2, 4, 6, 8, 10], "")
    _date_axis(painter, axes)
    painter.setPen(_pen(INK, 0.8, Qt.PenStyle.DashDotLine))
    painter.drawLine(QLineF(plot.left(), axes.y(flag), plot.right(), axes.y(flag)))
    if not pain:
        painter.setFont(_font(8))
        painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "No pain rated in this period")
    else:
        path = QPainterPath(QPointF(axes.x(pain[0][0]), axes.y(pain[0][1])))
        for day, value in pain[1:]:
            path.lineTo(axes.x(day), axes.y(value))
        painter.setPen(_pen(GRID, 0.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        painter.setPen(_pen(INK, 0.4))
        painter.setBrush(QBrush(INK))
        for day, value in pain:
            painter.drawRect(QRectF(axes.x(day) - 1.8, axes.y(value) - 1.8, 3.6, 3.6))
    legend(
        painter,
        QPointF(area.left() + 2, area.bottom() - 5),
        [
            (
                "pain",
                "pain after a session (0 none – 10 worst)"
                + (f", mean by {averaged_by}" if averaged_by else ""),
            ),
            ("flag", f"flag at {flag}"),
        ],
    )


def bar_chart(
    painter: QPainter, area: QRectF, buckets: Sequence[Bucket], unit: str, goal: int
) -> None:
    """Workouts (filled) and other sessions (outlined, on top) per bucket, the goal as a bar."""
    plot = QRectF(area.left() + 28, area.top() + 4, area.width() - 32, area.height() - 44)
    high = max([1.0, *(b.done + b.other for b in buckets), *(b.planned for b in buckets)])
    step = 1 if high <= 8 else 2 if high <= 16 else 5 if high <= 40 else 10 if high <= 80 else 25
    top = step * (high // step + 1)  # room above the highest bar for its number
    axes = _Axes(plot, Period(date.min, date.min), 0, top)
    _value_axis(painter, axes, list(range(0, int(top) + 1, step)), "")
    slot = plot.width() / max(1, len(buckets))
    bar = max(1.0, slot * 0.6)
    every = max(1, round(len(buckets) / 10))
    for index, bucket in enumerate(buckets):
        left = plot.left() + index * slot + (slot - bar) / 2
        done_top = axes.y(bucket.done)
        painter.fillRect(QRectF(left, done_top, bar, plot.bottom() - done_top), DONE_FILL)
        if bucket.other:
            painter.setPen(_pen(INK, 0.6))
            painter.setBrush(QBrush(QColor("#ffffff")))
            painter.drawRect(
                QRectF(
                    left,
                    axes.y(bucket.done + bucket.other),
                    bar,
                    done_top - axes.y(bucket.done + bucket.other),
                )
            )
        painter.setPen(_pen(INK, 1.6))
        goal_y = axes.y(bucket.planned)
        painter.drawLine(QLineF(left - slot * 0.15, goal_y, left + bar + slot * 0.15, goal_y))
        painter.setFont(_font(AXIS_PT))
        painter.setPen(_pen(INK))
        if len(buckets) <= 16:  # the count inside its bar (white on dark), or on the axis
            inside = plot.bottom() - done_top >= 10
            painter.setPen(_pen(QColor("#ffffff") if inside else INK))
            painter.drawText(
                QRectF(left, done_top + 1 if inside else done_top - 9, bar, 8),
                Qt.AlignmentFlag.AlignCenter,
                str(bucket.done),
            )
            painter.setPen(_pen(INK))
        if index % every == 0:
            painter.drawText(
                QRectF(left + bar / 2 - 24, plot.bottom() + 2, 48, 9),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                bucket.label,
            )
            painter.drawText(
                QRectF(left + bar / 2 - 24, plot.bottom() + 10, 48, 9),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                f"{round(bucket.minutes)} min",
            )
    legend(
        painter,
        QPointF(area.left() + 2, area.bottom() - 5),
        [
            ("done", "workouts"),
            ("other", "other sessions (check-ins, too short to count)"),
            ("goal", f"goal ({goal} a week" + (")" if unit == "week" else f", for the {unit})")),
        ],
    )
