"""Opening someone else's history export: the same history comes back, read-only; a hostile or
malformed file is one clear error naming the file, the field and what is wrong."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hiptimer.core.history import client_file
from hiptimer.core.history.client_file import ClientFileError, read_client_file
from hiptimer.core.history.client_store import open_client_history
from hiptimer.core.history.export import export
from hiptimer.core.history.schema import CURRENT_VERSION
from hiptimer.core.history.store import HistoryStore
from hiptimer.core.routines.model import Kind, Side
from tests.fakes import make_outcome

BERLIN = ZoneInfo("Europe/Berlin")
T0 = datetime(2026, 1, 5, 18, 0, tzinfo=BERLIN)


def fill(store: HistoryStore) -> HistoryStore:
    first = store.begin_session(
        "daily", "Daily", "h1", "both", T0, routine_text="format: 1\nroutines: []\n"
    )
    store.record_step(
        first,
        make_outcome(0, "prone-ir-test", "Prone test", Kind.TEST, Side.LEFT, measurement=31),
        T0 + timedelta(minutes=1),
    )
    store.record_step(
        first,
        make_outcome(1, "swivel-chair", "Swivel", Kind.REPS, Side.LEFT, "done", 300, 310, 20, 20),
        T0 + timedelta(minutes=7),
    )
    store.finish_session(first, T0 + timedelta(minutes=8), "ended_early", 480)
    store.set_feedback(first, 6, "sore on the left")
    store.add_measurement("seated", "right", 44, T0 + timedelta(days=1), note="helper")
    return store


def _shown(row) -> tuple:
    return (
        row.routine_id,
        row.started_at,
        row.status,
        row.pain,
        row.note,
        row.kind,
        row.steps_done,
        row.active_seconds,
    )


@pytest.fixture
def exported(store: HistoryStore, tmp_path: Path) -> Path:
    path = tmp_path / "client.json"
    path.write_text(export(fill(store), "json"), encoding="utf-8")
    return path


def document(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: object, name: str = "bad.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_export_opens_as_the_same_history(store: HistoryStore, exported: Path) -> None:
    client, read = open_client_history(exported)
    with client:
        assert read.schema_version == CURRENT_VERSION
        mine = store.sessions(limit=None)
        theirs = client.sessions(limit=None)
        assert [_shown(r) for r in theirs] == [_shown(r) for r in mine]
        assert [(m.test, m.side, m.degrees, m.taken_at) for m in client.measurements()] == [
            (m.test, m.side, m.degrees, m.taken_at) for m in store.measurements()
        ]
        assert client.routine_texts() == store.routine_texts()
        assert client.totals() == store.totals()
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            client._conn.execute("DELETE FROM sessions")
        assert client.path == exported


def test_an_older_export_without_routines_still_opens(exported: Path, tmp_path: Path) -> None:
    data = document(exported)
    del data["routines"]
    for session in data["sessions"]:
        del session["counts_as"]
    data["schema_version"] = 7
    client, read = open_client_history(write(tmp_path, data))
    with client:
        assert read.routines == {}
        [session] = client.sessions()
        assert session.kind == "workout"  # decided again from its steps, by the one rule


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["sessions"][0].update(started_at="yesterday"),
            "sessions[0].started_at: must be a date and time with its offset",
        ),
        (
            lambda d: d["sessions"][0].update(started_at="2026-01-05T18:00:00"),
            "sessions[0].started_at: must be a date and time with its offset",
        ),
        (
            lambda d: d["sessions"][0].update(pain=11),
            "sessions[0].pain: must be from 0 to 10, got 11",
        ),
        (
            lambda d: d["sessions"][0].update(pain="6"),
            'sessions[0].pain: must be a whole number, got "6"',
        ),
        (
            lambda d: d["sessions"][0].update(status="done"),
            "sessions[0].status: must be one of incomplete, completed, ended_early, discarded",
        ),
        (
            lambda d: d["sessions"][0].update(active_seconds=-1),
            "sessions[0].active_seconds: must be from 0 to 86,400 seconds",
        ),
        (
            lambda d: d["sessions"][0].update(note=7),
            "sessions[0].note: must be text, got the number 7",
        ),
        (lambda d: d["sessions"][0].pop("routine_id"), "sessions[0]: `routine_id` is missing"),
        (
            lambda d: d["sessions"][0].update(steps={}),
            "sessions[0].steps: must be a list, got an object",
        ),
        (
            lambda d: d["sessions"][0]["steps"][1].update(kind="dance"),
            "sessions[0].steps[1].kind: must be one of hold",
        ),
        (
            lambda d: d["sessions"][0]["steps"][0].update(measurement=95),
            "sessions[0].steps[0].measurement: must be from 0 to 90",
        ),
        (
            lambda d: d["sessions"][0]["steps"][0].update(side="middle"),
            "sessions[0].steps[0].side: must be one of left, right",
        ),
        (
            lambda d: d["sessions"][0]["steps"].append([]),
            "sessions[0].steps[2]: must be an object, got a list",
        ),
        (
            lambda d: d["sessions"].append(dict(d["sessions"][0])),
            "sessions: the session id 1 is given twice",
        ),
        (
            lambda d: d["measurements"][0].update(test="standing"),
            "measurements[0].test: unknown test 'standing'",
        ),
        (
            lambda d: d["measurements"][1].update(session_id=99),
            "measurements[1].session_id: no session has the id 99",
        ),
        (
            lambda d: d["measurements"][0].update(from_photo="yes"),
            "measurements[0].from_photo: must be true or false",
        ),
        (
            lambda d: d.update(routines=[]),
            "routines: must be an object of routine texts, got a list",
        ),
        (lambda d: d.update(routines={"h1": None}), 'routines["h1"]: must be text, got null'),
        (lambda d: d.pop("sessions"), "not a hiptimer history export: `sessions` is missing"),
        (
            lambda d: d.update(schema_version=CURRENT_VERSION + 1),
            "schema_version: the file was written by a newer hiptimer"
            f" (history format {CURRENT_VERSION + 1}",
        ),
        (lambda d: d.update(schema_version="8"), "schema_version: must be a whole number"),
    ],
)
def test_a_bad_field_is_named_with_what_is_wrong(
    exported: Path, tmp_path: Path, change, message
) -> None:
    data = document(exported)
    change(data)
    path = write(tmp_path, data)
    with pytest.raises(ClientFileError) as error:
        open_client_history(path)
    assert str(error.value).startswith(f"{path}: ")
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not valid JSON (line 1)"),
        (b'{"schema_version": 8, "sessions": [', "not valid JSON (line 1)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe", "it is not text (byte 0 is not UTF-8)"),
        (b"[" * 200_000 + b"]" * 200_000, "nested too deeply"),
        (b'{"schema_version": NaN}', "not valid JSON"),
        (b'{"schema_version": ' + b"9" * 5000 + b"}", "not valid JSON"),
        (b"[1, 2, 3]", "it holds a list, not an object"),
        (b'"hello"', "it holds the text"),
    ],
)
def test_a_file_that_is_not_an_export_says_so(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "odd.json"
    path.write_bytes(content)
    with pytest.raises(ClientFileError, match=r"odd\.json: ") as error:
        read_client_file(path)
    assert message in str(error.value)


def test_a_file_over_the_size_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client_file, "MAX_CLIENT_FILE_BYTES", 1000)
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 1001)
    with pytest.raises(ClientFileError, match=r"big.json: the file is too large: 1,001 bytes"):
        read_client_file(path)


def test_too_many_entries_are_refused(
    exported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(client_file, "MAX_STEPS_PER_SESSION", 1)
    with pytest.raises(ClientFileError, match=r"sessions\[0\].steps: too many entries: 2"):
        read_client_file(exported)


def test_a_pipe_a_device_a_folder_and_a_missing_file_answer_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    for path, reason in (
        (fifo, "is not a regular file (a pipe)"),
        (Path("/dev/zero"), "is not a regular file (a device)"),
        (tmp_path, "is not a regular file (a folder)"),
        (tmp_path / "gone.json", "cannot be opened (no such file or directory)"),
    ):
        with pytest.raises(ClientFileError) as error:
            read_client_file(path)
        assert str(error.value) == f"{path}: the file {reason}"


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    key=st.sampled_from(
        ["sessions", "measurements", "routines", "schema_version", "id", "steps", "degrees"]
    ),
    value=_json_values,
)
def test_any_value_anywhere_is_an_error_or_a_history_never_a_crash(
    exported: Path, tmp_path: Path, key: str, value: object
) -> None:
    data = document(exported)
    if key in data:
        data[key] = value
    elif key in ("id", "steps"):
        data["sessions"][0][key] = value
    else:
        data["measurements"][0][key] = value
    path = write(tmp_path, data, "fuzz.json")
    try:
        store, _read = open_client_history(path)
    except ClientFileError as error:
        assert str(error).startswith(f"{path}: ")
    else:
        store.close()
