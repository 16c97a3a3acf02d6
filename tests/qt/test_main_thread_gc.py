"""Garbage is collected on the GUI thread, by its timer, with the collector's own thresholds."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from hiptimer.qt.main_thread_gc import MainThreadCollector, collect_if_due


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_nothing_is_collected_before_the_first_threshold_is_passed() -> None:
    gc.collect()
    thresholds = gc.get_threshold()
    try:
        gc.set_threshold(1_000_000, 10, 10)
        cycle = _Cycle()
        gone = weakref.ref(cycle)
        del cycle
        assert collect_if_due() == 0 and gone() is not None  # not due: left for later
        gc.set_threshold(1, 10, 10)
        assert collect_if_due() > 0 and gone() is None
    finally:
        gc.set_threshold(*thresholds)


def test_the_collector_switches_automatic_collection_off_and_collects_from_its_timer(
    qtbot,
) -> None:
    owner = QObject()
    thresholds = gc.get_threshold()
    try:
        gc.enable()
        MainThreadCollector(owner, interval_ms=10)
        assert not gc.isenabled()
        gc.set_threshold(1, 10, 10)
        # Garbage made on another thread stays until the GUI thread's timer comes round.
        made: list[weakref.ref] = []

        def make() -> None:
            cycle = _Cycle()
            made.append(weakref.ref(cycle))

        worker = threading.Thread(target=make)
        worker.start()
        worker.join()
        assert made[0]() is not None
        qtbot.waitUntil(lambda: made[0]() is None, timeout=2000)
    finally:
        gc.set_threshold(*thresholds)
        gc.disable()  # as the test run keeps it (tests/conftest.py)
        owner.deleteLater()
