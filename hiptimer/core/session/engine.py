"""The session engine: plays a :class:`~hiptimer.core.session.plan.Plan` against a clock.

Pure state machine.  Every method takes ``now`` (real monotonic seconds) and
nothing here ever reads a clock or counts ticks.  Real time maps to *session
time* through ``speed`` (speed 200: a 60 s hold lasts 0.3 s of real time) and
stops while paused.  Phase deadlines are absolute session times: each phase
starts exactly at the previous phase's deadline, however late ``update`` is
called, so there is no drift across a routine.

Outcomes.  Each *visit* of a step records one :class:`StepOutcome` and emits
one ``STEP_FINISHED``: "done" when its last work phase ends (before its rest),
or "skipped" when the user leaves it for another step (``next``, ``previous``)
or finishes the session before its work ended.  Restarting the step
(``restart_step``, or ``previous`` on the first step) abandons the attempt
without recording it.  A step played again (after ``previous`` or a restart
during its rest) records a new outcome when that visit ends, so ``outcomes``
is append-only and may hold a step more than once; :meth:`Session.final_outcomes`
keeps the last outcome of each step.

Events that happen inside ``extend``/``extend_lead_in`` (which return a bool)
are queued and returned by the next event-returning call.

Stalls.  With ``stall_after`` set, a call that comes more than that many real seconds after
something was due (the process was stopped, the machine froze) does not race through the
missed time: the session pauses where it was when it was last driven, emits ``STALLED``, and
nothing of the gap (no phase end, no cue) happens until it is resumed.
"""

from __future__ import annotations

from collections.abc import Callable

from hiptimer.core.routines.limits import DEGREE_LIMITS
from hiptimer.core.session.events import (
    Event,
    EventKind,
    SessionState,
    Snapshot,
    StepOutcome,
)
from hiptimer.core.session.machine import PhaseMachine
from hiptimer.core.session.plan import LEAD_KINDS, PhaseKind, Plan
from hiptimer.core.session.timing import (
    EPSILON,
    SessionClock,
    seconds_after,
    shown_seconds,
)


class Session(PhaseMachine):
    """One play-through of a plan.  See the module docstring for the rules."""

    def __init__(self, plan: Plan, *, speed: float = 1.0, stall_after: float | None = None) -> None:
        super().__init__(plan, SessionClock(speed))
        self._stall_after = stall_after
        self._last_seen: float | None = None  # real time of the last call while running
        self._stalled_for: float | None = None
        self._after = seconds_after(plan)

    # ----------------------------------------------------------------- clock
    @property
    def speed(self) -> float:
        return self._clock.speed

    def set_speed(self, now: float, speed: float) -> None:
        """Change the speed from ``now`` on (session time so far is kept)."""
        self._clock.set_speed(now, self.session_time(now), speed)

    def session_time(self, now: float) -> float:
        """Session seconds since start at real time ``now`` (frozen unless running)."""
        if self.state is not SessionState.RUNNING:
            return self._clock.read(now)
        return max(self._clock.read(now), self._cur.start, self._cur.cues_until)

    # ------------------------------------------------------------- controls
    def begin_at(self, step_index: int) -> None:
        """Before start: make ``step_index`` the first step played (resuming a left session)."""
        if self.state is not SessionState.READY:
            raise RuntimeError("begin_at only works before the session starts")
        if not 0 <= step_index < len(self.plan.steps):
            last = len(self.plan.steps) - 1
            raise ValueError(f"step {step_index} is outside the plan (0..{last})")
        self._place(step_index, 0, 0.0)

    def start(self, now: float) -> list[Event]:
        if self.state is not SessionState.READY:
            return self._flush([])
        self.state = SessionState.RUNNING
        self._clock.run(now, at=0.0)
        self._last_seen = now
        events = self._enter(self._cur.step_index, 0, 0.0)
        events += self._advance(0.0)
        return self._flush(events)

    def update(self, now: float) -> list[Event]:
        """Process every deadline and cue up to ``now``, in order."""
        if self.state is not SessionState.RUNNING:
            return self._flush([])
        stalled = self._check_stall(now)
        if stalled:
            return self._flush(stalled)
        return self._flush(self._advance(self.session_time(now)))

    def pause(self, now: float) -> list[Event]:
        if self.state is not SessionState.RUNNING:
            return self._flush([])
        stalled = self._check_stall(now)
        if stalled:
            return self._flush(stalled)
        t = self.session_time(now)
        events = self._advance(t)
        if self.state is SessionState.RUNNING:
            self._clock.stop(now, t)
            self.state = SessionState.PAUSED
        return self._flush(events)

    def resume(self, now: float) -> list[Event]:
        if self.state is SessionState.PAUSED:
            self._clock.run(now)
            self.state = SessionState.RUNNING
            self._last_seen = now
            self._stalled_for = None
        return self._flush([])

    def toggle_pause(self, now: float) -> list[Event]:
        """Space: start a ready session, pause a running one, resume a paused one."""
        if self.state is SessionState.READY:
            return self.start(now)
        if self.state is SessionState.RUNNING:
            return self.pause(now)
        return self.resume(now)

    def next(self, now: float) -> list[Event]:
        """Skip to the start of the next step; on the last step, finish."""
        if self.state is SessionState.READY:
            if self._cur.step_index + 1 < len(self.plan.steps):
                self._place(self._cur.step_index + 1, 0, 0.0)
            return self._flush([])
        return self._act(now, self._next_at)

    def previous(self, now: float) -> list[Event]:
        """Go to the start of the previous step; on the first step, restart it."""
        if self.state is SessionState.READY:
            self._place(max(self._cur.step_index - 1, 0), 0, 0.0)
            return self._flush([])
        return self._act(now, self._previous_at)

    def restart_step(self, now: float) -> list[Event]:
        """Play the current step again from its lead phase (the attempt is not recorded)."""
        if self.state is SessionState.READY:
            return self._flush([])
        return self._act(now, lambda t: self._go(self._cur.step_index, t))

    def extend(self, now: float, seconds: float = 30) -> bool:
        """Lengthen a release phase by ``seconds``, up to the top of its range."""
        if not self._catch_up_pending(now) or seconds <= 0:
            return False
        phase = self._phase
        limit = phase.extendable_to
        duration = self._cur.duration
        if limit is None or duration is None or duration >= limit - EPSILON:
            return False
        self._cur.duration = min(duration + seconds, limit)
        return True

    def extend_lead_in(self, now: float, seconds: float = 10) -> bool:
        """Lengthen a get-ready, switch-sides or rest phase by ``seconds``."""
        if not self._catch_up_pending(now) or seconds <= 0:
            return False
        if self._phase.kind not in LEAD_KINDS or self._cur.duration is None:
            return False
        self._cur.duration += seconds
        return True

    def rep_done(self, now: float) -> list[Event]:
        """Count one self-paced rep; the COUNT phase ends when all are counted."""
        return self._act(
            now, lambda t: self._count_rep(t) if self._phase.kind is PhaseKind.COUNT else []
        )

    def done(self, now: float) -> list[Event]:
        """Enter/Done: finish an action, skip a lead-in/switch/rest wait, count a rep.

        A MEASURE phase only ends once a measurement is recorded (which already
        ends it), so ``done`` does nothing there.  Paced phases ignore it.
        """
        return self._act(now, self._done_at)

    def record_measurement(self, now: float, degrees: int) -> list[Event]:
        """Store degrees for this test step's side and finish its MEASURE phase.

        Raises ValueError unless ``degrees`` is a whole number 0..90.  Outside a
        MEASURE phase nothing is stored.
        """
        if isinstance(degrees, bool) or not isinstance(degrees, int):
            raise ValueError(f"degrees must be a whole number, not {degrees!r}")
        if degrees not in DEGREE_LIMITS:
            low, high = DEGREE_LIMITS
            raise ValueError(f"degrees must be between {low} and {high}, not {degrees}")

        def measured(t: float) -> list[Event]:
            if self._phase.kind is not PhaseKind.MEASURE:
                return []
            self._cur.visit.measurement = degrees
            return self._complete_phase(t) + self._advance(t)

        return self._act(now, measured)

    def finish(self, now: float) -> list[Event]:
        """End the session early: the current step is recorded, later ones are not."""
        if self.state is SessionState.FINISHED:
            return self._flush([])
        if self.state is SessionState.READY:
            return self._flush(self._finish(0.0))
        return self._act(now, lambda t: self._leave(t) + self._finish(t))

    def final_outcomes(self) -> list[StepOutcome]:
        """The last outcome of each step, in plan order."""
        last = {outcome.step_index: outcome for outcome in self.outcomes}
        return [last[index] for index in sorted(last)]

    # -------------------------------------------------------------- queries
    def snapshot(self, now: float) -> Snapshot:
        cur = self._cur
        step = self.plan.steps[cur.step_index]
        phase = step.phases[cur.phase_index]
        t = self.session_time(now)
        elapsed_in_phase = max(t - cur.start, 0.0)
        if self.state is SessionState.FINISHED:
            remaining: float | None = 0.0
            left_here = 0.0
        elif cur.duration is None:
            remaining = None
            left_here = max(phase.expected_seconds - elapsed_in_phase, 0.0)
        else:
            remaining = max(cur.duration - elapsed_in_phase, 0.0)
            left_here = remaining
        finished = self.state is SessionState.FINISHED
        session_left = 0.0 if finished else left_here + self._after[cur.step_index][cur.phase_index]
        return Snapshot(
            state=self.state,
            step=step,
            step_index=cur.step_index,
            phase=phase,
            phase_index=cur.phase_index,
            remaining=remaining,
            shown_seconds=None if remaining is None else shown_seconds(remaining),
            reps_counted=cur.reps_counted,
            session_left=session_left,
            can_extend=self._can_extend(),
            speed=self._clock.speed,
            phase_seconds=cur.duration,
            elapsed=t,
            measurement=cur.visit.measurement,
            stalled_for=self._stalled_for if self.state is SessionState.PAUSED else None,
        )

    def next_wakeup(self, now: float) -> float | None:
        """Real time when the shown second, the phase or a cue next changes.

        None when paused, finished, not started, or waiting for the user.
        """
        if self.state is not SessionState.RUNNING or self._cur.duration is None:
            return None
        t = self.session_time(now)
        end = self._cur.start + self._cur.duration
        remaining = end - t
        if remaining <= EPSILON:
            return self._clock.real_time(end)
        target = end - (shown_seconds(remaining) - 1)
        for cue in self._cues():
            if cue.at > t + EPSILON and cue.at < target:
                target = cue.at
        return self._clock.real_time(target)

    # ------------------------------------------------------------ internals
    def _check_stall(self, now: float) -> list[Event]:
        """Pause (and say so) when something was due long before ``now``; else nothing."""
        seen, self._last_seen = self._last_seen, now
        if self._stall_after is None or seen is None or self.state is not SessionState.RUNNING:
            return []
        due = self.next_wakeup(seen)
        if due is None or now - max(due, seen) <= self._stall_after:
            return []
        t = self.session_time(seen)  # where it was when it was last driven
        self._clock.stop(now, t)
        self.state = SessionState.PAUSED
        self._stalled_for = now - seen
        cur = self._cur
        gap = round(self._stalled_for)
        return [Event(EventKind.STALLED, cur.step_index, cur.phase_index, gap, at=t)]

    def _catch_up(self, now: float) -> tuple[float | None, list[Event]]:
        """Process what is due; return the session time, or None if not playing."""
        if self.state not in (SessionState.RUNNING, SessionState.PAUSED):
            return None, []
        stalled = self._check_stall(now)
        if stalled:
            return None, stalled
        t = self.session_time(now)
        events = self._advance(t)
        if self.state is SessionState.FINISHED:
            return None, events
        return t, events

    def _act(self, now: float, action: Callable[[float], list[Event]]) -> list[Event]:
        """Catch up to ``now``; while still playing, do ``action`` at that session time."""
        t, events = self._catch_up(now)
        if t is not None:
            events += action(t)
        return self._flush(events)

    def _go(self, step_index: int, t: float) -> list[Event]:
        """Start step ``step_index`` afresh at session time ``t``."""
        return self._enter(step_index, 0, t) + self._advance(t)

    def _next_at(self, t: float) -> list[Event]:
        events = self._leave(t)
        target = self._cur.step_index + 1
        if target < len(self.plan.steps):
            return events + self._go(target, t)
        return events + self._finish(t)

    def _previous_at(self, t: float) -> list[Event]:
        if self._cur.step_index == 0:
            return self._go(0, t)
        events = self._leave(t)
        return events + self._go(self._cur.step_index - 1, t)

    def _done_at(self, t: float) -> list[Event]:
        kind = self._phase.kind
        if kind is PhaseKind.COUNT:
            return self._count_rep(t)
        if (
            kind is PhaseKind.ACTION
            or kind in LEAD_KINDS
            or (kind is PhaseKind.MEASURE and self._cur.visit.measurement is not None)
        ):
            return self._complete_phase(t) + self._advance(t)
        return []

    def _catch_up_pending(self, now: float) -> bool:
        t, events = self._catch_up(now)
        self._pending += events
        return t is not None
