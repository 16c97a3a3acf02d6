"""History writes as small data commands: what the writer queues, tries again and keeps.

Each command is plain data, checked when it is made (so a bad value is refused where it comes
from, not later in the writer), names its session by the key made when the session began (never
by a row id that may not exist yet), and applies itself to a store idempotently: applying one
twice, after a retry or a replay, leaves the file as applying it once.  Commands marked
``kept`` turn to and from JSON for the pending-writes file (:mod:`pending`); a claim is only
worth something while its window waits for the answer, so it is not kept.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from hiptimer.core.history.checks import (
    check_active_seconds,
    check_pain,
    check_planned_steps,
    checked_outcome,
    checked_set,
    finish_status,
    new_key,
    require_aware,
    value_of,
)
from hiptimer.core.history.coach_writes import check_feedback, check_progression_level
from hiptimer.core.history.measurements import check_degrees, stored_test
from hiptimer.core.history.photos import check_photo_mark
from hiptimer.core.history.routine_texts import check_routine_text
from hiptimer.core.history.rows import StepOutcomeLike
from hiptimer.core.routines.model import Side, SideChoice

if TYPE_CHECKING:
    from hiptimer.core.history.store import HistoryStore


def _require_text(**values: object) -> None:
    for name, value in values.items():
        if not isinstance(value, str) or not value:
            raise ValueError(f"{name} must be a non-empty text, got {value!r}")


@dataclass(frozen=True)
class StepRecord:
    """A finished step as stored: an engine outcome with its enums as their stored words."""

    step_index: int
    exercise_id: str
    exercise_name: str
    kind: str
    side: str | None
    status: str
    planned_seconds: float
    actual_seconds: float
    planned_reps: int | None
    actual_reps: int | None
    measurement: int | None
    progression_level: int = 0  # the version of the exercise done (0: as written)
    set_number: int = 1  # "set 2 of 3" on its side
    set_count: int = 1

    def __post_init__(self) -> None:
        if isinstance(self.step_index, bool) or not isinstance(self.step_index, int):
            raise ValueError(f"a step index must be a whole number, got {self.step_index!r}")
        _require_text(exercise_id=self.exercise_id)
        checked_outcome(self)
        check_progression_level(self.progression_level)
        checked_set(self)

    @classmethod
    def of(cls, outcome: StepOutcomeLike, progression_level: int = 0) -> StepRecord:
        return cls(
            step_index=outcome.step_index,
            exercise_id=outcome.exercise_id,
            exercise_name=outcome.exercise_name,
            kind=value_of(outcome.kind),
            side=None if outcome.side is None else value_of(outcome.side),
            status=value_of(outcome.status),
            planned_seconds=float(outcome.planned_seconds),
            actual_seconds=float(outcome.actual_seconds),
            planned_reps=outcome.planned_reps,
            actual_reps=outcome.actual_reps,
            measurement=outcome.measurement,
            progression_level=progression_level,
            set_number=getattr(outcome, "set_number", 1),
            set_count=getattr(outcome, "set_count", 1),
        )


@dataclass(frozen=True)
class BeginSession:
    """A session begins: its row, named by ``key``, claimed by the process that plays it."""

    KIND: ClassVar[str] = "begin"
    kept: ClassVar[bool] = True
    key: str
    routine_id: str
    routine_name: str
    routine_hash: str
    side_choice: str
    started_at: datetime
    planned_steps: int | None = None
    claim: str | None = None
    planned_work_seconds: float | None = None  # its exercise time, for the workout rule
    routine_text: str | None = None  # the routine played, as a file standing on its own

    def __post_init__(self) -> None:
        _require_text(key=self.key, routine_id=self.routine_id)
        check_routine_text(self.routine_text)
        SideChoice(self.side_choice)
        require_aware(self.started_at, "started_at")
        check_planned_steps(self.planned_steps)
        if self.planned_work_seconds is not None:
            check_active_seconds(self.planned_work_seconds)

    def apply(self, store: HistoryStore) -> int:
        return store.begin_session(
            self.routine_id,
            self.routine_name,
            self.routine_hash,
            self.side_choice,
            self.started_at,
            key=self.key,
            planned_steps=self.planned_steps,
            claim=self.claim,
            planned_work_seconds=self.planned_work_seconds,
            routine_text=self.routine_text,
        )


@dataclass(frozen=True)
class RecordStep:
    """A step finished; ``active_seconds`` is the session's active time with it;
    ``from_photo`` and ``photo``: its measurement was taken on a photo (kept under that name)."""

    KIND: ClassVar[str] = "step"
    kept: ClassVar[bool] = True
    session_key: str
    step: StepRecord
    ended_at: datetime
    active_seconds: float | None = None
    from_photo: bool = False
    photo: str | None = None

    def __post_init__(self) -> None:
        _require_text(session_key=self.session_key)
        require_aware(self.ended_at, "ended_at")
        if self.active_seconds is not None:
            check_active_seconds(self.active_seconds)
        check_photo_mark(self.from_photo, self.photo)

    def apply(self, store: HistoryStore) -> int:
        session_id = store.session_id_for(self.session_key)
        return store.record_step(
            session_id,
            self.step,
            self.ended_at,
            active_seconds=self.active_seconds,
            from_photo=self.from_photo,
            photo=self.photo,
        )


@dataclass(frozen=True)
class FinishSession:
    """The session ends (or is left, as incomplete, to be resumed)."""

    KIND: ClassVar[str] = "finish"
    kept: ClassVar[bool] = True
    session_key: str
    ended_at: datetime
    status: str
    active_seconds: float

    def __post_init__(self) -> None:
        _require_text(session_key=self.session_key)
        require_aware(self.ended_at, "ended_at")
        finish_status(self.status)
        check_active_seconds(self.active_seconds)

    def apply(self, store: HistoryStore) -> None:
        session_id = store.session_id_for(self.session_key)
        store.finish_session(session_id, self.ended_at, self.status, self.active_seconds)


@dataclass(frozen=True)
class SetFeedback:
    KIND: ClassVar[str] = "feedback"
    kept: ClassVar[bool] = True
    session_key: str
    pain: int | None
    note: str = ""

    def __post_init__(self) -> None:
        _require_text(session_key=self.session_key)
        check_pain(self.pain)
        if not isinstance(self.note, str):
            raise ValueError(f"a note must be text, got {self.note!r}")

    def apply(self, store: HistoryStore) -> None:
        store.set_feedback(store.session_id_for(self.session_key), self.pain, self.note)


@dataclass(frozen=True)
class SetExerciseFeedback:
    """What the person said about one exercise at the summary: a rating and its pain."""

    KIND: ClassVar[str] = "exercise_feedback"
    kept: ClassVar[bool] = True
    session_key: str
    exercise_id: str
    rating: str | None
    pain: int | None = None

    def __post_init__(self) -> None:
        _require_text(session_key=self.session_key, exercise_id=self.exercise_id)
        check_feedback(self.rating, self.pain)

    def apply(self, store: HistoryStore) -> None:
        session_id = store.session_id_for(self.session_key)
        store.set_exercise_feedback(session_id, self.exercise_id, self.rating, self.pain)


@dataclass(frozen=True)
class AddMeasurement:
    """A range-of-motion measurement logged by hand (``test``: 'prone', 'seated' or its id),
    typed in or measured on a photo (``from_photo``; ``photo``: the name it was kept under)."""

    KIND: ClassVar[str] = "measurement"
    kept: ClassVar[bool] = True
    test: str
    side: str
    degrees: int
    taken_at: datetime
    note: str = ""
    key: str = dataclasses.field(default_factory=new_key)
    from_photo: bool = False
    photo: str | None = None

    def __post_init__(self) -> None:
        _require_text(key=self.key)
        stored_test(self.test)
        Side(self.side)
        check_degrees(self.degrees)
        require_aware(self.taken_at, "taken_at")
        check_photo_mark(self.from_photo, self.photo)

    def apply(self, store: HistoryStore) -> int:
        return store.add_measurement(
            self.test,
            self.side,
            self.degrees,
            self.taken_at,
            self.note,
            key=self.key,
            from_photo=self.from_photo,
            photo=self.photo,
        )


@dataclass(frozen=True)
class DeleteMeasurement:
    """The person deletes a measurement and the photo kept with it (``photo_only``: only the
    photo).  Asked for and waited on, so not kept for later."""

    KIND: ClassVar[str] = "delete_measurement"
    kept: ClassVar[bool] = False
    measurement_id: int
    photo_only: bool = False

    def apply(self, store: HistoryStore) -> None:
        if self.photo_only:
            store.forget_photo(self.measurement_id)
        else:
            store.delete_measurement(self.measurement_id)


@dataclass(frozen=True)
class ClaimSession:
    """Take an unfinished session for ``claim`` if its claim is still ``replacing``: the
    answer (True: this window has it) is what resuming or discarding waits for."""

    KIND: ClassVar[str] = "claim"
    kept: ClassVar[bool] = False
    session_key: str
    claim: str
    replacing: str | None

    def apply(self, store: HistoryStore) -> bool:
        session_id = store.session_id_for(self.session_key)
        return store.claim_session(session_id, self.claim, self.replacing)


@dataclass(frozen=True)
class DiscardSession:
    """An unfinished session this window claimed is not to be resumed."""

    KIND: ClassVar[str] = "discard"
    kept: ClassVar[bool] = True
    session_key: str

    def apply(self, store: HistoryStore) -> None:
        store.discard_session(store.session_id_for(self.session_key))


Command = (
    BeginSession
    | RecordStep
    | FinishSession
    | SetFeedback
    | SetExerciseFeedback
    | AddMeasurement
    | DeleteMeasurement
    | ClaimSession
    | DiscardSession
)
_KEPT_KINDS = (
    BeginSession,
    RecordStep,
    FinishSession,
    SetFeedback,
    SetExerciseFeedback,
    AddMeasurement,
    DiscardSession,
)
_KINDS: dict[str, type[Command]] = {kind.KIND: kind for kind in _KEPT_KINDS}
_TIMES = ("started_at", "ended_at", "taken_at")


def to_json(command: Command) -> dict[str, Any]:
    """A kept command as plain JSON values."""
    data: dict[str, Any] = {"write": command.KIND}
    for field in dataclasses.fields(command):
        value = getattr(command, field.name)
        if isinstance(value, datetime):
            value = value.isoformat()
        elif isinstance(value, StepRecord):
            value = dataclasses.asdict(value)
        data[field.name] = value
    return data


def from_json(data: object) -> Command:
    """The command :func:`to_json` made; ValueError when ``data`` is not one."""
    if not isinstance(data, dict) or data.get("write") not in _KINDS:
        raise ValueError(f"not a history write: {str(data)[:80]}")
    kind = _KINDS[data["write"]]
    values = {key: value for key, value in data.items() if key != "write"}
    try:
        for name in _TIMES:
            if name in values:
                values[name] = datetime.fromisoformat(values[name])
        if "step" in values:
            values["step"] = StepRecord(**values["step"])
        return kind(**values)
    except (TypeError, KeyError) as error:
        raise ValueError(f"a {data['write']} write that cannot be read: {error}") from error
