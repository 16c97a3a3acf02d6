"""When reminders fall: the chosen days at the chosen time, in the person's own time zone.

Every function takes ``now`` (an aware datetime) and the local zone, so the rules are tested
with a fake clock across clock changes and week ends.  A time that a clock change skips
(02:30 on the spring-forward night) is moved to the moment the clock shows after the gap; a time
that happens twice (the autumn night) counts once, at its first occurrence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from hiptimer.core.settings import DEFAULT_REMINDER_TIME, WEEKDAYS, Settings, parse_clock

_DAYS_SEARCHED = 8  # every chosen day comes round within a week


def default_days(weekly_goal: int) -> tuple[int, ...]:
    """The goal's sessions spread over the week, Monday first: 3 → Mon, Wed, Fri."""
    count = min(max(weekly_goal, 1), 7)
    return tuple(sorted({i * 7 // count for i in range(count)}))


@dataclass(frozen=True)
class ReminderPlan:
    """The person's reminder choices, read from the settings."""

    days: frozenset[int]  # date.weekday() numbers, Monday = 0
    at: time
    snooze: timedelta
    reassess_weeks: int  # from one assessment to the next

    @classmethod
    def from_settings(cls, settings: Settings) -> ReminderPlan:
        if settings.reminder_days:
            days = frozenset(WEEKDAYS.index(day) for day in settings.reminder_days)
        else:
            days = frozenset(default_days(settings.weekly_goal))
        clock = parse_clock(settings.reminder_time) or parse_clock(DEFAULT_REMINDER_TIME)
        assert clock is not None
        hour, minute = clock
        return cls(
            days=days,
            at=time(hour, minute),
            snooze=timedelta(minutes=settings.snooze_minutes),
            reassess_weeks=settings.reassess_weeks,
        )

    @property
    def day_names(self) -> list[str]:
        return [WEEKDAYS[day] for day in sorted(self.days)]


def moment(day: date, at: time, tz: tzinfo) -> datetime:
    """``at`` on ``day`` in ``tz`` as a real instant (see the module docstring for gaps)."""
    wall = datetime.combine(day, at, tzinfo=tz)
    return wall.astimezone(timezone.utc).astimezone(tz)


def _due_times(plan: ReminderPlan, first: date, days: int, step: int) -> Iterator[date]:
    for offset in range(days):
        day = first + timedelta(days=offset * step)
        if day.weekday() in plan.days:
            yield day


def next_due(plan: ReminderPlan, now: datetime, tz: tzinfo) -> datetime | None:
    """The first reminder time after ``now``; None when no day is chosen."""
    today = now.astimezone(tz).date()
    for day in _due_times(plan, today, _DAYS_SEARCHED, 1):
        due = moment(day, plan.at, tz)
        if due > now:
            return due
    return None


def latest_due(plan: ReminderPlan, now: datetime, tz: tzinfo) -> datetime | None:
    """The last reminder time at or before ``now`` (within the past week); None if none."""
    today = now.astimezone(tz).date()
    for day in _due_times(plan, today, _DAYS_SEARCHED, -1):
        due = moment(day, plan.at, tz)
        if due <= now:
            return due
    return None


def when_text(due: datetime, now: datetime, tz: tzinfo) -> str:
    """ "today at 18:00", "tomorrow at 18:00" or "Wed at 18:00" (within the coming week)."""
    day, today = due.astimezone(tz).date(), now.astimezone(tz).date()
    clock = due.astimezone(tz).strftime("%H:%M")
    if day == today:
        return f"today at {clock}"
    if day == today + timedelta(days=1):
        return f"tomorrow at {clock}"
    return f"{WEEKDAYS[day.weekday()].capitalize()} at {clock}"
