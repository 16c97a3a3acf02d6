"""The person's week at a glance, for the home page: workouts this week against the goal,
the streak, and when each routine was last done.

Counted by the same rules and queries as the History tab (:mod:`weeks`, the store's week
counts and streak), so the two pages never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo
from typing import TYPE_CHECKING, Protocol

from hiptimer.core.history import weeks

if TYPE_CHECKING:  # the home page imports this module before its first paint
    from hiptimer.core.history.rows import SessionRow, WeekCount
from hiptimer.core.text import day_text, plural


class GlanceReads(Protocol):
    """What the glance reads from the history (a :class:`HistoryReader`)."""

    def week_counts(self, start_week: date, end_week: date, tz: tzinfo) -> list[WeekCount]: ...
    def streak(self, goal: int, today: date, tz: tzinfo) -> int: ...
    def last_done(self, tz: tzinfo | None = None) -> dict[str, date]: ...


class AfterReads(Protocol):
    """What the week after a session reads (a :class:`HistoryReader`)."""

    def week_counts(self, start_week: date, end_week: date, tz: tzinfo) -> list[WeekCount]: ...
    def streak(self, goal: int, today: date, tz: tzinfo) -> int: ...
    def session_by_key(self, key: str) -> SessionRow | None: ...


@dataclass(frozen=True)
class WeekGlance:
    done: int  # workouts this week
    goal: int  # the weekly goal
    streak: int  # weeks in a row meeting the goal
    last_done: dict[str, date] = field(default_factory=dict)  # routine id → day last done

    @property
    def met(self) -> bool:
        return self.done >= self.goal

    @property
    def headline(self) -> str:
        """``2 of 3 workouts this week``."""
        return f"{self.done} of {plural(self.goal, 'workout')} this week"

    @property
    def detail(self) -> str:
        """What the headline means for the goal and the streak, in one calm sentence."""
        left = self.goal - self.done
        goal = "Goal met." if left <= 0 else f"{left} more to meet your goal."
        if self.streak:
            weeks_word = "week" if self.streak == 1 else "weeks in a row"
            return f"{goal} Streak: {self.streak} {weeks_word}."
        return goal


def week_glance(reads: GlanceReads, goal: int, today: date, tz: tzinfo) -> WeekGlance:
    monday = weeks.week_start(today)
    counts = reads.week_counts(monday, today, tz)
    return WeekGlance(
        done=counts[-1].count if counts else 0,
        goal=goal,
        streak=reads.streak(goal, today, tz),
        last_done=reads.last_done(tz),
    )


def last_done_text(day: date | None, today: date) -> str:
    """``Last done today``, ``… yesterday``, ``… 3 days ago``, ``… on 4 May 2026``."""
    if day is None:
        return "Not done yet"
    ago = (today - day).days
    if ago <= 0:
        return "Last done today"
    if ago == 1:
        return "Last done yesterday"
    if ago < 14:
        return f"Last done {ago} days ago"
    return f"Last done on {day_text(day)}"


def week_after(
    reads: AfterReads, session_key: str, counts: bool, goal: int, day: date, tz: tzinfo
) -> WeekGlance | None:
    """The week as it stands after a session (the summary's), said as the home page says it.

    ``counts``: the session counts as a workout; ``day``: the day it started.  It is counted
    once, whether or not its record has reached the file yet.  None when there is no goal or
    the history cannot be read (the summary then leaves the week out).
    """
    from hiptimer.core.history.adherence import SessionKind
    from hiptimer.core.history.errors import HistoryError

    if goal < 1:
        return None
    try:
        this_week = weeks.week_start(day)
        last_week = this_week - timedelta(days=7)
        counted = reads.week_counts(last_week, day, tz)
        row = reads.session_by_key(session_key) if session_key else None
        before = reads.streak(goal, last_week, tz) if counted[0].count >= goal else 0
    except HistoryError:
        return None
    already = row is not None and row.kind == SessionKind.WORKOUT.value
    done = counted[-1].count + (1 if counts and not already else 0)
    return WeekGlance(done, goal, before + (1 if done >= goal else 0))
