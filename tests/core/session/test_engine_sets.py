"""The engine over sets × sides: play, pause, next, previous, restart, the rest between sets,
and the halfway cue of a lengthened release.  A fake ``now``, never a sleep."""

from __future__ import annotations

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
)
from hiptimer.core.session.engine import Session
from hiptimer.core.session.events import Event, EventKind, SessionState, StepOutcome
from hiptimer.core.session.plan import PhaseKind, PhaseRole, Plan, build_plan
from hiptimer.core.session.status import StepStatus

LIBRARY = Library(
    {
        "a": Exercise("a", "A", "Strengthening", "on-back"),
        "b": Exercise("b", "B", "Stretches", "on-back"),
        "ball": Exercise("ball", "Ball", "Releases", "figure-four-ball"),
    }
)
L, R = Side.LEFT, Side.RIGHT
K = EventKind
DONE, SKIPPED = StepStatus.DONE, StepStatus.SKIPPED

#: 2 sets of 2 reps of 3 s on each side, 5 s between sets; the limited side does a third set.
SETS = Item("a", Kind.REPS, count=2, pace=3, sets=2, set_rest=5, limited=(("sets", 3),))


def plan_of(*items: Item, side: SideChoice = SideChoice.BOTH, rest: int = 0) -> Plan:
    routine = Routine("r", "R", (Section("Main", items),), rest=rest)
    return build_plan(routine, LIBRARY, side, R, lead_in=10, switch_seconds=4)


def played(outcomes: list[StepOutcome]) -> list[tuple[Side | None, int, int, StepStatus]]:
    return [(o.side, o.set_number, o.set_count, o.status) for o in outcomes]


def kinds(events: list[Event], kind: EventKind) -> list[Event]:
    return [e for e in events if e.kind is kind]


def where(session: Session, now: float) -> tuple[Side | None, int, PhaseRole]:
    snap = session.snapshot(now)
    return snap.step.side, snap.step.set_number, snap.phase.role


def test_the_steps_are_every_set_of_every_side_limited_side_first() -> None:
    plan = plan_of(SETS)
    assert [(s.side, s.set_number, s.set_count) for s in plan.steps] == [
        (R, 1, 3),
        (R, 2, 3),
        (R, 3, 3),
        (L, 1, 2),
        (L, 2, 2),
    ]


def test_a_whole_play_through_records_each_set_of_each_side_on_time() -> None:
    session = Session(plan_of(SETS))
    events = session.start(0.0)
    # get ready 10, set 1 (6), rest 5, set 2 (6), rest 5, set 3 (6), switch 4, set 1, rest 5, set 2
    events += session.update(200.0)
    finished = kinds(events, K.STEP_FINISHED)
    assert [e.at for e in finished] == [16, 27, 38, 48, 59]
    assert played(session.outcomes) == [
        (R, 1, 3, DONE),
        (R, 2, 3, DONE),
        (R, 3, 3, DONE),
        (L, 1, 2, DONE),
        (L, 2, 2, DONE),
    ]
    assert all(o.planned_reps == 2 == o.actual_reps for o in session.outcomes)
    rests = [
        e.at
        for e in kinds(events, K.PHASE_STARTED)
        if session.plan.steps[e.step_index].phases[e.phase_index].role is PhaseRole.SET_REST
    ]
    assert rests == [16, 27, 48]
    assert [e.at for e in kinds(events, K.SWITCH_SIDES)] == [38]
    assert session.state is SessionState.FINISHED and session.finished_at == 59


def test_pause_in_the_rest_between_sets_freezes_it() -> None:
    session = Session(plan_of(SETS))
    session.start(0.0)
    session.update(18.0)  # 2 s into the rest before set 2
    session.pause(18.0)
    assert where(session, 500.0) == (R, 2, PhaseRole.SET_REST)
    assert session.snapshot(500.0).remaining == 3
    session.resume(500.0)
    events = session.update(503.0)
    assert [e.at for e in kinds(events, K.PHASE_STARTED)] == [21]  # session time runs on
    assert where(session, 503.0) == (R, 2, PhaseRole.REP)


def test_the_rest_between_sets_can_be_lengthened_and_skipped() -> None:
    session = Session(plan_of(SETS))
    session.start(0.0)
    session.update(17.0)
    assert session.extend_lead_in(17.0, 10)
    assert session.snapshot(17.0).remaining == 14
    session.done(18.0)  # Enter: begin set 2 now
    assert where(session, 18.0) == (R, 2, PhaseRole.REP)


def test_next_skips_to_the_next_set_and_records_the_one_left() -> None:
    session = Session(plan_of(SETS))
    session.start(0.0)
    session.update(12.0)  # 2 s into set 1
    session.next(12.0)
    assert where(session, 12.0) == (R, 2, PhaseRole.SET_REST)
    session.next(13.0)
    session.next(14.0)  # past the limited side's last set: on to the other side
    assert where(session, 14.0) == (L, 1, PhaseRole.SWITCH_SIDES)
    assert played(session.outcomes) == [(R, 1, 3, SKIPPED), (R, 2, 3, SKIPPED), (R, 3, 3, SKIPPED)]
    assert session.outcomes[0].actual_seconds == 2


def test_previous_goes_back_one_set_and_across_the_switch() -> None:
    session = Session(plan_of(SETS))
    session.start(0.0)
    session.update(44.0)  # 2 s into the left side's first set (after a 4 s switch)
    assert where(session, 44.0) == (L, 1, PhaseRole.REP)
    session.previous(44.0)
    assert where(session, 44.0) == (R, 3, PhaseRole.SET_REST)  # the limited side's last set
    session.update(56.0)  # its rest (5) and its reps (6) again, 1 s into the switch
    assert where(session, 56.0) == (L, 1, PhaseRole.SWITCH_SIDES)
    session.previous(56.0)  # back to set 3 once more
    assert where(session, 56.0) == (R, 3, PhaseRole.SET_REST)
    assert played(session.outcomes) == [
        (R, 1, 3, DONE),
        (R, 2, 3, DONE),
        (R, 3, 3, DONE),
        (L, 1, 2, SKIPPED),
        (R, 3, 3, DONE),
        (L, 1, 2, SKIPPED),  # left during its switch
    ]
    final = session.final_outcomes()
    assert [(o.side, o.set_number) for o in final] == [(R, 1), (R, 2), (R, 3), (L, 1)]


def test_previous_on_a_first_set_after_a_pause_restarts_nothing_but_that_step() -> None:
    session = Session(plan_of(SETS, Item("b", Kind.HOLD, seconds=Range(20, 20))))
    session.start(0.0)
    session.update(12.0)
    session.pause(12.0)
    session.previous(100.0)  # the first step: start it again, still paused
    assert session.state is SessionState.PAUSED
    assert where(session, 100.0) == (R, 1, PhaseRole.GET_READY)
    assert session.outcomes == []  # restarting the first step is not recorded


def test_restart_plays_the_set_again_from_its_rest() -> None:
    session = Session(plan_of(SETS))
    session.start(0.0)
    session.update(23.0)  # 2 s into set 2
    session.restart_step(23.0)
    assert where(session, 23.0) == (R, 2, PhaseRole.SET_REST)
    assert session.snapshot(23.0).remaining == 5
    assert [o.set_number for o in session.outcomes] == [1]


def test_finish_mid_set_records_that_set_and_nothing_later() -> None:
    session = Session(plan_of(SETS))
    session.start(0.0)
    session.update(30.0)
    session.finish(30.0)
    assert played(session.outcomes) == [(R, 1, 3, DONE), (R, 2, 3, DONE), (R, 3, 3, SKIPPED)]


def test_one_side_plays_the_limited_sides_sets_only_when_it_is_the_limited_side() -> None:
    session = Session(plan_of(SETS, side=SideChoice.RIGHT))  # right is the limited side
    session.start(0.0)
    session.update(100.0)
    assert played(session.outcomes) == [(R, 1, 3, DONE), (R, 2, 3, DONE), (R, 3, 3, DONE)]
    session = Session(plan_of(SETS, side=SideChoice.LEFT))  # the other side, on its own
    session.start(0.0)
    session.update(100.0)
    assert played(session.outcomes) == [(L, 1, 2, DONE), (L, 2, 2, DONE)]


# --- halfway follows the release as long as it is now ------------------------------------------


def release_session() -> Session:
    plan = plan_of(Item("ball", Kind.RELEASE, seconds=Range(60, 120)), side=SideChoice.LEFT)
    session = Session(plan)
    session.start(0.0)
    return session


def test_halfway_of_a_lengthened_release_is_half_of_its_new_length() -> None:
    """The issue: after "+30 s" on a release, "halfway" still sounded at the old midpoint."""
    session = release_session()
    session.update(20.0)  # 10 s into the 60 s release
    assert session.extend(20.0, 30)  # now 90 s: halfway at 45 s, not at 30 s
    events = session.update(70.0)
    assert [e.at for e in kinds(events, K.HALFWAY)] == [10 + 45]
    assert session.snapshot(70.0).phase.kind is PhaseKind.WORK


def test_halfway_is_said_once_even_when_the_release_grows_after_it() -> None:
    session = release_session()
    events = session.update(45.0)  # 35 s in: halfway (30 s) said
    assert [e.at for e in kinds(events, K.HALFWAY)] == [40]
    assert session.extend(45.0, 30)
    events = session.update(130.0)
    assert kinds(events, K.HALFWAY) == []
    assert [e.value for e in kinds(events, K.COUNTDOWN)] == [3, 2, 1]  # at the new end
    assert kinds(events, K.COUNTDOWN)[-1].at == 10 + 90 - 1
