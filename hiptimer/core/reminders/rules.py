"""What one reminder run does now: notify, wait, or nothing, and the state it leaves behind.

The state remembers the last reminder time that was dealt with, so a run that comes twice (the
timer and a catch-up at wake-up, or two runs at once) never shows the same reminder twice.  A
reminder missed while the computer slept is caught up once, the same day; a day's reminder never
comes on a later day.  Snoozing brings it back once after the snooze time; "skip today" holds
back every reminder until tomorrow.  No reminder comes once a session was completed that day, or
while one is under way.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from enum import Enum

from hiptimer.core.history.adherence import reassessment_due
from hiptimer.core.reminders.schedule import ReminderPlan, latest_due, moment
from hiptimer.core.session.status import SessionStatus

#: A snoozed reminder comes back at most this many times.
MAX_REPEATS = 1
#: An unfinished session younger than this is taken to be under way.
IN_PROGRESS = timedelta(hours=2)


class ReminderKind(str, Enum):
    SESSION = "session"  # time for the routine
    ASSESSMENT = "assessment"  # time to measure again


@dataclass(frozen=True)
class ReminderState:
    """What the reminder runs remember between them (kept in a small file)."""

    served: datetime | None = None  # the latest reminder time dealt with
    snoozed_until: datetime | None = None
    repeats: int = 0  # snoozes used on the reminder now showing
    skipped_day: date | None = None
    kind: ReminderKind = ReminderKind.SESSION  # what the reminder now showing is about


@dataclass(frozen=True)
class Facts:
    """What the history and the screen say at the moment of the run."""

    sessions_today: tuple[tuple[datetime, SessionStatus], ...] = ()  # started, status
    last_assessment: date | None = None
    first_session: date | None = None
    fullscreen: bool = False


class Verdict(str, Enum):
    NOTIFY = "notify"
    WAIT = "wait"  # due, but a fullscreen window is up: look again in a minute
    NOTHING = "nothing"


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    state: ReminderState  # save this
    why: str  # for the person running `hiptimer remind` by hand
    kind: ReminderKind = ReminderKind.SESSION
    repeat: bool = False  # the snoozed reminder coming back (no more snoozing)


def session_today(
    sessions: Iterable[tuple[datetime, SessionStatus]], now: datetime, tz: tzinfo
) -> str:
    """Why no reminder is wanted today because of a session, or "" when none is."""
    now = now.astimezone(timezone.utc)
    today = now.astimezone(tz).date()
    for started, status in sessions:
        if started.astimezone(tz).date() != today:
            continue
        if status is SessionStatus.COMPLETED:
            return "today's session is done"
        if status is SessionStatus.INCOMPLETE and now - started < IN_PROGRESS:
            return "a session is under way"
    return ""


def decide(
    plan: ReminderPlan, state: ReminderState, now: datetime, tz: tzinfo, facts: Facts
) -> Decision:
    """What a run at ``now`` does (see the module docstring)."""
    now = now.astimezone(timezone.utc)  # exact arithmetic across clock changes
    today = now.astimezone(tz).date()
    if state.snoozed_until is not None and state.snoozed_until <= now:
        return _repeat(state, now, tz, facts)
    due = latest_due(plan, now, tz)
    if due is None or (state.served is not None and due <= state.served):
        return Decision(Verdict.NOTHING, state, "no reminder is due")
    served = dataclasses.replace(state, served=due, snoozed_until=None, repeats=0)
    if due.astimezone(tz).date() != today:
        return Decision(Verdict.NOTHING, served, "the last reminder time was on an earlier day")
    if state.skipped_day == today:
        return Decision(Verdict.NOTHING, served, "today was skipped")
    busy = session_today(facts.sessions_today, now, tz)
    if busy:
        return Decision(Verdict.NOTHING, served, busy)
    if facts.fullscreen:
        return Decision(Verdict.WAIT, state, "a fullscreen window is active")
    # the History tab's rule: the interval after the last assessment (or after starting)
    measure_by = reassessment_due(
        facts.last_assessment, facts.first_session, today, plan.reassess_weeks
    )
    measure = measure_by is not None and measure_by <= today
    kind = ReminderKind.ASSESSMENT if measure else ReminderKind.SESSION
    return Decision(Verdict.NOTIFY, dataclasses.replace(served, kind=kind), "due", kind)


def _repeat(state: ReminderState, now: datetime, tz: tzinfo, facts: Facts) -> Decision:
    """The snooze time is up: show the reminder once more, unless the day changed course."""
    cleared = dataclasses.replace(state, snoozed_until=None)
    for_day = (state.served or now).astimezone(tz).date()
    if for_day != now.astimezone(tz).date():
        return Decision(Verdict.NOTHING, cleared, "the snoozed reminder was for an earlier day")
    if state.skipped_day == now.astimezone(tz).date():
        return Decision(Verdict.NOTHING, cleared, "today was skipped")
    busy = session_today(facts.sessions_today, now, tz)
    if busy:
        return Decision(Verdict.NOTHING, cleared, busy)
    if facts.fullscreen:
        return Decision(Verdict.WAIT, state, "a fullscreen window is active")
    return Decision(Verdict.NOTIFY, cleared, "snoozed reminder", state.kind, repeat=True)


def can_snooze(state: ReminderState) -> bool:
    return state.repeats < MAX_REPEATS


def snooze(state: ReminderState, plan: ReminderPlan, now: datetime) -> ReminderState:
    """Bring the reminder back after the snooze time (only while repeats are left)."""
    if not can_snooze(state):
        return state
    until = now.astimezone(timezone.utc) + plan.snooze
    return dataclasses.replace(state, snoozed_until=until, repeats=state.repeats + 1)


def skip_today(state: ReminderState, now: datetime, tz: tzinfo) -> ReminderState:
    return dataclasses.replace(state, skipped_day=now.astimezone(tz).date(), snoozed_until=None)


def wait_limit(now: datetime, tz: tzinfo) -> datetime:
    """A reminder waits for an answer (or for a fullscreen window to go) until the day ends."""
    return moment(now.astimezone(tz).date() + timedelta(days=1), time(0), tz)
