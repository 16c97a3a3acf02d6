"""The session runner: the one QTimer, armed from the engine's next wakeup, with a fake clock."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer

from hiptimer.core.routines.model import (
    Exercise,
    Item,
    Kind,
    Library,
    Range,
    Routine,
    Section,
    SideChoice,
)
from hiptimer.core.session.engine import Session
from hiptimer.core.session.events import Event, EventKind, SessionState, Snapshot
from hiptimer.core.session.plan import PhaseKind, Plan, build_plan
from hiptimer.qt.session.runner import WAKE_EARLY, SessionRunner
from tests.fakes import FakeClock

LIBRARY = Library(
    {
        "stretch": Exercise("stretch", "Stretch it", "Main", "on-back"),
        "ball": Exercise("ball", "Roll it", "Main", "figure-four-ball"),
        "lift": Exercise("lift", "Lift it", "Main", "chair-edge"),
        "click": Exercise("click", "Click it", "Main", "on-back"),
        "measure": Exercise("measure", "Measure it", "Test", "face-down", normal=Range(30, 45)),
    }
)


def make_plan(*items: Item, rest: int = 5, **options: object) -> Plan:
    routine = Routine("r", "R", (Section("Main", items),), rest=rest)
    return build_plan(routine, LIBRARY, SideChoice.LEFT, **options)  # type: ignore[arg-type]


HOLD = Item("stretch", Kind.HOLD, seconds=Range(30, 30))
RELEASE = Item("ball", Kind.RELEASE, seconds=Range(60, 120))
REPS = Item("lift", Kind.REPS, count=3)
ONCE = Item("click", Kind.ONCE)
TEST = Item("measure", Kind.TEST)


@pytest.fixture
def make_runner(qtbot, clock: FakeClock) -> Callable[..., SessionRunner]:
    def make(plan: Plan, speed: float = 1.0, **options: object) -> SessionRunner:
        options.setdefault("sleep", clock.advance)  # the last milliseconds pass on the fake clock
        runner = SessionRunner(plan, speed=speed, clock=clock, **options)  # type: ignore[arg-type]
        runner.snapshots: list[Snapshot] = []  # type: ignore[misc]
        runner.batches: list[list[Event]] = []  # type: ignore[misc]
        runner.changed.connect(runner.snapshots.append)
        runner.events.connect(runner.batches.append)
        return runner

    return make


def timer_of(runner: SessionRunner) -> QTimer:
    timer = runner.findChild(QTimer)
    assert timer is not None
    return timer


def assert_armed_for_next_wakeup(runner: SessionRunner, clock: FakeClock) -> None:
    """The single-shot timer waits until WAKE_EARLY before the engine's next wakeup, in
    whole milliseconds rounded down (the runner sleeps the rest)."""
    wake = runner.session.next_wakeup(clock.now)
    assert wake is not None
    wanted = max(0, math.floor(round((wake - clock.now - WAKE_EARLY) * 1000, 6)))
    timer = timer_of(runner)
    assert timer.isActive()
    assert timer.isSingleShot()
    assert timer.interval() == wanted


def kinds(events: list[Event]) -> list[EventKind]:
    return [event.kind for event in events]


def test_start_arms_the_timer_for_the_next_shown_second(make_runner, clock) -> None:
    runner = make_runner(make_plan(HOLD, lead_in=10))
    assert not timer_of(runner).isActive()
    runner.start()
    assert runner.session.state is SessionState.RUNNING
    # Get ready shows 10; it changes to 9 one second later.
    assert runner.session.next_wakeup(clock.now) == pytest.approx(clock.now + 1)
    assert_armed_for_next_wakeup(runner, clock)
    assert timer_of(runner).interval() == 1000 - round(WAKE_EARLY * 1000)


@pytest.mark.parametrize("late", [0.0, 0.0004, 0.25, 0.999])
def test_tick_re_arms_for_the_remaining_time_whatever_the_lateness(
    make_runner, clock, late
) -> None:
    runner = make_runner(make_plan(HOLD, lead_in=10))
    runner.start()
    clock.advance(1 + late)
    runner.tick()
    assert runner.snapshots[-1].shown_seconds == 9
    assert_armed_for_next_wakeup(runner, clock)
    assert timer_of(runner).interval() <= math.ceil((1 - late) * 1000) + 1


def test_interval_is_scaled_by_speed(make_runner, clock) -> None:
    runner = make_runner(make_plan(HOLD, lead_in=10), speed=200)
    runner.start()
    assert_armed_for_next_wakeup(runner, clock)
    assert timer_of(runner).interval() <= 6  # 1 session second = 5 ms of real time


def test_interval_counts_from_the_time_the_timer_is_armed(make_runner, clock) -> None:
    """Slow slots (history writes, repaint) must not push the next wakeup late.

    The timer is started after ``changed`` is handled; a runner that arms it from the time it
    read *before* emitting wakes late by however long the slots took.
    """
    runner = make_runner(make_plan(HOLD, lead_in=10))
    runner.changed.connect(lambda _snapshot: clock.advance(0.2))  # a 200 ms slot
    runner.start()
    assert timer_of(runner).interval() <= 801  # wake at start + 1 s, armed 0.2 s later


def test_pause_stops_the_timer_and_resume_re_arms_it(make_runner, clock) -> None:
    runner = make_runner(make_plan(HOLD, lead_in=10))
    runner.start()
    clock.advance(3.5)
    runner.toggle_pause()
    assert runner.session.state is SessionState.PAUSED
    assert not timer_of(runner).isActive()
    assert runner.snapshots[-1].state is SessionState.PAUSED
    assert runner.snapshots[-1].remaining == pytest.approx(6.5)
    clock.advance(100)  # time paused does not count
    runner.tick()
    assert runner.snapshots[-1].remaining == pytest.approx(6.5)
    assert not timer_of(runner).isActive()
    runner.toggle_pause()
    assert runner.session.state is SessionState.RUNNING
    assert_armed_for_next_wakeup(runner, clock)
    assert timer_of(runner).interval() == 500 - round(WAKE_EARLY * 1000)  # 6.5 s left


def test_pause_only_pauses_a_running_session(make_runner, clock) -> None:
    runner = make_runner(make_plan(HOLD, lead_in=10))
    runner.start()
    runner.pause()
    runner.pause()  # a second pause must not resume
    assert runner.session.state is SessionState.PAUSED


@pytest.mark.parametrize("item", [ONCE, TEST])
def test_waiting_phase_leaves_the_timer_off(make_runner, clock, item) -> None:
    runner = make_runner(make_plan(item, lead_in=0, hands_free=False))
    runner.start()
    assert runner.snapshots[-1].phase.seconds is None  # waits for the person
    assert runner.session.next_wakeup(clock.now) is None
    assert not timer_of(runner).isActive()


def test_finished_session_leaves_the_timer_off(make_runner, clock) -> None:
    runner = make_runner(make_plan(HOLD, lead_in=2))
    runner.start()
    for _ in range(80):  # 40 s, a tick every half second
        clock.advance(0.5)
        runner.tick()
    assert runner.session.state is SessionState.FINISHED
    assert not timer_of(runner).isActive()
    assert runner.batches[-1][-1].kind is EventKind.SESSION_FINISHED


CONTROLS: list[tuple[str, Callable[[SessionRunner], object]]] = [
    ("toggle_pause", lambda r: r.toggle_pause()),
    ("pause", lambda r: r.pause()),
    ("next", lambda r: r.next()),
    ("previous", lambda r: r.previous()),
    ("restart_step", lambda r: r.restart_step()),
    ("extend", lambda r: r.extend()),
    ("extend_lead_in", lambda r: r.extend_lead_in()),
    ("rep_done", lambda r: r.rep_done()),
    ("done", lambda r: r.done()),
    ("record_measurement", lambda r: r.record_measurement(40)),
    ("finish", lambda r: r.finish()),
]


@pytest.mark.parametrize(("name", "control"), CONTROLS, ids=[name for name, _ in CONTROLS])
def test_every_control_emits_one_snapshot(qtbot, make_runner, clock, name, control) -> None:
    runner = make_runner(make_plan(HOLD, RELEASE, REPS, TEST, lead_in=10))
    runner.start()
    clock.advance(0.5)
    with qtbot.waitSignal(runner.changed, timeout=1000) as blocker:
        control(runner)
    assert len(runner.snapshots) == 2  # one for start, one for the control
    snapshot = blocker.args[0]
    assert isinstance(snapshot, Snapshot)
    assert snapshot == runner.session.snapshot(clock.now)


def test_extend_adds_thirty_seconds_to_a_release_up_to_its_top(make_runner, clock) -> None:
    runner = make_runner(make_plan(RELEASE, lead_in=0))
    runner.start()
    for _ in range(10):
        clock.advance(1)
        runner.tick()
    assert runner.extend() is True
    assert runner.snapshots[-1].remaining == pytest.approx(80)
    assert runner.extend() is True
    assert runner.snapshots[-1].remaining == pytest.approx(110)
    assert runner.extend() is False  # already at 120 s
    assert runner.snapshots[-1].remaining == pytest.approx(110)
    assert_armed_for_next_wakeup(runner, clock)


def test_a_long_stall_pauses_the_session_and_leaves_the_timer_off(make_runner, clock) -> None:
    runner = make_runner(make_plan(HOLD, REPS, lead_in=5))
    runner.start()
    clock.advance(42.25)  # the process was stopped: five phase ends were due meanwhile
    runner.tick()
    assert kinds(runner.batches[-1]) == [EventKind.STALLED]
    snapshot = runner.snapshots[-1]
    assert snapshot.state is SessionState.PAUSED and snapshot.stalled_for == 42.25
    assert (snapshot.step_index, snapshot.phase.kind) == (0, PhaseKind.GET_READY)
    assert not timer_of(runner).isActive()
    runner.toggle_pause()  # Space goes on where it stopped
    assert runner.session.state is SessionState.RUNNING
    assert_armed_for_next_wakeup(runner, clock)


def test_events_arrive_in_order_in_one_batch_after_a_late_tick(make_runner, clock) -> None:
    """Without stall handling, deadlines missed by a late tick are all processed, in order,
    at their own times."""
    plan = make_plan(HOLD, REPS, lead_in=5)
    runner = make_runner(plan, stall_after=None)
    runner.start()
    start_events = runner.batches[0]
    assert kinds(start_events) == [EventKind.PHASE_STARTED]
    clock.advance(42.25)  # get ready 5 + hold 30 + rest 5, then 2.25 s into the reps' lead-in
    runner.tick()
    assert len(runner.batches) == 2
    batch = runner.batches[1]
    ats = [event.at for event in batch]
    assert ats == sorted(ats)
    started, halfway, countdown = (
        EventKind.PHASE_STARTED,
        EventKind.HALFWAY,
        EventKind.COUNTDOWN,
    )
    assert [(e.kind, e.at, e.value) for e in batch] == [
        (countdown, 2, 3),
        (countdown, 3, 2),
        (countdown, 4, 1),  # get ready 0-5
        (started, 5, None),  # the 30 s stretch
        (halfway, 20, None),
        (countdown, 32, 3),
        (countdown, 33, 2),
        (countdown, 34, 1),
        (EventKind.STEP_FINISHED, 35, None),
        (started, 35, None),  # rest 35-40
        (countdown, 37, 3),
        (countdown, 38, 2),
        (countdown, 39, 1),
        (started, 40, None),  # get ready for the reps, 40-45
        (countdown, 42, 3),
    ]
    assert [e.phase_index for e in batch if e.kind is started] == [1, 2, 0]
    assert [e.step_index for e in batch if e.kind is started] == [0, 0, 1]
    assert runner.snapshots[-1].phase.kind is PhaseKind.GET_READY
    assert runner.snapshots[-1].remaining == pytest.approx(2.75)


def test_runner_gives_the_same_events_as_the_engine_fed_the_same_times(make_runner, clock) -> None:
    plan = make_plan(HOLD, RELEASE, REPS, lead_in=3)
    runner = make_runner(plan, speed=3)
    reference = Session(plan, speed=3)
    times = [clock.now + 0.37 * k for k in range(0, 200)]
    expected: list[Event] = reference.start(times[0])
    clock.now = times[0]
    runner.start()
    for now in times[1:]:
        clock.now = now
        runner.tick()
        expected += reference.update(now)
    got = [event for batch in runner.batches for event in batch]
    assert got == expected
    assert runner.session.state is SessionState.FINISHED


def test_no_drift_when_every_tick_is_late(make_runner, clock) -> None:
    """Each phase starts at the previous deadline, not at the late tick that noticed it."""
    plan = make_plan(HOLD, REPS, lead_in=5)
    runner = make_runner(plan)
    runner.start()
    start = clock.now
    while runner.session.state is SessionState.RUNNING:
        wake = runner.session.next_wakeup(clock.now)
        assert wake is not None
        clock.now = wake + 0.037  # every wakeup 37 ms late
        runner.tick()
    ends = [e.at for batch in runner.batches for e in batch if e.kind is EventKind.PHASE_STARTED]
    planned = 0.0
    expected = []
    for step in plan.steps:
        for phase in step.phases:
            expected.append(planned)
            planned += phase.seconds or 0
    assert ends == pytest.approx(expected)
    assert runner.session.finished_at == pytest.approx(planned)
    assert clock.now - start == pytest.approx(planned + 0.037)


def test_real_timer_plays_a_routine_to_the_end(qtbot) -> None:
    """The real QTimer and monotonic clock, at speed 500: the session ends by itself."""
    plan = make_plan(HOLD, REPS, lead_in=5)
    runner = SessionRunner(plan, speed=500)
    seen: list[EventKind] = []
    runner.events.connect(lambda events: seen.extend(e.kind for e in events))
    with qtbot.waitSignal(
        runner.events,
        timeout=5000,
        check_params_cb=lambda events: any(e.kind is EventKind.SESSION_FINISHED for e in events),
    ):
        runner.start()
    assert runner.session.state is SessionState.FINISHED
    assert seen.count(EventKind.STEP_FINISHED) == 2
    assert seen.count(EventKind.REP) == 3
    assert not timer_of(runner).isActive()


def test_a_wake_just_before_the_deadline_sleeps_the_rest_and_lands_on_it(
    make_runner, clock
) -> None:
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock.advance(seconds)

    runner = make_runner(make_plan(HOLD, lead_in=2), sleep=sleep)
    runner.start()
    deadline = runner.session.next_wakeup(clock.now)
    clock.advance(1 - 0.0015)  # the timer fired 1.5 ms early, as armed
    runner.tick()
    assert slept == [pytest.approx(0.0015)]
    assert clock.now == pytest.approx(deadline)
    assert runner.snapshots[-1].shown_seconds == 1


def test_a_wake_far_before_the_deadline_waits_again_and_shows_nothing(make_runner, clock) -> None:
    runner = make_runner(make_plan(HOLD, lead_in=2), sleep=lambda s: pytest.fail("slept"))
    runner.start()
    shown = len(runner.snapshots)
    clock.advance(0.5)
    runner.tick()
    assert len(runner.snapshots) == shown and runner.batches == [runner.batches[0]]
    assert_armed_for_next_wakeup(runner, clock)
