"""What the history view says: the session list, a session's steps, the weeks, streak, totals.

Plain functions from rows to words, so the Qt widgets only lay them out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from hiptimer.core.history import weeks
from hiptimer.core.history.adherence import SessionKind
from hiptimer.core.history.rows import PAIN_LIMITS, SessionRow, StepRow, Totals, WeekCount
from hiptimer.core.lazy_sequence import LazySequence
from hiptimer.core.routines.progression import progression_text
from hiptimer.core.session.status import SessionStatus, StepStatus
from hiptimer.core.text import day_text, duration_text, hours_minutes_text, plural

#: A session's status in the words the window uses.
STATUS_WORDS: dict[SessionStatus, str] = {
    SessionStatus.COMPLETED: "Completed",
    SessionStatus.ENDED_EARLY: "Ended early",
    SessionStatus.INCOMPLETE: "Not finished",
    SessionStatus.DISCARDED: "Discarded",
}

#: A step's status in the words the window uses.
STEP_STATUS_WORDS: dict[StepStatus, str] = {
    StepStatus.DONE: "Done",
    StepStatus.SKIPPED: "Skipped",
}

SESSION_COLUMNS = ("Date", "Routine", "Side", "Duration", "Status", "Pain", "Steps")
STEP_COLUMNS = ("#", "Exercise", "Version", "Side", "Status", "Time", "Reps", "Degrees")


def pain_text(pain: int | None) -> str:
    """``3/10``, or "" when not given."""
    return "" if pain is None else f"{pain}/{PAIN_LIMITS.high}"


#: How the list marks a session that does not count as a workout (a workout is unmarked).
KIND_MARKS = {
    SessionKind.WORKOUT.value: "",
    SessionKind.CHECK_IN.value: " · check-in",
    SessionKind.SHORT.value: " · not counted",
}


def status_text(session: SessionRow) -> str:
    """How it ended, and whether it counted: "Ended early", "Completed · check-in"."""
    return STATUS_WORDS[session.status] + KIND_MARKS.get(session.kind, "")


def session_cells(session: SessionRow) -> tuple[str, ...]:
    """One session's row of the list, in the order of :data:`SESSION_COLUMNS`."""
    return (
        f"{session.started_at:%a %d %b %Y %H:%M}",
        session.routine_name,
        session.side_choice.value.capitalize(),
        duration_text(session.active_seconds),
        status_text(session),
        pain_text(session.pain),
        f"{session.steps_done} of {session.steps_of}",
    )


def session_summary(session: SessionRow) -> str:
    """When, how long, how it ended and how it felt, on one line."""
    pain = pain_text(session.pain) or "not given"
    return (
        f"{session.started_at:%A %d %B %Y, %H:%M} · {duration_text(session.active_seconds)} "
        f"active · {status_text(session)} · pain {pain}"
    )


def version_text(level: int, progressions: Sequence[str]) -> str:
    """The version of an exercise a step was done at: "" as written, else the progression's
    words (or its number, when the library no longer has it)."""
    if level <= 0:
        return ""
    if level > len(progressions):
        return f"Progression {level}"
    return progression_text(progressions, level)


def step_cells(
    step: StepRow, progressions: Mapping[str, Sequence[str]] | None = None
) -> tuple[str, ...]:
    """One step's row of a session's details, in the order of :data:`STEP_COLUMNS`;
    ``progressions`` are the library's, by exercise id, to name the version done."""
    actual = duration_text(step.actual_seconds)
    in_sets = f" (set {step.set_number} of {step.set_count})" if step.set_count > 1 else ""
    versions = (progressions or {}).get(step.exercise_id, ())
    return (
        str(step.step_index + 1),
        step.exercise_name + in_sets,
        version_text(step.progression_level, versions),
        "" if step.side is None else step.side.value.capitalize(),
        STEP_STATUS_WORDS[step.status],
        f"{actual} of {duration_text(step.planned_seconds)}" if step.planned_seconds else actual,
        "" if step.planned_reps is None else f"{step.actual_reps or 0} of {step.planned_reps}",
        "" if step.measurement is None else f"{step.measurement}°",
    )


def totals_text(totals: Totals) -> str:
    """Sessions, the workouts among them, time exercised and since when."""
    if not totals.sessions:
        return "No sessions yet."
    since = totals.first_session_date
    started = "" if since is None else f" · since {day_text(since)}"
    return (
        f"{totals.sessions} sessions · {totals.workouts} workouts · "
        f"{hours_minutes_text(totals.active_minutes * 60)} of exercise{started}"
    )


def streak_text(streak: int, goal: int, done_this_week: int) -> str:
    """The streak of weeks meeting the goal, or how to start one, and this week so far."""
    this = f"This week: {done_this_week} of {goal}."
    if streak:
        weeks_word = "week" if streak == 1 else "weeks in a row"
        return f"Streak: {streak} {weeks_word} meeting your goal. {this}"
    sessions = "session" if goal == 1 else "sessions"
    return f"No streak yet — complete {goal} {sessions} in a week to start one. {this}"


def shown_weeks(today: date, first_session: date | None = None) -> tuple[date, date]:
    """The first and last day of the weeks the calendar shows: every week from the first
    session's to today's (weeks before a person started are not missed weeks)."""
    return weeks.week_start(min(first_session or today, today)), today


@dataclass(frozen=True)
class WeekCell:
    """One week of the strip: its text, what a screen reader and the tooltip say, goal met."""

    text: str
    description: str
    met: bool


def week_cell(week: WeekCount, goal: int, this_week: date) -> WeekCell:
    """One week against the goal, ✓ when met."""
    met = week.count >= goal
    name = "This week" if week.week == this_week else f"W{week.week.isocalendar()[1]:02d}"
    sunday = week.week + timedelta(days=6)
    counted = plural(week.count, "workout")
    words = f"{week.label}, {week.week:%d %b} to {sunday:%d %b %Y}: {counted}"
    return WeekCell(
        text=f"{name}\n{week.count} of {goal}{' ✓' if met else ''}",
        description=words + (", goal met" if met else ""),
        met=met,
    )


class WeekCells(LazySequence[WeekCell]):
    """The strip's cells, each worded when first asked for: ten years are 520 weeks, and the
    strip shows a few dozen (wording them all took 20 ms of opening the History tab)."""

    def __init__(self, counts: Sequence[WeekCount], goal: int, this_week: date) -> None:
        self._counts, self._goal, self._this_week = counts, goal, this_week
        self._cells: dict[int, WeekCell] = {}

    def __len__(self) -> int:
        return len(self._counts)

    def _item(self, index: int) -> WeekCell:
        cell = self._cells.get(index)
        if cell is None:
            cell = self._cells[index] = week_cell(self._counts[index], self._goal, self._this_week)
        return cell


def week_cells(counts: Sequence[WeekCount], goal: int, this_week: date) -> WeekCells:
    """The strip's cells: workouts of each week against the goal, ✓ when met."""
    return WeekCells(counts, goal, this_week)
