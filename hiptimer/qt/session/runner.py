"""The session runner: the one timer that drives the pure session engine.

The timer is armed for the monotonic time the engine asks for (the next shown-second change,
phase end or cue), so the window repaints only when a shown value changes and every phase ends
at its deadline however late the event loop was.

A precise QTimer counts whole milliseconds and fires up to about a millisecond after its
interval, later still when the event loop is busy with something else at that moment.  So the
timer is armed :data:`WAKE_EARLY` before the deadline and the runner sleeps what is left (a
few milliseconds at most, no CPU), which lands a phase end within a fraction of a millisecond
when the app is idle and keeps it within a few under a busy event loop.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from hiptimer.core.session.engine import Session
from hiptimer.core.session.events import Event, SessionState, Snapshot
from hiptimer.core.session.plan import Plan
from hiptimer.core.session.timing import STALL_SECONDS

Clock = Callable[[], float]
Sleep = Callable[[float], None]

#: How long before a deadline the timer fires; the rest is slept.
WAKE_EARLY = 0.006
#: A wake further ahead of its deadline than this (which a precise timer should not give) is
#: waited for with the timer again rather than slept.
MOST_SLEPT = 0.008


class SessionRunner(QObject):
    events = Signal(list)  # list[Event], in order
    changed = Signal(object)  # Snapshot

    def __init__(
        self,
        plan: Plan,
        *,
        speed: float = 1.0,
        clock: Clock = time.monotonic,
        sleep: Sleep = time.sleep,
        stall_after: float | None = STALL_SECONDS,
        parent: QObject | None = None,
    ) -> None:
        """``stall_after``: real seconds past a deadline after which the session pauses instead
        of racing through the missed time (None: always catch up); ``sleep`` waits the last
        milliseconds before a deadline (a test's fake clock advances instead)."""
        super().__init__(parent)
        self.session = Session(plan, speed=speed, stall_after=stall_after)
        self._clock = clock
        self._sleep = sleep
        self._wake: float | None = None  # the deadline the timer is armed for
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.tick)

    @property
    def plan(self) -> Plan:
        return self.session.plan

    def now(self) -> float:
        return self._clock()

    def snapshot(self) -> Snapshot:
        return self.session.snapshot(self.now())

    def _apply(self, action: Callable[[float], object]) -> object:
        """Run one engine call at the current time, then publish and re-arm the timer."""
        now = self.now()
        result = action(now)
        # Controls that answer True/False (extend) leave the events they caught up on queued
        # in the engine; update() hands them over now instead of at the next key press.
        events = result if isinstance(result, list) else self.session.update(now)
        self._publish(events, now)
        return result

    def _publish(self, events: list[Event], now: float) -> None:
        if events:
            self.events.emit(events)
        self.changed.emit(self.session.snapshot(now))
        self._arm(now)

    def _arm(self, now: float) -> None:
        """Arm for the engine's next wakeup, counted from *after* the slots ran."""
        self._timer.stop()
        self._wake = None
        if self.session.state is not SessionState.RUNNING:
            return
        wake = self.session.next_wakeup(now)
        if wake is None:
            return
        self._wake = wake
        self._start_timer(self.now())  # slow slots (a write, a repaint) must not make us late

    def _start_timer(self, now: float) -> None:
        assert self._wake is not None
        early_ms = (self._wake - now - WAKE_EARLY) * 1000
        self._timer.start(max(0, math.floor(early_ms + 1e-6)))  # 1e-6: float noise

    def tick(self) -> None:
        now = self.now()
        if self._wake is not None and now < self._wake:
            if self._wake - now > MOST_SLEPT:
                self._start_timer(now)
                return
            self._sleep(self._wake - now)
            now = self.now()
        self._publish(self.session.update(now), now)

    # Controls, each a thin call into the engine.
    def start(self) -> None:
        self._apply(self.session.start)

    def toggle_pause(self) -> None:
        self._apply(self.session.toggle_pause)

    def pause(self) -> None:
        if self.session.state is SessionState.RUNNING:
            self._apply(self.session.pause)

    def next(self) -> None:
        self._apply(self.session.next)

    def previous(self) -> None:
        self._apply(self.session.previous)

    def restart_step(self) -> None:
        self._apply(self.session.restart_step)

    def extend(self) -> bool:
        return bool(self._apply(lambda now: self.session.extend(now, 30)))

    def extend_lead_in(self) -> bool:
        return bool(self._apply(lambda now: self.session.extend_lead_in(now, 10)))

    def rep_done(self) -> None:
        self._apply(self.session.rep_done)

    def done(self) -> None:
        self._apply(self.session.done)

    def record_measurement(self, degrees: int) -> None:
        self._apply(lambda now: self.session.record_measurement(now, degrees))

    def finish(self) -> None:
        if self.session.state is not SessionState.FINISHED:
            self._apply(self.session.finish)
