"""Hands-free with the eyes closed: what the window plays and says for every kind of phase.

The window is built as the app builds it, with the mock speech engine and a recording fake
sound player (``tests.fakes.RecordingPlayer``); a fake clock is moved from wakeup to wakeup.
"""

from __future__ import annotations

import pytest

from hiptimer.core.paths import AppPaths
from hiptimer.core.routines.model import Item, Kind, Range, Routine, Section, SideChoice, Sides
from hiptimer.core.session.events import SessionState
from hiptimer.core.session.plan import PhaseKind
from hiptimer.core.session.reading import reading_lead_in, reading_text
from hiptimer.core.settings import Settings
from hiptimer.core.speech import words_per_minute
from hiptimer.qt.main_window import MainWindow
from hiptimer.qt.session.voice import Voice
from tests.fakes import FakeClock, RecordingPlayer, make_ctx

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

EVERY_KIND = Routine(
    "every-kind",
    "Every kind",
    (
        Section(
            "All",
            (
                Item("figure-four-supine", Kind.HOLD, sides=Sides.BOTH, seconds=Range(6, 6)),
                Item("deep-glutes-release", Kind.RELEASE, seconds=Range(20, 20)),
                Item("sitting-knee-drop", Kind.REPS, count=2, sides=Sides.ALTERNATE),
                Item("seated-hip-ir", Kind.REPS, count=1, hold=Range(3, 5)),
                Item("femoral-head-centration", Kind.CYCLES, work=5, relax=2, count=2),
                Item("hip-click", Kind.ONCE, seconds=Range(4, 4)),
                Item("prone-ir-test", Kind.TEST),
            ),
        ),
    ),
    rest=0,
)


def play_and_listen(qtbot, app_paths: AppPaths, clock: FakeClock, **settings) -> tuple:
    """Play EVERY_KIND hands-free; returns (window, what was played and said, in order)."""
    ctx = make_ctx(app_paths, settings=Settings(lead_in_seconds=5, **settings), clock=clock)
    player = RecordingPlayer()
    voice = Voice("mock")
    window = MainWindow(ctx, cues=player, voice=voice)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    heard = player.played

    class Said:  # what the voice speaks (after its on/off and mute), in with the sounds
        def append(self, text: str) -> None:
            heard.append(f"say: {text}")

    voice.spoken = Said()  # type: ignore[assignment]
    window.start_routine(EVERY_KIND, SideChoice.LEFT)
    assert window.controller is not None
    runner = window.controller.runner
    for _ in range(10_000):
        snapshot = runner.snapshot()
        if snapshot.state is SessionState.FINISHED:
            break
        if snapshot.phase.kind is PhaseKind.MEASURE:
            runner.record_measurement(40)
            continue
        wake = runner.session.next_wakeup(clock.now)
        assert wake is not None, snapshot.phase.kind
        clock.now = max(wake, clock.now)
        runner.tick()
    return window, heard


def test_every_phase_kind_plays_its_sounds_and_says_its_words_in_order(
    qtbot, app_paths: AppPaths, clock: FakeClock
) -> None:
    _, heard = play_and_listen(qtbot, app_paths, clock)
    ticks = ["tick"] * 3
    assert heard == [
        # hold, both sides: get ready with 3-2-1, start, 3-2-1, switch, start, 3-2-1
        "say: Next: Lying figure 4 stretch, left side. You need: massage ball, tall chair or "
        "table, ball to hold between the knees, wall, chair. Get ready.",
        *ticks,
        "start",
        "say: Go.",
        *ticks,
        "switch",
        "say: Switch sides. Right side next.",
        *ticks,  # the 5 s switch pause counts down too
        "start",
        "say: Go.",
        *ticks,
        # release of 20 s: the hold's end sounds at its get-ready (no rest between)
        "end",
        "say: Next: Deep glute release, left side. You need: massage ball. Get ready.",
        *ticks,
        "start",
        "say: Go.",
        "halfway",
        "say: Halfway",
        *ticks,
        # alternating reps: two pitches, the side said with the count
        "end",
        "say: Next: Sitting knee drop. Get ready.",
        *ticks,
        "rep_left",
        "say: 1 left",
        "rep_right",
        "say: 2 right",
        # a held rep: rep, hold, lower
        "end",
        "say: Next: Seated internal rotation, left side. You need: tall chair or table, ball to "
        "hold between the knees. Get ready.",
        *ticks,
        "rep",
        "say: 1",
        "hold",
        "say: Hold",
        "lower",
        "say: Release",
        # cycles: drive (5 s, with 3-2-1), relax, drive
        "end",
        "say: Next: Femoral head centration, left side. You need: wall. Get ready.",
        *ticks,
        "drive",
        "say: Drive",
        *ticks,
        "relax",
        "say: Relax",
        "drive",
        "say: Drive",
        *ticks,
        # a one-off action, hands-free for its 4 s
        "end",
        "say: Next: Hip click. You need: chair. Get ready.",
        *ticks,
        "start",
        "say: Your turn.",
        # a test: measure, then the end of the session
        "end",
        "say: Next: Rotation test, face down, left side. Get ready.",
        *ticks,
        "start",
        "say: Measure left side. Enter the degrees.",
        "finish",
        "say: Session complete. Well done.",
    ]


def test_with_reading_on_each_get_ready_reads_the_steps_and_lasts_long_enough(
    qtbot, app_paths: AppPaths, clock: FakeClock
) -> None:
    window, heard = play_and_listen(qtbot, app_paths, clock, read_steps=True, speech_rate=10)
    plan = window.controller.plan
    assert plan.read_steps
    readings = [h for h in heard if h.startswith("say: Next:")]
    firsts = [step for step in plan.steps if step.phases[0].kind is PhaseKind.GET_READY]
    assert readings == [f"say: {reading_text(s.exercise, s.side)}" for s in firsts]
    for step in firsts:
        needed = reading_lead_in(step.exercise, step.side, words_per_minute(10))
        assert step.phases[0].seconds >= needed
    # nothing else is said or played between a reading and its 3-2-1
    for index, item in enumerate(heard):
        if item.startswith("say: Next:"):
            assert heard[index + 1 : index + 4] == ["tick"] * 3


def test_with_the_voice_off_the_sounds_alone_mark_every_moment(
    qtbot, app_paths: AppPaths, clock: FakeClock
) -> None:
    with_voice = play_and_listen(qtbot, app_paths, clock)[1]
    without = play_and_listen(qtbot, app_paths, FakeClock(), voice=False)[1]
    assert without == [h for h in with_voice if not h.startswith("say: ")]
    assert len(without) > 40
