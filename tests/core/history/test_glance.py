"""The home page's week at a glance, when each routine was last done, sessions per day."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hiptimer.core.history.glance import WeekGlance, last_done_text, week_glance
from tests.fakes import add_session

WEDNESDAY = datetime(2026, 5, 6, 9, 0, tzinfo=timezone.utc)


def test_last_done_is_the_newest_listed_session_of_each_routine(store) -> None:
    add_session(store, WEDNESDAY - timedelta(days=3), routine=("daily", "Daily"))
    add_session(store, WEDNESDAY - timedelta(days=1), routine=("daily", "Daily"))
    add_session(store, WEDNESDAY - timedelta(days=5), routine=("full", "Full"))
    add_session(store, WEDNESDAY, "discarded", routine=("full", "Full"))
    assert store.last_done(timezone.utc) == {
        "daily": date(2026, 5, 5),
        "full": date(2026, 5, 1),
    }


def test_day_counts_split_workouts_from_other_sessions(store) -> None:
    add_session(store, WEDNESDAY)
    add_session(store, WEDNESDAY + timedelta(hours=2), work_seconds=30)  # too short to count
    add_session(store, WEDNESDAY - timedelta(days=2))
    add_session(store, WEDNESDAY - timedelta(days=20))  # before the span
    counts = store.day_counts(date(2026, 5, 1), date(2026, 5, 6), timezone.utc)
    assert counts == {date(2026, 5, 6): (1, 1), date(2026, 5, 4): (1, 0)}


def test_the_glance_counts_this_week_by_the_same_rules_as_history(store) -> None:
    for ago in (0, 1, 7, 8, 9):
        add_session(store, WEDNESDAY - timedelta(days=ago))
    glance = week_glance(store, 3, date(2026, 5, 6), timezone.utc)
    assert (glance.done, glance.goal, glance.streak) == (2, 3, 1)
    assert glance.headline == "2 of 3 workouts this week"
    assert glance.detail == "1 more to meet your goal. Streak: 1 week."


def test_the_glance_words() -> None:
    met = WeekGlance(done=4, goal=3, streak=5, last_done={})
    assert met.detail == "Goal met. Streak: 5 weeks in a row."
    assert WeekGlance(done=0, goal=1, streak=0, last_done={}).headline == (
        "0 of 1 workout this week"
    )
    today = date(2026, 5, 6)
    assert last_done_text(None, today) == "Not done yet"
    assert last_done_text(today, today) == "Last done today"
    assert last_done_text(date(2026, 5, 5), today) == "Last done yesterday"
    assert last_done_text(date(2026, 4, 26), today) == "Last done 10 days ago"
    assert last_done_text(date(2026, 3, 2), today) == "Last done on 2 Mar 2026"
