"""One running session: the runner, its cues, and the session record.

Each finished step is handed to the history writer as soon as the engine reports it, as a small
write command; the writer saves it on its own thread, so a busy history file never holds up
the countdown or the keys.  While writes wait, the player says so; the notice goes as soon as
they are saved.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from hiptimer.core.routines.model import Kind
from hiptimer.core.session.announcements import announce
from hiptimer.core.session.events import Event, EventKind, SessionState, StepOutcome
from hiptimer.core.session.plan import Plan
from hiptimer.core.session.resume import routine_hash, routine_record
from hiptimer.core.session.status import SessionStatus, StepStatus
from hiptimer.qt.session.runner import Clock, SessionRunner, Sleep

if TYPE_CHECKING:
    from hiptimer.core.history.commands import Command
    from hiptimer.core.history.writer import WriterReport
    from hiptimer.qt.history.writes import HistoryWrites
    from hiptimer.qt.photo.dialog import PhotoMeasurement
    from hiptimer.qt.session.audio import CuePlayer
    from hiptimer.qt.session.voice import Voice


def wall_now() -> datetime:
    return datetime.now().astimezone()


class SessionController(QObject):
    """Owns a runner for one plan; emits ``finished(status)`` once."""

    finished = Signal(object)  # SessionStatus
    record_problem = Signal(str)  # what the player should say about saving ("" : nothing)

    def __init__(
        self,
        plan: Plan,
        *,
        speed: float,
        clock: Clock,
        sleep: Sleep = time.sleep,
        writes: HistoryWrites | None,
        cues: CuePlayer | None,
        voice: Voice | None,
        resume_session_key: str | None = None,
        earlier_active_seconds: float = 0,
        earlier_outcomes: Sequence[StepOutcome] = (),
        progression_levels: Mapping[str, int] | None = None,
        photos: dict[int, PhotoMeasurement] | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``writes``: where the session is recorded (None: not recorded, e.g. a rehearsal);
        ``resume_session_key``, ``earlier_active_seconds`` and ``earlier_outcomes``: the
        session resumed (claimed by this window already), the active time it had already done
        and its steps saved before; ``progression_levels``: the version of each exercise the
        person does (recorded with each step); ``photos``: test steps measured on a photo, by
        step index (the player's photo button fills it)."""
        super().__init__(parent)
        self.plan = plan
        self.speed = speed
        self.runner = SessionRunner(plan, speed=speed, clock=clock, sleep=sleep, parent=self)
        self.writes = writes
        self._telling = False  # the player shows a saving notice of ours
        self._earlier_active = earlier_active_seconds
        self.cues = cues
        self.voice = voice
        self.session_key: str | None = resume_session_key
        self.outcomes: list[StepOutcome] = []  # this run's
        self.earlier_outcomes = list(earlier_outcomes)
        self.progression_levels = dict(progression_levels or {})
        self.photos = photos if photos is not None else {}
        self.status: SessionStatus | None = None
        self.started_at: datetime | None = None
        self.first_step = 0
        self.runner.events.connect(self._on_events)
        if writes is not None:
            writes.report.connect(self._on_saving)

    @property
    def session(self):
        return self.runner.session

    def start(self, at_step: int = 0) -> None:
        from hiptimer.core.history import commands

        self.started_at = wall_now()
        if self.writes is not None and self.session_key is None:
            self.session_key = commands.new_key()
            self._write(
                commands.BeginSession(
                    key=self.session_key,
                    routine_id=self.plan.routine.id,
                    routine_name=self.plan.routine.name,
                    routine_hash=routine_hash(self.plan.routine),
                    side_choice=self.plan.side_choice.value,
                    started_at=self.started_at,
                    planned_steps=len(self.plan.steps),
                    claim=self.writes.claim,
                    planned_work_seconds=self.plan.exercise_seconds(),
                    routine_text=routine_record(
                        self.plan.routine, (step.exercise for step in self.plan.steps)
                    ),
                )
            )
        if at_step:
            self.first_step = at_step
            self.runner.session.begin_at(at_step)
        self.runner.start()

    def _write(self, command: Command) -> None:
        """Hand one write to the writer: it returns at once, whatever the file is doing."""
        if self.writes is not None:
            self.writes.submit(command)

    def _on_saving(self, report: WriterReport) -> None:
        """The writer's state, on the GUI thread: say what waits, clear it once saved."""
        from hiptimer.core.history.saving_text import saving_notice

        text = " ".join(filter(None, [saving_notice(report), report.dropped]))
        if text or self._telling:
            self._telling = bool(text)
            self.record_problem.emit(text)

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
        if self.session_key is not None:
            from hiptimer.core.history import commands

            level = self.progression_levels.get(outcome.exercise_id, 0)
            step = commands.StepRecord.of(outcome, level)
            photo = self.photos.pop(outcome.step_index, None)
            from_photo = photo is not None and photo.degrees == outcome.measurement
            kept = self._keep_photo(photo) if from_photo and photo is not None else None
            self._write(
                commands.RecordStep(
                    self.session_key, step, wall_now(), self.active_seconds(), from_photo, kept
                )
            )

    def _keep_photo(self, photo: PhotoMeasurement) -> str | None:
        """Keep a step's photo beside the history, if asked; a failure costs only the photo."""
        from hiptimer.core.history.photos import photos_dir

        if self.writes is None:
            return None
        try:
            return photo.kept_in(photos_dir(self.writes.writer.path))
        except (OSError, ValueError) as exc:
            self.record_problem.emit(f"The measurement is saved, but its photo is not: {exc}")
            return None

    def counts_as(self):  # -> SessionKind (imported with the history)
        """What the session counts as, by the one workout rule, from all its steps."""
        from hiptimer.core.history.adherence import classify

        work = [o for o in self.all_outcomes if o.kind is not Kind.TEST]
        measured = any(o.measurement is not None for o in self.all_outcomes)
        done = sum(o.actual_seconds for o in work)
        return classify(self.plan.exercise_seconds(), done, measured)

    @property
    def all_outcomes(self) -> list[StepOutcome]:
        """Every step of the session, a resumed one's earlier steps first: one session."""
        return [*self.earlier_outcomes, *self.outcomes]

    def active_seconds(self) -> float:
        """Work seconds of the whole session, a resumed one's earlier run included."""
        return self._earlier_active + sum(o.actual_seconds for o in self.outcomes)

    def leave(self) -> None:
        """The window closes mid-session: keep it as incomplete so it can be resumed."""
        if self.status is None and self.session.state is not SessionState.FINISHED:
            self.runner.pause()
            self._close(SessionStatus.INCOMPLETE, emit=False)
        if self.writes is not None:
            self.writes.report.disconnect(self._on_saving)
            self.writes = None  # nothing more is recorded from here

    def finish_early(self) -> None:
        self.runner.finish()

    def _close(self, status: SessionStatus, *, emit: bool = True) -> None:
        if self.status is not None:
            return
        self.status = status
        if self.session_key is not None:
            from hiptimer.core.history import commands

            self._write(
                commands.FinishSession(
                    self.session_key, wall_now(), status.value, self.active_seconds()
                )
            )
        if emit:
            self.finished.emit(status)

    def set_exercise_feedback(self, exercise_id: str, rating: str | None, pain: int | None) -> None:
        """What the person said about one exercise at the summary."""
        if self.session_key is not None:
            from hiptimer.core.history import commands

            self._write(commands.SetExerciseFeedback(self.session_key, exercise_id, rating, pain))

    def set_feedback(self, pain: int | None, note: str) -> None:
        if (pain is not None or note) and self.session_key is not None:
            from hiptimer.core.history import commands

            self._write(commands.SetFeedback(self.session_key, pain, note))
