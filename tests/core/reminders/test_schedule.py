"""Reminder times on the chosen days, in local time, across clock changes and week ends."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from hiptimer.core.reminders.schedule import (
    ReminderPlan,
    default_days,
    latest_due,
    next_due,
    when_text,
)
from hiptimer.core.settings import Settings

BERLIN = ZoneInfo("Europe/Berlin")


def plan(days=(0, 2, 4), at=time(18, 0)) -> ReminderPlan:
    return ReminderPlan(frozenset(days), at, timedelta(minutes=30), 3)


@pytest.mark.parametrize(
    ("goal", "days"),
    [
        (1, (0,)),
        (2, (0, 3)),
        (3, (0, 2, 4)),
        (4, (0, 1, 3, 5)),
        (7, tuple(range(7))),
        (14, tuple(range(7))),
    ],
)
def test_default_days_spread_the_weekly_goal(goal: int, days: tuple[int, ...]) -> None:
    assert default_days(goal) == days


def test_plan_from_settings_follows_the_goal_until_days_are_picked() -> None:
    assert ReminderPlan.from_settings(Settings(weekly_goal=2)).day_names == ["mon", "thu"]
    chosen = Settings(weekly_goal=2, reminder_days=["sat", "tue"], reminder_time="07:05")
    picked = ReminderPlan.from_settings(chosen.validated())
    assert picked.day_names == ["tue", "sat"]
    assert picked.at == time(7, 5)


def test_mon_wed_fri_at_six() -> None:
    monday_noon = datetime(2026, 3, 2, 12, 0, tzinfo=BERLIN)  # a Monday
    assert next_due(plan(), monday_noon, BERLIN) == datetime(2026, 3, 2, 18, 0, tzinfo=BERLIN)
    at_six = datetime(2026, 3, 2, 18, 0, tzinfo=BERLIN)
    assert next_due(plan(), at_six, BERLIN) == datetime(2026, 3, 4, 18, 0, tzinfo=BERLIN)
    assert latest_due(plan(), at_six, BERLIN) == at_six
    assert latest_due(plan(), at_six - timedelta(seconds=1), BERLIN) == datetime(
        2026, 2, 27, 18, 0, tzinfo=BERLIN
    )


def test_the_week_end_wraps_to_monday() -> None:
    friday_night = datetime(2026, 12, 25, 19, 0, tzinfo=BERLIN)
    assert next_due(plan(), friday_night, BERLIN) == datetime(2026, 12, 28, 18, 0, tzinfo=BERLIN)
    new_year = datetime(2027, 1, 1, 19, 0, tzinfo=BERLIN)  # Friday, across the year's end
    assert latest_due(plan(), new_year, BERLIN) == datetime(2027, 1, 1, 18, 0, tzinfo=BERLIN)


def test_local_time_holds_across_the_spring_change() -> None:
    saturday = datetime(2026, 3, 28, 20, 0, tzinfo=BERLIN)  # clocks go forward Sunday 29th
    due = next_due(plan(days=(0,)), saturday, BERLIN)
    assert due is not None and due.astimezone(BERLIN).hour == 18
    assert due.timestamp() - saturday.timestamp() == 45 * 3600  # 46 h on the clock, 45 real


def test_a_time_in_the_spring_gap_comes_after_the_gap() -> None:
    saturday = datetime(2026, 3, 28, 20, 0, tzinfo=BERLIN)
    due = next_due(plan(days=(6,), at=time(2, 30)), saturday, BERLIN)
    assert due is not None
    assert due.astimezone(BERLIN).replace(tzinfo=None) == datetime(2026, 3, 29, 3, 30)


def test_a_time_that_happens_twice_in_autumn_comes_once() -> None:
    sunday = date(2026, 10, 25)  # 02:30 happens twice in Berlin
    before = datetime(2026, 10, 25, 0, 0, tzinfo=BERLIN)
    first = next_due(plan(days=(6,), at=time(2, 30)), before, BERLIN)
    assert first is not None and first.astimezone(BERLIN).date() == sunday
    after_first = first + timedelta(minutes=1)
    second = next_due(plan(days=(6,), at=time(2, 30)), after_first, BERLIN)
    assert second is not None and second.astimezone(BERLIN).date() == sunday + timedelta(weeks=1)


def test_no_day_chosen_means_no_reminder() -> None:
    now = datetime(2026, 3, 2, 12, 0, tzinfo=BERLIN)
    assert next_due(plan(days=()), now, BERLIN) is None
    assert latest_due(plan(days=()), now, BERLIN) is None


def test_when_text() -> None:
    now = datetime(2026, 3, 2, 12, 0, tzinfo=BERLIN)
    assert when_text(datetime(2026, 3, 2, 18, 0, tzinfo=BERLIN), now, BERLIN) == "today at 18:00"
    tomorrow = datetime(2026, 3, 3, 18, 0, tzinfo=BERLIN)
    assert when_text(tomorrow, now, BERLIN) == "tomorrow at 18:00"
    assert when_text(datetime(2026, 3, 4, 7, 5, tzinfo=BERLIN), now, BERLIN) == "Wed at 07:05"
