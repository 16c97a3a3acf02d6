"""Reading someone else's history: a ``hiptimer history --format json`` file, checked field by
field before anything is built from it.

A therapist opens a client's export (File → Open history…, ``hiptimer report --from``).  The
file may be anything: another program's JSON, a truncated copy, a huge or deeply nested one,
a pipe, ``/dev/zero``, a binary file, a file from a newer hiptimer.  :func:`read_client_file`
reads it within :data:`MAX_CLIENT_FILE_BYTES` without blocking, and either returns plain
records or raises one :class:`ClientFileError` whose message names the file, the field
(``sessions[3].started_at``) and what is wrong.  Nothing here writes anything.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar, cast

from hiptimer.core.bounded_read import ReadProblem, read_bounded
from hiptimer.core.history.adherence import SessionKind
from hiptimer.core.history.measurements import TESTS
from hiptimer.core.history.routine_texts import MAX_ROUTINE_TEXT_CHARS
from hiptimer.core.history.rows import PAIN_LIMITS
from hiptimer.core.history.schema import CURRENT_VERSION
from hiptimer.core.routines.limits import DEGREE_LIMITS, MAX_NAME_CHARS, SETS_LIMITS, Limits
from hiptimer.core.routines.model import Kind, Side, SideChoice
from hiptimer.core.session.status import SessionStatus, StepStatus

#: The largest file read: ten years of daily sessions export to about 40 MB.
MAX_CLIENT_FILE_BYTES = 96 * 1024 * 1024
MAX_SESSIONS = 50_000
MAX_STEPS_PER_SESSION = 5_000  # 200 items × 2 sides × 10 sets, with room
MAX_STEPS = 1_000_000
MAX_MEASUREMENTS = 100_000
MAX_ROUTINES = 5_000
MAX_NOTE_CHARS = 10_000
#: Seconds a session or a step may say it took (a day; more is not a real session).
SECONDS_LIMIT = 86_400.0
_ROW_IDS = Limits(1, 2**53)
_COUNTS = Limits(0, 100_000)

E = TypeVar("E", bound=Enum)
#: Each enum's members by stored word, built on first use (a member lookup per field is slow).
_WORDS: dict[type[Enum], dict[object, Enum]] = {}


class ClientFileError(Exception):
    """The file cannot be shown; the message says which file, which field and why."""


@dataclass(frozen=True)
class ClientStep:
    step_index: int
    exercise_id: str
    exercise_name: str
    kind: Kind
    side: Side | None
    set_number: int | None
    set_count: int | None
    status: StepStatus
    planned_seconds: float
    actual_seconds: float
    planned_reps: int | None
    actual_reps: int | None
    measurement: int | None
    ended_at: datetime


@dataclass(frozen=True)
class ClientSession:
    id: int
    routine_id: str
    routine_name: str
    routine_hash: str
    side_choice: SideChoice
    started_at: datetime
    ended_at: datetime | None
    active_seconds: float
    status: SessionStatus
    pain: int | None
    note: str
    planned_steps: int | None
    counts_as: SessionKind | None  # None: decided again from its steps
    steps: tuple[ClientStep, ...]


@dataclass(frozen=True)
class ClientMeasurement:
    id: int
    session_id: int | None
    test: str
    side: Side
    degrees: int
    taken_at: datetime
    note: str
    from_photo: bool


@dataclass(frozen=True)
class ClientHistory:
    path: Path
    schema_version: int
    sessions: tuple[ClientSession, ...]
    measurements: tuple[ClientMeasurement, ...]
    routines: dict[str, str]  # routine file text by routine_hash


def read_client_file(path: Path) -> ClientHistory:
    """The history in ``path``; :class:`ClientFileError` when it cannot be shown."""
    path = Path(path)
    try:
        data = read_bounded(path, MAX_CLIENT_FILE_BYTES)
    except ReadProblem as problem:
        raise ClientFileError(f"{path}: the file {problem.reason}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ClientFileError(
            f"{path}: not a hiptimer history: it is not text (byte {exc.start:,} is not UTF-8)"
        ) from None
    try:
        document = json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise ClientFileError(f"{path}: not a hiptimer history: it is nested too deeply") from None
    except ValueError as exc:  # JSONDecodeError, NaN/Infinity, a number with too many digits
        where = getattr(exc, "lineno", None)
        at = f" (line {where})" if where is not None else ""
        reason = getattr(exc, "msg", str(exc))
        raise ClientFileError(
            f"{path}: not a hiptimer history: not valid JSON{at}: {reason}"
        ) from None
    return _Reader(path).history(document)


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


class _Reader:
    """Checks one document; every problem raises with its field's path."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.steps = 0

    def fail(self, where: str, what: str) -> ClientFileError:
        return ClientFileError(f"{self.path}: {where}: {what}")

    # -- the document ---------------------------------------------------------------------

    def history(self, document: object) -> ClientHistory:
        if not isinstance(document, dict):
            raise ClientFileError(
                f"{self.path}: not a hiptimer history: it holds {_kind(document)}, not an object"
                " with schema_version, sessions and measurements"
            )
        for key in ("schema_version", "sessions", "measurements"):
            if key not in document:
                raise ClientFileError(
                    f"{self.path}: not a hiptimer history export: `{key}` is missing"
                    " (make one with: hiptimer history --format json)"
                )
        version = self.number(document, "schema_version", "", Limits(1, 2**31))
        if version > CURRENT_VERSION:
            raise ClientFileError(
                f"{self.path}: schema_version: the file was written by a newer hiptimer "
                f"(history format {version}; this version reads up to {CURRENT_VERSION}). "
                "Update hiptimer to open it."
            )
        sessions = self.listed(document, "sessions", "", MAX_SESSIONS, self.session)
        ids = [session.id for session in sessions]
        twice = _first_twice(ids)
        if twice is not None:
            raise self.fail("sessions", f"the session id {twice} is given twice")
        measurements = self.listed(document, "measurements", "", MAX_MEASUREMENTS, self.measurement)
        twice = _first_twice([m.id for m in measurements])
        if twice is not None:
            raise self.fail("measurements", f"the measurement id {twice} is given twice")
        known = set(ids)
        for index, m in enumerate(measurements):
            if m.session_id is not None and m.session_id not in known:
                raise self.fail(
                    f"measurements[{index}].session_id", f"no session has the id {m.session_id}"
                )
        routines = self.routines(document.get("routines", {}))
        return ClientHistory(self.path, version, tuple(sessions), tuple(measurements), routines)

    def routines(self, value: object) -> dict[str, str]:
        if not isinstance(value, dict):
            raise self.fail("routines", f"must be an object of routine texts, got {_kind(value)}")
        if len(value) > MAX_ROUTINES:
            raise self.fail(
                "routines", f"too many routines: {len(value):,} (at most {MAX_ROUTINES:,})"
            )
        for key, text in value.items():
            if len(key) > MAX_NAME_CHARS:
                raise self.fail("routines", f"a routine hash is {len(key):,} characters long")
            self.text_value(text, f"routines[{json.dumps(key)}]", MAX_ROUTINE_TEXT_CHARS)
        return dict(value)

    # -- records ----------------------------------------------------------------------------

    def session(self, item: object, where: str) -> ClientSession:
        fields = self.record(item, where)
        steps = self.listed(fields, "steps", where, MAX_STEPS_PER_SESSION, self.step)
        self.steps += len(steps)
        if self.steps > MAX_STEPS:
            raise self.fail(f"{where}.steps", f"too many steps in the file (at most {MAX_STEPS:,})")
        counts_as = fields.get("counts_as")
        return ClientSession(
            id=self.number(fields, "id", where, _ROW_IDS),
            routine_id=self.text(fields, "routine_id", where, MAX_NAME_CHARS),
            routine_name=self.text(fields, "routine_name", where, MAX_NAME_CHARS),
            routine_hash=self.text(fields, "routine_hash", where, MAX_NAME_CHARS),
            side_choice=self.word(fields, "side_choice", where, SideChoice),
            started_at=self.moment(fields, "started_at", where),
            ended_at=self.optional(fields, "ended_at", where, self.moment),
            active_seconds=self.seconds(fields, "active_seconds", where),
            status=self.word(fields, "status", where, SessionStatus),
            pain=self.optional(fields, "pain", where, self.pain),
            note=self.text(fields, "note", where, MAX_NOTE_CHARS, empty=True),
            planned_steps=self.optional(fields, "planned_steps", where, self.count),
            counts_as=None
            if counts_as is None
            else self.word(fields, "counts_as", where, SessionKind),
            steps=tuple(steps),
        )

    def step(self, item: object, where: str) -> ClientStep:
        fields = self.record(item, where)
        return ClientStep(
            step_index=self.number(fields, "step_index", where, _COUNTS),
            exercise_id=self.text(fields, "exercise_id", where, MAX_NAME_CHARS),
            exercise_name=self.text(fields, "exercise_name", where, MAX_NAME_CHARS),
            kind=self.word(fields, "kind", where, Kind),
            side=self.optional(fields, "side", where, lambda f, k, w: self.word(f, k, w, Side)),
            set_number=self.optional(fields, "set_number", where, self.sets),
            set_count=self.optional(fields, "set_count", where, self.sets),
            status=self.word(fields, "status", where, StepStatus),
            planned_seconds=self.seconds(fields, "planned_seconds", where),
            actual_seconds=self.seconds(fields, "actual_seconds", where),
            planned_reps=self.optional(fields, "planned_reps", where, self.count),
            actual_reps=self.optional(fields, "actual_reps", where, self.count),
            measurement=self.optional(fields, "measurement", where, self.degrees),
            ended_at=self.moment(fields, "ended_at", where),
        )

    def measurement(self, item: object, where: str) -> ClientMeasurement:
        fields = self.record(item, where)
        test = self.text(fields, "test", where, MAX_NAME_CHARS)
        if test not in TESTS:
            raise self.fail(f"{where}.test", f"unknown test {test!r} (known: {', '.join(TESTS)})")
        photo = fields.get("from_photo", False)
        if not isinstance(photo, bool):
            raise self.fail(f"{where}.from_photo", f"must be true or false, got {_shown(photo)}")
        return ClientMeasurement(
            id=self.number(fields, "id", where, _ROW_IDS),
            session_id=self.optional(
                fields, "session_id", where, lambda f, k, w: self.number(f, k, w, _ROW_IDS)
            ),
            test=test,
            side=self.word(fields, "side", where, Side),
            degrees=self.degrees(fields, "degrees", where),
            taken_at=self.moment(fields, "taken_at", where),
            note=self.text(fields, "note", where, MAX_NOTE_CHARS, empty=True),
            from_photo=photo,
        )

    # -- values -------------------------------------------------------------------------------

    def record(self, item: object, where: str) -> dict[str, Any]:
        if not isinstance(item, dict):
            raise self.fail(where, f"must be an object, got {_kind(item)}")
        return item

    def listed(
        self,
        fields: dict[str, Any],
        key: str,
        where: str,
        most: int,
        read: Callable[[object, str], Any],
    ) -> list[Any]:
        name = f"{where}.{key}" if where else key
        value = self.present(fields, key, where)
        if not isinstance(value, list):
            raise self.fail(name, f"must be a list, got {_kind(value)}")
        if len(value) > most:
            raise self.fail(name, f"too many entries: {len(value):,} (at most {most:,})")
        return [read(entry, f"{name}[{index}]") for index, entry in enumerate(value)]

    def present(self, fields: dict[str, Any], key: str, where: str) -> Any:
        if key not in fields:
            raise self.fail(where or key, f"`{key}` is missing")
        return fields[key]

    def optional(
        self, fields: dict[str, Any], key: str, where: str, read: Callable[..., Any]
    ) -> Any:
        return None if fields.get(key) is None else read(fields, key, where)

    def number(self, fields: dict[str, Any], key: str, where: str, limits: Limits) -> int:
        value = self.present(fields, key, where)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(_at(where, key), f"must be a whole number, got {_shown(value)}")
        if not limits.low <= value <= limits.high:
            raise self.fail(
                _at(where, key),
                f"must be from {limits.low:,} to {limits.high:,}, got {_shown(value)}",
            )
        return value

    def count(self, fields: dict[str, Any], key: str, where: str) -> int:
        return self.number(fields, key, where, _COUNTS)

    def sets(self, fields: dict[str, Any], key: str, where: str) -> int:
        return self.number(fields, key, where, SETS_LIMITS)

    def pain(self, fields: dict[str, Any], key: str, where: str) -> int:
        return self.number(fields, key, where, PAIN_LIMITS)

    def degrees(self, fields: dict[str, Any], key: str, where: str) -> int:
        return self.number(fields, key, where, DEGREE_LIMITS)

    def seconds(self, fields: dict[str, Any], key: str, where: str) -> float:
        value = self.present(fields, key, where)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(_at(where, key), f"must be a number of seconds, got {_shown(value)}")
        if not (math.isfinite(value) and 0 <= value <= SECONDS_LIMIT):
            raise self.fail(
                _at(where, key), f"must be from 0 to {SECONDS_LIMIT:,.0f} seconds, got {value}"
            )
        return float(value)

    def text(
        self, fields: dict[str, Any], key: str, where: str, most: int, *, empty: bool = False
    ) -> str:
        return self.text_value(self.present(fields, key, where), _at(where, key), most, empty)

    def text_value(self, value: object, name: str, most: int, empty: bool = False) -> str:
        if not isinstance(value, str):
            raise self.fail(name, f"must be text, got {_kind(value)}")
        if not empty and not value.strip():
            raise self.fail(name, "must not be empty")
        if len(value) > most:
            raise self.fail(name, f"is too long: {len(value):,} characters (at most {most:,})")
        return value

    def word(self, fields: dict[str, Any], key: str, where: str, words: type[E]) -> E:
        value = self.present(fields, key, where)
        table = _WORDS.get(words)
        if table is None:
            table = _WORDS[words] = {member.value: member for member in words}
        found = table.get(value) if isinstance(value, str) else None
        if found is not None:
            return cast(E, found)
        known = ", ".join(str(member.value) for member in words)
        raise self.fail(_at(where, key), f"must be one of {known}, got {_shown(value)}")

    def moment(self, fields: dict[str, Any], key: str, where: str) -> datetime:
        value = self.present(fields, key, where)
        moment = None
        if isinstance(value, str) and len(value) <= 40:
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                moment = None
        if moment is None or moment.utcoffset() is None:
            raise self.fail(
                _at(where, key),
                "must be a date and time with its offset, like 2026-01-05T18:00:00+01:00, "
                f"got {_shown(value)}",
            )
        return moment


def _first_twice(values: list[int]) -> int | None:
    seen: set[int] = set()
    for value in values:
        if value in seen:
            return value
        seen.add(value)
    return None


def _at(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {_shown(value)}"
    return f"the number {_shown(value)}"


def _shown(value: object) -> str:
    """A value as a message quotes it, cut short."""
    if isinstance(value, (dict, list)):
        return _kind(value)
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:40] + "…"
