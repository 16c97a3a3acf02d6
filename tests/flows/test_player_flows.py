"""Whole-window player flows: keys, buttons, voice prompts, and built-in routines end to end.

The window is built like ``hiptimer.qt.app`` builds it, with the mock speech engine and a fake
clock (``ctx.clock``) moved by hand; ``runner.tick()`` then does what the timer would.  One test
uses the real clock at high speed.
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from hiptimer.core.routines.model import Side, SideChoice
from hiptimer.core.session.events import SessionState
from hiptimer.core.session.plan import PhaseKind
from hiptimer.qt.main_window import MainWindow
from tests.fakes import FakeClock
from tests.flows.driving import (
    advance,
    catalog_name,
    in_phase,
    key,
    play_until,
    runner_of,
    snap,
    spoken,
    start,
    type_degrees,
)

# The offscreen platform warns when a window's size limits change; that is not our problem.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


# Start, pause, navigation --------------------------------------------------------------------
def test_start_button_starts_the_picked_routine(qtbot, make_window, clock) -> None:
    window = make_window()
    start(qtbot, window, "daily")
    snapshot = snap(window)
    assert snapshot.state is SessionState.RUNNING
    assert snapshot.phase.kind is PhaseKind.GET_READY
    assert window.player.name_label.text() == "Deep glute release"
    assert window.player.countdown.text() == "20"  # the first get-ready: everything to get
    assert window.player.phase_band.text() == "GET READY"
    assert window.player.side_badge.text() == "L"
    assert spoken(window) == [
        "Next: Deep glute release, left side. You need: massage ball, thick resistance band and"
        " an anchor, tall chair or table, ball to hold between the knees. Get ready."
    ]


def test_space_pauses_and_resumes(qtbot, make_window, clock) -> None:
    window = make_window()
    start(qtbot, window, "daily")
    advance(window, clock, 13.5)
    key(window, Qt.Key.Key_Space)
    assert snap(window).state is SessionState.PAUSED
    assert "PAUSED" in window.player.phase_band.text()
    assert "(paused)" in window.windowTitle()
    assert window.player.buttons["pause"].text() == "Resume"
    clock.now += 60
    runner_of(window).tick()
    assert snap(window).remaining == pytest.approx(6.5)
    key(window, Qt.Key.Key_Space)
    assert snap(window).state is SessionState.RUNNING
    assert window.player.phase_band.text() == "GET READY"
    assert "(paused)" not in window.windowTitle()
    advance(window, clock, 6.5)
    assert snap(window).phase.kind is PhaseKind.WORK


def test_arrows_skip_and_go_back(qtbot, make_window, clock) -> None:
    window = make_window()
    start(qtbot, window, "daily")
    advance(window, clock, 15)
    key(window, Qt.Key.Key_Right)
    snapshot = snap(window)
    assert snapshot.step_index == 1
    assert snapshot.phase.kind is PhaseKind.GET_READY
    assert window.player.name_label.text() == catalog_name(window, "posterior-capsule-stretch")
    assert window.controller.outcomes[-1].status == "skipped"
    key(window, Qt.Key.Key_Right)
    assert snap(window).step_index == 2
    key(window, Qt.Key.Key_Left)
    assert snap(window).step_index == 1
    assert snap(window).remaining == pytest.approx(20)  # a new position: the longer get-ready
    assert window.player.progress_label.text().endswith("exercise 2 of 5")


def test_plus_adds_thirty_seconds_to_a_release_not_past_its_top(qtbot, make_window, clock) -> None:
    window = make_window()
    start(qtbot, window, "full-program")  # a 60-120 s ball release first
    play_until(window, clock, in_phase(PhaseKind.WORK))
    advance(window, clock, 10)
    assert snap(window).remaining == pytest.approx(50)
    assert window.player.buttons["extend"].isEnabled()
    key(window, Qt.Key.Key_Plus)
    assert snap(window).remaining == pytest.approx(80)
    assert window.player.countdown.text() == "1:20"  # a release counts in m:ss
    key(window, Qt.Key.Key_Plus)
    assert snap(window).remaining == pytest.approx(110)  # 120 s is the top
    key(window, Qt.Key.Key_Plus)
    assert snap(window).remaining == pytest.approx(110)
    assert not window.player.buttons["extend"].isEnabled()
    assert "at the most" in window.player.detail_label.text()


def test_plus_does_nothing_on_a_hold(qtbot, make_window, clock) -> None:
    window = make_window()
    start(qtbot, window, "daily")
    key(window, Qt.Key.Key_Right)  # posterior capsule stretch: a 60 s hold
    play_until(window, clock, in_phase(PhaseKind.WORK))
    key(window, Qt.Key.Key_Plus)
    assert snap(window).remaining == pytest.approx(60)


def test_r_restarts_the_exercise(qtbot, make_window, clock) -> None:
    window = make_window()
    start(qtbot, window, "daily")
    play_until(window, clock, in_phase(PhaseKind.WORK))
    advance(window, clock, 40)
    key(window, Qt.Key.Key_R)
    snapshot = snap(window)
    assert snapshot.step_index == 0
    assert snapshot.phase.kind is PhaseKind.GET_READY
    assert snapshot.remaining == pytest.approx(20)
    assert window.controller.outcomes == []  # a restarted attempt is not recorded


def test_f_and_escape_toggle_fullscreen(qtbot, make_window, clock) -> None:
    window = make_window()
    start(qtbot, window, "daily")
    key(window, Qt.Key.Key_F)
    qtbot.waitUntil(window.isFullScreen, timeout=2000)
    assert window.menuBar().isHidden()
    assert window.statusBar().isHidden()  # no notice of any kind over the player
    assert window.fullscreen_action.isChecked()
    key(window, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=2000)
    assert not window.menuBar().isHidden()
    assert not window.statusBar().isHidden()
    key(window, Qt.Key.Key_F)
    qtbot.waitUntil(window.isFullScreen, timeout=2000)
    key(window, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=2000)
    assert not window.fullscreen_action.isChecked()
    assert snap(window).state is SessionState.RUNNING  # the keys did not touch the session


def test_ctrl_e_finishes_and_shows_the_summary(qtbot, make_window, clock) -> None:
    window = make_window()
    start(qtbot, window, "daily")
    play_until(window, clock, in_phase(PhaseKind.WORK))
    advance(window, clock, 30)
    key(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.summary
    assert window.controller.status == "ended_early"
    assert "ended early" in window.summary.title.text()
    assert "Deep glute release" in window.summary.report.toPlainText()
    assert window.windowTitle().startswith("Session ended early")
    key(window, Qt.Key.Key_Space)  # session keys are off on the summary
    assert window.stack.currentWidget() is window.summary


def test_enter_counts_self_paced_reps(qtbot, make_window, clock) -> None:
    window = make_window(self_paced_reps=True)
    start(qtbot, window, "daily")
    for _ in range(4):
        key(window, Qt.Key.Key_Right)
    assert snap(window).phase.kind is PhaseKind.GET_READY
    key(window, Qt.Key.Key_Return)  # Enter skips the lead-in
    assert snap(window).phase.kind is PhaseKind.COUNT
    assert window.player.countdown.text() == "0"  # of 20, said on the line under it
    assert window.player.buttons["done"].text() == "Rep done"
    assert runner_of(window).session.next_wakeup(clock.now) is None  # waits for the user
    for rep in range(1, 20):
        key(window, Qt.Key.Key_Return)
        assert snap(window).reps_counted == rep
        assert window.player.countdown.text() == f"{rep}"
    assert spoken(window)[-3:] == ["17", "18", "19"]
    key(window, Qt.Key.Key_Enter)  # the keypad Enter counts too
    assert window.stack.currentWidget() is window.summary
    last = window.controller.outcomes[-1]
    assert (last.status, last.actual_reps, last.planned_reps) == ("done", 20, 20)


def test_measurement_flow_on_the_assessment(qtbot, make_window, clock) -> None:
    window = make_window()
    start(qtbot, window, "assessment", SideChoice.RIGHT)  # tests are always both sides
    play_until(window, clock, in_phase(PhaseKind.MEASURE))
    assert window.player.side_badge.text() == "R"  # the side chosen to work goes first
    assert "normal" in window.player.measure_caption.text()
    assert spoken(window)[-1] == "Measure right side. Enter the degrees."
    type_degrees(qtbot, window, 35)
    snapshot = snap(window)
    assert snapshot.phase.kind is PhaseKind.SWITCH
    assert window.player.side_badge.text() == "L"
    assert spoken(window)[-1] == "Switch sides. Left side next."
    assert window.controller.outcomes[-1].measurement == 35
    assert window.controller.outcomes[-1].side is Side.RIGHT
    play_until(window, clock, in_phase(PhaseKind.MEASURE, step=1))
    type_degrees(qtbot, window, 28)
    assert window.controller.outcomes[-1].measurement == 28
    assert window.controller.outcomes[-1].side is Side.LEFT
    assert snap(window).phase.kind is PhaseKind.REST


def test_window_title_shows_the_minutes_left(qtbot, make_window, clock) -> None:
    window = make_window()
    assert window.windowTitle() == "hiptimer"
    start(qtbot, window, "daily")
    assert window.windowTitle() == "14 min left — Daily hip routine — hiptimer"  # 13:20
    advance(window, clock, 61)
    assert window.windowTitle() == "13 min left — Daily hip routine — hiptimer"  # 12:19


def test_speed_badge_shows_at_speed_200(qtbot, make_window, clock) -> None:
    window = make_window(speed=200)
    start(qtbot, window, "daily")
    assert window.player.speed_label.isVisible()
    assert "200" in window.player.speed_label.text()
    # 800 session seconds at ×200 are 4 real seconds
    assert window.windowTitle().startswith("1 min left")  # 0:04
    advance(window, clock, 0.1)  # 20 session seconds: the first get-ready is over
    assert snap(window).phase.kind is PhaseKind.WORK


def test_no_speed_badge_at_speed_1(qtbot, make_window) -> None:
    window = make_window()
    start(qtbot, window, "daily")
    assert not window.player.speed_label.isVisible()


# Voice -----------------------------------------------------------------------------------------
def test_voice_says_names_halfway_switch_sides_and_rep_counts(qtbot, make_window, clock) -> None:
    window = make_window(speed=10)
    said: list[str] = []
    window.voice.say = said.append  # keep every prompt (the voice keeps only the last 100)
    start(qtbot, window, "daily", SideChoice.BOTH)
    play_until(window, clock, lambda s: s.state is SessionState.FINISHED)
    names = [catalog_name(window, step.exercise.id) for step in window.controller.plan.steps]
    assert said[0].startswith(f"Next: {names[0]}, left side. You need: massage ball, ")
    fetch = {
        "Band distraction, hip bent": "You need: thick resistance band and an anchor. ",
        "Seated internal rotation": (
            "You need: tall chair or table, ball to hold between the knees. "
        ),
    }
    for name in list(dict.fromkeys(names))[1:]:
        assert f"Next: {name}, left side. {fetch.get(name, '')}Get ready." in said
    assert said.count("Halfway") == 6  # two releases and a hold, on both sides
    assert said.count("Switch sides. Right side next.") == 5
    assert said.count("Go.") == 6  # the reps start with their count instead
    counts = [s for s in said if s.isdigit()]
    assert counts == [str(n) for n in range(1, 21)] * 4  # two held-rep items, each side 1..20
    assert said.count("Hold") == 80 and said.count("Release") == 80
    assert said[-1] == "Session complete. Well done."


# Whole routines, hands-free --------------------------------------------------------------------
def play_whole(
    qtbot,
    window: MainWindow,
    clock: FakeClock,
    routine_id: str,
    side: SideChoice = SideChoice.LEFT,
    degrees: int = 33,
) -> None:
    """Play a routine start to finish, touching nothing except where input is required."""
    start(qtbot, window, routine_id, side)
    runner = runner_of(window)
    for _ in range(100000):
        if window.stack.currentWidget() is window.summary:
            return
        wake = runner.session.next_wakeup(clock.now)
        if wake is None:
            assert runner.snapshot().phase.kind is PhaseKind.MEASURE
            type_degrees(qtbot, window, degrees)
            continue
        clock.now = max(wake, clock.now)
        runner.tick()
    raise AssertionError("the routine never finished")


@pytest.mark.parametrize(
    ("routine_id", "side", "steps"),
    [
        ("daily", SideChoice.LEFT, 5),
        ("daily", SideChoice.BOTH, 10),
        ("full-program", SideChoice.LEFT, 24),
        ("full-program", SideChoice.RIGHT, 24),
        ("assessment", SideChoice.LEFT, 4),
    ],
)
def test_built_in_routine_plays_to_the_summary_with_every_step_done(
    qtbot, make_window, clock, routine_id, side, steps
) -> None:
    window = make_window(speed=1000)
    play_whole(qtbot, window, clock, routine_id, side)
    controller = window.controller
    assert controller.status == "completed"
    assert len(controller.outcomes) == steps
    assert [o.step_index for o in controller.outcomes] == list(range(steps))
    assert all(o.status == "done" for o in controller.outcomes)
    for outcome in controller.outcomes:
        if outcome.planned_reps is not None:
            assert outcome.actual_reps == outcome.planned_reps
        elif outcome.measurement is None:
            assert outcome.actual_seconds == pytest.approx(outcome.planned_seconds)
    assert "complete" in window.summary.title.text()
    assert f"{steps} of {steps} steps done" in window.summary.report.toPlainText()
    if routine_id == "assessment":
        assert [o.measurement for o in controller.outcomes] == [33, 33, 33, 33]


def test_real_clock_at_high_speed_reaches_the_summary(qtbot, make_window) -> None:
    window = make_window(speed=1000, real_clock=True)
    started = time.monotonic()
    start(qtbot, window, "daily")
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary, timeout=10000)
    elapsed = time.monotonic() - started
    assert window.controller.status == "completed"
    assert all(o.status == "done" for o in window.controller.outcomes)
    assert len(window.controller.outcomes) == 5
    # 750 session seconds at ×1000 are 0.75 s of real time; the runner does not wait longer
    # than the plan (no tick counting), so the run takes about that.
    assert elapsed >= 0.75


def test_every_finished_step_is_saved_while_the_next_one_shows(
    qtbot, make_window, clock, store, writes
) -> None:
    window = make_window(history=store)  # speed 1: rehearsals are not recorded
    window.picker.select("daily", SideChoice.LEFT)
    qtbot.mouseClick(window.picker.start_button, Qt.MouseButton.LeftButton)
    assert window.controller.writes is writes
    assert writes.writer.flush(5)
    session_id = store.session_id_for(window.controller.session_key)
    on_disk = []  # steps saved while each next step shows
    for step in range(1, 5):
        play_until(window, clock, lambda s, step=step: s.step_index == step)
        assert writes.writer.flush(5)  # handed over when it ended, saved off the GUI thread
        on_disk.append(len(store.session_steps(session_id)))
    play_until(window, clock, lambda s: s.state is SessionState.FINISHED)
    assert on_disk == [1, 2, 3, 4]
    assert writes.writer.flush(5)
    row = store.session(session_id)
    assert row is not None
    assert (row.status, row.steps_done, row.steps_skipped, row.steps_of) == ("completed", 5, 0, 5)
    window.close()


def test_alternating_reps_show_and_say_the_side_of_each_rep(qtbot, make_window, clock) -> None:
    window = make_window()
    start(qtbot, window, "full-program")
    while snap(window).step.exercise.id != "sitting-knee-drop":
        key(window, Qt.Key.Key_Right)
    said: list[str] = []
    window.voice.say = said.append
    badges = []
    for rep in range(1, 5):
        play_until(window, clock, lambda s, rep=rep: s.phase.rep == rep)
        badges.append(window.player.side_badge.text())
    assert badges == ["L", "R", "L", "R"]
    assert said[:4] == ["1 left", "2 right", "3 left", "4 right"]


def test_typing_digits_replaces_the_degrees_placeholder(qtbot, make_window, clock) -> None:
    window = make_window()
    start(qtbot, window, "assessment", SideChoice.LEFT)
    play_until(window, clock, in_phase(PhaseKind.MEASURE))
    spin = window.player.measure_spin
    assert spin.text() == "type degrees"
    QTest.keyClicks(spin, "32")  # no Ctrl+A first, as a person would type
    assert window.player.countdown.text() == "32°"
    QTest.keyClick(spin, Qt.Key.Key_Return)
    assert window.controller.outcomes[-1].measurement == 32


def test_rest_shows_the_next_exercise_on_its_side(qtbot, make_window, clock) -> None:
    window = make_window()
    start(qtbot, window, "daily", SideChoice.BOTH)
    play_until(window, clock, in_phase(PhaseKind.REST))
    following = window.controller.plan.steps[snap(window).step_index + 1]
    assert window.player.name_label.text() == f"Rest · next: {following.exercise.name}"
    assert window.player.pictogram.position() == (following.exercise.position, False)
    assert window.player.side_badge.text() == following.side.letter
