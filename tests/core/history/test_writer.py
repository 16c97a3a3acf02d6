"""The history writer: in order, off the caller's thread, through locks, failures and kills.

No Qt and no sleeping: the writer's retry delays and busy timeout are shortened, and the tests
wait on its reports (events with timeouts), never on the clock.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from hiptimer.core.history import commands as cmd
from hiptimer.core.history import pending
from hiptimer.core.history.store import HistoryStore, open_history
from hiptimer.core.history.writer import (
    RETRY_DELAYS,
    HistoryWriter,
    WriterReport,
    WriteState,
)
from tests.fakes import damaged_history, make_outcome
from tests.real_parts import read_only_folder

T0 = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)
REPO_ROOT = Path(__file__).resolve().parents[3]
GONE = "another-computer:boot:4242:1"  # the claim of a hiptimer that no longer runs here
WAIT = 20.0  # seconds a test waits for the writer at most (it takes milliseconds)


class Reports:
    """Every report the writer made, and a way to wait for one."""

    def __init__(self) -> None:
        self.seen: list[WriterReport] = []
        self._changed = threading.Condition()

    def __call__(self, report: WriterReport) -> None:
        with self._changed:
            self.seen.append(report)
            self._changed.notify_all()

    def wait_for(self, wanted: Callable[[WriterReport], bool]) -> WriterReport:
        with self._changed:
            found = self._changed.wait_for(
                lambda: next((r for r in self.seen if wanted(r)), None), WAIT
            )
        assert found, f"no such report in {self.seen}"
        return found

    @property
    def last(self) -> WriterReport:
        return self.seen[-1]


@pytest.fixture
def history(store: HistoryStore) -> HistoryStore:
    return store


@pytest.fixture
def start_writer(history: HistoryStore) -> Iterator[Callable[..., tuple[HistoryWriter, Reports]]]:
    started: list[HistoryWriter] = []

    def start(claim: str = GONE, **options: object) -> tuple[HistoryWriter, Reports]:
        reports = Reports()
        options = {"busy_timeout": 0.01, "retry_delays": (0.001, 0.002, 0.005), **options}
        writer = HistoryWriter(history.path, reports, claim=claim, **options)  # type: ignore[arg-type]
        writer.start()
        started.append(writer)
        return writer, reports

    yield start
    for writer in started:
        writer.close(0)


@pytest.fixture
def lock(history: HistoryStore) -> Iterator[Callable[[], sqlite3.Connection]]:
    """Take the file's write lock on another connection, held until the test rolls it back."""
    holders: list[sqlite3.Connection] = []

    def take() -> sqlite3.Connection:
        holder = sqlite3.connect(history.path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        holders.append(holder)
        return holder

    yield take
    for holder in holders:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()


def session_writes(key: str = "s1", steps: int = 3, *, finish: bool = True) -> list[cmd.Command]:
    writes: list[cmd.Command] = [
        cmd.BeginSession(key, "daily", "Daily", "h", "left", T0, planned_steps=5, claim=GONE)
    ]
    for index in range(steps):
        outcome = cmd.StepRecord.of(make_outcome(index, actual_seconds=60.0))
        when = T0 + timedelta(minutes=index + 1)
        writes.append(cmd.RecordStep(key, outcome, when, active_seconds=60.0 * (index + 1)))
    if finish:
        writes.append(
            cmd.FinishSession(key, T0 + timedelta(minutes=9), "ended_early", 60.0 * steps)
        )
    return writes


def saved(history: HistoryStore, key: str = "s1") -> tuple[str, list[int], float] | None:
    row = history.session_by_key(key)
    if row is None:
        return None
    steps = [s.step_index for s in history.session_steps(row.id)]
    return row.status.value, steps, row.active_seconds


# -- in order, and all saved ------------------------------------------------------------------


def test_writes_are_saved_in_order_and_reported_saved(history, start_writer) -> None:
    writer, reports = start_writer()
    for write in session_writes():
        writer.submit(write)
    assert writer.flush(WAIT)
    assert saved(history) == ("ended_early", [0, 1, 2], 180.0)
    assert reports.wait_for(lambda r: r.state is WriteState.SAVED) == WriterReport(
        WriteState.SAVED, 0
    )
    assert not writer.pending_file.exists()
    assert writer.close(WAIT).unsaved == 0


def test_commands_are_checked_when_made_not_in_the_writer() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        cmd.FinishSession("s1", datetime(2026, 3, 2), "completed", 1.0)
    with pytest.raises(ValueError, match="pain"):
        cmd.SetFeedback("s1", 11)
    with pytest.raises(ValueError, match="degrees"):
        cmd.AddMeasurement("prone", "left", 91, T0)
    with pytest.raises(ValueError, match="finishes as"):
        cmd.FinishSession("s1", T0, "discarded", 1.0)
    with pytest.raises(ValueError, match="session_key"):
        cmd.SetFeedback("", 1)


def test_every_kept_command_survives_json() -> None:
    writes = [
        *session_writes(),
        cmd.SetFeedback("s1", 3, "tight"),
        cmd.AddMeasurement("seated-ir-test", "right", 38, T0, "phone app"),
        cmd.DiscardSession("s1"),
    ]
    assert [cmd.from_json(json.loads(json.dumps(cmd.to_json(w)))) for w in writes] == writes
    for bad in ({"write": "begin"}, {"write": "shell"}, [], {"write": "step", "step": 3}):
        with pytest.raises(ValueError):
            cmd.from_json(bad)


# -- a busy file --------------------------------------------------------------------------------


def test_a_busy_file_keeps_writes_waiting_and_on_disk_then_saves_them(
    history, start_writer, lock
) -> None:
    held = lock()
    writer, reports = start_writer()
    writes = session_writes()
    for write in writes:
        writer.submit(write)  # returns at once although the file is locked
    busy = reports.wait_for(lambda r: r.state is WriteState.BUSY and r.waiting == len(writes))
    assert "locked" in busy.reason
    kept = json.loads(writer.pending_file.read_text())
    assert [cmd.from_json(w) for w in kept["writes"]] == writes
    assert kept["claim"] == GONE
    held.execute("ROLLBACK")
    reports.wait_for(lambda r: r.state is WriteState.SAVED)
    assert saved(history) == ("ended_early", [0, 1, 2], 180.0)
    assert not writer.pending_file.exists()


def test_writes_made_while_waiting_are_kept_on_disk_at_once(
    history, start_writer, lock, monkeypatch
) -> None:
    lock()
    kept: list[int] = []
    five_kept = threading.Event()
    real_save = pending.save

    def save(path, claim, commands):
        real_save(path, claim, commands)
        kept.append(len(json.loads(path.read_text())["writes"]))
        if kept[-1] == 5:
            five_kept.set()

    monkeypatch.setattr(pending, "save", save)
    writer, reports = start_writer(retry_delays=(60.0,))  # the next try is a minute away
    first, *rest = session_writes()
    writer.submit(first)
    reports.wait_for(lambda r: r.state is WriteState.BUSY)
    assert kept == [1]
    for write in rest:
        writer.submit(write)
    assert five_kept.wait(WAIT)  # well before the next try, a minute away
    assert saved(history) is None


def test_the_writer_tries_again_for_as_long_as_the_lock_is_held(
    history, start_writer, lock, monkeypatch
) -> None:
    held = lock()
    tries = threading.Semaphore(0)
    real_apply = cmd.BeginSession.apply

    def counted(self, store):
        tries.release()
        return real_apply(self, store)

    monkeypatch.setattr(cmd.BeginSession, "apply", counted)
    writer, reports = start_writer()
    writer.submit(session_writes(steps=0, finish=False)[0])
    for _ in range(40):  # forty tries, and it still has not given up
        assert tries.acquire(timeout=WAIT)
    assert reports.last.state is WriteState.BUSY and saved(history) is None
    held.execute("ROLLBACK")
    assert writer.flush(WAIT) and saved(history) == ("incomplete", [], 0.0)


def test_the_retry_schedule_backs_off_to_a_few_seconds() -> None:
    assert list(RETRY_DELAYS) == sorted(RETRY_DELAYS)
    assert RETRY_DELAYS[0] <= 0.1 and 2 <= RETRY_DELAYS[-1] <= 5


# -- a failing file and refused writes -----------------------------------------------------------


def test_a_file_that_cannot_be_opened_is_reported_failing_and_writes_wait(
    history, start_writer
) -> None:
    history.close()
    wal = Path(f"{history.path}-wal")
    wal.mkdir()  # the -wal cannot be opened
    writer, reports = start_writer()
    writer.submit(session_writes(steps=1, finish=False)[0])
    failing = reports.wait_for(lambda r: r.state is WriteState.FAILING)
    assert "cannot be opened" in failing.reason and failing.waiting == 1
    assert writer.pending_file.exists()
    wal.rmdir()
    reports.wait_for(lambda r: r.state is WriteState.SAVED)
    with HistoryStore.open(history.path) as reopened:
        assert saved(reopened) == ("incomplete", [], 0.0)


def test_a_read_only_folder_keeps_writes_in_memory_and_says_they_are_lost_at_exit(
    history, start_writer
) -> None:
    writes = session_writes(finish=False)
    with read_only_folder(history.path.parent):
        writer, reports = start_writer()
        for write in writes:
            writer.submit(write)
        failing = reports.wait_for(lambda r: r.state is WriteState.FAILING)
        assert failing.waiting == len(writes)
        closed = writer.close(0.05)
        assert closed.unsaved == len(writes) and closed.kept_in is None
        assert "read-only" in closed.problem.lower()
    assert saved(history) is None


def test_a_write_the_file_refuses_is_let_go_and_the_rest_are_saved(history, start_writer) -> None:
    writer, reports = start_writer()
    orphan = cmd.SetFeedback("no-such-session", 2, "")
    writer.submit(orphan)
    for write in session_writes():
        writer.submit(write)
    assert writer.flush(WAIT)
    refused = reports.wait_for(lambda r: bool(r.dropped))
    assert "no session with key 'no-such-session'" in refused.dropped
    assert saved(history) == ("ended_early", [0, 1, 2], 180.0)


# -- claims ---------------------------------------------------------------------------------


def test_a_claim_is_answered_or_withdrawn_never_run_late(history, start_writer, lock) -> None:
    session_id = history.begin_session("daily", "Daily", "h", "left", T0, key="s1", claim=GONE)
    writer, _ = start_writer(claim="me:b:1:1")
    held = lock()
    claim = cmd.ClaimSession("s1", writer.claim, replacing=GONE)
    assert writer.ask(claim, 0.05) == (False, None)  # the file is locked
    held.execute("ROLLBACK")
    assert writer.flush(WAIT)
    assert history.incomplete_sessions()[0].claimed_by == GONE  # never taken later
    assert writer.ask(claim, WAIT) == (True, True)
    assert writer.ask(cmd.ClaimSession("s1", "you:b:2:2", replacing=GONE), WAIT) == (True, False)
    assert history.incomplete_sessions()[0].claimed_by == writer.claim
    assert history.session_id_for("s1") == session_id


_CLAIMER = """
import sys
from pathlib import Path
from hiptimer.core.history.commands import ClaimSession
from hiptimer.core.history.writer import HistoryWriter

writer = HistoryWriter(Path(sys.argv[1]), lambda report: None)
writer.start()
print("ready", flush=True)
for key in iter(sys.stdin.readline, ""):
    claim = ClaimSession(key.strip(), writer.claim, replacing=sys.argv[2])
    answered, won = writer.ask(claim, 30)
    print("won" if answered and won else "lost", flush=True)
writer.close(5)
"""


def test_two_processes_resuming_the_same_session_at_once_exactly_one_wins(history) -> None:
    rounds = 25
    for n in range(rounds):
        history.begin_session("daily", "Daily", "h", "left", T0, key=f"s{n}", claim=GONE)
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _CLAIMER, str(history.path), GONE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(2)
    ]
    try:
        for child in children:
            assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        winners = []
        for n in range(rounds):
            for child in children:  # both asked before either answers
                assert child.stdin is not None
                child.stdin.write(f"s{n}\n")
                child.stdin.flush()
            answers = [child.stdout.readline().strip() for child in children]  # type: ignore[union-attr]
            assert sorted(answers) == ["lost", "won"], (n, answers)
            winners.append(answers.index("won"))
        for child in children:
            child.stdin.close()  # type: ignore[union-attr]
            assert child.wait(timeout=30) == 0
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
            for stream in (child.stdin, child.stdout):
                if stream is not None:
                    stream.close()
    claims_now = {s.session_key: s.claimed_by for s in history.incomplete_sessions()}
    assert len(claims_now) == rounds
    assert GONE not in claims_now.values() and None not in claims_now.values()
    assert len(set(claims_now.values())) <= 2


# -- closing, keeping and replaying ---------------------------------------------------------------


def test_closing_while_busy_keeps_the_rest_and_the_next_start_saves_it_first(
    history, start_writer, lock
) -> None:
    held = lock()
    writer, reports = start_writer()
    writes = session_writes()
    for write in writes:
        writer.submit(write)
    reports.wait_for(lambda r: r.state is WriteState.BUSY)
    closed = writer.close(0.02)
    assert (closed.unsaved, closed.kept_in, closed.problem) == (
        len(writes),
        writer.pending_file,
        "",
    )
    held.execute("ROLLBACK")
    assert saved(history) is None

    later, later_reports = start_writer(claim="next:b:1:1")
    later.submit(cmd.SetFeedback("s1", 2, "after the replay"))  # needs the replayed session
    assert later.flush(WAIT)
    replay = later_reports.wait_for(lambda r: r.replayed > 0)
    assert replay.replayed == len(writes) and later_reports.last.state is WriteState.SAVED
    assert saved(history) == ("ended_early", [0, 1, 2], 180.0)
    assert history.session_by_key("s1").note == "after the replay"
    assert not closed.kept_in.exists()


def test_writes_replayed_twice_change_nothing(history, start_writer) -> None:
    writes = session_writes()
    for write in writes:
        write.apply(history)  # saved, but the app was killed before it removed its file
    before = history.sessions(), list(history.all_steps()), history.measurements()
    pending.save(pending.pending_path(history.path, GONE), GONE, writes)
    _, reports = start_writer(claim="next:b:1:1")
    reports.wait_for(lambda r: r.replayed == len(writes))
    assert (history.sessions(), list(history.all_steps()), history.measurements()) == before


def test_another_running_hiptimers_kept_writes_are_left_to_it(history, start_writer) -> None:
    from hiptimer.core.history import claims

    theirs = pending.pending_path(history.path, claims.this_process())
    pending.save(theirs, claims.this_process(), session_writes())
    writer, _ = start_writer(claim="me:b:1:1")
    writer.submit(cmd.AddMeasurement("prone", "left", 30, T0))
    assert writer.flush(WAIT)
    assert theirs.exists() and saved(history) is None


def test_kept_writes_that_cannot_be_read_are_set_aside_and_said_so(history, start_writer) -> None:
    broken = pending.pending_path(history.path, GONE)
    broken.write_text('{"format": 1, "claim": "x", "writes": [{"write": "step"}]}')
    deep = broken.with_name(broken.name.replace(".json", "0.json"))
    deep.write_text("[" * 100_000)
    _, reports = start_writer(claim="me:b:1:1")
    reports.wait_for(lambda r: bool(r.dropped) and str(broken) in r.dropped)
    reports.wait_for(lambda r: bool(r.dropped) and str(deep) in r.dropped)
    assert not broken.exists() and not deep.exists()
    assert {p.name for p in broken.parent.glob("*.broken*")} == {
        f"{broken.name}.broken",
        f"{deep.name}.broken",
    }


_KILLED_WRITER = """
import sys, threading
from datetime import datetime, timedelta, timezone
from pathlib import Path
from hiptimer.core.history import commands as cmd
from hiptimer.core.history.writer import HistoryWriter, WriteState

t0 = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)
busy = threading.Event()
writer = HistoryWriter(
    Path(sys.argv[1]),
    lambda r: busy.set() if r.state is WriteState.BUSY else None,
    busy_timeout=0.01,
    retry_delays=(0.001,),
)
writer.start()

def step(index):
    record = cmd.StepRecord(index, "deep-glutes-release", "Deep glutes release", "release",
                            "left", "done", 60.0, 61.0, None, None, None)
    return cmd.RecordStep("killed", record, t0 + timedelta(minutes=index + 1), 61.0 * (index + 1))

writer.submit(cmd.BeginSession("killed", "daily", "Daily", "h", "left", t0, planned_steps=5,
                               claim=writer.claim))
for index in range(3):
    writer.submit(step(index))
writer.flush(30)
print("saved", flush=True)
sys.stdin.readline()  # the test now holds the write lock
for index in range(3, 5):
    writer.submit(step(index))
writer.submit(cmd.FinishSession("killed", t0 + timedelta(minutes=6), "completed", 305.0))
busy.wait(30)
while len(open(writer.pending_file).read().split('"write"')) < 4:
    pass  # the three waiting writes are on disk
print("ready", flush=True)
sys.stdin.readline()
"""


def test_a_kill_during_a_write_keeps_what_was_committed_and_replays_the_rest(history) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_WRITER, str(history.path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    holder = sqlite3.connect(history.path, isolation_level=None)
    try:
        assert child.stdout is not None and child.stdin is not None
        assert child.stdout.readline().strip() == "saved"
        holder.execute("BEGIN IMMEDIATE")
        child.stdin.write("\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == "ready"
        child.send_signal(signal.SIGKILL)  # mid-write: its writer is trying under the lock
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if holder.in_transaction:
            holder.execute("ROLLBACK")
        holder.close()
        if child.poll() is None:
            child.kill()
            child.wait()
        for stream in (child.stdin, child.stdout):
            if stream is not None:
                stream.close()

    reopened, message = open_history(history.path)  # with the integrity check
    with reopened:
        assert message is None
        assert saved(reopened, "killed") == ("incomplete", [0, 1, 2], 183.0)
        [left] = reopened.resumable_sessions()  # the killed process's claim is stale
        assert left.session_key == "killed"
    reports = Reports()
    writer = HistoryWriter(history.path, reports, busy_timeout=0.01, retry_delays=(0.001,))
    writer.start()
    try:
        reports.wait_for(lambda r: r.replayed == 3)
    finally:
        writer.close(WAIT)
    assert saved(history, "killed") == ("completed", [0, 1, 2, 3, 4], 305.0)
    assert list(history.path.parent.glob("*.unsaved-*")) == []


# -- sets -------------------------------------------------------------------------------------


def test_a_steps_set_goes_through_a_kept_write_to_its_row(store: HistoryStore) -> None:
    begin = cmd.BeginSession("s1", "sets", "Sets", "h", "both", T0, planned_steps=2)
    steps = [
        cmd.RecordStep("s1", cmd.StepRecord.of(make_outcome(i, set_number=i + 1, set_count=3)), T0)
        for i in range(2)
    ]
    kept = [cmd.from_json(json.loads(json.dumps(cmd.to_json(w)))) for w in (begin, *steps)]
    assert kept == [begin, *steps]
    for write in kept:
        write.apply(store)
    rows = store.session_steps(store.session_id_for("s1"))
    assert [(r.set_number, r.set_count) for r in rows] == [(1, 3), (2, 3)]


def test_a_kept_step_from_before_sets_reads_as_one_set_of_one() -> None:
    step = cmd.to_json(cmd.RecordStep("s1", cmd.StepRecord.of(make_outcome(0)), T0))
    del step["step"]["set_number"], step["step"]["set_count"]
    record = cmd.from_json(step)
    assert isinstance(record, cmd.RecordStep)
    assert (record.step.set_number, record.step.set_count) == (1, 1)


def test_a_step_record_with_an_impossible_set_is_refused_when_made() -> None:
    with pytest.raises(ValueError, match="set"):
        cmd.StepRecord.of(make_outcome(0, set_number=3, set_count=2))


def test_the_writer_checks_the_file_on_its_thread_and_never_writes_into_a_damaged_one(
    tmp_path: Path,
) -> None:
    path = tmp_path / "history.sqlite3"
    content = damaged_history(path)
    reports = Reports()
    writer = HistoryWriter(path, reports, claim=GONE, busy_timeout=0.01, retry_delays=(0.001,))
    writer.start()
    try:
        found = reports.wait_for(lambda r: r.state is WriteState.DAMAGED)
        assert "integrity check" in found.reason and found.waiting == 0
        writer.submit(cmd.AddMeasurement("prone", "left", 30, T0))
        reports.wait_for(lambda r: r.state is WriteState.DAMAGED and r.waiting == 1)
        assert path.read_bytes() == content  # not a byte written
        assert writer.pending_file.exists()  # the write is kept meanwhile
        store, message = open_history(path)  # what the window does on the report
        store.close()
        assert message is not None and "kept as" in message
        saved = reports.wait_for(lambda r: r.state is WriteState.SAVED and r.waiting == 0)
        assert saved.reason == ""
        with HistoryStore.open(path) as fresh:
            series = fresh.measurement_series()
            assert [degrees for points in series.values() for _, degrees in points] == [30]
    finally:
        writer.close(1.0)
