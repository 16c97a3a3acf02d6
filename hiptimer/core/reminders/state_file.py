"""The reminder state on disk: a few fields of JSON, written atomically.

A damaged or foreign file is never fatal: the runs start from a blank state (at worst one
reminder is shown again), and the next save replaces it.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from hiptimer.core.atomic_file import atomic_write
from hiptimer.core.bounded_read import ReadProblem, read_bounded
from hiptimer.core.reminders.rules import ReminderKind, ReminderState

MAX_STATE_BYTES = 4096


def load_state(path: Path) -> ReminderState:
    try:
        raw = json.loads(read_bounded(path, MAX_STATE_BYTES).decode("utf-8"))
        return ReminderState(
            served=_moment(raw.get("served")),
            snoozed_until=_moment(raw.get("snoozed_until")),
            repeats=int(raw.get("repeats", 0)),
            skipped_day=None
            if raw.get("skipped_day") is None
            else date.fromisoformat(raw["skipped_day"]),
            kind=ReminderKind(raw.get("kind", ReminderKind.SESSION.value)),
        )
    except (ReadProblem, OSError, ValueError, TypeError, AttributeError, RecursionError):
        return ReminderState()  # nested too deep, damaged or missing: start afresh


def _moment(text: object) -> datetime | None:
    if text is None:
        return None
    if not isinstance(text, str):
        raise TypeError("a time must be text")
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("a stored time needs its offset")
    return moment


def save_state(path: Path, state: ReminderState) -> None:
    data = {
        "served": None if state.served is None else state.served.isoformat(),
        "snoozed_until": None if state.snoozed_until is None else state.snoozed_until.isoformat(),
        "repeats": state.repeats,
        "skipped_day": None if state.skipped_day is None else state.skipped_day.isoformat(),
        "kind": state.kind.value,
    }
    atomic_write(path, json.dumps(data, indent=2, sort_keys=True))
