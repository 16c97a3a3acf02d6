"""Every week since the first session as a calendar: a column per week, a square per day.

A day with a workout is filled, a day with only a check-in or a session too short to count
is ringed, and a week that met the goal has a tick under it, so no fact is told by colour
alone.  The newest week is on the right and in view; older weeks scroll.  Painted in one
widget, so ten years cost no more to show than a month; the days come from a lookup that may
read them only when their columns are drawn (``calendar_days.CalendarDays``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QScrollArea, QSizePolicy, QToolTip, QWidget

from hiptimer.core.history import weeks
from hiptimer.core.history.view_text import WeekCell
from hiptimer.core.text import day_text, plural
from hiptimer.qt.style import RADIUS, SPACE, current_tokens
from hiptimer.qt.widgets.layout_texts import measured

DAY_NAMES = ("Mon", "", "Wed", "", "Fri", "", "Sun")
#: The calendar asks for up to this many pixels, more weeks scroll; where the window has less
#: room, it gives way to the buttons beside it down to :data:`LEAST_WIDTH` (about three months)
#: so the page still fits a 1024×600 screen.
WANTED_WIDTH = 460
LEAST_WIDTH = 240


class DayLookup(Protocol):
    """(workouts, other sessions) of a day; ``default`` for a day that had none."""

    def get(self, day: date, default: tuple[int, int], /) -> tuple[int, int]: ...


@dataclass(frozen=True)
class CalendarData:
    first_week: date  # the Monday of the first column
    today: date
    days: DayLookup  # (workouts, other sessions) on days that had any
    weeks: Sequence[WeekCell]  # one per column, oldest first
    workouts: int = 0  # in all, for what a screen reader says of the calendar


def day_words(day: date, counts: tuple[int, int]) -> str:
    done, other = counts
    parts = [plural(done, "workout")] if done else []
    if other:
        parts.append(f"{other} not counted")
    return f"{day:%a} {day_text(day)}: {', '.join(parts) or 'nothing'}"


def _square(cell: int, ratio: float, fill: str | None, ring: str | None) -> QPixmap:
    pixmap = QPixmap(round(cell * ratio), round(cell * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen if ring is None else QPen(QColor(ring), 2))
    painter.setBrush(Qt.BrushStyle.NoBrush if fill is None else QColor(fill))
    painter.drawRoundedRect(QRectF(1, 1, cell - 2, cell - 2), RADIUS.s, RADIUS.s)
    painter.end()
    return pixmap


class ActivityCalendar(QWidget):
    """The painted calendar; sits in a :class:`CalendarStrip` that scrolls it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: CalendarData | None = None
        self._square_key: tuple[int, str, str, float] | None = None
        self._square_pixmaps: tuple[QPixmap, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)

    # geometry -------------------------------------------------------------------------------
    def _cell(self) -> int:
        return max(12, int(self.fontMetrics().height() * 1.15))

    def _left(self) -> int:
        return self.fontMetrics().horizontalAdvance("Wed") + SPACE.s

    def _top(self) -> int:
        return self.fontMetrics().height() + SPACE.xs

    def columns(self) -> int:
        if self.data is None:
            return 0
        return (weeks.week_start(self.data.today) - self.data.first_week).days // 7 + 1

    def sizeHint(self) -> QSize:
        cell, gap = self._cell(), 3
        width = self._left() + self.columns() * (cell + gap) + SPACE.s
        height = self._top() + 7 * (cell + gap) + self.fontMetrics().height() + SPACE.xs
        return QSize(width, height)

    def day_rect(self, day: date) -> QRect:
        assert self.data is not None
        cell, gap = self._cell(), 3
        column = (weeks.week_start(day) - self.data.first_week).days // 7
        x = self._left() + column * (cell + gap)
        return QRect(x, self._top() + day.weekday() * (cell + gap), cell, cell)

    def day_at(self, point: QPoint) -> date | None:
        if self.data is None:
            return None
        cell, gap = self._cell(), 3
        column = (point.x() - self._left()) // (cell + gap)
        row = (point.y() - self._top()) // (cell + gap)
        if not (0 <= column < self.columns() and 0 <= row < 7):
            return None
        day = self.data.first_week + timedelta(days=7 * column + row)
        return day if day <= self.data.today else None

    # data -----------------------------------------------------------------------------------
    def show_data(self, data: CalendarData) -> None:
        self.data = data
        self.setFixedSize(self.sizeHint())
        self.setAccessibleName(
            f"Calendar since {day_text(data.first_week)}: {plural(data.workouts, 'workout')}"
        )
        self.update()

    def layout_texts(self) -> list[tuple[str, QRect, QSize]]:
        """For the layout checks: what :meth:`painted_texts` draws, measured."""
        return measured(self.painted_texts())

    def painted_texts(self, shown: QRect | None = None) -> list[tuple[str, QFont, QRect]]:
        """The day names, month names and goal ticks drawn (for the layout checks); with
        ``shown``, only the columns that reach into it (and the one before, whose month name
        may)."""
        texts: list[tuple[str, QFont, QRect]] = []
        if self.data is None:
            return texts
        font, metrics = self.font(), self.fontMetrics()
        cell, gap = self._cell(), 3
        for row, name in enumerate(DAY_NAMES):
            if name:
                rect = QRect(0, self._top() + row * (cell + gap), self._left() - SPACE.xs, cell)
                texts.append((name, font, rect))
        free_from = 0  # month names never overlap: one starts after the last one ends
        columns = self.columns()
        first, last = 0, columns - 1
        if shown is not None:
            first = max(0, (shown.left() - self._left()) // (cell + gap) - 4)
            last = min(last, (shown.right() - self._left()) // (cell + gap))
        for column in range(first, last + 1):
            sunday = self.data.first_week + timedelta(weeks=column, days=6)
            x = self._left() + column * (cell + gap)
            starts_month = sunday.day <= 7
            next_starts = column + 1 < columns and (sunday + weeks.ONE_WEEK).day <= 7
            if (starts_month or (column == 0 and not next_starts)) and x >= free_from:
                name = f"{sunday:%b %Y}" if sunday.month == 1 else f"{sunday:%b}"
                width = metrics.horizontalAdvance(name) + 2
                texts.append((name, font, QRect(x, 0, width, self._top())))
                free_from = x + width + SPACE.s
            week = self.data.weeks[column] if column < len(self.data.weeks) else None
            if week is not None and week.met:
                bottom = self._top() + 7 * (cell + gap)
                texts.append(("✓", font, QRect(x, bottom, cell, metrics.height())))
        return texts

    # painting -------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        if self.data is None:
            return
        tokens = current_tokens()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Only the columns in view: ten years are 520 of them, of which a few dozen show.
        cell = self._cell()
        step, left, top = cell + 3, self._left(), self._top()
        shown = event.rect()
        first = max(0, (shown.left() - left) // step)
        last = min(self.columns() - 1, (shown.right() - left) // step)
        squares = self._squares(cell, tokens.primary, tokens.track)
        focus = QPen(QColor(tokens.focus), 2)
        days, today, nothing = self.data.days, self.data.today, (0, 0)
        for column in range(first, last + 1):
            monday = self.data.first_week + timedelta(weeks=column)
            x = left + column * step
            for row in range(min(7, (today - monday).days + 1)):
                rect = QRect(x, top + row * step, cell, cell)
                if not rect.intersects(shown):
                    continue
                day = monday + timedelta(days=row)
                done, other = days.get(day, nothing)
                painter.drawPixmap(rect.topLeft(), squares[0 if done else 1 if other else 2])
                if day == today:
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.setPen(focus)
                    painter.drawRoundedRect(rect, RADIUS.s, RADIUS.s)
        painter.setPen(QColor(tokens.text_muted))
        for text, font, rect in self.painted_texts(shown):
            if not rect.intersects(shown):
                continue
            painter.setFont(font)
            painter.setPen(QColor(tokens.primary if text == "✓" else tokens.text_muted))
            painter.drawText(
                rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text
            )
        painter.end()

    def _squares(self, cell: int, primary: str, track: str) -> tuple[QPixmap, ...]:
        """A day's square filled (a workout), ringed (other sessions) and empty, drawn once
        per size and colours: hundreds of antialiased rounded rectangles cost a millisecond."""
        ratio = self.devicePixelRatioF()
        key = (cell, primary, track, ratio)
        if self._square_key != key:
            looks = ((primary, None), (None, primary), (track, None))
            self._square_pixmaps = tuple(_square(cell, ratio, *look) for look in looks)
            self._square_key = key
        return self._square_pixmaps

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            day = self.day_at(event.pos())
            if day is not None and self.data is not None:
                words = day_words(day, self.data.days.get(day, (0, 0)))
                column = (weeks.week_start(day) - self.data.first_week).days // 7
                if column < len(self.data.weeks):
                    words += f"\n{self.data.weeks[column].description}"
                QToolTip.showText(event.globalPos(), words, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


class CalendarStrip(QScrollArea):
    """The calendar, scrolled so this week is in view."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calendar = ActivityCalendar()
        self.setWidget(self.calendar)
        self.setWidgetResizable(False)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Sessions by day since you started")
        self.viewport().setAutoFillBackground(False)

    def show_data(self, data: CalendarData) -> None:
        self.calendar.show_data(data)
        bar = self.horizontalScrollBar().sizeHint().height()
        self.setFixedHeight(self.calendar.height() + bar + 2)
        self.setMaximumWidth(self._all_weeks_width())  # no wider than the weeks there are
        self.setMinimumWidth(min(self._all_weeks_width(), LEAST_WIDTH))
        self.updateGeometry()  # the wanted width below changed with the weeks
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().maximum())

    def _all_weeks_width(self) -> int:
        return self.calendar.width() + 2  # with the strip's edge

    def sizeHint(self) -> QSize:
        return QSize(min(self._all_weeks_width(), WANTED_WIDTH), super().sizeHint().height())

    @property
    def weeks(self) -> Sequence[WeekCell]:
        return () if self.calendar.data is None else self.calendar.data.weeks

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().maximum())
