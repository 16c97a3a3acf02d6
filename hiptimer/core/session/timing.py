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
#: Real seconds past a due deadline after which the app counts as stalled (process stopped,
#: machine frozen) and the session pauses instead of racing through the missed time.  The
#: runner wakes at least once a second, so a busy event loop (10 ms late) never comes close.
STALL_SECONDS = 3.0


@dataclass(frozen=True)
class Cue:
    """A cue due at session time ``at`` within a phase."""

    at: float
    kind: EventKind
    value: int | None = None


def phase_cues(step: Step, phase: Phase, start: float, duration: float | None) -> list[Cue]:
    """The cues of ``phase`` started at ``start`` and lasting ``duration`` (extensions in):
    halfway is half of the phase as long as it is now, so "+30 s" on a release moves it."""
    cues: list[Cue] = []
    length = duration if duration is not None else phase.seconds
    if (
        phase.kind is PhaseKind.WORK
        and step.item.kind in (Kind.HOLD, Kind.RELEASE)
        and length is not None
        and length >= HALFWAY_MIN_SECONDS
    ):
        cues.append(Cue(start + length / 2, EventKind.HALFWAY))
    if duration is not None and duration >= COUNTDOWN_MIN_SECONDS:
        end = start + duration
        cues.extend(Cue(end - left, EventKind.COUNTDOWN, left) for left in (3, 2, 1))
    cues.sort(key=lambda cue: cue.at)
    return cues


class SessionClock:
    """Real monotonic time → session time: scaled by ``speed``, frozen while not running.

    Session time is kept as an anchor pair (real time, session time) that moves whenever the
    clock stops, starts or changes speed, so nothing accumulates rounding over a routine.
    """

    def __init__(self, speed: float) -> None:
        check_speed(speed)
        self.speed = float(speed)
        self.running = False
        self._real = 0.0  # real time matching _session while running
        self._session = 0.0  # session time (frozen here unless running)

    def read(self, now: float) -> float:
        if not self.running:
            return self._session
        return self._session + (now - self._real) * self.speed

    def real_time(self, session_t: float) -> float:
        """The real time at which the running clock reads ``session_t``."""
        return self._real + (session_t - self._session) / self.speed

    def run(self, now: float, at: float | None = None) -> None:
        """Run from real time ``now``, reading ``at`` (default: where it stopped)."""
        self._real = now
        if at is not None:
            self._session = at
        self.running = True

    def stop(self, now: float, at: float) -> None:
        """Stop at session time ``at`` (what the running clock read at ``now``)."""
        self._real, self._session = now, at
        self.running = False

    def set_speed(self, now: float, at: float, speed: float) -> None:
        """From ``now`` on (when the clock reads ``at``), run at ``speed``."""
        check_speed(speed)
        self._real, self._session = now, at
        self.speed = float(speed)


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
