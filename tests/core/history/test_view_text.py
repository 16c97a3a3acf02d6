"""What the history view says, without Qt: statuses, rows, totals, streaks and weeks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from hiptimer.core.history.adherence import SessionKind
from hiptimer.core.history.rows import SessionRow, StepRow, Totals, WeekCount
from hiptimer.core.history.view_text import (
    KIND_MARKS,
    SESSION_COLUMNS,
    STATUS_WORDS,
    STEP_COLUMNS,
    STEP_STATUS_WORDS,
    pain_text,
    session_cells,
    session_summary,
    shown_weeks,
    step_cells,
    streak_text,
    totals_text,
    week_cells,
)
from hiptimer.core.routines.model import Kind, Side, SideChoice
from hiptimer.core.session.status import SessionStatus, StepStatus

TZ = ZoneInfo("Europe/Berlin")
SESSION = SessionRow(
    id=1,
    routine_id="full",
    routine_name="Full program",
    routine_hash="h",
    side_choice=SideChoice.BOTH,
    started_at=datetime(2026, 5, 25, 19, 0, tzinfo=TZ),
    ended_at=datetime(2026, 5, 25, 19, 30, tzinfo=TZ),
    active_seconds=1500,
    status=SessionStatus.ENDED_EARLY,
    pain=2,
    note="",
    steps_done=18,
    steps_skipped=2,
    kind="workout",
)
STEP = StepRow(
    id=1,
    session_id=1,
    step_index=4,
    exercise_id="swivel-chair",
    exercise_name="Swivel chair",
    kind=Kind.REPS,
    side=Side.RIGHT,
    status=StepStatus.DONE,
    planned_seconds=60.0,
    actual_seconds=62.0,
    planned_reps=20,
    actual_reps=None,
    measurement=None,
    ended_at=datetime(2026, 5, 25, 19, 5, tzinfo=TZ),
)


def test_every_status_has_its_words() -> None:
    assert set(STATUS_WORDS) == set(SessionStatus)
    assert STATUS_WORDS[SessionStatus.INCOMPLETE] == "Not finished"
    assert set(STEP_STATUS_WORDS) == set(StepStatus)


def test_a_session_row_and_summary() -> None:
    cells = session_cells(SESSION)
    assert len(cells) == len(SESSION_COLUMNS)
    assert cells == ("Mon 25 May 2026 19:00", "Full program", "Both", "25:00", "Ended early",
                     "2/10", "18 of 20")  # fmt: skip
    assert session_summary(SESSION) == (
        "Monday 25 May 2026, 19:00 · 25:00 active · Ended early · pain 2/10"
    )
    no_pain = replace(SESSION, pain=None)
    assert session_cells(no_pain)[5] == "" and session_summary(no_pain).endswith("pain not given")
    assert pain_text(0) == "0/10"


def test_the_list_marks_what_did_not_count_as_a_workout() -> None:
    assert set(KIND_MARKS) == {kind.value for kind in SessionKind}
    assert session_cells(replace(SESSION, kind="check_in"))[4] == "Ended early · check-in"
    assert session_cells(replace(SESSION, kind="short"))[4] == "Ended early · not counted"


def test_a_step_row() -> None:
    cells = step_cells(STEP)
    assert len(cells) == len(STEP_COLUMNS)
    assert cells == ("5", "Swivel chair", "", "Right", "Done", "1:02 of 1:00", "0 of 20", "")
    test_step = replace(
        STEP,
        side=None,
        status=StepStatus.SKIPPED,
        planned_seconds=0.0,
        actual_seconds=3.0,
        planned_reps=None,
        measurement=31,
    )
    assert step_cells(test_step) == ("5", "Swivel chair", "", "", "Skipped", "0:03", "", "31°")
    in_sets = replace(STEP, set_number=2, set_count=3)
    assert step_cells(in_sets)[1] == "Swivel chair (set 2 of 3)"


def test_a_step_names_the_version_done() -> None:
    """Issue 11: the progression a step was done at shows in the session's details."""
    versions = {"swivel-chair": ("Hands off the floor", "Add a band")}
    assert step_cells(STEP, versions)[2] == ""  # as written
    assert step_cells(replace(STEP, progression_level=1), versions)[2] == "Hands off the floor"
    assert step_cells(replace(STEP, progression_level=2), versions)[2] == "Add a band"
    # The library lost that progression (or the exercise): the level is still said.
    assert step_cells(replace(STEP, progression_level=3), versions)[2] == "Progression 3"
    assert step_cells(replace(STEP, progression_level=1))[2] == "Progression 1"


def test_totals_text() -> None:
    assert totals_text(Totals(0, 0, 0.0, None)) == "No sessions yet."
    assert totals_text(Totals(10, 9, 300.0, date(2026, 5, 4))) == (
        "10 sessions · 9 workouts · 5 h 00 min of exercise · since 4 May 2026"
    )


def test_streak_text() -> None:
    assert streak_text(1, 3, 0) == "Streak: 1 week meeting your goal. This week: 0 of 3."
    assert streak_text(2, 3, 2) == "Streak: 2 weeks in a row meeting your goal. This week: 2 of 3."
    assert streak_text(0, 1, 0) == (
        "No streak yet — complete 1 session in a week to start one. This week: 0 of 1."
    )
    assert streak_text(0, 4, 1).startswith("No streak yet — complete 4 sessions in a week")


def test_the_calendar_shows_every_week_since_the_first_session() -> None:
    today = date(2026, 5, 28)  # a Thursday
    assert shown_weeks(today) == (date(2026, 5, 25), today)  # no session yet: this week
    assert shown_weeks(today, date(2026, 5, 13)) == (date(2026, 5, 11), today)  # its Monday
    assert shown_weeks(today, date(2025, 1, 1)) == (date(2024, 12, 30), today)  # all of them
    assert shown_weeks(today, today) == (date(2026, 5, 25), today)


def test_week_cells_are_worded_only_when_asked_for(monkeypatch) -> None:
    """Ten years are 520 cells; opening the History tab words only those it shows."""
    from hiptimer.core.history import view_text

    worded: list[date] = []
    real = view_text.week_cell

    def counted(week: WeekCount, goal: int, this_week: date) -> view_text.WeekCell:
        worded.append(week.week)
        return real(week, goal, this_week)

    monkeypatch.setattr(view_text, "week_cell", counted)
    first = date(2016, 6, 6)
    counts = [WeekCount(first + timedelta(weeks=i), i % 4) for i in range(520)]
    cells = week_cells(counts, 3, this_week=counts[-1].week)
    assert len(cells) == 520 and worded == []
    assert cells[-1].text == "This week\n3 of 3 ✓" and cells[-1] is cells[519]
    assert [cell.met for cell in cells[:4]] == [False, False, False, True]
    assert worded == [counts[-1].week, *(c.week for c in counts[:4])]  # each once
    with pytest.raises(IndexError):
        cells[520]


def test_week_cells_name_the_weeks_and_mark_the_goal_met() -> None:
    counts = [WeekCount(date(2026, 12, 21), 3), WeekCount(date(2026, 12, 28), 1)]
    last, this = week_cells(counts, 3, this_week=date(2026, 12, 28))
    assert (last.text, last.met) == ("W52\n3 of 3 ✓", True)
    assert last.description == "2026-W52, 21 Dec to 27 Dec 2026: 3 workouts, goal met"
    assert (this.text, this.met) == ("This week\n1 of 3", False)
    assert this.description == "2026-W53, 28 Dec to 03 Jan 2027: 1 workout"
