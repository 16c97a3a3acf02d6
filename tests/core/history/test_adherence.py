"""What counts as a workout, and the weeks of the program (plain numbers and dates)."""

from __future__ import annotations

from datetime import date

import pytest

from hiptimer.core.history.adherence import (
    SessionKind,
    classify,
    program_week,
    program_week_words,
    reassessment_due,
)


@pytest.mark.parametrize(
    ("planned", "done", "measured", "kind"),
    [
        (750, 750, False, SessionKind.WORKOUT),  # the daily routine, all of it
        (750, 630, False, SessionKind.WORKOUT),  # one exercise skipped: still a workout
        (750, 374, False, SessionKind.SHORT),  # under half
        (750, 375, False, SessionKind.WORKOUT),  # exactly half
        (3, 3, False, SessionKind.SHORT),  # a 3-second routine is not a workout
        (240, 179, False, SessionKind.SHORT),  # most of it, but under 3 minutes
        (0, 0, True, SessionKind.CHECK_IN),  # the assessment: measuring only
        (0, 0, False, SessionKind.SHORT),
        (750, 700, True, SessionKind.WORKOUT),  # a routine that also measures
    ],
)
def test_the_workout_rule(planned: float, done: float, measured: bool, kind: SessionKind) -> None:
    assert classify(planned, done, measured) is kind


def test_program_weeks_count_from_the_first_session() -> None:
    first = date(2026, 3, 4)  # a Wednesday
    assert program_week(first, first) == 1
    assert program_week(first, date(2026, 3, 10)) == 1
    assert program_week(first, date(2026, 3, 11)) == 2
    assert program_week(first, date(2026, 4, 15)) == 7
    assert program_week_words(first, date(2026, 4, 15)) == "Week 7 since you started (04 Mar 2026)."
    assert program_week_words(None, first) == "You have not started yet."


def test_reassessment_is_due_weeks_after_the_last_one_or_the_start() -> None:
    start, last = date(2026, 3, 4), date(2026, 3, 20)
    assert reassessment_due(last, start, date(2026, 4, 1), 3) == date(2026, 4, 10)
    assert reassessment_due(None, start, date(2026, 4, 1), 2) == date(2026, 3, 18)
    assert reassessment_due(None, None, date(2026, 4, 1), 2) is None


def test_reassess_words() -> None:
    from hiptimer.core.history.adherence import reassess_words

    today = date(2026, 4, 1)
    assert reassess_words(None, None, today).startswith("You have not measured yet")
    assert reassess_words(date(2026, 3, 30), date(2026, 3, 9), today) == (
        "Time to measure again: your last assessment was on 09 Mar."
    )
    assert reassess_words(date(2026, 4, 10), date(2026, 3, 20), today) == (
        "Next assessment around 10 Apr (last on 20 Mar)."
    )
