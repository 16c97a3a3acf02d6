"""One running session: the runner, its cues, and the session record.

Each finished step is handed to the record (the history store when there is one) as soon as the
engine reports it, before the next step is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from hiptimer.core.session.announcements import announce
from hiptimer.core.session.events import Event, EventKind, SessionState, StepOutcome
from hiptimer.core.session.plan import Plan
from hiptimer.core.session.resume import routine_hash
from hiptimer.core.session.status import SessionStatus, StepStatus
from hiptimer.qt.session.runner import Clock, SessionRunner

if TYPE_CHECKING:
    from hiptimer.core.history.store import HistoryStore
    from hiptimer.qt.session.audio import CuePlayer, Voice


def history_errors() -> tuple[type[Exception], ...]:
    """What a failing history write can raise; imported only once a history is in use."""
    import sqlite3

    from hiptimer.core.history.errors import HistoryError

    return (sqlite3.Error, OSError, ValueError, HistoryError)


def is_busy(exc: Exception) -> bool:
    """Another program holds the database for now: worth trying again later."""
    from hiptimer.core.history.errors import HistoryBusyError  # loaded once history is in use

    return isinstance(exc, HistoryBusyError)


Write = Callable[["HistoryStore"], object]


def wall_now() -> datetime:
    return datetime.now().astimezone()


class SessionController(QObject):
    """Owns a runner for one plan; emits ``finished(status)`` once."""

    finished = Signal(object)  # SessionStatus
    record_problem = Signal(str)

    def __init__(
        self,
        plan: Plan,
        *,
        speed: float,
        clock: Clock,
        history: HistoryStore | None,
        cues: CuePlayer | None,
        voice: Voice | None,
        resume_session_id: int | None = None,
        earlier_active_seconds: float = 0,
        parent: QObject | None = None,
    ) -> None:
        """``earlier_active_seconds``: what a resumed session had already done."""
        super().__init__(parent)
        self.plan = plan
        self.speed = speed
        self.runner = SessionRunner(plan, speed=speed, clock=clock, parent=self)
        self.history = history
        self._history_errors = history_errors() if history is not None else ()
        self._unsaved: list[Write] = []  # history writes waiting for a busy database
        self._said_busy = False
        self._earlier_active = earlier_active_seconds
        self.cues = cues
        self.voice = voice
        self.session_id: int | None = resume_session_id
        self.outcomes: list[StepOutcome] = []
        self.status: SessionStatus | None = None
        self.started_at: datetime | None = None
        self.first_step = 0
        self.runner.events.connect(self._on_events)

    @property
    def session(self):
        return self.runner.session

    def start(self, at_step: int = 0) -> None:
        self.started_at = wall_now()
        if self.session_id is None:
            started_at = self.started_at

            def begin(store: HistoryStore) -> None:
                self.session_id = store.begin_session(
                    routine_id=self.plan.routine.id,
                    routine_name=self.plan.routine.name,
                    content_hash=routine_hash(self.plan.routine),
                    side_choice=self.plan.side_choice.value,
                    started_at=started_at,
                )

            self._write(begin)
        if at_step:
            self.first_step = at_step
            self.runner.session.begin_at(at_step)
        self.runner.start()

    def _write(self, write: Write) -> None:
        """Queue one history write and run every queued write, in order.

        A busy database (another program holding it) keeps the writes queued for the next
        try; any other failure stops saving, and says so, while the session goes on.
        """
        if self.history is None:
            return
        self._unsaved.append(write)
        while self._unsaved and self.history is not None:
            try:
                self._unsaved[0](self.history)
            except self._history_errors as exc:
                if not is_busy(exc):
                    self._history_failed(exc)
                elif not self._said_busy:
                    self._said_busy = True
                    self.record_problem.emit(
                        "The history file is busy (another copy of hiptimer?); finished steps "
                        "are kept and saved as soon as it is free."
                    )
                return
            self._unsaved.pop(0)

    def _history_failed(self, exc: Exception) -> None:
        self.history = None
        self._unsaved.clear()
        self.record_problem.emit(f"History could not be saved from here on: {exc}")

    def _on_events(self, events: list[Event]) -> None:
        for event in events:
            if event.kind is EventKind.STEP_FINISHED and event.outcome is not None:
                self._record(event.outcome)
            cue = announce(event, self.plan)
            if cue is not None:
                if cue.sound and self.cues is not None:
                    self.cues.play(cue.sound)
                if cue.speech and self.voice is not None:
                    self.voice.say(cue.speech)
            if event.kind is EventKind.SESSION_FINISHED:
                self._close(
                    SessionStatus.COMPLETED if self._all_done() else SessionStatus.ENDED_EARLY
                )

    def _all_done(self) -> bool:
        """Every step of this run (from the resumed step on) ended done, none skipped."""
        done = {o.step_index for o in self.outcomes if o.status is StepStatus.DONE}
        return done >= set(range(self.first_step, len(self.plan.steps)))

    def _record(self, outcome: StepOutcome) -> None:
        self.outcomes.append(outcome)
        ended_at = wall_now()
        self._write(lambda store: store.record_step(self.session_id, outcome, ended_at))

    def active_seconds(self) -> float:
        """Work seconds of the whole session, a resumed one's earlier run included."""
        return self._earlier_active + sum(o.actual_seconds for o in self.outcomes)

    def leave(self) -> None:
        """The window closes mid-session: keep it as incomplete so it can be resumed."""
        if self.status is None and self.session.state is not SessionState.FINISHED:
            self.runner.pause()
            self._close(SessionStatus.INCOMPLETE, emit=False)

    def finish_early(self) -> None:
        self.runner.finish()

    def _close(self, status: SessionStatus, *, emit: bool = True) -> None:
        if self.status is not None:
            return
        self.status = status
        ended_at, active = wall_now(), self.active_seconds()
        self._write(lambda store: store.finish_session(self.session_id, ended_at, status, active))
        if emit:
            self.finished.emit(status)

    def set_feedback(self, pain: int | None, note: str) -> None:
        if pain is not None or note:
            self._write(lambda store: store.set_feedback(self.session_id, pain, note))
