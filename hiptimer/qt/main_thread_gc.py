"""Python's cyclic garbage collector, run on the GUI thread only.

The collector normally runs in whichever thread happens to allocate when its thresholds are
crossed: in hiptimer that can be the history writer's thread, which would then destroy Qt
objects (a closed dialog's wrappers in a reference cycle, say) away from the thread that owns
them, while that thread is delivering an event to them — a crash ("pure virtual method
called", a jump through a freed slot), seen now and then in the test run.  So automatic
collection is switched off and the same thresholds are checked from a timer on the GUI thread,
between events.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: How often the thresholds are looked at; a check that finds nothing due costs microseconds.
CHECK_MS = 1000


def collect_if_due() -> int:
    """Collect the oldest generation whose threshold is passed, as the automatic collector
    would; the number of objects found unreachable (0 when nothing was due)."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    due = [gen for gen in range(3) if thresholds[gen] and counts[gen] > thresholds[gen]]
    return gc.collect(max(due)) if due else 0


class MainThreadCollector(QObject):
    """From now on garbage is collected on this (the GUI) thread only."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = CHECK_MS) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(collect_if_due)
        self._timer.start()
