"""The person's week as it stands after the session just finished: sessions against the goal,
and the streak of weeks meeting it.

The history's own reads give the week and the streak (:meth:`HistoryStore.week_counts`,
:meth:`HistoryStore.streak`); the session itself may still be on its way to the file (the
writer saves on its own thread), so it is added here when the file does not count it yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hiptimer.core.history.adherence import SessionKind
    from hiptimer.core.history.store import HistoryStore
    from hiptimer.qt.context import AppContext
    from hiptimer.qt.session.controller import SessionController


@dataclass(frozen=True)
class WeekAfter:
    done: int  # workouts this week, this session included when it counts
    goal: int
    streak: int  # weeks in a row meeting the goal, this one included once it is met

    @property
    def met(self) -> bool:
        return self.done >= self.goal


def week_after(
    history: HistoryStore, session_key: str, counts: bool, goal: int, day: date, tz: tzinfo
) -> WeekAfter | None:
    """``counts``: this session counts as a workout; ``day``: the day it started.  None when
    the history cannot be read (the summary then leaves the week out)."""
    from hiptimer.core.history import weeks
    from hiptimer.core.history.adherence import SessionKind
    from hiptimer.core.history.errors import HistoryError

    if goal < 1:
        return None
    try:
        this_week = weeks.week_start(day)
        last_week = this_week - timedelta(days=7)
        counted = history.week_counts(last_week, day, tz)
        row = history.session_by_key(session_key) if session_key else None
        before = history.streak(goal, last_week, tz) if counted[0].count >= goal else 0
    except HistoryError:
        return None
    already = row is not None and row.kind == SessionKind.WORKOUT.value
    done = counted[-1].count + (1 if counts and not already else 0)
    return WeekAfter(done, goal, before + (1 if done >= goal else 0))


def week_words(week: WeekAfter) -> tuple[str, str]:
    """(this week, the streak) in the person's words, calm: no exclamation marks."""
    sessions = "session" if week.goal == 1 else "sessions"
    if week.met:
        this = f"This week: {week.done} of {week.goal} {sessions} — your goal is met."
    else:
        left = week.goal - week.done
        this = f"This week: {week.done} of {week.goal} {sessions} — {left} to go."
    if week.streak == 0:
        streak = "A week that meets the goal starts a streak."
    elif week.streak == 1:
        streak = "1 week meeting your goal."
    else:
        streak = f"{week.streak} weeks in a row meeting your goal."
    return this, streak


def session_week(
    controller: SessionController, ctx: AppContext, counts: SessionKind | None
) -> WeekAfter | None:
    """The week after ``controller``'s session, for the summary (None: not recorded, no
    history, or no goal)."""
    from hiptimer.core.history.adherence import SessionKind
    from hiptimer.core.history.local_time import local_zone
    from hiptimer.core.settings import weekly_goal

    if ctx.history is None or controller.started_at is None or counts is None:
        return None
    tz = local_zone()
    day = controller.started_at.astimezone(tz).date()
    goal = weekly_goal(ctx.settings, ctx.catalog)
    workout = counts is SessionKind.WORKOUT
    return week_after(ctx.history, controller.session_key or "", workout, goal, day, tz)
