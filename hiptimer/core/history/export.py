"""`hiptimer history --format table|csv|json`: the whole history as text.

* table: aligned columns, sessions newest first, then measurements (what a person reads).
* csv: one sheet with a ``record`` column (``session``, ``step``, ``measurement``) so a
  spreadsheet can filter it; each row fills the columns that apply to it.  ``time`` is when a
  session started, a step ended or a measurement was taken.
* json: ``{"schema_version": N, "sessions": [{..., "steps": [...]}], "measurements": [...],
  "routines": {routine_hash: routine file text}}``: each session names the routine it played
  by its ``routine_hash``, and ``routines`` holds that routine's file (with every exercise it
  uses, so it reads on its own) for the sessions recorded since hiptimer keeps them.  This is
  the file ``hiptimer report --from`` and File → Open history… read (:mod:`client_file`).

csv and json list sessions oldest first.  Every session is exported, discarded ones too
(their status says so): an export is a full record.  Times keep the offset they were
recorded with; seconds are rounded to 0.1 s.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from hiptimer.core.history.rows import MeasurementRow, SessionRow, StepRow
from hiptimer.core.history.store import HistoryStore
from hiptimer.core.text import duration_text

FORMATS: tuple[str, ...] = ("table", "csv", "json")

CSV_COLUMNS: tuple[str, ...] = (
    "record",
    "session_id",
    "time",
    "ended_at",
    "routine_id",
    "routine_name",
    "routine_hash",
    "side",
    "status",
    "active_seconds",
    "pain",
    "note",
    "step_index",
    "exercise_id",
    "exercise_name",
    "kind",
    "set_number",
    "set_count",
    "progression_level",
    "planned_seconds",
    "actual_seconds",
    "planned_reps",
    "actual_reps",
    "test",
    "degrees",
    "planned_steps",
    "from_photo",  # 1 when a measurement's degrees were measured on a photo
)


def export(store: HistoryStore, fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown history format {fmt!r}; use one of {', '.join(FORMATS)}")
    sessions = store.sessions(limit=None, include_discarded=True)
    steps = _steps_by_session(store)
    measurements = store.measurements()
    if fmt == "table":
        return _table(sessions, measurements)
    if fmt == "csv":
        return _csv(sessions, steps, measurements)
    return _json(store.schema_version, sessions, steps, measurements, store.routine_texts())


def _steps_by_session(store: HistoryStore) -> dict[int, list[StepRow]]:
    grouped: dict[int, list[StepRow]] = defaultdict(list)
    for step in store.all_steps():
        grouped[step.session_id].append(step)
    return grouped


def _seconds(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


# -- table ----------------------------------------------------------------------------------


def _table(sessions: Sequence[SessionRow], measurements: Sequence[MeasurementRow]) -> str:
    parts = ["Sessions"]
    if sessions:
        parts.append(
            _aligned(
                ("Date", "Routine", "Side", "Duration", "Status", "Pain", "Steps"),
                [
                    (
                        session.started_at.strftime("%Y-%m-%d %H:%M"),
                        session.routine_name,
                        session.side_choice.value,
                        duration_text(session.active_seconds),
                        session.status.value.replace("_", " "),
                        "" if session.pain is None else str(session.pain),
                        f"{session.steps_done}/{session.steps_of}",
                    )
                    for session in sessions
                ],
                right=frozenset({"Duration", "Pain", "Steps"}),
            )
        )
    else:
        parts.append("No sessions recorded yet.")
    parts += ["", "Measurements"]
    if measurements:
        parts.append(
            _aligned(
                ("Date", "Test", "Side", "Degrees", "How", "Note"),
                [
                    (
                        m.taken_at.strftime("%Y-%m-%d %H:%M"),
                        m.test,
                        m.side.value,
                        str(m.degrees),
                        "photo" if m.from_photo else "typed",
                        m.note,
                    )
                    for m in measurements
                ],
                right=frozenset({"Degrees"}),
            )
        )
    else:
        parts.append("No measurements recorded yet.")
    return "\n".join(parts) + "\n"


def _aligned(
    header: Sequence[str], rows: Sequence[Sequence[str]], right: frozenset[str] = frozenset()
) -> str:
    cells = [[_one_line(cell) for cell in row] for row in rows]
    widths = [max(len(row[i]) for row in [list(header), *cells]) for i in range(len(header))]

    def line(row: Sequence[str]) -> str:
        padded = [
            cell.rjust(width) if name in right else cell.ljust(width)
            for cell, width, name in zip(row, widths, header, strict=True)
        ]
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(header), rule, *(line(row) for row in cells)])


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- csv ------------------------------------------------------------------------------------


def _csv(
    sessions: Sequence[SessionRow],
    steps: dict[int, list[StepRow]],
    measurements: Sequence[MeasurementRow],
) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for session in sorted(sessions, key=lambda s: (s.started_at.timestamp(), s.id)):
        writer.writerow(
            {
                "record": "session",
                "session_id": session.id,
                "time": session.started_at.isoformat(),
                "ended_at": "" if session.ended_at is None else session.ended_at.isoformat(),
                "routine_id": session.routine_id,
                "routine_name": session.routine_name,
                "routine_hash": session.routine_hash,
                "side": session.side_choice.value,
                "status": session.status.value,
                "active_seconds": _seconds(session.active_seconds),
                "pain": session.pain,
                "note": session.note,
                "planned_steps": session.planned_steps,
            }
        )
        for step in steps.get(session.id, []):
            writer.writerow(
                {
                    "record": "step",
                    "session_id": step.session_id,
                    "time": step.ended_at.isoformat(),
                    "side": "" if step.side is None else step.side.value,
                    "status": step.status.value,
                    "step_index": step.step_index,
                    "exercise_id": step.exercise_id,
                    "exercise_name": step.exercise_name,
                    "kind": step.kind.value,
                    "set_number": step.set_number,
                    "set_count": step.set_count,
                    "progression_level": step.progression_level,
                    "planned_seconds": _seconds(step.planned_seconds),
                    "actual_seconds": _seconds(step.actual_seconds),
                    "planned_reps": step.planned_reps,
                    "actual_reps": step.actual_reps,
                    "degrees": step.measurement,
                }
            )
    for m in measurements:
        writer.writerow(
            {
                "record": "measurement",
                "session_id": m.session_id,
                "time": m.taken_at.isoformat(),
                "side": m.side.value,
                "note": m.note,
                "test": m.test,
                "degrees": m.degrees,
                "from_photo": int(m.from_photo),
            }
        )
    return out.getvalue()


# -- json -----------------------------------------------------------------------------------


def _json(
    schema_version: int,
    sessions: Sequence[SessionRow],
    steps: dict[int, list[StepRow]],
    measurements: Sequence[MeasurementRow],
    routines: dict[str, str],
) -> str:
    document: dict[str, Any] = {
        "schema_version": schema_version,
        "sessions": [
            {
                "id": s.id,
                "routine_id": s.routine_id,
                "routine_name": s.routine_name,
                "routine_hash": s.routine_hash,
                "side_choice": s.side_choice.value,
                "started_at": s.started_at.isoformat(),
                "ended_at": None if s.ended_at is None else s.ended_at.isoformat(),
                "active_seconds": _seconds(s.active_seconds),
                "status": s.status.value,
                "counts_as": s.kind,
                "pain": s.pain,
                "note": s.note,
                "planned_steps": s.planned_steps,
                "steps": [_step_json(step) for step in steps.get(s.id, [])],
            }
            for s in sorted(sessions, key=lambda s: (s.started_at.timestamp(), s.id))
        ],
        "measurements": [
            {
                "id": m.id,
                "session_id": m.session_id,
                "test": m.test,
                "side": m.side.value,
                "degrees": m.degrees,
                "taken_at": m.taken_at.isoformat(),
                "note": m.note,
                "from_photo": m.from_photo,
            }
            for m in measurements
        ],
        "routines": routines,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _step_json(step: StepRow) -> dict[str, Any]:
    return {
        "step_index": step.step_index,
        "exercise_id": step.exercise_id,
        "exercise_name": step.exercise_name,
        "kind": step.kind.value,
        "side": None if step.side is None else step.side.value,
        "set_number": step.set_number,
        "set_count": step.set_count,
        "progression_level": step.progression_level,
        "status": step.status.value,
        "planned_seconds": _seconds(step.planned_seconds),
        "actual_seconds": _seconds(step.actual_seconds),
        "planned_reps": step.planned_reps,
        "actual_reps": step.actual_reps,
        "measurement": step.measurement,
        "ended_at": step.ended_at.isoformat(),
    }
