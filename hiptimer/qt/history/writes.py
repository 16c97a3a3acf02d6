"""The history writer seen from the window: writes handed over, reports back on the GUI thread.

:class:`HistoryWrites` owns the one :class:`~hiptimer.core.history.writer.HistoryWriter` of the
app.  Its thread reports through a signal connected with a queued connection, so every
``report`` reaches its slots on the GUI thread, in order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QStatusBar

from hiptimer.core.history.commands import ClaimSession, Command, FinishSession
from hiptimer.core.history.saving_text import replayed_notice, saving_notice, unsaved_at_exit
from hiptimer.core.history.writer import (
    EXIT_WAIT_SECONDS,
    RETRY_DELAYS,
    WRITER_BUSY_TIMEOUT,
    HistoryWriter,
    WriterReport,
    WriteState,
)
from hiptimer.core.session.resume import ResumePoint
from hiptimer.core.session.status import SessionStatus

#: How long resuming waits for the claim (the window has no session playing meanwhile).
CLAIM_WAIT_SECONDS = 1.5
#: How long the resume offer waits for writes handed over before it (at a start: what an
#: earlier run left unsaved), so it reads a file that holds them.
BEFORE_OFFER_WAIT_SECONDS = 2.0


class Claim(Enum):
    WON = "won"  # this window has the session
    LOST = "lost"  # another window took it first (or it is no longer unfinished)
    NO_ANSWER = "no_answer"  # the file stayed busy: nobody has it yet, try later


class HistoryWrites(QObject):
    report = Signal(object)  # WriterReport, on the GUI thread
    damaged = Signal(str)  # the file failed its check (why); once each time it is found
    _from_writer = Signal(object)  # emitted on the writer's thread

    def __init__(
        self,
        path: Path,
        *,
        claim: str | None = None,
        busy_timeout: float = WRITER_BUSY_TIMEOUT,
        retry_delays: Sequence[float] = RETRY_DELAYS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.last = WriterReport(WriteState.SAVED, 0)
        self._from_writer.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self.writer = HistoryWriter(
            path,
            self._from_writer.emit,
            claim=claim,
            busy_timeout=busy_timeout,
            retry_delays=retry_delays,
        )
        self.writer.start()

    @property
    def claim(self) -> str:
        """What this app writes into the sessions it plays."""
        return self.writer.claim

    def submit(self, command: Command) -> None:
        self.writer.submit(command)

    def claim_session(self, session_key: str, replacing: str | None) -> Claim:
        """Take an unfinished session for this window, if nobody took it since it was read."""
        command = ClaimSession(session_key, self.claim, replacing)
        answered, won = self.writer.ask(command, CLAIM_WAIT_SECONDS)
        if not answered:
            return Claim.NO_ANSWER
        return Claim.WON if won else Claim.LOST

    def finish_completed(self, left: ResumePoint, ended_at: datetime) -> None:
        """A claimed session whose every step was saved: only its ending was lost."""
        status = SessionStatus.COMPLETED.value
        self.submit(FinishSession(left.session_key, ended_at, status, left.active_seconds))

    def tell_in(self, bar: QStatusBar, playing: Callable[[], bool]) -> None:
        """Show in ``bar`` what waits to be saved (unless ``playing()``: the player says it
        then), clear it once saved, and say when an earlier run's writes were saved."""
        self.report.connect(_StatusBarNotices(bar, playing).show)

    def wait_until_saved(self) -> bool:
        """Before a resume is offered: let what is handed over (at a start, what an earlier
        run kept) reach the file first; False when the file stayed busy."""
        return self.writer.flush(BEFORE_OFFER_WAIT_SECONDS)

    def close(self, timeout: float = EXIT_WAIT_SECONDS) -> str:
        """Stop the writer, waiting up to ``timeout`` s; what could not be saved, in words."""
        reason = self.writer.reason
        return unsaved_at_exit(self.writer.close(timeout), reason)

    def _deliver(self, report: WriterReport) -> None:
        found = report.state is WriteState.DAMAGED and self.last.state is not WriteState.DAMAGED
        self.last = report
        self.report.emit(report)
        if found:
            self.damaged.emit(report.reason)


class _StatusBarNotices(QObject):
    """The writer's reports in a status bar; a child of the bar, so it goes with it."""

    def __init__(self, bar: QStatusBar, playing: Callable[[], bool]) -> None:
        super().__init__(bar)
        self._bar = bar
        self._playing = playing
        self._told = False

    def show(self, report: WriterReport) -> None:
        waiting = (
            ""
            if self._playing()
            else " ".join(filter(None, [saving_notice(report), report.dropped]))
        )
        replayed = replayed_notice(report.replayed) if report.replayed else ""
        if waiting or replayed:
            self._bar.showMessage(" ".join(filter(None, [waiting, replayed])))
        elif self._told:
            self._bar.clearMessage()
        self._told = bool(waiting)
