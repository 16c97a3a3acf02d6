"""Session-time arithmetic the engine relies on: cue times, shown seconds, time left.

Pure functions of a plan and session times, kept apart from the engine's state machine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hiptimer.core.routines.model import Kind
from hiptimer.core.session.events import EventKind
from hiptimer.core.session.plan import Phase, PhaseKind, Plan, Step

#: Tolerance for comparing session times (absorbs real <-> session rounding).
EPSILON = 1e-9
#: Timed phases at least this long get the 3-2-1 countdown.
COUNTDOWN_MIN_SECONDS = 5.0
#: Hold/release work phases at least this long get the halfway cue.
HALFWAY_MIN_SECONDS = 20.0


@dataclass(frozen=True)
class Cue:
    """A cue due at session time ``at`` within a phase."""

    at: float
    kind: EventKind
    value: int | None = None


def phase_cues(step: Step, phase: Phase, start: float, duration: float | None) -> list[Cue]:
    """The cues of ``phase`` started at ``start`` and lasting ``duration`` (extensions in)."""
    cues: list[Cue] = []
    if (
        phase.kind is PhaseKind.WORK
        and step.item.kind in (Kind.HOLD, Kind.RELEASE)
        and phase.seconds is not None
        and phase.seconds >= HALFWAY_MIN_SECONDS
    ):
        cues.append(Cue(start + phase.seconds / 2, EventKind.HALFWAY))
    if duration is not None and duration >= COUNTDOWN_MIN_SECONDS:
        end = start + duration
        cues.extend(Cue(end - left, EventKind.COUNTDOWN, left) for left in (3, 2, 1))
    cues.sort(key=lambda cue: cue.at)
    return cues


def check_speed(speed: float) -> None:
    if not speed > 0 or math.isinf(speed):
        raise ValueError(f"speed must be a positive number, not {speed!r}")


def shown_seconds(remaining: float) -> int:
    """The whole number a countdown shows for ``remaining`` seconds (ceil, noise-proof)."""
    return max(math.ceil(remaining - EPSILON), 0)


def seconds_after(plan: Plan) -> list[list[float]]:
    """For each (step, phase): expected seconds of every later phase in the plan."""
    flat = [phase.expected_seconds for step in plan.steps for phase in step.phases]
    suffix = [0.0] * (len(flat) + 1)
    for i in range(len(flat) - 1, -1, -1):
        suffix[i] = suffix[i + 1] + flat[i]
    after: list[list[float]] = []
    position = 0
    for step in plan.steps:
        row = []
        for _ in step.phases:
            position += 1
            row.append(suffix[position])
        after.append(row)
    return after
