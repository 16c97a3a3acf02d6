"""The History tab's calendar: every day since the first session, workouts told apart."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor

from hiptimer.core.history.calendar_days import BLOCK_WEEKS, CalendarDays, WeekCounts
from hiptimer.core.history.rows import WeekCount
from hiptimer.core.history.view_text import week_cells
from hiptimer.qt.history.calendar_strip import CalendarData, CalendarStrip, day_words
from hiptimer.qt.style import current_tokens


def _data(today: date = date(2026, 5, 6)) -> CalendarData:
    first = date(2026, 3, 30)  # a Monday, six weeks back
    counts = [WeekCount(first + timedelta(weeks=n), n % 3) for n in range(6)]
    return CalendarData(
        first_week=first,
        today=today,
        days={date(2026, 4, 1): (1, 0), date(2026, 5, 5): (1, 1), date(2026, 4, 20): (0, 1)},
        weeks=week_cells(counts, 2, first + timedelta(weeks=5)),
    )


def test_one_column_a_week_from_the_first_session_to_today(qtbot) -> None:
    strip = CalendarStrip()
    qtbot.addWidget(strip)
    strip.show_data(_data())
    calendar = strip.calendar
    assert calendar.columns() == 6
    assert calendar.day_at(calendar.day_rect(date(2026, 4, 1)).center()) == date(2026, 4, 1)
    assert calendar.day_at(calendar.day_rect(date(2026, 5, 6)).center()) == date(2026, 5, 6)
    after_today = calendar.day_rect(date(2026, 5, 6)).center() + QPoint(0, calendar._cell() + 3)
    assert calendar.day_at(after_today) is None  # no square for the days still to come
    assert [week.text for week in strip.weeks][-1] == "This week\n2 of 2 ✓"
    ticks = [text for text, _font, _rect in calendar.painted_texts() if text == "✓"]
    assert len(ticks) == sum(week.met for week in strip.weeks) == 2
    months = [text for text, _font, _rect in calendar.painted_texts() if text in ("Apr", "May")]
    assert months == ["Apr", "May"]


def test_a_long_history_scrolls_to_this_week(qtbot) -> None:
    first = date(2016, 5, 2)
    today = date(2026, 5, 6)
    count = (today - first).days // 7 + 1
    data = CalendarData(first, today, {}, week_cells([WeekCount(first, 0)] * count, 3, first))
    strip = CalendarStrip()
    qtbot.addWidget(strip)
    strip.resize(400, strip.height())
    strip.show()
    strip.show_data(data)
    assert strip.calendar.columns() == count > 500
    bar = strip.horizontalScrollBar()
    assert bar.maximum() > 0 and bar.value() == bar.maximum()


def test_each_day_says_what_was_done() -> None:
    assert day_words(date(2026, 5, 5), (1, 1)) == "Tue 5 May 2026: 1 workout, 1 not counted"
    assert day_words(date(2026, 5, 4), (0, 0)) == "Mon 4 May 2026: nothing"


def test_ten_years_drawn_at_this_week_read_one_block_of_days(qtbot) -> None:
    """The calendar reads the days of the columns it draws, not of every week since 2016."""
    first, today = date(2016, 5, 2), date(2026, 5, 6)
    asked: list[tuple[date, date]] = []

    def read(lo: date, hi: date) -> dict[date, tuple[int, int]]:
        asked.append((lo, hi))
        return {hi: (1, 0)}

    days = CalendarDays(first, today, read)
    strip = CalendarStrip()
    qtbot.addWidget(strip)
    strip.resize(400, strip.height())
    strip.show()
    strip.show_data(
        CalendarData(first, today, days, week_cells(WeekCounts(days), 3, today), workouts=520)
    )
    strip.grab()
    assert asked == [(today - timedelta(days=2, weeks=BLOCK_WEEKS - 1), today)]
    assert strip.calendar.accessibleName() == "Calendar since 2 May 2016: 520 workouts"
    image = strip.calendar.grab(strip.calendar.day_rect(today)).toImage()
    middle = image.pixelColor(image.width() // 2, image.height() // 2)
    assert middle.name() == QColor(current_tokens().primary).name()  # today's workout filled
