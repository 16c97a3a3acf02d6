"""What the session engine reports: its states, its events, each step's outcome, snapshots.

Plain frozen dataclasses shared by the engine, the announcements, the display text, the Qt
runner and the history store (which takes outcomes without importing the engine).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from hiptimer.core.routines.model import Kind, Side
from hiptimer.core.session.plan import Phase, Step
from hiptimer.core.session.status import StepStatus


class SessionState(str, Enum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


class EventKind(str, Enum):
    PHASE_STARTED = "phase_started"
    HALFWAY = "halfway"  # hold/release work phases of 20 s or more
    COUNTDOWN = "countdown"  # value 3, 2, 1 at whole seconds left, timed phases >= 5 s
    REP = "rep"  # value = rep number, when a rep phase starts / a rep is counted
    SWITCH_SIDES = "switch_sides"  # a SWITCH phase started
    STEP_FINISHED = "step_finished"  # outcome set
    STALLED = "stalled"  # not driven for a while (process stopped, machine froze): paused
    SESSION_FINISHED = "session_finished"


@dataclass(frozen=True)
class StepOutcome:
    step_index: int
    exercise_id: str
    exercise_name: str
    kind: Kind
    side: Side | None
    status: StepStatus
    planned_seconds: float
    actual_seconds: float  # session seconds spent in work phases
    planned_reps: int | None
    actual_reps: int | None  # reps (or cycles) completed
    measurement: int | None  # degrees, for test steps
    set_number: int = 1  # "set 2 of 3" on this side
    set_count: int = 1


@dataclass(frozen=True)
class Event:
    kind: EventKind
    step_index: int
    phase_index: int
    value: int | None = None
    outcome: StepOutcome | None = None
    at: float = 0.0  # session time when it happened (lets a late caller drop stale cues)


@dataclass(frozen=True)
class Snapshot:
    state: SessionState
    step: Step
    step_index: int
    phase: Phase
    phase_index: int
    remaining: float | None  # session seconds left in the phase; None when it waits
    shown_seconds: int | None  # the whole number the countdown shows: ceil(remaining)
    reps_counted: int  # self-paced reps counted so far in this phase
    session_left: float  # estimate of session seconds left, including this phase
    can_extend: bool  # release phase not yet at its high end
    speed: float
    phase_seconds: float | None = None  # current length of the phase, extensions included
    elapsed: float = 0.0  # session seconds since the session started
    measurement: int | None = None  # degrees entered for this step, if any
    stalled_for: float | None = None  # paused by a stall of this many real seconds
