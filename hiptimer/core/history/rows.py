"""What the history holds, as plain records: what goes in (a step's outcome) and what comes out.

Rows carry enums (:class:`SessionStatus`, :class:`StepStatus`, :class:`Side`…), never the bare
strings stored in the file; times are timezone-aware, with the offset they were recorded with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from hiptimer.core.history import weeks
from hiptimer.core.routines.limits import Limits
from hiptimer.core.routines.model import Kind, Side, SideChoice
from hiptimer.core.session.status import SessionStatus, StepStatus

#: How it felt afterwards: 0 (no pain) to 10 (the worst), or not given.
PAIN_LIMITS = Limits(0, 10)


class StepOutcomeLike(Protocol):
    """What the session engine hands over for each finished step.

    It may also carry ``set_number`` and ``set_count`` ("set 2 of 3"); without them the step
    is one set of one.
    """

    @property
    def step_index(self) -> int: ...
    @property
    def exercise_id(self) -> str: ...
    @property
    def exercise_name(self) -> str: ...
    @property
    def kind(self) -> Kind | str: ...
    @property
    def side(self) -> Side | str | None: ...
    @property
    def status(self) -> StepStatus | str: ...
    @property
    def planned_seconds(self) -> float: ...
    @property
    def actual_seconds(self) -> float: ...
    @property
    def planned_reps(self) -> int | None: ...
    @property
    def actual_reps(self) -> int | None: ...
    @property
    def measurement(self) -> int | None: ...


@dataclass(frozen=True)
class SessionRow:
    id: int
    routine_id: str
    routine_name: str
    routine_hash: str
    side_choice: SideChoice
    started_at: datetime
    ended_at: datetime | None
    active_seconds: float
    status: SessionStatus
    pain: int | None  # within PAIN_LIMITS
    note: str
    steps_done: int
    steps_skipped: int
    planned_steps: int | None = None  # None: recorded before hiptimer kept the plan's length
    key: str = ""
    kind: str = "short"  # what it counts as: a SessionKind value (see adherence)

    @property
    def steps_of(self) -> int:
        """The n of "k of n": the steps planned (for older sessions, the steps recorded)."""
        recorded = self.steps_done + self.steps_skipped
        return recorded if self.planned_steps is None else max(self.planned_steps, recorded)


@dataclass(frozen=True)
class StepRow:
    id: int
    session_id: int
    step_index: int
    exercise_id: str
    exercise_name: str
    kind: Kind
    side: Side | None
    status: StepStatus
    planned_seconds: float
    actual_seconds: float
    planned_reps: int | None
    actual_reps: int | None
    measurement: int | None
    ended_at: datetime
    set_number: int = 1  # "set 2 of 3" on its side (1 of 1 for steps from before sets)
    set_count: int = 1
    progression_level: int = 0  # the version done: 0 as written, k the k-th progression


@dataclass(frozen=True)
class MeasurementRow:
    id: int
    session_id: int | None
    test: str  # one of measurements.TESTS
    side: Side
    degrees: int
    taken_at: datetime
    note: str
    from_photo: bool = False  # measured on a photo, not typed in
    photo: str | None = None  # the kept photo's name in the photos folder, if kept


@dataclass(frozen=True)
class IncompleteSession:
    """An unfinished session, for the "resume or discard?" offer."""

    session_id: int
    routine_id: str
    routine_name: str
    routine_hash: str
    side_choice: SideChoice
    started_at: datetime
    last_step_index: int | None  # resume at the step after this; None: no step recorded
    steps_recorded: int
    active_seconds: float
    session_key: str = ""
    claimed_by: str | None = None  # the process that has it (see ``claims``), or None


@dataclass(frozen=True)
class WeekCount:
    week: date  # the Monday
    count: int

    @property
    def label(self) -> str:
        return weeks.iso_week_label(self.week)


@dataclass(frozen=True)
class Totals:
    sessions: int  # every session listed (not discarded, at least one step saved)
    workouts: int  # the sessions that count for the weekly goal (see adherence)
    active_minutes: float
    first_session_date: date | None


#: Measurement series keyed by (test, side), each a list of (date, degrees), oldest first.
MeasurementSeries = dict[tuple[str, Side], list[tuple[date, int]]]
