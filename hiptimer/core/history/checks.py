"""What every history write must hold, checked before anything reaches the file.

The store checks each write, and the write commands check theirs when they are made (before
they are queued), both with these functions; and the keys that name sessions and measurements.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import Enum
from typing import TypeVar

from hiptimer.core.history.measurements import TEST_BY_EXERCISE, check_degrees
from hiptimer.core.history.rows import PAIN_LIMITS, StepOutcomeLike
from hiptimer.core.routines.limits import SETS_LIMITS
from hiptimer.core.routines.model import Kind, Side
from hiptimer.core.session.status import SessionStatus, StepStatus

#: How a session may finish (discarding is :meth:`HistoryStore.discard_session`).
FINISH_STATUSES = (SessionStatus.COMPLETED, SessionStatus.INCOMPLETE, SessionStatus.ENDED_EARLY)


def new_key() -> str:
    """A new session or measurement key: unique without asking the file."""
    return uuid.uuid4().hex


def value_of(member: Enum | str) -> str:
    """A member's stored value (a string given stays as it is)."""
    return member.value if isinstance(member, Enum) else member


E = TypeVar("E", bound=Enum)


def _member(given: Enum | str, allowed: tuple[E, ...], what: str) -> E:
    """``given`` (a member or its stored value) as the one of ``allowed`` it names."""
    value = value_of(given)
    for member in allowed:
        if member.value == value:
            return member
    choices = ", ".join(member.value for member in allowed)
    raise ValueError(f"{what} one of {choices}, got {given!r}")


def require_aware(moment: datetime, name: str) -> None:
    if not isinstance(moment, datetime) or moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got {moment!r}")


def finish_status(status: SessionStatus | str) -> SessionStatus:
    return _member(status, FINISH_STATUSES, "a session finishes as")


def check_active_seconds(seconds: float) -> None:
    if not seconds >= 0:  # also refuses nan
        raise ValueError(f"active seconds cannot be negative, got {seconds}")


def check_planned_steps(planned: int | None) -> None:
    if planned is not None and (isinstance(planned, bool) or not isinstance(planned, int)):
        raise ValueError(f"planned steps must be a whole number, got {planned!r}")
    if planned is not None and planned < 0:
        raise ValueError(f"planned steps cannot be negative, got {planned}")


def check_pain(pain: int | None) -> None:
    if pain is not None and pain not in PAIN_LIMITS:
        low, high = PAIN_LIMITS
        raise ValueError(f"pain must be a whole number from {low} to {high}, got {pain!r}")


def checked_outcome(outcome: StepOutcomeLike) -> tuple[str, str | None, str, str | None]:
    """A step outcome's stored kind, side and status, and the test its degrees belong to."""
    kind = Kind(value_of(outcome.kind)).value
    side = None if outcome.side is None else Side(value_of(outcome.side)).value
    status = _member(outcome.status, tuple(StepStatus), "step status must be").value
    test = None
    if outcome.measurement is not None:
        check_degrees(outcome.measurement)
        test = TEST_BY_EXERCISE.get(outcome.exercise_id)
        if test is not None and side is None:
            raise ValueError(f"the measurement of {outcome.exercise_id!r} needs a side")
    return kind, side, status, test


def checked_set(outcome: object) -> tuple[int, int]:
    """The step's set and the sets on its side ("set 2 of 3"); 1 of 1 when the outcome does not
    say (an engine from before sets, a test double)."""
    number, count = getattr(outcome, "set_number", 1), getattr(outcome, "set_count", 1)
    if number not in SETS_LIMITS or count not in SETS_LIMITS or number > count:
        raise ValueError(
            "a step's set must be whole numbers with 1 ≤ set_number ≤ set_count ≤"
            f" {SETS_LIMITS.high}, got set {number!r} of {count!r}"
        )
    return number, count
