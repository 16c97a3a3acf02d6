"""`hiptimer history --format table|csv|json`: each format parses back to what was recorded."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta
from functools import partial
from zoneinfo import ZoneInfo

import pytest

from hiptimer.core.history.export import CSV_COLUMNS, export
from hiptimer.core.history.store import HistoryStore
from hiptimer.core.routines.model import Kind, Side
from tests.fakes import make_outcome

BERLIN = ZoneInfo("Europe/Berlin")
T0 = datetime(2026, 1, 5, 18, 0, tzinfo=BERLIN)
FULL_TEXT = "format: 1\nroutines: []\n"
AWKWARD_NOTE = 'sore, "left" hip\nbetter after stretching'


Outcome = partial(make_outcome, actual_seconds=61.234)


@pytest.fixture
def filled(store: HistoryStore) -> HistoryStore:
    first = store.begin_session(
        "full", "Full program", "sha256:f", "both", T0, routine_text=FULL_TEXT
    )
    store.record_step(
        first,
        Outcome(0, "prone-ir-test", "Prone test", Kind.TEST, Side.LEFT, measurement=31),
        T0 + timedelta(minutes=1),
    )
    store.record_step(
        first,
        Outcome(1, "swivel-chair", "Swivel chair", Kind.REPS, Side.LEFT, "skipped", 60, 2, 20, 1),
        T0 + timedelta(minutes=2),
    )
    store.finish_session(first, T0 + timedelta(minutes=40), "completed", 2345.67)
    store.set_feedback(first, 2, AWKWARD_NOTE)
    second = store.begin_session("quick", "Quick, releases", "sha256:q", "right", T0 + timedelta(1))
    store.record_step(
        second,
        Outcome(0, "piriformis-release", "Piriformis", Kind.RELEASE, Side.RIGHT),
        T0 + timedelta(days=1, minutes=2),
    )
    dropped = store.begin_session("full", "Full program", "sha256:f", "left", T0 + timedelta(2))
    store.discard_session(dropped)
    store.add_measurement("seated", "right", 44, T0 + timedelta(days=3), note="with helper")
    return store


def test_csv_parses_back_into_sessions_steps_and_measurements(filled: HistoryStore) -> None:
    rows = list(csv.DictReader(io.StringIO(export(filled, "csv"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [(r["record"], r["session_id"]) for r in rows] == [
        ("session", "1"),
        ("step", "1"),
        ("step", "1"),
        ("session", "2"),
        ("step", "2"),
        ("session", "3"),
        ("measurement", "1"),
        ("measurement", ""),
    ]
    first = rows[0]
    assert first["time"] == "2026-01-05T18:00:00+01:00"
    assert (first["routine_name"], first["side"], first["status"]) == (
        "Full program",
        "both",
        "completed",
    )
    assert (first["active_seconds"], first["pain"], first["note"]) == ("2345.7", "2", AWKWARD_NOTE)
    skipped = rows[2]
    assert (skipped["exercise_id"], skipped["kind"], skipped["status"]) == (
        "swivel-chair",
        "reps",
        "skipped",
    )
    assert (skipped["planned_reps"], skipped["actual_reps"], skipped["actual_seconds"]) == (
        "20",
        "1",
        "2.0",
    )
    assert rows[1]["degrees"] == "31" and rows[1]["actual_seconds"] == "61.2"
    assert rows[3]["routine_name"] == "Quick, releases"
    assert rows[5]["status"] == "discarded"
    assert (rows[7]["test"], rows[7]["side"], rows[7]["degrees"], rows[7]["note"]) == (
        "seated",
        "right",
        "44",
        "with helper",
    )


def test_json_parses_back_with_steps_nested(filled: HistoryStore) -> None:
    document = json.loads(export(filled, "json"))
    assert set(document) == {"schema_version", "sessions", "measurements", "routines"}
    assert document["routines"] == {"sha256:f": FULL_TEXT}  # "quick" was recorded without
    first, second, dropped = document["sessions"]
    assert first["routine_id"] == "full" and first["note"] == AWKWARD_NOTE
    assert first["started_at"] == "2026-01-05T18:00:00+01:00"
    assert first["ended_at"] == "2026-01-05T18:40:00+01:00"
    assert [s["exercise_id"] for s in first["steps"]] == ["prone-ir-test", "swivel-chair"]
    assert first["steps"][0]["measurement"] == 31 and first["steps"][0]["side"] == "left"
    assert first["steps"][1]["planned_reps"] == 20
    assert second["ended_at"] is None and second["status"] == "incomplete"
    assert len(second["steps"]) == 1
    assert dropped["status"] == "discarded" and dropped["steps"] == []
    assert [
        (m["test"], m["side"], m["degrees"], m["session_id"]) for m in document["measurements"]
    ] == [
        ("prone", "left", 31, 1),
        ("seated", "right", 44, None),
    ]


def test_table_has_aligned_columns(filled: HistoryStore) -> None:
    text = export(filled, "table")
    lines = text.splitlines()
    assert lines[0] == "Sessions"
    header, rule, *body = lines[1:6]
    routine_at = header.index("Routine")
    assert set(rule) == {"-", " "}
    assert body[0][routine_at:].startswith("Full program")  # newest first: the discarded one
    assert body[2][routine_at:].startswith("Full program")
    assert "2026-01-05 18:00" in body[2] and "39:06" in body[2] and "1/2" in body[2]
    assert "sore" not in text  # notes stay out of the sessions table
    measurements = lines[lines.index("Measurements") + 1 :]
    degrees_end = measurements[0].index("Degrees") + len("Degrees")
    assert measurements[2][:degrees_end].endswith("31")
    assert "with helper" in measurements[3]


def test_an_empty_history_exports_cleanly(store: HistoryStore) -> None:
    assert "No sessions recorded yet." in export(store, "table")
    assert "No measurements recorded yet." in export(store, "table")
    assert export(store, "csv").strip() == ",".join(CSV_COLUMNS)
    assert json.loads(export(store, "json"))["sessions"] == []


def test_an_unknown_format_is_refused(store: HistoryStore) -> None:
    with pytest.raises(ValueError, match="table, csv, json"):
        export(store, "xml")


def test_each_set_of_each_side_is_a_step_in_csv_and_json(store: HistoryStore) -> None:
    session = store.begin_session("sets", "Sets", "sha256:s", "both", T0)
    played = [(Side.RIGHT, 1, 3), (Side.RIGHT, 2, 3), (Side.RIGHT, 3, 3), (Side.LEFT, 1, 2)]
    for index, (side, number, count) in enumerate(played):
        outcome = Outcome(index, side=side, set_number=number, set_count=count)
        store.record_step(session, outcome, T0 + timedelta(minutes=index))
    steps = [r for r in csv.DictReader(io.StringIO(export(store, "csv"))) if r["record"] == "step"]
    assert [(r["side"], r["set_number"], r["set_count"]) for r in steps] == [
        (side.value, str(number), str(count)) for side, number, count in played
    ]
    (document,) = json.loads(export(store, "json"))["sessions"]
    assert [(s["side"], s["set_number"], s["set_count"]) for s in document["steps"]] == [
        (side.value, number, count) for side, number, count in played
    ]
