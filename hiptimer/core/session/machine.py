"""How a session moves from phase to phase: the cursor, cue emission, outcomes, the end.

:class:`PhaseMachine` is the part of the engine that knows nothing of real time: every method
takes a *session* time.  :class:`~hiptimer.core.session.engine.Session` builds on it with the
clock, the controls and the queries; see that module for the rules they follow.
"""

from __future__ import annotations

from dataclasses import dataclass

from hiptimer.core.session.events import Event, EventKind, SessionState, StepOutcome
from hiptimer.core.session.plan import Phase, PhaseKind, Plan, Step
from hiptimer.core.session.status import StepStatus
from hiptimer.core.session.timing import EPSILON, Cue, SessionClock, phase_cues
from hiptimer.core.session.visit import Visit, starts_rep


@dataclass
class _Cursor:
    step_index: int
    phase_index: int
    start: float  # session time the phase started
    duration: float | None  # current length (extensions included)
    cues_until: float  # cues up to this session time have been emitted
    visit: Visit  # what happened so far on this visit of the step
    reps_counted: int = 0
    halfway_said: bool = False  # a release lengthened after its halfway does not say it twice


class PhaseMachine:
    """The plan, where play is in it, what each visit of a step did, and the events."""

    def __init__(self, plan: Plan, clock: SessionClock) -> None:
        if not plan.steps:
            raise ValueError("plan has no steps")
        self.plan = plan
        self.state = SessionState.READY
        self.outcomes: list[StepOutcome] = []
        self.finished_at: float | None = None  # session time of SESSION_FINISHED
        self._clock = clock  # runs exactly while the state is RUNNING
        self._pending: list[Event] = []  # events caught up on by calls that return a bool
        self._cur = _Cursor(0, 0, 0.0, None, 0.0, Visit(plan.steps[0]))
        self._place(0, 0, 0.0)

    @property
    def _step(self) -> Step:
        return self.plan.steps[self._cur.step_index]

    @property
    def _phase(self) -> Phase:
        return self._step.phases[self._cur.phase_index]

    def _flush(self, events: list[Event]) -> list[Event]:
        if not self._pending:
            return events
        queued, self._pending = self._pending, []
        return queued + events

    def _can_extend(self) -> bool:
        if self.state not in (SessionState.RUNNING, SessionState.PAUSED):
            return False
        limit = self._phase.extendable_to
        duration = self._cur.duration
        return limit is not None and duration is not None and duration < limit - EPSILON

    def _place(self, step_index: int, phase_index: int, at: float) -> None:
        """Point the cursor at a phase start without emitting anything."""
        phase = self.plan.steps[step_index].phases[phase_index]
        step = self.plan.steps[step_index]
        same_visit = phase_index and self._cur.visit.step is step
        visit = self._cur.visit if same_visit else Visit(step)
        self._cur = _Cursor(
            step_index=step_index,
            phase_index=phase_index,
            start=at,
            duration=None if phase.seconds is None else float(phase.seconds),
            cues_until=at,
            visit=visit,
        )

    def _enter(self, step_index: int, phase_index: int, at: float) -> list[Event]:
        self._place(step_index, phase_index, at)
        phase = self._phase
        events = [Event(EventKind.PHASE_STARTED, step_index, phase_index, at=at)]
        if phase.kind is PhaseKind.SWITCH:
            events.append(Event(EventKind.SWITCH_SIDES, step_index, phase_index, at=at))
        if phase.rep is not None and starts_rep(self._step, phase_index):
            events.append(Event(EventKind.REP, step_index, phase_index, phase.rep, at=at))
        return events

    def _cues(self) -> list[Cue]:
        """The cue times of the current phase (from its current length)."""
        return phase_cues(self._step, self._phase, self._cur.start, self._cur.duration)

    def _emit_cues(self, limit: float) -> list[Event]:
        cur = self._cur
        events = [
            Event(cue.kind, cur.step_index, cur.phase_index, cue.value, at=cue.at)
            for cue in self._cues()
            if cur.cues_until + EPSILON < cue.at <= limit + EPSILON
            and not (cue.kind is EventKind.HALFWAY and cur.halfway_said)
        ]
        cur.halfway_said = cur.halfway_said or any(e.kind is EventKind.HALFWAY for e in events)
        cur.cues_until = max(cur.cues_until, limit)
        return events

    def _advance(self, t: float) -> list[Event]:
        """Emit cues and end every phase whose deadline is at or before ``t``."""
        events: list[Event] = []
        while self.state in (SessionState.RUNNING, SessionState.PAUSED):
            duration = self._cur.duration
            end = None if duration is None else self._cur.start + duration
            if end is None or end > t + EPSILON:
                events += self._emit_cues(t)
                break
            events += self._emit_cues(end)
            events += self._complete_phase(end)  # the next phase starts exactly at `end`
        return events

    def _complete_phase(self, at: float) -> list[Event]:
        """The current phase ended normally at session time ``at``: move on."""
        cur = self._cur
        step = self._step
        visit = cur.visit
        visit.phase_ended(cur.phase_index, at - cur.start, cur.reps_counted)
        events: list[Event] = []
        if cur.phase_index >= step.last_work_index and not visit.recorded:
            events += self._record(at, StepStatus.DONE)
        if cur.phase_index + 1 < len(step.phases):
            events += self._enter(cur.step_index, cur.phase_index + 1, at)
        elif cur.step_index + 1 < len(self.plan.steps):
            events += self._enter(cur.step_index + 1, 0, at)
        else:
            events += self._finish(at)
        return events

    def _count_rep(self, t: float) -> list[Event]:
        cur = self._cur
        phase = self._phase
        cur.reps_counted += 1
        cur.visit.units_done = cur.reps_counted
        events = [Event(EventKind.REP, cur.step_index, cur.phase_index, cur.reps_counted, at=t)]
        if phase.reps is not None and cur.reps_counted >= phase.reps:
            events += self._complete_phase(t)
            events += self._advance(t)
        return events

    def _leave(self, at: float) -> list[Event]:
        """The user leaves the current step at ``at``: record it if not yet recorded."""
        cur = self._cur
        cur.visit.left_during(cur.phase_index, at - cur.start)
        if cur.visit.recorded:
            return []
        return self._record(at, StepStatus.SKIPPED)

    def _record(self, at: float, status: StepStatus) -> list[Event]:
        cur = self._cur
        outcome = cur.visit.outcome(status)
        self.outcomes.append(outcome)
        return [
            Event(EventKind.STEP_FINISHED, cur.step_index, cur.phase_index, outcome=outcome, at=at)
        ]

    def _finish(self, at: float) -> list[Event]:
        self.state = SessionState.FINISHED
        self.finished_at = at
        self._clock.stop(self._clock.real_time(at), at)
        cur = self._cur
        return [Event(EventKind.SESSION_FINISHED, cur.step_index, cur.phase_index, at=at)]
