"""The summary's week: this session counted once, whether or not its record has landed yet;
said in the home page's words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hiptimer.core.history.glance import WeekGlance, week_after
from tests.fakes import add_session

MONDAY = datetime(2026, 3, 2, 9, tzinfo=UTC)  # a Monday


def test_a_session_not_yet_saved_is_added_to_the_week_and_the_streak(store) -> None:
    for week in (1, 2):  # the two weeks before met a goal of 2
        add_session(store, MONDAY - timedelta(weeks=week))
        add_session(store, MONDAY - timedelta(weeks=week) + timedelta(days=2))
    add_session(store, MONDAY)  # one earlier this week
    today = (MONDAY + timedelta(days=3)).date()
    assert week_after(store, "not-saved-yet", True, 2, today, UTC) == WeekGlance(2, 2, 3)
    assert week_after(store, "not-saved-yet", False, 2, today, UTC) == WeekGlance(1, 2, 2)


def test_a_session_already_saved_is_not_counted_twice(store) -> None:
    session_id = add_session(store, MONDAY)
    key = next(s.key for s in store.sessions() if s.id == session_id)
    assert week_after(store, key, True, 3, MONDAY.date(), UTC) == WeekGlance(1, 3, 0)


def test_the_words_are_calm_and_the_home_pages() -> None:
    week = WeekGlance(3, 3, 4)
    assert (week.headline, week.detail) == (
        "3 of 3 workouts this week",
        "Goal met. Streak: 4 weeks in a row.",
    )
    assert WeekGlance(1, 3, 0).detail == "2 more to meet your goal."
    assert "!" not in week.headline + week.detail
