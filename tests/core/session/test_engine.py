"""The session engine, driven by a fake clock (plain ``now`` values, never sleep)."""

from __future__ import annotations

import pytest

from hiptimer.core.routines.model import (
    Exercise,
    Item,
    Kind,
    Library,
    Range,
    Routine,
    Section,
    Side,
    SideChoice,
    Sidedness,
    Sides,
)
from hiptimer.core.session.engine import Session
from hiptimer.core.session.events import Event, EventKind, SessionState
from hiptimer.core.session.plan import PhaseKind, Plan, build_plan

LIBRARY = Library(
    {name: Exercise(name, name.title(), "Main", "on-back") for name in ("a", "b", "c", "d", "e")}
    | {
        "no-side": Exercise("no-side", "No side", "Main", "on-back", sidedness=Sidedness.TOGETHER),
        "rom": Exercise("rom", "Range test", "Tests", "face-down", normal=Range(45, 45)),
    }
)

K = EventKind


def plan_of(
    *items: Item,
    side: SideChoice = SideChoice.LEFT,
    limited: Side | None = None,
    rest: int = 0,
    lead_in: float = 10,
    **options: object,
) -> Plan:
    routine = Routine("r", "R", (Section("Main", items),), rest=rest)
    return build_plan(routine, LIBRARY, side, limited, lead_in=lead_in, **options)  # type: ignore[arg-type]


def hold(exercise: str = "a", seconds: int = 60, **kw: object) -> Item:
    return Item(exercise, Kind.HOLD, seconds=Range(seconds, seconds), **kw)  # type: ignore[arg-type]


def release(exercise: str = "a", low: int = 60, high: int = 120) -> Item:
    return Item(exercise, Kind.RELEASE, seconds=Range(low, high))


def started(plan: Plan, at: float = 0.0, speed: float = 1.0) -> tuple[Session, list[Event]]:
    session = Session(plan, speed=speed)
    return session, session.start(at)


def brief(events: list[Event]) -> list[tuple[EventKind, int, int, int | None, float]]:
    return [(e.kind, e.step_index, e.phase_index, e.value, e.at) for e in events]


def of_kind(events: list[Event], kind: EventKind) -> list[Event]:
    return [e for e in events if e.kind is kind]


def phase_starts(events: list[Event]) -> list[tuple[int, int, float]]:
    return [(e.step_index, e.phase_index, e.at) for e in of_kind(events, K.PHASE_STARTED)]


def where(session: Session, now: float) -> tuple[int, int, PhaseKind]:
    snap = session.snapshot(now)
    return snap.step_index, snap.phase_index, snap.phase.kind


# ================================================================ basics
def test_new_session_is_ready_at_the_first_phase() -> None:
    session = Session(plan_of(hold()))
    snap = session.snapshot(123.0)
    assert session.state is SessionState.READY
    assert (snap.step_index, snap.phase_index, snap.phase.kind) == (0, 0, PhaseKind.GET_READY)
    assert snap.remaining == 10
    assert snap.session_left == 70
    assert session.next_wakeup(123.0) is None
    assert session.update(200.0) == []


def test_start_emits_the_first_phase_and_runs_from_now() -> None:
    session, events = started(plan_of(hold()), at=100.0)
    assert brief(events) == [(K.PHASE_STARTED, 0, 0, None, 0.0)]
    assert session.state is SessionState.RUNNING
    assert session.snapshot(104.5).remaining == 5.5
    assert session.start(105.0) == []  # starting twice does nothing


def test_invalid_speed_is_refused() -> None:
    for speed in (0, -1, float("inf"), float("nan")):
        with pytest.raises(ValueError, match="speed"):
            Session(plan_of(hold()), speed=speed)


# ============================================================ each kind
def test_hold_timeline_with_countdowns_halfway_and_end() -> None:
    session, events = started(plan_of(hold(seconds=60)))
    events += session.update(1000.0)
    assert brief(events) == [
        (K.PHASE_STARTED, 0, 0, None, 0.0),
        (K.COUNTDOWN, 0, 0, 3, 7.0),
        (K.COUNTDOWN, 0, 0, 2, 8.0),
        (K.COUNTDOWN, 0, 0, 1, 9.0),
        (K.PHASE_STARTED, 0, 1, None, 10.0),
        (K.HALFWAY, 0, 1, None, 40.0),
        (K.COUNTDOWN, 0, 1, 3, 67.0),
        (K.COUNTDOWN, 0, 1, 2, 68.0),
        (K.COUNTDOWN, 0, 1, 1, 69.0),
        (K.STEP_FINISHED, 0, 1, None, 70.0),
        (K.SESSION_FINISHED, 0, 1, None, 70.0),
    ]
    assert session.state is SessionState.FINISHED
    assert session.finished_at == 70.0
    (outcome,) = session.outcomes
    assert (outcome.status, outcome.planned_seconds, outcome.actual_seconds) == ("done", 60, 60)
    assert (outcome.exercise_id, outcome.exercise_name, outcome.kind, outcome.side) == (
        "a",
        "A",
        Kind.HOLD,
        Side.LEFT,
    )


def test_events_arrive_only_when_their_time_comes() -> None:
    session, _ = started(plan_of(hold(seconds=60)))
    assert session.update(6.99) == []
    assert brief(session.update(7.0)) == [(K.COUNTDOWN, 0, 0, 3, 7.0)]
    assert session.update(7.5) == []
    assert brief(session.update(9.999)) == [
        (K.COUNTDOWN, 0, 0, 2, 8.0),
        (K.COUNTDOWN, 0, 0, 1, 9.0),
    ]
    assert brief(session.update(10.0)) == [(K.PHASE_STARTED, 0, 1, None, 10.0)]
    assert session.update(10.0) == []  # nothing twice


@pytest.mark.parametrize(("seconds", "halfway"), [(19, False), (20, True), (45, True)])
def test_halfway_only_for_hold_phases_of_twenty_seconds_or_more(
    seconds: int, halfway: bool
) -> None:
    session, _ = started(plan_of(hold(seconds=seconds), lead_in=0))
    cues = of_kind(session.update(1000.0), K.HALFWAY)
    assert [e.at for e in cues] == ([seconds / 2] if halfway else [])


def test_halfway_for_release_at_half_the_low_end() -> None:
    session, _ = started(plan_of(release(low=60, high=120), lead_in=0))
    assert [e.at for e in of_kind(session.update(1000.0), K.HALFWAY)] == [30.0]


def test_no_halfway_in_cycles_or_reps_and_no_countdown_in_short_phases() -> None:
    plan = plan_of(
        Item("a", Kind.CYCLES, work=20, relax=4, count=2),
        Item("b", Kind.REPS, count=3, pace=4),
        lead_in=0,
    )
    session, events = started(plan)
    events += session.update(1000.0)
    assert of_kind(events, K.HALFWAY) == []
    countdown_phases = {(e.step_index, e.phase_index) for e in of_kind(events, K.COUNTDOWN)}
    assert countdown_phases == {(0, 0), (0, 2)}  # the two 20 s drives, not the 4 s relax/reps


@pytest.mark.parametrize(("seconds", "count"), [(4, 0), (5, 3)])
def test_countdown_in_timed_phases_of_five_seconds_or_more(seconds: int, count: int) -> None:
    session, _ = started(plan_of(hold(seconds=seconds), lead_in=0))
    cues = of_kind(session.update(100.0), K.COUNTDOWN)
    assert [(e.value, e.at) for e in cues] == [(3, 2.0), (2, 3.0), (1, 4.0)][:count]


def test_release_timeline_without_extension_ends_at_the_low_end() -> None:
    session, _ = started(plan_of(release(low=60, high=120)))
    events = session.update(1000.0)
    assert phase_starts(events) == [(0, 1, 10.0)]
    assert session.finished_at == 70.0
    assert session.outcomes[0].actual_seconds == 60


def test_paced_reps_emit_a_rep_per_phase() -> None:
    session, events = started(plan_of(Item("a", Kind.REPS, count=3), lead_in=5))
    events += session.update(100.0)
    assert [(e.value, e.at) for e in of_kind(events, K.REP)] == [(1, 5.0), (2, 8.0), (3, 11.0)]
    assert session.finished_at == 14.0
    outcome = session.outcomes[0]
    assert (outcome.planned_reps, outcome.actual_reps, outcome.actual_seconds) == (3, 3, 9)


def test_held_reps_lift_hold_lower_with_a_rep_cue_on_each_lift() -> None:
    session, events = started(plan_of(Item("a", Kind.REPS, count=2, hold=Range(3, 5)), lead_in=5))
    events += session.update(100.0)
    assert [(e.value, e.at) for e in of_kind(events, K.REP)] == [(1, 5.0), (2, 13.0)]
    assert [at for _, _, at in phase_starts(events)] == [0.0, 5.0, 7.0, 11.0, 13.0, 15.0, 19.0]
    assert session.finished_at == 21.0
    assert session.outcomes[0].actual_reps == 2


def test_alternate_reps_show_the_side_of_each_rep() -> None:
    plan = plan_of(Item("a", Kind.REPS, count=4, sides=Sides.ALTERNATE), lead_in=0)
    session, _ = started(plan, at=0.0)
    sides = []
    for t in (0.0, 3.0, 6.0, 9.0):
        session.update(t)
        sides.append(session.snapshot(t).phase.side)
    assert sides == [Side.LEFT, Side.RIGHT, Side.LEFT, Side.RIGHT]
    session.update(100.0)
    assert session.outcomes[0].side is None


def test_cycles_drive_and_relax_timeline() -> None:
    session, events = started(plan_of(Item("a", Kind.CYCLES, work=10, relax=5, count=3), lead_in=0))
    events += session.update(1000.0)
    assert phase_starts(events) == [
        (0, 0, 0.0),
        (0, 1, 10.0),
        (0, 2, 15.0),
        (0, 3, 25.0),
        (0, 4, 30.0),
    ]
    assert session.finished_at == 40.0
    outcome = session.outcomes[0]
    assert (outcome.planned_reps, outcome.actual_reps, outcome.actual_seconds) == (3, 3, 40)


def test_cycles_skipped_midway_count_completed_drives() -> None:
    session, _ = started(plan_of(Item("a", Kind.CYCLES, work=10, relax=5, count=3), lead_in=0))
    session.update(27.0)  # drives 0-10, 15-25 done; relaxing 25-30
    session.next(27.0)
    outcome = session.outcomes[0]
    assert (outcome.status, outcome.actual_reps, outcome.actual_seconds) == ("skipped", 2, 27)


def test_paced_reps_skipped_midway_count_completed_reps() -> None:
    session, _ = started(plan_of(Item("a", Kind.REPS, count=5, hold=Range(4, 4)), lead_in=0))
    session.update(17.0)  # rep 1: 0-8, rep 2: 8-16, rep 3 lifting
    session.finish(17.0)
    assert session.outcomes[0].actual_reps == 2
    assert session.outcomes[0].status == "skipped"


def test_once_hands_free_continues_after_its_seconds() -> None:
    session, events = started(
        plan_of(Item("a", Kind.ONCE, seconds=Range(8, 8)), hold("b"), lead_in=5)
    )
    events += session.update(13.0)
    assert phase_starts(events) == [(0, 0, 0.0), (0, 1, 5.0), (1, 0, 13.0)]
    assert session.outcomes[0].status == "done"
    assert session.outcomes[0].actual_seconds == 8


def test_once_not_hands_free_waits_for_done() -> None:
    plan = plan_of(Item("a", Kind.ONCE), hold("b"), lead_in=5, hands_free=False)
    session, _ = started(plan)
    session.update(5.0)
    assert session.update(10_000.0) == []
    snap = session.snapshot(10_000.0)
    assert (snap.phase.kind, snap.remaining, snap.shown_seconds) == (PhaseKind.ACTION, None, None)
    assert session.next_wakeup(10_000.0) is None
    events = session.done(10_020.0)
    assert brief(events)[:2] == [
        (K.STEP_FINISHED, 0, 1, None, 10_020.0),
        (K.PHASE_STARTED, 1, 0, None, 10_020.0),
    ]
    assert session.outcomes[0].actual_seconds == 10_015.0


def test_done_ends_a_hands_free_once_early() -> None:
    session, _ = started(plan_of(Item("a", Kind.ONCE, seconds=Range(30, 30)), hold("b"), lead_in=0))
    events = session.done(4.0)
    assert phase_starts(events) == [(1, 0, 4.0)]
    assert session.outcomes[0].actual_seconds == 4.0


# ============================================================= measuring
def test_measure_waits_for_degrees_on_each_side() -> None:
    plan = plan_of(Item("rom", Kind.TEST), side=SideChoice.BOTH, limited=Side.RIGHT, lead_in=5)
    session, _ = started(plan)
    session.update(1000.0)
    assert where(session, 1000.0) == (0, 1, PhaseKind.MEASURE)
    assert session.done(1000.0) == []  # needs a measurement first
    events = session.record_measurement(1001.0, 32)
    assert brief(events) == [
        (K.STEP_FINISHED, 0, 1, None, 1001.0),
        (K.PHASE_STARTED, 1, 0, None, 1001.0),
        (K.SWITCH_SIDES, 1, 0, None, 1001.0),
    ]
    session.update(1006.0)
    events = session.record_measurement(1010.0, 0)
    assert of_kind(events, K.SESSION_FINISHED)
    assert [(o.side, o.measurement, o.status) for o in session.outcomes] == [
        (Side.RIGHT, 32, "done"),
        (Side.LEFT, 0, "done"),
    ]
    assert session.outcomes[0].kind is Kind.TEST


@pytest.mark.parametrize("bad", [-1, 91, 45.5, True, "45", None])
def test_measurement_must_be_a_whole_number_from_0_to_90(bad: object) -> None:
    session, _ = started(plan_of(Item("rom", Kind.TEST), lead_in=0))
    with pytest.raises(ValueError, match="degrees"):
        session.record_measurement(1.0, bad)  # type: ignore[arg-type]
    assert where(session, 1.0) == (0, 0, PhaseKind.MEASURE)


def test_ninety_degrees_is_accepted() -> None:
    session, _ = started(plan_of(Item("rom", Kind.TEST), lead_in=0))
    session.record_measurement(1.0, 90)
    assert session.outcomes[0].measurement == 90


def test_measurement_outside_a_measure_phase_is_ignored() -> None:
    session, _ = started(plan_of(Item("rom", Kind.TEST), lead_in=10))
    assert session.record_measurement(1.0, 40) == []
    assert session.snapshot(1.0).measurement is None
    session.update(10.0)
    session.record_measurement(11.0, 41)
    assert session.outcomes[0].measurement == 41


def test_skipped_test_has_no_measurement() -> None:
    session, _ = started(plan_of(Item("rom", Kind.TEST), hold("b"), lead_in=0))
    session.next(3.0)
    assert (session.outcomes[0].status, session.outcomes[0].measurement) == ("skipped", None)


# ====================================================== self-paced reps
def test_self_paced_reps_count_each_rep_done() -> None:
    plan = plan_of(Item("a", Kind.REPS, count=3), hold("b"), lead_in=0, self_paced_reps=True)
    session, _ = started(plan)
    assert session.update(500.0) == []
    assert session.next_wakeup(500.0) is None
    assert brief(session.rep_done(501.0)) == [(K.REP, 0, 0, 1, 501.0)]
    assert session.snapshot(501.0).reps_counted == 1
    assert brief(session.done(502.0)) == [(K.REP, 0, 0, 2, 502.0)]  # Enter counts too
    events = session.rep_done(503.0)
    assert brief(events)[:3] == [
        (K.REP, 0, 0, 3, 503.0),
        (K.STEP_FINISHED, 0, 0, None, 503.0),
        (K.PHASE_STARTED, 1, 0, None, 503.0),
    ]
    outcome = session.outcomes[0]
    assert (outcome.status, outcome.actual_reps, outcome.actual_seconds) == ("done", 3, 503.0)


def test_rep_done_outside_a_count_phase_does_nothing() -> None:
    session, _ = started(plan_of(Item("a", Kind.REPS, count=3), lead_in=0))
    assert session.rep_done(1.0) == []
    assert session.snapshot(1.0).reps_counted == 0
    assert Session(plan_of(hold())).rep_done(0.0) == []  # not started


def test_self_paced_reps_skipped_keep_the_count() -> None:
    plan = plan_of(Item("a", Kind.REPS, count=5), lead_in=0, self_paced_reps=True)
    session, _ = started(plan)
    session.rep_done(1.0)
    session.rep_done(2.0)
    session.next(3.0)
    outcome = session.outcomes[0]
    assert (outcome.status, outcome.planned_reps, outcome.actual_reps) == ("skipped", 5, 2)


# ================================================================= sides
def test_both_sides_play_first_side_switch_then_second_side() -> None:
    plan = plan_of(hold(seconds=30), side=SideChoice.BOTH, limited=Side.RIGHT, lead_in=10)
    session, events = started(plan)
    events += session.update(1000.0)
    assert phase_starts(events) == [(0, 0, 0.0), (0, 1, 10.0), (1, 0, 40.0), (1, 1, 45.0)]
    assert [(e.step_index, e.at) for e in of_kind(events, K.SWITCH_SIDES)] == [(1, 40.0)]
    assert [o.side for o in session.outcomes] == [Side.RIGHT, Side.LEFT]
    assert session.finished_at == 75.0


def test_items_without_sides_play_once_with_no_side() -> None:
    session, events = started(plan_of(hold("no-side", seconds=20), side=SideChoice.BOTH))
    events += session.update(1000.0)
    assert of_kind(events, K.SWITCH_SIDES) == []
    assert [o.side for o in session.outcomes] == [None]


# ========================================================== pause/resume
def test_pause_freezes_time_and_resume_continues() -> None:
    session, _ = started(plan_of(hold(seconds=60), lead_in=0), at=100.0)
    session.pause(110.0)
    assert session.state is SessionState.PAUSED
    assert session.snapshot(500.0).remaining == 50.0
    assert session.update(500.0) == []
    assert session.next_wakeup(500.0) is None
    session.resume(1000.0)
    assert session.state is SessionState.RUNNING
    assert session.snapshot(1010.0).remaining == 40.0
    assert session.update(1049.99) and session.state is SessionState.RUNNING
    assert of_kind(session.update(1050.0), K.SESSION_FINISHED)
    assert session.outcomes[0].actual_seconds == 60  # paused time is not counted


def test_pause_just_before_a_phase_boundary() -> None:
    session, _ = started(plan_of(hold(seconds=60), hold("b", seconds=20), lead_in=0))
    session.update(59.9)
    session.pause(59.9)
    assert session.snapshot(70.0).remaining == pytest.approx(0.1)
    assert session.snapshot(70.0).shown_seconds == 1
    session.resume(200.0)
    assert session.update(200.09) == []
    events = session.update(200.1)
    assert brief(events)[:2] == [
        (K.STEP_FINISHED, 0, 0, None, 60.0),
        (K.PHASE_STARTED, 1, 0, None, 60.0),
    ]
    # the next phase runs from the exact deadline in session time
    assert session.snapshot(210.1).remaining == pytest.approx(10.0)


def test_pause_processes_what_was_due_before_freezing() -> None:
    session, _ = started(plan_of(hold(seconds=5), hold("b", seconds=5), lead_in=0))
    events = session.pause(7.0)
    assert phase_starts(events) == [(1, 0, 5.0)]
    assert session.snapshot(100.0).remaining == 3.0


def test_toggle_pause_starts_pauses_and_resumes() -> None:
    session = Session(plan_of(hold()))
    assert brief(session.toggle_pause(0.0)) == [(K.PHASE_STARTED, 0, 0, None, 0.0)]
    assert session.state is SessionState.RUNNING
    session.toggle_pause(2.0)
    assert session.state is SessionState.PAUSED
    session.toggle_pause(50.0)
    assert session.state is SessionState.RUNNING
    assert session.snapshot(51.0).remaining == 7.0


def test_pause_and_resume_are_no_ops_in_the_wrong_state() -> None:
    session = Session(plan_of(hold()))
    assert session.pause(1.0) == [] and session.state is SessionState.READY
    assert session.resume(1.0) == [] and session.state is SessionState.READY
    session.start(0.0)
    session.resume(5.0)  # already running: no jump
    assert session.snapshot(5.0).remaining == 5.0
    session.finish(6.0)
    session.toggle_pause(7.0)
    assert session.state is SessionState.FINISHED


def test_many_pauses_add_up_exactly() -> None:
    session, _ = started(plan_of(hold(seconds=60), lead_in=0))
    now = 0.0
    for _ in range(30):
        now += 1.0
        session.pause(now)
        now += 7.25
        session.resume(now)
    assert session.snapshot(now).remaining == 30.0
    session.update(now + 29.999)
    assert session.state is SessionState.RUNNING
    session.update(now + 30.0)
    assert session.state is SessionState.FINISHED


# ============================================================ navigation
def nav_plan() -> Plan:
    """Steps: 0 = A left, 1 = A right (+rest), 2 = B left (+rest), 3 = C left (last)."""
    return plan_of(
        hold("a", seconds=20, sides=Sides.BOTH),
        hold("b", seconds=20),
        hold("c", seconds=20),
        rest=10,
        lead_in=10,
    )


def test_nav_plan_layout() -> None:
    plan = nav_plan()
    assert [[p.kind for p in s.phases] for s in plan.steps] == [
        [PhaseKind.GET_READY, PhaseKind.WORK],
        [PhaseKind.SWITCH, PhaseKind.WORK, PhaseKind.REST],
        [PhaseKind.GET_READY, PhaseKind.WORK, PhaseKind.REST],
        [PhaseKind.GET_READY, PhaseKind.WORK],
    ]


def test_full_run_records_each_step_done_exactly_once() -> None:
    session, events = started(nav_plan())
    events += session.update(10_000.0)
    finished = of_kind(events, K.STEP_FINISHED)
    assert [e.step_index for e in finished] == [0, 1, 2, 3]
    assert [e.outcome for e in finished] == session.outcomes
    assert all(o.status == "done" and o.actual_seconds == 20 for o in session.outcomes)
    # each step finishes when its work ends, before its rest
    assert [e.at for e in finished] == [30.0, 55.0, 95.0, 135.0]
    assert session.finished_at == 135.0


def test_next_during_lead_in_skips_the_step() -> None:
    session, _ = started(nav_plan())
    events = session.next(4.0)
    assert brief(events) == [
        (K.STEP_FINISHED, 0, 0, None, 4.0),
        (K.PHASE_STARTED, 1, 0, None, 4.0),
        (K.SWITCH_SIDES, 1, 0, None, 4.0),
    ]
    outcome = events[0].outcome
    assert outcome is not None and (outcome.status, outcome.actual_seconds) == ("skipped", 0.0)
    assert session.snapshot(4.0).remaining == 5.0


def test_next_during_work_records_the_partial_time() -> None:
    session, _ = started(nav_plan())
    session.update(17.0)
    session.next(17.5)
    assert (session.outcomes[0].status, session.outcomes[0].actual_seconds) == ("skipped", 7.5)
    assert where(session, 17.5) == (1, 0, PhaseKind.SWITCH)


def test_next_during_rest_goes_on_without_a_new_outcome() -> None:
    session, _ = started(nav_plan())
    session.update(57.0)  # step 1 done at 55, resting
    assert where(session, 57.0) == (1, 2, PhaseKind.REST)
    events = session.next(57.0)
    assert of_kind(events, K.STEP_FINISHED) == []
    assert phase_starts(events) == [(2, 0, 57.0)]
    assert [o.status for o in session.outcomes] == ["done", "done"]


def test_next_in_the_middle_and_on_the_last_step_finishes() -> None:
    session, _ = started(nav_plan())
    session.next(1.0)
    session.next(2.0)
    session.next(3.0)
    assert where(session, 3.0) == (3, 0, PhaseKind.GET_READY)
    events = session.next(4.0)
    assert [e.kind for e in events] == [K.STEP_FINISHED, K.SESSION_FINISHED]
    assert session.state is SessionState.FINISHED
    assert [o.status for o in session.outcomes] == ["skipped"] * 4
    assert session.next(5.0) == []
    assert session.previous(5.0) == []
    assert session.restart_step(5.0) == []


def test_previous_in_the_middle_replays_the_step_before() -> None:
    session, _ = started(nav_plan())
    session.update(75.0)  # step 2 working since 65
    events = session.previous(75.0)
    assert brief(events) == [
        (K.STEP_FINISHED, 2, 1, None, 75.0),
        (K.PHASE_STARTED, 1, 0, None, 75.0),
        (K.SWITCH_SIDES, 1, 0, None, 75.0),
    ]
    assert [(o.step_index, o.status) for o in session.outcomes] == [
        (0, "done"),
        (1, "done"),
        (2, "skipped"),
    ]
    session.update(10_000.0)
    assert [(o.step_index, o.status) for o in session.outcomes] == [
        (0, "done"),
        (1, "done"),
        (2, "skipped"),
        (1, "done"),
        (2, "done"),
        (3, "done"),
    ]
    assert [(o.step_index, o.status) for o in session.final_outcomes()] == [
        (0, "done"),
        (1, "done"),
        (2, "done"),
        (3, "done"),
    ]


def test_previous_on_the_first_step_restarts_it_without_an_outcome() -> None:
    session, _ = started(nav_plan())
    session.update(15.0)
    events = session.previous(15.0)
    assert brief(events) == [(K.PHASE_STARTED, 0, 0, None, 15.0)]
    assert session.outcomes == []
    session.update(10_000.0)
    assert session.outcomes[0].actual_seconds == 20  # only the replayed attempt counts


def test_previous_during_lead_in_and_during_rest() -> None:
    session, _ = started(nav_plan())
    session.update(32.0)  # step 1 switch-sides (30-35)
    events = session.previous(32.0)
    assert phase_starts(events) == [(0, 0, 32.0)]
    assert [(o.step_index, o.status) for o in session.outcomes] == [(0, "done"), (1, "skipped")]
    session = Session(nav_plan())
    session.start(0.0)
    session.update(97.0)  # step 2 resting (95-105)
    events = session.previous(97.0)
    assert of_kind(events, K.STEP_FINISHED) == []  # step 2 already recorded as done
    assert phase_starts(events) == [(1, 0, 97.0)]


def test_restart_step_replays_the_current_step_without_recording() -> None:
    session, _ = started(nav_plan())
    session.update(70.0)  # step 2 working since 65
    events = session.restart_step(70.0)
    assert brief(events) == [(K.PHASE_STARTED, 2, 0, None, 70.0)]
    assert [o.step_index for o in session.outcomes] == [0, 1]
    session.update(100.0)  # work 80-100
    assert session.outcomes[-1].step_index == 2
    assert session.outcomes[-1].actual_seconds == 20


def test_restart_during_rest_records_the_step_again() -> None:
    session, _ = started(nav_plan())
    session.update(100.0)  # step 2 rests 95-105
    session.restart_step(100.0)
    session.update(130.0)
    assert [(o.step_index, o.status) for o in session.outcomes] == [
        (0, "done"),
        (1, "done"),
        (2, "done"),
        (2, "done"),
    ]


def test_restart_on_first_and_last_step() -> None:
    session, _ = started(nav_plan())
    assert phase_starts(session.restart_step(3.0)) == [(0, 0, 3.0)]
    assert session.snapshot(3.0).remaining == 10.0
    session.next(4.0)
    session.next(5.0)
    session.next(6.0)
    assert phase_starts(session.restart_step(8.0)) == [(3, 0, 8.0)]
    assert session.state is SessionState.RUNNING


def test_navigation_before_start_moves_the_starting_step() -> None:
    session = Session(nav_plan())
    assert session.next(0.0) == []
    assert session.next(0.0) == []
    assert session.snapshot(0.0).step_index == 2
    session.previous(0.0)
    assert session.snapshot(0.0).step_index == 1
    assert session.restart_step(0.0) == []
    for _ in range(5):
        session.next(0.0)
    assert session.snapshot(0.0).step_index == 3  # stays on the last step
    session.previous(0.0)
    assert brief(session.start(50.0)) == [(K.PHASE_STARTED, 2, 0, None, 0.0)]
    assert session.outcomes == []


def test_navigation_while_paused_stays_paused() -> None:
    session, _ = started(nav_plan())
    session.update(12.0)
    session.pause(12.0)
    events = session.next(40.0)
    assert phase_starts(events) == [(1, 0, 12.0)]
    assert session.state is SessionState.PAUSED
    assert session.outcomes[0].actual_seconds == 2.0
    assert session.snapshot(99.0).remaining == 5.0
    session.resume(100.0)
    assert phase_starts(session.update(105.0)) == [(1, 1, 17.0)]


def test_navigation_after_a_stall_first_processes_what_was_due() -> None:
    session, _ = started(nav_plan())
    events = session.next(32.0)  # step 0 ended at 30 while nobody called update
    assert [e.kind for e in events][:4] == [K.COUNTDOWN, K.COUNTDOWN, K.COUNTDOWN, K.PHASE_STARTED]
    assert [(o.step_index, o.status) for o in session.outcomes] == [(0, "done"), (1, "skipped")]
    assert where(session, 32.0) == (2, 0, PhaseKind.GET_READY)


# ============================================================= finishing
def test_finish_early_records_the_current_step_only() -> None:
    session, _ = started(nav_plan())
    session.update(45.0)  # step 1 working since 35
    events = session.finish(45.0)
    assert [e.kind for e in events] == [K.STEP_FINISHED, K.SESSION_FINISHED]
    assert [(o.step_index, o.status, o.actual_seconds) for o in session.outcomes] == [
        (0, "done", 20.0),
        (1, "skipped", 10.0),
    ]
    assert session.state is SessionState.FINISHED
    assert session.finished_at == 45.0
    assert session.finish(46.0) == []
    snap = session.snapshot(50.0)
    assert (snap.remaining, snap.session_left) == (0.0, 0.0)
    assert session.next_wakeup(50.0) is None


def test_finish_during_rest_adds_no_outcome() -> None:
    session, _ = started(nav_plan())
    session.update(57.0)
    events = session.finish(57.0)
    assert [e.kind for e in events] == [K.SESSION_FINISHED]
    assert len(session.outcomes) == 2


def test_finish_before_start() -> None:
    session = Session(nav_plan())
    assert [e.kind for e in session.finish(5.0)] == [K.SESSION_FINISHED]
    assert session.state is SessionState.FINISHED
    assert session.outcomes == []
    assert session.start(6.0) == []


# ============================================================= extending
def test_extend_a_release_up_to_the_top_of_its_range_and_not_beyond() -> None:
    session, _ = started(plan_of(release(low=60, high=120), lead_in=0))
    assert session.snapshot(10.0).can_extend
    assert session.extend(10.0) is True
    assert session.snapshot(10.0).remaining == 80.0
    assert session.extend(11.0, 45) is True  # capped at 120
    snap = session.snapshot(11.0)
    assert (snap.remaining, snap.phase_seconds, snap.can_extend) == (109.0, 120.0, False)
    assert session.extend(12.0) is False
    session.update(119.99)
    assert session.state is SessionState.RUNNING
    session.update(120.0)
    assert session.state is SessionState.FINISHED
    outcome = session.outcomes[0]
    assert (outcome.planned_seconds, outcome.actual_seconds) == (60, 120)


def test_extend_only_for_releases() -> None:
    session, _ = started(plan_of(hold(seconds=60), lead_in=5))
    assert session.snapshot(1.0).can_extend is False
    assert session.extend(1.0) is False  # get ready
    session.update(6.0)
    assert session.extend(6.0) is False  # a hold
    assert session.snapshot(6.0).remaining == 59.0
    fixed, _ = started(plan_of(release(low=90, high=90), lead_in=0))
    assert fixed.extend(1.0) is False
    lead, _ = started(plan_of(release(), lead_in=10))
    assert lead.extend(1.0) is False  # the get-ready before a release
    assert Session(plan_of(release(), lead_in=0)).extend(0.0) is False  # not started


def test_extend_while_paused_and_with_a_bad_amount() -> None:
    session, _ = started(plan_of(release(low=60, high=120), lead_in=0))
    session.pause(10.0)
    assert session.extend(20.0, 0) is False
    assert session.extend(20.0, -5) is False
    assert session.extend(20.0, 30) is True
    assert session.snapshot(30.0).remaining == 80.0


def test_extending_after_the_countdown_began_counts_down_again() -> None:
    session, _ = started(plan_of(release(low=60, high=90), lead_in=0))
    first = session.update(58.5)
    assert [e.value for e in of_kind(first, K.COUNTDOWN)] == [3, 2]
    assert session.extend(58.5) is True
    events = session.update(200.0)
    assert [(e.value, e.at) for e in of_kind(events, K.COUNTDOWN)] == [
        (3, 87.0),
        (2, 88.0),
        (1, 89.0),
    ]
    assert of_kind(first + events, K.HALFWAY)[0].at == 30.0
    assert len(of_kind(first + events, K.HALFWAY)) == 1


def test_extend_after_the_release_ended_is_refused_and_its_events_are_kept() -> None:
    session, _ = started(plan_of(release(low=60, high=120), hold("b"), lead_in=0))
    assert session.extend(61.0) is False  # the release ended at 60; now on the next step
    events = session.update(61.0)
    assert brief(events)[-2:] == [
        (K.STEP_FINISHED, 0, 0, None, 60.0),
        (K.PHASE_STARTED, 1, 0, None, 60.0),
    ]
    assert session.snapshot(61.0).remaining == 59.0


def test_extend_lead_in_for_get_ready_switch_and_rest_only() -> None:
    session, _ = started(nav_plan())
    assert session.extend_lead_in(2.0) is True
    assert session.snapshot(2.0).remaining == 18.0
    session.update(20.0)
    assert session.extend_lead_in(20.0) is False  # work
    session.update(40.0)  # switch 40-45
    assert where(session, 40.0)[2] is PhaseKind.SWITCH
    assert session.extend_lead_in(41.0, 3) is True
    assert session.snapshot(41.0).remaining == 7.0
    session.update(70.0)  # work 48-68, rest 68-78
    assert where(session, 70.0)[2] is PhaseKind.REST
    assert session.extend_lead_in(70.0) is True
    assert session.snapshot(70.0).remaining == 18.0
    assert session.extend_lead_in(70.0, 0) is False


# ================================================================== done
def test_done_skips_get_ready_switch_and_rest() -> None:
    session, _ = started(nav_plan())
    assert phase_starts(session.done(3.0)) == [(0, 1, 3.0)]
    session.update(23.0)
    assert where(session, 23.0)[2] is PhaseKind.SWITCH
    assert phase_starts(session.done(24.0)) == [(1, 1, 24.0)]
    session.update(44.0)
    assert where(session, 44.0)[2] is PhaseKind.REST
    assert phase_starts(session.done(45.0)) == [(2, 0, 45.0)]
    assert [o.status for o in session.outcomes] == ["done", "done"]


def test_done_does_nothing_in_paced_phases() -> None:
    session, _ = started(plan_of(hold(seconds=30), lead_in=0))
    assert session.done(5.0) == []
    assert session.snapshot(5.0).remaining == 25.0
    assert Session(plan_of(hold())).done(0.0) == []


# ==================================================== stalls and drift
def mixed_plan() -> Plan:
    return plan_of(
        release("a", low=60, high=120),
        hold("b", seconds=45, sides=Sides.BOTH),
        Item("c", Kind.REPS, count=5, hold=Range(3, 5)),
        Item("d", Kind.REPS, count=7, pace=3, sides=Sides.ALTERNATE),
        Item("e", Kind.CYCLES, work=10, relax=5, count=5, rest=7),
        Item("a", Kind.ONCE),
        hold("no-side", seconds=30),
        side=SideChoice.BOTH,
        limited=Side.RIGHT,
        rest=15,
    )


def plan_seconds(plan: Plan) -> float:
    total = 0.0
    for step in plan.steps:
        for phase in step.phases:
            assert phase.seconds is not None
            total += phase.seconds
    return total


def test_a_late_update_processes_everything_in_order_with_no_drift() -> None:
    plan = mixed_plan()
    session, events = started(plan, at=1000.0)
    events += session.update(1_000_000.0)
    assert session.state is SessionState.FINISHED
    assert session.finished_at == plan_seconds(plan) == plan.total_seconds()
    times = [e.at for e in events]
    assert times == sorted(times)
    # every phase starts exactly at the running sum of the planned lengths
    expected_starts = []
    t = 0.0
    for step in plan.steps:
        for index, phase in enumerate(step.phases):
            expected_starts.append((step.index, index, t))
            assert phase.seconds is not None
            t += phase.seconds
    assert phase_starts(events) == expected_starts
    assert [e.step_index for e in of_kind(events, K.STEP_FINISHED)] == list(range(len(plan.steps)))
    assert all(o.status == "done" for o in session.outcomes)


def test_one_late_update_gives_the_same_events_as_fine_updates() -> None:
    plan = mixed_plan()
    late, late_events = started(plan, at=5.0)
    late_events += late.update(1e7)
    fine, fine_events = started(plan, at=5.0)
    now = 5.0
    while fine.state is SessionState.RUNNING:
        now += 0.37
        fine_events += fine.update(now)
    assert late_events == fine_events
    assert late.outcomes == fine.outcomes


def test_walking_by_next_wakeup_gives_the_same_events_and_never_spins() -> None:
    plan = mixed_plan()
    late, late_events = started(plan, at=12.3456, speed=3.7)
    late_events += late.update(1e9)
    walker, events = started(plan, at=12.3456, speed=3.7)
    now = 12.3456
    wakeups = 0
    while walker.state is SessionState.RUNNING:
        wake = walker.next_wakeup(now)
        assert wake is not None and wake > now
        now = wake
        events += walker.update(now)
        wakeups += 1
    assert events == late_events
    # one wake-up per shown second (plus a few cues), not a busy loop
    assert wakeups <= plan.total_seconds() + 60
    assert now == pytest.approx(12.3456 + plan.total_seconds() / 3.7)


def test_a_stall_in_the_middle_catches_up_at_the_exact_deadlines() -> None:
    session, _ = started(
        plan_of(hold(seconds=3), hold("b", seconds=3), hold("c", seconds=3), lead_in=0)
    )
    session.update(1.0)
    events = session.update(7.5)  # stalled for 6.5 s
    assert phase_starts(events) == [(1, 0, 3.0), (2, 0, 6.0)]
    assert session.snapshot(7.5).remaining == 1.5


def test_fractional_durations_do_not_drift_at_any_speed() -> None:
    plan = plan_of(*(hold(name, seconds=7) for name in "abcde"), lead_in=0.1, rest=1)
    session, _ = started(plan, at=12.3456, speed=3.7)
    end_real = 12.3456 + plan.total_seconds() / 3.7
    session.update(end_real - 1e-6)
    assert session.state is SessionState.RUNNING
    session.update(end_real)
    assert session.state is SessionState.FINISHED
    assert session.finished_at == plan_seconds(plan)


# ================================================================= speed
def test_speed_200_turns_a_60_second_hold_into_0_3_real_seconds() -> None:
    session, _ = started(plan_of(hold(seconds=60), hold("b", seconds=60), lead_in=0), speed=200)
    assert session.snapshot(0.15).remaining == pytest.approx(30.0)
    session.update(0.2999)
    assert where(session, 0.2999)[:2] == (0, 0)
    events = session.update(0.3)
    assert phase_starts(events) == [(1, 0, 60.0)]
    assert session.next_wakeup(0.3) == pytest.approx(0.3 + 1 / 200)
    session.update(0.6)
    assert session.state is SessionState.FINISHED
    assert session.outcomes[0].actual_seconds == 60  # session seconds, not real ones
    assert session.snapshot(0.6).speed == 200


def test_set_speed_keeps_the_session_time_so_far() -> None:
    session, _ = started(plan_of(hold(seconds=60), lead_in=0))
    session.set_speed(10.0, 10)
    assert session.speed == 10
    assert session.snapshot(11.0).remaining == 40.0
    with pytest.raises(ValueError):
        session.set_speed(11.0, 0)


# ============================================================ next_wakeup
def test_next_wakeup_is_the_next_shown_second() -> None:
    session, _ = started(plan_of(hold(seconds=60), lead_in=10), at=100.0)
    assert session.next_wakeup(100.0) == 101.0
    assert session.next_wakeup(100.25) == 101.0
    assert session.next_wakeup(101.0) == 102.0
    assert session.next_wakeup(109.5) == 110.0  # the phase end
    assert session.next_wakeup(110.0) == 110.0  # due but not yet processed: now
    session.update(110.0)
    assert session.next_wakeup(110.0) == 111.0


def test_next_wakeup_includes_a_halfway_cue_between_seconds() -> None:
    session, _ = started(plan_of(hold(seconds=45), lead_in=0))
    assert session.next_wakeup(22.1) == 22.5
    session.update(22.5)
    assert session.next_wakeup(22.5) == 23.0


def test_next_wakeup_with_fractional_remaining_and_speed() -> None:
    session, _ = started(plan_of(release(low=60, high=120), lead_in=0), at=0.0, speed=2.0)
    session.pause(0.25)  # session 0.5
    session.resume(10.0)
    assert session.next_wakeup(10.0) == 10.25  # shown 60 -> 59 at session 1.0
    assert session.extend(10.0)
    assert session.next_wakeup(10.0) == 10.25


def test_next_wakeup_repeatedly_walks_every_shown_second() -> None:
    session, _ = started(plan_of(hold(seconds=8), lead_in=0), at=50.0, speed=4.0)
    shown = []
    now = 50.0
    while session.state is SessionState.RUNNING:
        shown.append(session.snapshot(now).shown_seconds)
        wake = session.next_wakeup(now)
        assert wake is not None and wake > now
        now = wake
        session.update(now)
    assert shown == [8, 7, 6, 5, 4, 3, 2, 1]
    assert now == 52.0


def test_next_wakeup_is_none_when_nothing_will_change() -> None:
    session = Session(plan_of(Item("rom", Kind.TEST), lead_in=0))
    assert session.next_wakeup(0.0) is None  # ready
    session.start(0.0)
    assert session.next_wakeup(1.0) is None  # waiting for a measurement
    session.record_measurement(2.0, 40)
    assert session.next_wakeup(3.0) is None  # finished


# ============================================================== snapshot
def test_snapshot_shows_whole_seconds_rounded_up() -> None:
    session, _ = started(plan_of(hold(seconds=60), lead_in=0))
    assert [session.snapshot(t).shown_seconds for t in (0.0, 0.001, 0.999, 1.0, 59.5)] == [
        60,
        60,
        60,
        59,
        1,
    ]
    snap = session.snapshot(59.5)
    assert (snap.remaining, snap.phase.word, snap.step.exercise.id) == (0.5, "Hold", "a")
    late = session.snapshot(75.0)  # not updated yet: clamps at zero
    assert (late.remaining, late.shown_seconds) == (0.0, 0)


def test_snapshot_session_left_counts_down_with_the_plan() -> None:
    plan = nav_plan()
    session, _ = started(plan)
    assert session.snapshot(0.0).session_left == plan.total_seconds() == 135.0
    assert session.snapshot(4.0).session_left == 131.0
    session.update(57.0)
    assert session.snapshot(57.0).session_left == 78.0
    session.next(57.0)  # skipped 8 s of rest
    assert session.snapshot(57.0).session_left == 70.0


def test_snapshot_session_left_uses_wait_estimates() -> None:
    plan = plan_of(Item("rom", Kind.TEST), hold("b", seconds=20), lead_in=0)
    session, _ = started(plan)
    assert session.snapshot(0.0).session_left == 50.0
    assert session.snapshot(10.0).session_left == 40.0
    assert session.snapshot(100.0).session_left == 20.0  # the wait ran over its estimate


def test_snapshot_elapsed_and_state() -> None:
    session, _ = started(nav_plan(), at=10.0)
    snap = session.snapshot(13.0)
    assert (snap.state, snap.elapsed, snap.speed) == (SessionState.RUNNING, 3.0, 1.0)
    session.pause(13.0)
    assert session.snapshot(20.0).state is SessionState.PAUSED


def test_begin_at_starts_from_a_later_step_and_records_only_what_is_played() -> None:
    plan = plan_of(hold("a", 10), hold("b", 10), lead_in=0)
    session = Session(plan)
    session.begin_at(1)
    session.start(0.0)
    assert session.snapshot(0.0).step_index == 1
    session.update(100.0)
    assert [o.exercise_id for o in session.outcomes] == ["b"]
    with pytest.raises(RuntimeError):
        session.begin_at(0)


def test_begin_at_refuses_a_step_outside_the_plan() -> None:
    with pytest.raises(ValueError, match="outside the plan"):
        Session(plan_of(hold("a", 10))).begin_at(5)


# ================================================================ stalls
def drive(session: Session, start: float, until: float) -> list[Event]:
    """Update every half second, as the runner's timer would."""
    events: list[Event] = []
    now = start
    while now < until:
        now = min(now + 0.5, until)
        events += session.update(now)
    return events


def test_a_stall_pauses_where_the_session_was_and_nothing_of_the_gap_happens() -> None:
    session = Session(plan_of(hold(seconds=60), hold("b", seconds=30)), stall_after=3.0)
    session.start(0.0)
    drive(session, 0.0, 15.0)  # the get-ready ended at 10: the hold runs
    events = session.update(95.0)  # stopped for 80 s: both the hold's end and b's start were due
    assert [(e.kind, e.value, e.at) for e in events] == [(K.STALLED, 80, 5.0 + 10.0)]
    snap = session.snapshot(95.0)
    assert snap.state is SessionState.PAUSED and snap.stalled_for == 80.0
    assert (snap.step_index, snap.remaining) == (0, 55.0)  # 60 s hold, 5 s of it done
    assert session.outcomes == []
    session.resume(200.0)
    assert session.snapshot(200.0).stalled_for is None
    later = drive(session, 200.0, 255.0)  # the hold ends 55 s after the resume, on time
    assert [e.at for e in of_kind(later, K.STEP_FINISHED)] == [70.0]


def test_a_short_delay_is_caught_up_as_usual() -> None:
    session = Session(plan_of(hold(seconds=20)), stall_after=3.0)
    session.start(0.0)
    drive(session, 0.0, 9.5)
    events = session.update(12.5)  # 2.5 s late for the get-ready's end: no stall
    assert K.STALLED not in [e.kind for e in events]
    assert [e.at for e in of_kind(events, K.PHASE_STARTED)] == [10.0]


def test_a_long_wait_for_the_person_is_not_a_stall() -> None:
    session = Session(plan_of(Item("rom", Kind.TEST)), stall_after=3.0)
    session.start(0.0)
    drive(session, 0.0, 10.0)  # measuring: nothing is due until degrees are typed
    events = session.record_measurement(600.0, 41)
    assert K.STALLED not in [e.kind for e in events]
    assert session.outcomes[0].measurement == 41


def test_a_key_pressed_after_a_stall_first_shows_the_pause() -> None:
    session = Session(plan_of(hold(seconds=60), hold("b")), stall_after=3.0)
    session.start(0.0)
    drive(session, 0.0, 10.0)
    events = session.next(50.0)  # the loop was frozen; the person pressed Right
    assert [e.kind for e in events] == [K.STALLED]
    assert session.snapshot(50.0).step_index == 0  # Right did nothing yet


def test_without_stall_after_a_late_update_catches_up_exactly() -> None:
    session = Session(plan_of(hold(seconds=60)))
    session.start(0.0)
    events = session.update(500.0)
    assert of_kind(events, K.SESSION_FINISHED)[0].at == 70.0
