"""What counts as a workout, and the weeks of the program: the rules the History tab states.

The program's own advice (its source article): at least 2–3 sessions a week, and change
usually shows after 4–6 weeks.  So hiptimer counts workouts per week against the weekly goal,
and a workout is a session in which real exercise was done — never a session that only
measured, never a few seconds of a routine:

    A session counts as a workout when at least half of its planned exercise time was done,
    and at least 3 minutes of it.  Skipping an exercise does not undo a session.  A session
    that only measures (the assessment) is a check-in: it is shown, not counted.

"Planned exercise time" is the work time of the session's planned steps (timed holds and
releases at their planned length, reps and cycles at their paced length), without get-ready,
rest and measuring.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import Enum

#: At least this share of the planned exercise time must be done for a workout.
WORKOUT_SHARE = 0.5
#: And at least this many seconds of exercise.
WORKOUT_MIN_SECONDS = 180

WORKOUT_RULE = (
    "A session counts as a workout when you did at least half of its planned exercise time, "
    "and at least 3 minutes of it; skipping an exercise does not undo it. Sessions that only "
    "measure are check-ins: shown, not counted."
)
EXPECTATION = (
    "The program's advice: at least 2–3 sessions a week; change usually shows after 4–6 weeks."
)
#: Re-assess every few weeks by default (Settings can change it).
REASSESS_WEEKS = 3


class SessionKind(str, Enum):
    WORKOUT = "workout"  # counts for the weekly goal and the streak
    CHECK_IN = "check_in"  # measuring only
    SHORT = "short"  # too little exercise done to count


def classify(planned_work_seconds: float, done_work_seconds: float, measured: bool) -> SessionKind:
    """The kind of a session with this much exercise planned and done.

    ``measured`` tells whether it recorded a measurement; a session with no exercise planned
    (only tests) is a check-in when it measured something, else it did not count.
    """
    if planned_work_seconds <= 0:
        return SessionKind.CHECK_IN if measured else SessionKind.SHORT
    enough = done_work_seconds >= WORKOUT_SHARE * planned_work_seconds - 1e-6
    if enough and done_work_seconds >= WORKOUT_MIN_SECONDS - 1e-6:
        return SessionKind.WORKOUT
    return SessionKind.SHORT


def program_week(first_session: date, today: date) -> int:
    """``1`` in the week of the first session, then 2, 3… (weeks of seven days from then)."""
    return max(0, (today - first_session).days) // 7 + 1


def program_week_words(first_session: date | None, today: date) -> str:
    if first_session is None:
        return "You have not started yet."
    week = program_week(first_session, today)
    return f"Week {week} since you started ({first_session:%d %b %Y})."


def reassessment_due(
    last_assessment: date | None, first_session: date | None, today: date, weeks: int
) -> date | None:
    """When the next assessment is due: ``weeks`` after the last one (or after starting)."""
    since = last_assessment or first_session
    if since is None:
        return None
    return since + timedelta(weeks=weeks)


def reassess_words(due: date | None, last: date | None, today: date) -> str:
    """When to measure again, in words."""
    if last is None:
        return "You have not measured yet: the assessment tells which hip is limited."
    if due is None or due <= today:
        return f"Time to measure again: your last assessment was on {last:%d %b}."
    return f"Next assessment around {due:%d %b} (last on {last:%d %b})."


#: What the summary says about a session's kind.
KIND_WORDS = {
    SessionKind.WORKOUT: "This session counts toward your weekly goal.",
    SessionKind.CHECK_IN: "A check-in: measuring is kept, but it does not count as a workout.",
    SessionKind.SHORT: (
        "Too little was done for this session to count (less than half its exercise time, "
        "or under 3 minutes)."
    ),
}
