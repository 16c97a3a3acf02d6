"""How long the window stops while another program holds the history file's write lock.

Run from the repository root:  python benchmarks/history_lock.py [--lock-seconds 30] [--quick]

The real window (offscreen) plays a routine of short holds at speed 1, recorded in a fresh
history file in a temporary folder.  Two seconds in, a second process takes the file's write
lock (``BEGIN IMMEDIATE``) and holds it for ``--lock-seconds``; steps finish meanwhile.  Three
runs:

* writer: the app as it is, every history write handed to the history writer's thread;
* the baseline: the same, with the second process holding no lock over the same span;
* synchronous: the old way, for comparison: each write runs on the GUI thread with a 5 s busy
  timeout, and writes a busy file refused wait for the next write.

Measured:

* worst frame gap: the longest time the GUI event loop did not run, from a 1 ms precise timer
  (the time between two of its firings), over the lock and over the whole session;
* input latency: an event posted from another thread every 50 ms (as input arrives), the
  time until the event loop delivered it;
* the busy notice: whether the player showed it during the lock and cleared it after;
* steps finished under the lock, steps saved at the end, the session's final status, and how
  long after the lock freed every write was in the file.

Target: the countdown and keys never wait for the history file: a worst frame gap of a few
milliseconds under the lock, as without it.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false;qt.speech*=false")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import PySide6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QApplication

from hiptimer.core.history.commands import Command
from hiptimer.core.history.errors import HistoryBusyError
from hiptimer.core.history.store import HistoryStore
from hiptimer.core.history.writer import WriterReport, WriteState
from hiptimer.core.paths import AppPaths, builtin_routines_dir
from hiptimer.core.routines.catalog import load_catalog
from hiptimer.core.routines.model import Item, Kind, Range, Routine, Section, SideChoice
from hiptimer.core.settings import Settings
from hiptimer.qt import app as app_module
from hiptimer.qt.context import AppContext
from hiptimer.qt.main_window import MainWindow

#: Waits for a line, takes the write lock, holds it, frees it; prints when (its monotonic
#: clock is the system's, the same as ours).
LOCKER = (
    "import sqlite3, sys, time\n"
    "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "sys.stdin.readline()\n"
    "if sys.argv[3] == 'lock':\n"
    "    conn.execute('BEGIN IMMEDIATE')\n"
    "print(time.monotonic(), flush=True)\n"
    "time.sleep(float(sys.argv[2]))\n"
    "if conn.in_transaction:\n"
    "    conn.execute('ROLLBACK')\n"
    "print(time.monotonic(), flush=True)\n"
)


WRITER = "writer"
NO_LOCK = "writer, the same span without a lock (the baseline)"
SYNCHRONOUS = "synchronous (the old way)"


class SyncWrites(QObject):
    """The old way, for comparison: every write on the GUI thread, 5 s busy timeout, and
    writes a busy file refused wait for the next write."""

    report = Signal(object)

    def __init__(self, store: HistoryStore) -> None:
        super().__init__()
        self.store = store
        self.claim = "sync"
        self.waiting: list[Command] = []
        self.last = WriterReport(WriteState.SAVED, 0)

    def submit(self, command: Command) -> None:
        self.waiting.append(command)
        while self.waiting:
            try:
                self.waiting[0].apply(self.store)
            except HistoryBusyError as error:
                self.last = WriterReport(WriteState.BUSY, len(self.waiting), str(error))
                self.report.emit(self.last)
                return
            self.waiting.pop(0)
        self.last = WriterReport(WriteState.SAVED, 0)
        self.report.emit(self.last)

    def close(self, timeout: float = 0) -> str:
        self.store.close()
        return f"{len(self.waiting)} writes never saved" if self.waiting else ""


class Probe(QObject):
    """The frame gaps of the event loop, and how long events posted from another thread (as
    input arrives) wait to be delivered."""

    POSTED = QEvent.Type(QEvent.registerEventType())

    def __init__(self) -> None:
        super().__init__()
        self.gaps: list[tuple[float, float]] = []  # (when, gap seconds)
        self.latencies: list[tuple[float, float]] = []
        self._last = time.monotonic()
        self._tick = QTimer(self)
        self._tick.setTimerType(Qt.TimerType.PreciseTimer)
        self._tick.timeout.connect(self._ticked)
        self._tick.start(1)
        self._stop = threading.Event()
        self._poster = threading.Thread(target=self._post, daemon=True)
        self._poster.start()

    def stop(self) -> None:
        self._tick.stop()
        self._stop.set()
        self._poster.join(5)

    def _ticked(self) -> None:
        now = time.monotonic()
        self.gaps.append((now, now - self._last))
        self._last = now

    def _post(self) -> None:
        while not self._stop.wait(0.05):
            event = QEvent(self.POSTED)
            event.sent_at = time.monotonic()  # type: ignore[attr-defined]
            QCoreApplication.postEvent(self, event)

    def event(self, event: QEvent) -> bool:
        if event.type() == self.POSTED:
            now = time.monotonic()
            self.latencies.append((now, now - event.sent_at))  # type: ignore[attr-defined]
            return True
        return super().event(event)

    def worst(self, values: list[tuple[float, float]], start: float, end: float) -> float:
        """The largest value whose span (ending at ``at``) overlaps ``start``..``end``."""
        return max((v for at, v in values if at >= start and at - v <= end), default=0.0)


def routine(holds: int) -> Routine:
    items = (Item("posterior-capsule-stretch", Kind.HOLD, seconds=Range(3, 3)),) * holds
    return Routine("bench-lock", "Lock benchmark", (Section("Main", items),), rest=1)


def run(mode: str, lock_seconds: float, holds: int) -> dict[str, object]:
    app = QApplication.instance() or QApplication([sys.argv[0]])
    folder = Path(tempfile.mkdtemp(prefix="hiptimer-lock-bench-"))
    paths = AppPaths(data_dir=folder / "data", config_dir=folder / "config")
    catalog = load_catalog(builtin_routines_dir(), None)
    ctx = AppContext(paths=paths, catalog=catalog, settings=Settings(lead_in_seconds=1))
    problem = app_module.open_store(ctx)
    assert problem is None, problem
    assert ctx.writes is not None and ctx.history is not None
    if mode == SYNCHRONOUS:
        ctx.writes.close()
        ctx.writes = SyncWrites(HistoryStore.open(paths.history_file))  # type: ignore[assignment]
    window = MainWindow(ctx)
    window.show()
    probe = Probe()
    notices: list[tuple[float, str]] = []
    started = time.monotonic()
    window.start_routine(routine(holds), SideChoice.LEFT)
    controller = window.controller
    assert controller is not None
    controller.record_problem.connect(lambda text: notices.append((time.monotonic(), text)))
    marks: dict[str, float] = {"stalls": 0}
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            LOCKER,
            str(paths.history_file),
            str(lock_seconds),
            "none" if mode == NO_LOCK else "lock",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None

    def watch_the_lock() -> None:  # on a thread: the GUI thread never waits for the locker
        assert holder.stdout is not None
        marks["locked"] = float(holder.stdout.readline())
        marks["steps_at_lock"] = len(controller.outcomes)
        marks["freed"] = float(holder.stdout.readline())
        marks["steps_at_free"] = len(controller.outcomes)
        give_up = time.monotonic() + 30
        while waiting() and time.monotonic() < give_up:
            time.sleep(0.001)
        if not waiting():
            marks["all_saved"] = time.monotonic()

    def waiting() -> int:
        if isinstance(ctx.writes, SyncWrites):
            return len(ctx.writes.waiting)
        assert ctx.writes is not None
        return ctx.writes.writer.waiting()

    watcher = threading.Thread(target=watch_the_lock, daemon=True)
    watcher.start()
    loop = QEventLoop()

    def check() -> None:
        """Press Space for a session a stall paused (as a person would); stop once the
        session ended and the lock is gone."""
        if controller.runner.snapshot().stalled_for is not None:
            marks["stalls"] += 1
            controller.runner.toggle_pause()
        if controller.status is not None and "freed" in marks:
            loop.quit()

    checker = QTimer()
    checker.timeout.connect(check)
    checker.start(20)
    QTimer.singleShot(2000, lambda: (holder.stdin.write("go\n"), holder.stdin.flush()))
    loop.exec()
    checker.stop()
    probe.stop()
    ended = time.monotonic()
    holder.wait(30)
    watcher.join(35)
    app.processEvents()
    saved_at = marks.get("all_saved")
    key = controller.session_key
    row = ctx.history.session_by_key(key) if key else None
    steps_saved = len(ctx.history.session_steps(row.id)) if row else 0
    during = any(marks["locked"] <= at <= marks["freed"] and text for at, text in notices)
    cleared = bool(notices) and notices[-1][1] == ""
    notice = (
        f"{'shown under the lock' if during else 'shown'}, {'cleared' if cleared else 'kept'}"
        if notices
        else "never shown"
    )
    result = {
        "mode": mode,
        "gap_lock_ms": 1000 * probe.worst(probe.gaps, marks["locked"], marks["freed"]),
        "gap_all_ms": 1000 * probe.worst(probe.gaps, started, ended),
        "latency_lock_ms": 1000 * probe.worst(probe.latencies, marks["locked"], marks["freed"]),
        "stalls": int(marks["stalls"]),
        "steps_under_lock": int(marks["steps_at_free"] - marks["steps_at_lock"]),
        "steps_planned": len(controller.plan.steps),
        "steps_saved": steps_saved,
        "status": "not saved" if row is None else row.status.value,
        "saved_after_free_s": None if saved_at is None else max(0.0, saved_at - marks["freed"]),
        "notice": notice,
    }
    window.close()
    app_module.close_store(ctx)
    return result


def machine() -> str:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"{platform.platform()}, {os.cpu_count()} CPUs, load {load}; Python "
        f"{platform.python_version()}, PySide6 {PySide6.__version__}, SQLite "
        f"{__import__('sqlite3').sqlite_version}, QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lock-seconds", type=float, default=30.0)
    parser.add_argument("--quick", action="store_true", help="a 6 s lock, to try the script")
    parser.add_argument("--writer-only", action="store_true", help="skip the comparison")
    args = parser.parse_args()
    lock = 6.0 if args.quick else args.lock_seconds
    holds = max(4, round((lock + 6) / 4))  # 3 s holds and 1 s rests: outlasts the lock
    print(f"machine: {machine()}")
    print(f"a routine of {holds} holds of 3 s (1 s rests), the lock held {lock:g} s from 2 s in")
    modes = [WRITER] if args.writer_only else [WRITER, NO_LOCK, SYNCHRONOUS]
    for mode in modes:
        r = run(mode, lock, holds)
        saved_after = r["saved_after_free_s"]
        print(
            f"\n{mode}:\n"
            f"  worst frame gap under the lock  {r['gap_lock_ms']:9.1f} ms"
            f"  (whole session {r['gap_all_ms']:.1f} ms)\n"
            f"  worst input latency under lock  {r['latency_lock_ms']:9.1f} ms\n"
            f"  steps finished under the lock   {r['steps_under_lock']:9d}\n"
            f"  steps saved / planned           {r['steps_saved']:5d} / {r['steps_planned']}"
            f"  (session {r['status']})\n"
            f"  sessions paused by a stall      {r['stalls']:9d}\n"
            "  all saved after the lock freed  "
            + ("    never" if saved_after is None else f"{saved_after:9.3f} s")
            + f"\n  busy notice                     {r['notice']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
