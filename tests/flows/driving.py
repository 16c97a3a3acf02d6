"""Driving a real window in a flow test: keys, the fake clock from wakeup to wakeup, reading."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from hiptimer.core.routines.model import SideChoice
from hiptimer.core.session.events import Snapshot
from hiptimer.core.session.plan import PhaseKind
from hiptimer.qt.main_window import MainWindow
from hiptimer.qt.session.runner import SessionRunner
from tests.fakes import FakeClock


def runner_of(window: MainWindow) -> SessionRunner:
    assert window.controller is not None
    return window.controller.runner


def snap(window: MainWindow) -> Snapshot:
    return runner_of(window).snapshot()


def key(window: MainWindow, k: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(window, k, modifier)


def start(qtbot, window: MainWindow, routine_id: str, side: SideChoice = SideChoice.LEFT):
    """Pick a routine and a side in the picker and press its Start button."""
    window.picker.select(routine_id, side)
    qtbot.mouseClick(window.picker.start_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.player


def advance(window: MainWindow, clock: FakeClock, seconds: float) -> None:
    """Let ``seconds`` of real time pass, ticking at every wakeup on the way (like the timer)."""
    runner = runner_of(window)
    target = clock.now + seconds
    while True:
        wake = runner.session.next_wakeup(clock.now)
        if wake is None or wake > target:
            break
        clock.now = max(wake, clock.now)
        runner.tick()
    clock.now = target
    runner.tick()


def play_until(
    window: MainWindow, clock: FakeClock, done: Callable[[Snapshot], bool], limit: int = 20000
) -> Snapshot:
    """Jump from wakeup to wakeup until ``done(snapshot)``; fail if a wait needs input."""
    runner = runner_of(window)
    for _ in range(limit):
        snapshot = runner.snapshot()
        if done(snapshot):
            return snapshot
        wake = runner.session.next_wakeup(clock.now)
        assert wake is not None, f"waiting for input in {snapshot.phase.kind}"
        clock.now = max(wake, clock.now)
        runner.tick()
    raise AssertionError("never reached")


def in_phase(kind: PhaseKind, step: int | None = None) -> Callable[[Snapshot], bool]:
    return lambda s: s.phase.kind is kind and (step is None or s.step_index == step)


def catalog_name(window: MainWindow, exercise_id: str) -> str:
    return window.ctx.catalog.library[exercise_id].name


def spoken(window: MainWindow) -> list[str]:
    assert window.voice is not None
    return list(window.voice.spoken)


def type_degrees(qtbot, window: MainWindow, degrees: int) -> None:
    spin = window.player.measure_spin
    assert window.player.measure_box.isVisible()
    qtbot.waitUntil(spin.hasFocus, timeout=2000)
    QTest.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(spin, str(degrees))
    key(window, Qt.Key.Key_Return)
