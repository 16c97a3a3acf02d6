"""The one history writer: a thread that saves write commands in order, whatever the file does.

The window hands each write (:mod:`commands`) to :meth:`HistoryWriter.submit` and goes on at
once; the writer's thread, with its own connection and a short busy timeout, saves them in
order.  When another program holds the file (busy) or the file fails (a full disk, a read-only
folder), the write at the head stays there and is tried again on the writer's own schedule,
backing off to every 2 s, for as long as the app runs; the waiting writes are kept in the
pending-writes file (:mod:`pending`) meanwhile, so even a kill loses none.  A write the file
refuses for good (it breaks a rule of the file) is let go and said so, so it cannot hold up
the ones after it.

The writer says what it is doing through ``report`` (called on its thread): all saved (each
time the queue is empty again), N waiting because the file is busy, or failing and why.  At
exit :meth:`close` waits a bounded time for the queue to drain and keeps what is still unsaved
for the next start, which replays it (:func:`pending.left_unsaved`) before anything else.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from hiptimer.core.history import claims, pending
from hiptimer.core.history.commands import Command
from hiptimer.core.history.errors import (
    HistoryBusyError,
    HistoryCorruptError,
    HistoryError,
    UnknownSessionError,
)
from hiptimer.core.history.store import HistoryStore

#: Seconds between tries while the file is busy or failing: quick at first, then every 2 s
#: (a try costs one short, failed attempt at the lock on the writer's thread).
RETRY_DELAYS: tuple[float, ...] = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0)
#: How long one statement of the writer waits for another program's lock before it retries.
WRITER_BUSY_TIMEOUT = 0.2
#: How long the app waits at exit for waiting writes to be saved.
EXIT_WAIT_SECONDS = 3.0


class WriteState(Enum):
    SAVED = "saved"  # everything handed over is in the file
    BUSY = "busy"  # another program holds the file: writes wait
    FAILING = "failing"  # the file cannot take writes now (see the reason): writes wait
    DAMAGED = "damaged"  # the file failed its check: nothing is written to it; writes wait


@dataclass(frozen=True)
class WriterReport:
    state: WriteState
    waiting: int  # writes handed over and not yet in the file
    reason: str = ""  # why they wait
    dropped: str = ""  # a write the file refused for good, or kept writes that cannot be read
    replayed: int = 0  # writes kept by an earlier run, saved now


@dataclass(frozen=True)
class Closed:
    """What :meth:`HistoryWriter.close` left: writes not saved, and where they are kept."""

    unsaved: int
    kept_in: Path | None
    problem: str = ""  # why they could not even be kept


class _Ticket:
    def __init__(self, command: Command) -> None:
        self.command = command
        self.done = threading.Event()
        self.result: object = None
        self.started = False  # under the writer's lock
        self.cancelled = False  # under the writer's lock

    def finish(self, result: object) -> None:
        self.result = result
        self.done.set()


Report = Callable[[WriterReport], None]


@dataclass
class _Replay:
    """The writes an earlier run kept (at the head of the queue) and the files they came from."""

    tickets: list[_Ticket]
    files: list[Path]


class HistoryWriter:
    """Saves write commands to the history file at ``path``, in order, on its own thread."""

    def __init__(
        self,
        path: Path,
        report: Report,
        *,
        claim: str | None = None,
        busy_timeout: float = WRITER_BUSY_TIMEOUT,
        retry_delays: Sequence[float] = RETRY_DELAYS,
    ) -> None:
        """``claim`` names this process in the file (default: :func:`claims.this_process`);
        ``busy_timeout`` and ``retry_delays`` are shortened by tests."""
        self.path = Path(path)
        self.claim = claim or claims.this_process()
        self.pending_file = pending.pending_path(self.path, self.claim)
        self._report = report
        self._busy_timeout = busy_timeout
        self._delays = tuple(retry_delays) or (0.0,)
        self._lock = threading.Condition()
        self._queue: deque[_Ticket] = deque()
        self._closing = False
        self._deadline = 0.0
        self._kept_changed = False  # the kept writes changed since the file was written
        self._last: tuple[WriteState, int, str] | None = None
        self._keep_problem = ""  # why the writes left at exit could not be kept
        self._save_failed = False  # the pending-writes file could not be written last time
        self._replay = _Replay([], [])
        self._verified = False  # the file passed its integrity check since it was (re)opened
        self._thread = threading.Thread(target=self._run, name="history-writer", daemon=True)

    # -- the window's side -------------------------------------------------------------------

    def start(self) -> None:
        """Queue what earlier runs left unsaved ahead of everything, then start the thread."""
        self._replay = self._load_left_unsaved()
        self._thread.start()

    def submit(self, command: Command) -> None:
        """Queue ``command``; it is saved after every command submitted before it."""
        self._enqueue(_Ticket(command))

    def ask(self, command: Command, timeout: float) -> tuple[bool, object]:
        """Queue ``command`` and wait up to ``timeout`` for its result: (answered, result).

        Unanswered in time (the file busy, writes ahead of it), it is withdrawn and never run
        later.  One being tried at that moment is waited for until that try ends (a statement
        waits at most the short busy timeout).
        """
        ticket = _Ticket(command)
        self._enqueue(ticket)
        if ticket.done.wait(timeout):
            return True, ticket.result
        give_up = time.monotonic() + self._busy_timeout + 5.0
        while True:
            with self._lock:
                if not ticket.started or time.monotonic() > give_up:
                    ticket.cancelled = True
                    return False, None
            if ticket.done.wait(self._busy_timeout + 0.05):
                return True, ticket.result

    def flush(self, timeout: float) -> bool:
        """Wait up to ``timeout`` until everything submitted is saved; True when it is."""
        with self._lock:
            return self._lock.wait_for(lambda: not self._waiting(), timeout)

    @property
    def reason(self) -> str:
        """Why writes wait now, as last reported ("" when they do not)."""
        last = self._last
        return last[2] if last is not None and last[0] is not WriteState.SAVED else ""

    def waiting(self) -> int:
        """How many writes are handed over and not yet saved."""
        with self._lock:
            return self._waiting()

    def _waiting(self) -> int:
        return sum(not ticket.cancelled for ticket in self._queue)

    def close(self, timeout: float = EXIT_WAIT_SECONDS) -> Closed:
        """Stop: save what can be saved within ``timeout`` seconds, keep the rest."""
        with self._lock:
            self._closing = True
            self._deadline = time.monotonic() + timeout
            self._lock.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout + self._busy_timeout + 1.0)
        with self._lock:
            left = [ticket.command for ticket in self._queue if ticket.command.kept]
        if not left:
            return Closed(0, None)
        if self._thread.is_alive() or self._thread.ident is None:  # stuck, or never started
            try:
                pending.save(self.pending_file, self.claim, left)
            except OSError as error:
                self._keep_problem = str(error)
        if self._keep_problem:
            return Closed(len(left), None, self._keep_problem)
        return Closed(len(left), self.pending_file)

    def _enqueue(self, ticket: _Ticket) -> None:
        with self._lock:
            if self._closing:
                raise RuntimeError("the history writer is closed")
            self._queue.append(ticket)
            self._kept_changed = self._kept_changed or ticket.command.kept
            self._lock.notify_all()

    # -- the writer's thread -----------------------------------------------------------------

    def _open(self) -> HistoryStore:
        """The writer's connection; the file's integrity is checked here, on this thread, the
        first time (its cost grows with the file, so the window opens without it)."""
        store = HistoryStore.open(
            self.path, verify=not self._verified, busy_timeout=self._busy_timeout
        )
        self._verified = True
        return store

    def _run(self) -> None:
        replay = self._replay
        store: HistoryStore | None = None
        tries = 0
        try:
            try:  # check the file at once, before any write is handed over
                store = self._open()
            except HistoryCorruptError as error:
                self._tell(WriteState.DAMAGED, str(error))
            except (HistoryError, sqlite3.Error, OSError):
                pass  # busy or unavailable: tried again with the first write
            while True:
                ticket = self._next()
                if ticket is None:
                    return
                try:
                    if store is None:
                        store = self._open()
                    result = ticket.command.apply(store)
                except HistoryBusyError as error:
                    state, reason = WriteState.BUSY, str(error)
                except HistoryCorruptError as error:
                    state, reason = WriteState.DAMAGED, str(error)
                    self._verified = False  # whatever the file is next, it is checked first
                    if store is not None:
                        store.close()
                        store = None
                except (UnknownSessionError, ValueError) as error:
                    replay = self._finished(ticket, None, replay, f"{error}")
                    continue
                except (HistoryError, sqlite3.Error, OSError) as error:
                    if isinstance(error.__cause__, sqlite3.IntegrityError):
                        replay = self._finished(ticket, None, replay, f"{error}")
                        continue
                    state, reason = WriteState.FAILING, str(error)
                    if store is not None:
                        store.close()
                        store = None  # opened afresh at the next try
                except Exception as error:  # a fault in a write: it must not stop the others
                    replay = self._finished(
                        ticket, None, replay, f"{type(error).__name__}: {error}"
                    )
                    continue
                else:
                    tries = 0
                    replay = self._finished(ticket, result, replay)
                    continue
                self._keep_waiting(ticket)
                self._tell(state, reason)
                if not self._pause(self._delays[min(tries, len(self._delays) - 1)]):
                    return
                tries += 1
        finally:
            if store is not None:
                store.close()
            self._keep_what_is_left()

    def _load_left_unsaved(self) -> _Replay:
        kept, problems = pending.left_unsaved(self.path)
        for problem in problems:
            self._tell(dropped=problem)
        tickets = [_Ticket(command) for batch in kept for command in batch.commands]
        with self._lock:
            self._queue.extendleft(reversed(tickets))
            self._kept_changed = self._kept_changed or bool(tickets)
        return _Replay(tickets, [batch.path for batch in kept])

    def _next(self) -> _Ticket | None:
        """The write at the head, once there is one; None when closed and nothing is left (or
        the time to wait at exit is up)."""
        with self._lock:
            while True:
                while self._queue and self._queue[0].cancelled:
                    self._queue.popleft()
                    self._lock.notify_all()
                if self._queue:
                    if self._closing and time.monotonic() >= self._deadline:
                        return None
                    ticket = self._queue[0]
                    ticket.started = True
                    return ticket
                if self._closing:
                    return None
                self._lock.wait()

    def _finished(
        self, ticket: _Ticket, result: object, replay: _Replay, refused: str = ""
    ) -> _Replay:
        """The head write is saved (or, ``refused``, let go): tidy up and say what changed."""
        with self._lock:
            self._queue.popleft()
            self._kept_changed = self._kept_changed or ticket.command.kept
            self._lock.notify_all()
        ticket.finish(result)
        replayed = 0
        if replay.files and all(t.done.is_set() for t in replay.tickets):
            for path in replay.files:
                path.unlink(missing_ok=True)
            replayed, replay = len(replay.tickets), _Replay([], [])
        dropped = f"A history write was refused: {refused}" if refused else ""
        if not self.waiting():
            self.pending_file.unlink(missing_ok=True)
            self._tell(WriteState.SAVED, dropped=dropped, replayed=replayed, always=True)
        elif dropped or replayed:
            self._tell(dropped=dropped, replayed=replayed)
        return replay

    def _keep_waiting(self, ticket: _Ticket) -> None:
        """The head write must wait: it may be withdrawn meanwhile; keep the kept ones on disk."""
        with self._lock:
            ticket.started = False
        self._save_kept(again=self._save_failed)

    def _save_kept(self, *, again: bool = False) -> None:
        """Write the pending-writes file if the kept writes changed since it was written (or,
        ``again``, if writing it failed last time)."""
        with self._lock:
            changed, self._kept_changed = self._kept_changed or again, False
            kept = [t.command for t in self._queue if t.command.kept and not t.cancelled]
        if not changed:
            return
        try:
            if kept:
                pending.save(self.pending_file, self.claim, kept)
            else:
                self.pending_file.unlink(missing_ok=True)
        except OSError:
            self._save_failed = True  # tried again at the next try, not in a loop
        else:
            self._save_failed = False

    def _pause(self, seconds: float) -> bool:
        """Wait before the next try, keeping writes that come meanwhile on disk at once;
        False when the time to wait at exit is up."""
        end = time.monotonic() + seconds
        while True:
            with self._lock:
                now = time.monotonic()
                if self._closing:
                    if now >= self._deadline:
                        return False
                    end = min(end, self._deadline)
                if now >= end:
                    return True
                if not self._kept_changed:
                    self._lock.wait(end - now)
                changed = self._kept_changed
            if changed:
                self._save_kept()

    def _keep_what_is_left(self) -> None:
        with self._lock:
            kept = [t.command for t in self._queue if t.command.kept]
            for ticket in self._queue:
                ticket.cancelled = True
        if kept:
            try:
                pending.save(self.pending_file, self.claim, kept)
            except OSError as error:
                self._keep_problem = str(error)
        else:
            self.pending_file.unlink(missing_ok=True)

    def _tell(
        self,
        state: WriteState | None = None,
        reason: str = "",
        *,
        dropped: str = "",
        replayed: int = 0,
        always: bool = False,
    ) -> None:
        """Report a change of state, every drop or replay, and (``always``) each time all is
        saved: the history view redraws then.  A state that goes on is not reported again."""
        waiting = self.waiting()
        if state is None:
            state = self._last[0] if self._last else WriteState.SAVED
            reason = self._last[2] if self._last else ""
        now = (state, waiting, reason)
        if now == self._last and not (dropped or replayed or always):
            return
        self._last = now
        self._report(WriterReport(state, waiting, reason, dropped, replayed))
