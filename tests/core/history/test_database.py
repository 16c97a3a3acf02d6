"""The history file: migration, newer versions, damaged files, crashes, two writers at once."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from functools import partial
from pathlib import Path

import pytest

from hiptimer.core.history import database as history_file
from hiptimer.core.history.errors import (
    HistoryBusyError,
    HistoryCorruptError,
    HistoryError,
    HistoryUnavailableError,
    HistoryVersionError,
)
from hiptimer.core.history.schema import APPLICATION_ID, CURRENT_VERSION, MIGRATIONS
from hiptimer.core.history.store import HistoryStore, open_history
from hiptimer.core.paths import AppPaths
from tests.core.history.oracles import trends_of
from tests.fakes import damaged_history, full_history, make_outcome
from tests.real_parts import read_only_folder

V1_FILE = Path(__file__).parent / "data" / "history_v1.sqlite3"
REPO_ROOT = Path(__file__).resolve().parents[3]
UTC = timezone.utc
T0 = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
NOW = datetime(2026, 1, 5, 9, 30, 0)


Outcome = partial(make_outcome, actual_seconds=60.0)


@pytest.fixture
def history_path(app_paths: AppPaths) -> Path:
    app_paths.data_dir.mkdir(parents=True)
    return app_paths.history_file


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


# -- a new file -----------------------------------------------------------------------------


def test_a_new_file_gets_the_current_schema_in_wal_mode(app_paths: AppPaths) -> None:
    store, message = open_history(app_paths.history_file)  # the data folder does not exist yet
    with store:
        assert message is None
        assert store.schema_version == CURRENT_VERSION
        conn = store._conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert not list(app_paths.data_dir.glob("*.bak"))


def test_reopening_keeps_everything(history_path: Path) -> None:
    store, _ = open_history(history_path)
    with store:
        session_id = store.begin_session("full", "Full", "h", "left", T0)
        store.record_step(session_id, Outcome(0), T0 + timedelta(minutes=1))
    store, message = open_history(history_path)
    with store:
        assert message is None
        assert [s.id for s in store.sessions()] == [session_id]
        assert len(store.session_steps(session_id)) == 1


def test_an_empty_file_is_a_new_history(history_path: Path) -> None:
    history_path.write_bytes(b"")
    store, message = open_history(history_path)
    with store:
        assert message is None and store.schema_version == CURRENT_VERSION


# -- migration ------------------------------------------------------------------------------


def test_the_saved_v1_file_migrates_after_a_backup(history_path: Path) -> None:
    shutil.copyfile(V1_FILE, history_path)
    store, message = open_history(history_path)
    with store:
        assert message is None
        assert store.schema_version == CURRENT_VERSION == 8
        sessions = store.sessions()
        assert [(s.routine_id, s.status, s.pain, s.note) for s in sessions] == [
            ("quick-releases", "incomplete", None, ""),
            ("full-program", "completed", None, ""),
        ]
        assert sessions[1].started_at.isoformat() == "2025-12-28T18:00:00+01:00"
        assert [s.status for s in store.session_steps(sessions[1].id)] == [
            "done",
            "done",
            "skipped",
        ]
        assert [(m.test, m.degrees, m.note) for m in store.measurements()] == [
            ("prone", 28, ""),
            ("seated", 40, ""),
        ]
        [offer] = store.incomplete_sessions()
        assert offer.last_step_index == 0
        store.set_feedback(sessions[1].id, 2, "new in v2")  # the new columns work
        assert store.session(sessions[1].id).note == "new in v2"

    backup = history_path.with_name("history.sqlite3.v1.bak")
    assert backup.is_file()
    with _raw(backup) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == 1
        assert old.execute("SELECT count(*) FROM steps").fetchone()[0] == 4
        columns = [row[1] for row in old.execute("PRAGMA table_info(sessions)")]
        assert "pain" not in columns
    old.close()


def test_an_earlier_backup_is_never_overwritten(history_path: Path) -> None:
    earlier = history_path.with_name("history.sqlite3.v1.bak")
    earlier.write_bytes(b"an earlier backup")
    shutil.copyfile(V1_FILE, history_path)
    store, _ = open_history(history_path)
    store.close()
    assert earlier.read_bytes() == b"an earlier backup"
    second = history_path.with_name("history.sqlite3.v1-2.bak")
    with _raw(second) as copy:
        assert copy.execute("SELECT count(*) FROM sessions").fetchone()[0] == 2
    copy.close()


def test_a_file_already_current_is_not_backed_up_again(history_path: Path) -> None:
    shutil.copyfile(V1_FILE, history_path)
    for _ in range(2):
        store, _ = open_history(history_path)
        store.close()
    assert [p.name for p in history_path.parent.glob("*.bak")] == ["history.sqlite3.v1.bak"]


# -- a newer version ------------------------------------------------------------------------


@pytest.mark.parametrize("journal_mode", ["delete", "wal"])
def test_a_newer_file_is_refused_and_left_untouched(history_path: Path, journal_mode: str) -> None:
    conn = _raw(history_path)
    conn.execute(f"PRAGMA journal_mode = {journal_mode}")
    conn.execute("CREATE TABLE sessions (id INTEGER PRIMARY KEY, future TEXT)")
    conn.execute("INSERT INTO sessions (future) VALUES ('from v3')")
    conn.execute(f"PRAGMA user_version = {CURRENT_VERSION + 1}")
    conn.close()
    before = _files(history_path.parent)

    with pytest.raises(HistoryVersionError) as caught:
        open_history(history_path, NOW)
    message = str(caught.value)
    assert str(history_path) in message
    assert "newer version" in message and "untouched" in message
    assert _files(history_path.parent) == before


# -- damaged files --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["random bytes", "text", "truncated database", "damaged page"])
def test_a_damaged_file_is_moved_aside_and_a_new_one_started(history_path: Path, kind: str) -> None:
    if kind == "random bytes":
        content = random.Random(7).randbytes(16384)
    elif kind == "text":
        content = b"Session log\nMonday: stretches\n"
    elif kind == "truncated database":
        content = full_history(history_path)
        content = content[: len(content) // 2]
    else:
        content = damaged_history(history_path)
    history_path.write_bytes(content)

    store, message = open_history(history_path, NOW)
    moved = history_path.with_name("history.sqlite3.corrupt-20260105-093000")
    with store:
        assert message is not None
        assert str(moved) in message and "new, empty history" in message
        assert "\n" not in message
        assert store.sessions() == [] and store.schema_version == CURRENT_VERSION
        store.begin_session("full", "Full", "h", "left", T0)
    assert moved.read_bytes() == content


def test_the_windows_open_skips_the_check_and_writes_nothing_to_a_damaged_file(
    history_path: Path,
) -> None:
    """The window opens without the check (the writer runs it on its thread): a damaged file
    is read as it is, and opening it changes no byte of it."""
    content = damaged_history(history_path)
    with HistoryStore.open(history_path, verify=False) as store:
        assert store.schema_version == CURRENT_VERSION
    assert history_path.read_bytes() == content
    with pytest.raises(HistoryCorruptError):
        HistoryStore.open(history_path)  # the check itself does find it


def test_a_file_that_needs_an_upgrade_is_checked_before_the_upgrade_writes(
    history_path: Path,
) -> None:
    saved = Path(__file__).parent / "data" / "history_v3.sqlite3"
    conn = sqlite3.connect(f"file:{saved}?mode=ro", uri=True)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'steps'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    old = bytearray(saved.read_bytes())
    start = (root - 1) * size
    old[start : start + 12] = (
        b"\x0d\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"  # the steps table's page
    )
    history_path.write_bytes(old)
    with pytest.raises(HistoryCorruptError):
        HistoryStore.open(history_path, verify=False)
    assert history_path.read_bytes() == bytes(old)
    assert not history_path.with_name("history.sqlite3.v3.bak").exists()
    store, message = open_history(history_path, NOW, verify=False)
    with store:
        assert message is not None and "corrupt-20260105-093000" in message
        assert store.sessions() == []
    assert history_path.with_name("history.sqlite3.corrupt-20260105-093000").read_bytes() == old


def test_a_second_damaged_file_gets_its_own_name(history_path: Path) -> None:
    history_path.write_text("first")
    open_history(history_path, NOW)[0].close()
    history_path.write_text("second")
    store, message = open_history(history_path, NOW)
    store.close()
    first = history_path.with_name("history.sqlite3.corrupt-20260105-093000")
    second = history_path.with_name("history.sqlite3.corrupt-20260105-093000.2")
    assert first.read_text() == "first" and second.read_text() == "second"
    assert message is not None and str(second) in message


def test_a_foreign_database_is_moved_aside(history_path: Path) -> None:
    conn = _raw(history_path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()
    before = history_path.read_bytes()
    store, message = open_history(history_path, NOW)
    store.close()
    assert message is not None and "not a hiptimer history" in message
    assert history_path.with_name("history.sqlite3.corrupt-20260105-093000").read_bytes() == before


def test_a_locked_file_is_reported_not_moved(
    history_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history_file, "BUSY_TIMEOUT_SECONDS", 0.05)
    holder = _raw(history_path)
    holder.execute("BEGIN EXCLUSIVE")  # a rollback-journal file: nobody else may even read
    holder.execute("CREATE TABLE t (x)")
    try:
        with pytest.raises(HistoryBusyError, match="locked"):
            open_history(history_path, NOW)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert [p.name for p in history_path.parent.iterdir()] == ["history.sqlite3"]


# -- a crash mid-session --------------------------------------------------------------------

_CHILD = """
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from hiptimer.core.history.store import open_history

@dataclass(frozen=True)
class Outcome:
    step_index: int
    exercise_id: str = "piriformis-release"
    exercise_name: str = "Piriformis release"
    kind: str = "release"
    side: str = "left"
    status: str = "done"
    planned_seconds: float = 60.0
    actual_seconds: float = 61.0
    planned_reps: None = None
    actual_reps: None = None
    measurement: None = None

t0 = datetime(2026, 1, 5, 9, 30, tzinfo=timezone.utc)
store, _ = open_history(Path(sys.argv[1]))
session_id = store.begin_session("full", "Full program", "sha256:1", "left", t0)
for index in range(3):
    store.record_step(session_id, Outcome(index), t0 + timedelta(minutes=index + 1))
with store.batch():  # a write in progress when the process dies
    store.record_step(session_id, Outcome(3), t0 + timedelta(minutes=4))
    print("ready", flush=True)
    sys.stdin.readline()
"""


def test_a_killed_process_loses_only_the_step_in_progress(history_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(history_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        for stream in (child.stdin, child.stdout):
            if stream is not None:
                stream.close()

    store, message = open_history(history_path, NOW)  # runs the integrity check
    with store:
        assert message is None
        [offer] = store.incomplete_sessions()
        assert (offer.routine_id, offer.last_step_index, offer.steps_recorded) == ("full", 2, 3)
        [session] = store.sessions()
        assert session.status == "incomplete"
        assert [s.step_index for s in store.session_steps(session.id)] == [0, 1, 2]
        assert store._conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


# -- two running copies ---------------------------------------------------------------------


def test_two_stores_writing_at_once_lose_nothing(history_path: Path) -> None:
    open_history(history_path)[0].close()
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def write(routine: str) -> None:
        try:
            store, _ = open_history(history_path)
            with store:
                start.wait()
                for n in range(40):
                    when = T0 + timedelta(minutes=n)
                    session_id = store.begin_session(routine, routine, "h", "left", when)
                    for index in range(3):
                        store.record_step(session_id, Outcome(index), when)
                    store.finish_session(session_id, when, "completed", 30.0)
        except BaseException as error:  # reported below, in the test thread
            errors.append(error)

    threads = [threading.Thread(target=write, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    store, _ = open_history(history_path)
    with store:
        sessions = store.sessions(limit=None)
        assert len(sessions) == 80
        assert {s.routine_id for s in sessions} == {"a", "b"}
        assert all(s.steps_done == 3 and s.status == "completed" for s in sessions)
        assert sum(1 for _ in store.all_steps()) == 240


def test_a_writer_waits_for_the_other_copy_to_commit(history_path: Path) -> None:
    first, _ = open_history(history_path)
    second, _ = open_history(history_path)
    written: list[int] = []
    with first, second:
        with first.batch():
            first.begin_session("a", "A", "h", "left", T0)
            # the second copy's write waits on the busy timeout until the first commits
            thread = threading.Thread(
                target=lambda: written.append(
                    _opened_and_written(history_path, T0 + timedelta(hours=1))
                )
            )
            thread.start()
        thread.join(timeout=30)
        assert len(written) == 1
        rows = second.sessions(include_discarded=True)  # (sessions with no step are unlisted)
        assert [s.routine_id for s in rows] == ["b", "a"]
        assert first.week_counts(date(2026, 1, 5), date(2026, 1, 5), UTC)[0].count == 0


def _opened_and_written(path: Path, when: datetime) -> int:
    store, _ = open_history(path)
    with store:
        return store.begin_session("b", "B", "h", "right", when)


def test_store_is_usable_as_a_context_manager(history_path: Path) -> None:
    with HistoryStore.open(history_path) as store:
        assert store.path == history_path


@pytest.fixture(autouse=True)
def _no_stray_threads() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    assert set(threading.enumerate()) <= before


def test_no_migration_without_its_backup(
    history_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copyfile(V1_FILE, history_path)

    def disk_full(path: Path, version: int) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(history_file, "backup_copy", disk_full)
    with pytest.raises(HistoryError, match=r"cannot be upgraded: .*No space left"):
        open_history(history_path, NOW)
    with _raw(history_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()


def test_a_v2_file_gets_the_monthly_summary_and_the_steps_index(history_path: Path) -> None:
    conn = _raw(history_path)
    for version, migration in enumerate(MIGRATIONS[:2], start=1):
        migration(conn)
        conn.execute(f"PRAGMA user_version = {version}")
    for n, (side, degrees) in enumerate([("left", 30), ("left", 34), ("right", 40)]):
        conn.execute(
            "INSERT INTO measurements (test, side, degrees, taken_at, taken_utc)"
            " VALUES ('prone', ?, ?, ?, ?)",
            (side, degrees, f"2026-01-0{n + 5}T20:00:00+01:00", 1767639600.0 + n * 86400),
        )
    conn.close()

    store, message = open_history(history_path, NOW)
    with store:
        assert message is None and store.schema_version == CURRENT_VERSION == 8
        summary = store._conn.execute(
            "SELECT test, side, month, total, n FROM measurement_months ORDER BY side"
        ).fetchall()
        assert summary == [
            ("prone", "left", "2026-01", 64, 2),
            ("prone", "right", "2026-01", 40, 1),
        ]
        assert store.measurement_trends(0) == trends_of(store.measurement_series(), 0)
        indexes = {row[1] for row in store._conn.execute("PRAGMA index_list(steps)")}
        assert "steps_by_session_status" in indexes
    assert history_path.with_name("history.sqlite3.v2.bak").is_file()


# -- cannot open is not damaged ---------------------------------------------------------------


def _healthy(path: Path) -> bytes:
    store, _ = open_history(path)
    with store:
        session_id = store.begin_session("full", "Full", "h", "left", T0)
        store.record_step(session_id, Outcome(0), T0)
    return path.read_bytes()


def _untouched(folder: Path, before: dict[str, bytes]) -> None:
    assert _files(folder) == before
    assert not [p for p in folder.iterdir() if "corrupt" in p.name]


def test_a_wal_that_cannot_be_opened_leaves_a_healthy_file_alone(history_path: Path) -> None:
    _healthy(history_path)
    wal = Path(f"{history_path}-wal")
    wal.mkdir()  # as root, the one sure way to make SQLite fail to open the -wal file
    before = {p.name: p.read_bytes() for p in history_path.parent.iterdir() if p.is_file()}
    with pytest.raises(HistoryUnavailableError) as caught:
        open_history(history_path, NOW)
    assert "cannot be opened" in str(caught.value) and "left as it is" in str(caught.value)
    assert str(history_path) in str(caught.value)
    assert {p.name: p.read_bytes() for p in history_path.parent.iterdir() if p.is_file()} == before
    assert wal.is_dir()
    wal.rmdir()
    store, message = open_history(history_path, NOW)
    with store:
        assert message is None and len(store.sessions()) == 1


def test_a_read_only_folder_leaves_a_healthy_file_alone(history_path: Path) -> None:
    _healthy(history_path)
    before = _files(history_path.parent)
    with read_only_folder(history_path.parent):
        with pytest.raises(HistoryUnavailableError, match="left as it is"):
            open_history(history_path, NOW)
        _untouched(history_path.parent, before)
    store, message = open_history(history_path, NOW)
    with store:
        assert message is None and len(store.sessions()) == 1


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: os.mkfifo(p), "a pipe"),
        (lambda p: p.mkdir(), "a folder"),
        (lambda p: p.symlink_to("/dev/zero"), "a device"),
    ],
)
def test_a_history_that_is_not_a_file_is_refused_without_blocking(
    history_path: Path, make, words: str
) -> None:
    make(history_path)
    with pytest.raises(HistoryUnavailableError, match=f"not a regular file \\({words}\\)"):
        open_history(history_path, NOW)
    assert [p.name for p in history_path.parent.iterdir()] == ["history.sqlite3"]


def test_a_data_folder_that_is_a_file_is_reported(app_paths: AppPaths) -> None:
    app_paths.data_dir.parent.mkdir(parents=True, exist_ok=True)
    app_paths.data_dir.write_text("not a folder")
    with pytest.raises(HistoryUnavailableError, match="folder for the history file"):
        open_history(app_paths.history_file, NOW)
    assert app_paths.data_dir.read_text() == "not a folder"


def test_a_damaged_file_moves_aside_with_its_wal(history_path: Path) -> None:
    history_path.write_bytes(b"x" * 4096)
    Path(f"{history_path}-wal").write_bytes(b"its wal")
    store, message = open_history(history_path, NOW)
    store.close()
    assert message is not None and "not a database" in message
    moved = history_path.with_name("history.sqlite3.corrupt-20260105-093000")
    assert moved.read_bytes() == b"x" * 4096
    assert Path(f"{moved}-wal").read_bytes() == b"its wal"


# -- a kill during the backup before an upgrade ---------------------------------------------

_KILLED_UPGRADE = """
import sys
from pathlib import Path
from hiptimer.core.history import database
from hiptimer.core.history.store import open_history

def stop(*args, **kwargs):
    print("ready", flush=True)
    sys.stdin.readline()

if sys.argv[2] == "copying":
    real_mkstemp = database.tempfile.mkstemp
    def mkstemp(*args, **kwargs):
        made = real_mkstemp(*args, **kwargs)
        stop()
        return made
    database.tempfile.mkstemp = mkstemp
else:
    database._claim_name = stop
open_history(Path(sys.argv[1]))
"""


@pytest.mark.parametrize("when", ["copying", "copied, not yet named"])
def test_a_kill_during_the_upgrade_backup_leaves_no_backup_and_the_file_as_it_was(
    history_path: Path, when: str
) -> None:
    shutil.copyfile(V1_FILE, history_path)
    before = history_path.read_bytes()
    _run_and_kill(_KILLED_UPGRADE, str(history_path), when)
    assert not list(history_path.parent.glob("*.bak"))  # no partial copy looks like a backup
    assert [p.name for p in history_path.parent.glob(".*.partial")] != []
    with _raw(history_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.close()
    assert history_path.read_bytes() == before

    store, message = open_history(history_path, NOW)  # the next start upgrades, tidily
    store.close()
    assert message is None
    assert [p.name for p in history_path.parent.glob("*.bak")] == ["history.sqlite3.v1.bak"]
    assert list(history_path.parent.glob(".*.partial")) == []
    with _raw(history_path.with_name("history.sqlite3.v1.bak")) as copy:
        assert copy.execute("SELECT count(*) FROM steps").fetchone()[0] == 4
    copy.close()


def _run_and_kill(code: str, *args: str) -> None:
    """Run ``code`` in a child; when it prints "ready", kill it with SIGKILL."""
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        for stream in (child.stdin, child.stdout):
            if stream is not None:
                stream.close()


def test_a_history_without_permission_to_read_it_is_left_alone(
    history_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root reads any file, so the refusal a person would get is made here by hand."""
    from hiptimer.core import bounded_read

    _healthy(history_path)
    before = _files(history_path.parent)
    real_open = os.open

    def refused(path, flags, *args, **kwargs):
        if Path(path) == history_path:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(bounded_read.os, "open", refused)
    with pytest.raises(HistoryUnavailableError, match=r"cannot be opened \(permission denied\)"):
        open_history(history_path, NOW)
    _untouched(history_path.parent, before)


def test_a_v5_file_keeps_its_steps_as_one_set_of_one(history_path: Path) -> None:
    conn = _raw(history_path)
    for version, migration in enumerate(MIGRATIONS[:5], start=1):
        migration(conn)
        conn.execute(f"PRAGMA user_version = {version}")
    conn.execute(
        "INSERT INTO sessions (routine_id, routine_name, routine_hash, side_choice, started_at,"
        " started_utc) VALUES ('r', 'R', 'h', 'left', '2026-01-05T09:30:00+00:00', 0)"
    )
    conn.execute(
        "INSERT INTO steps (session_id, step_index, exercise_id, exercise_name, kind, side,"
        " status, planned_seconds, actual_seconds, ended_at, ended_utc) VALUES"
        " (1, 0, 'x', 'X', 'hold', 'left', 'done', 60, 60, '2026-01-05T09:31:00+00:00', 60)"
    )
    conn.close()
    store, message = open_history(history_path, NOW)
    with store:
        assert message is None and store.schema_version == CURRENT_VERSION
        [step] = store.session_steps(1)
        assert (step.set_number, step.set_count) == (1, 1)
        raw = store._conn.execute("SELECT set_number, set_count FROM steps").fetchall()
        assert raw == [(None, None)]  # nothing is made up in the file
    assert history_path.with_name("history.sqlite3.v5.bak").is_file()


def test_a_v6_file_reads_its_measurements_as_typed_in(history_path: Path) -> None:
    conn = _raw(history_path)
    for version, migration in enumerate(MIGRATIONS[:6], start=1):
        migration(conn)
        conn.execute(f"PRAGMA user_version = {version}")
    conn.execute(
        "INSERT INTO measurements (test, side, degrees, taken_at, taken_utc)"
        " VALUES ('seated', 'right', 38, '2026-01-05T20:00:00+01:00', 1767639600.0)"
    )
    conn.close()

    store, message = open_history(history_path, NOW)
    with store:
        assert message is None and store.schema_version == CURRENT_VERSION == 8
        [row] = store.measurements()
        assert (row.degrees, row.from_photo, row.photo) == (38, False, None)
    assert history_path.with_name("history.sqlite3.v6.bak").is_file()


def test_a_v7_file_keeps_its_sessions_and_gets_routine_texts_from_now_on(
    history_path: Path,
) -> None:
    conn = _raw(history_path)
    for version, migration in enumerate(MIGRATIONS[:7], start=1):
        migration(conn)
        conn.execute(f"PRAGMA user_version = {version}")
    conn.execute(
        "INSERT INTO sessions (routine_id, routine_name, routine_hash, side_choice, started_at,"
        " started_utc, session_key) VALUES"
        " ('daily', 'Daily', 'abc123', 'left', '2026-01-05T09:30:00+00:00', 0, 'k1')"
    )
    conn.close()

    store, message = open_history(history_path, NOW)
    with store:
        assert message is None and store.schema_version == CURRENT_VERSION == 8
        assert store.routine_texts() == {}  # an old session keeps only its hash
        rows = store._conn.execute("SELECT routine_id, routine_hash FROM sessions").fetchall()
        assert rows == [("daily", "abc123")]
        text = "format: 1\nroutines: []\n"
        store.begin_session(
            "daily", "Daily", "def456", "left", NOW.astimezone(), key="k2", routine_text=text
        )
        store.begin_session(  # the same routine again: its text is kept once
            "daily", "Daily", "def456", "both", NOW.astimezone(), key="k3", routine_text=text
        )
        assert store.routine_texts() == {"def456": text}
    assert history_path.with_name("history.sqlite3.v7.bak").is_file()


def test_a_side_file_that_vanishes_while_moving_aside_is_no_error(
    history_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another connection closing removes its -wal between the look and the move (seen in a
    CI run): the damaged file is still kept aside, and nothing is raised."""
    history_path.write_bytes(b"damaged")
    Path(f"{history_path}-wal").write_bytes(b"wal")
    real = history_file.atomic_file.link_to_free_name

    def wal_gone_first(made: Path, names):  # type: ignore[no-untyped-def]
        if made.name.endswith("-wal"):
            made.unlink()
        return real(made, names)

    monkeypatch.setattr(history_file.atomic_file, "link_to_free_name", wal_gone_first)
    kept = history_file.move_aside(history_path, datetime(2026, 12, 2, 2, 41, 45))
    assert kept.read_bytes() == b"damaged" and not history_path.exists()
    assert not Path(f"{kept}-wal").exists()
