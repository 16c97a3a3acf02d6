"""The plan: which steps and phases a routine and a side choice become."""

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
from hiptimer.core.session.plan import (
    Phase,
    PhaseKind,
    Plan,
    Step,
    build_plan,
    estimate_seconds,
)

LIBRARY = Library(
    {
        "one": Exercise("one", "One", "Stretches", "on-back", steps=("Lie down.",)),
        "two": Exercise("two", "Two", "Stretches", "on-back"),
        "three": Exercise("three", "Three", "Moves", "chair-edge"),
        "ball": Exercise("ball", "Ball", "Releases", "figure-four-ball", ("massage-ball",)),
        "both-legs": Exercise(
            "both-legs", "Both legs", "Moves", "on-back", sidedness=Sidedness.TOGETHER
        ),
        "prone-test": Exercise(
            "prone-test", "Prone test", "Tests", "face-down", normal=Range(45, 45)
        ),
    }
)


def routine(*items: Item, rest: int = 15, sections: tuple[Section, ...] | None = None) -> Routine:
    return Routine("r", "Routine", sections or (Section("Main", items),), rest=rest)


def plan_of(
    *items: Item,
    side: SideChoice = SideChoice.LEFT,
    limited: Side | None = None,
    rest: int = 15,
    **options: object,
) -> Plan:
    return build_plan(routine(*items, rest=rest), LIBRARY, side, limited, **options)  # type: ignore[arg-type]


def hold(exercise: str = "one", seconds: int = 60, **kw: object) -> Item:
    return Item(exercise, Kind.HOLD, seconds=Range(seconds, seconds), **kw)  # type: ignore[arg-type]


def summary(phases: tuple[Phase, ...]) -> list[tuple[PhaseKind, str, float | None]]:
    return [(phase.kind, phase.word, phase.seconds) for phase in phases]


# ---------------------------------------------------------------- each kind
def test_hold_is_get_ready_then_one_stretch_countdown() -> None:
    plan = plan_of(hold(seconds=60))
    (step,) = plan.steps
    assert summary(step.phases) == [
        (PhaseKind.GET_READY, "Get ready", 10.0),
        (PhaseKind.WORK, "Stretch", 60.0),
    ]
    assert step.planned_seconds == 60
    assert step.planned_reps is None
    assert step.phases[1].extendable_to is None


def test_release_counts_from_the_low_end_and_extends_to_the_high_end() -> None:
    plan = plan_of(Item("ball", Kind.RELEASE, seconds=Range(60, 120)))
    work = plan.steps[0].phases[1]
    assert (work.kind, work.word, work.seconds, work.extendable_to) == (
        PhaseKind.WORK,
        "Release",
        60.0,
        120.0,
    )
    assert plan.steps[0].planned_seconds == 60


def test_release_with_a_fixed_range_cannot_extend() -> None:
    plan = plan_of(Item("one", Kind.RELEASE, seconds=Range(90, 90)))
    assert plan.steps[0].phases[1].extendable_to is None


def test_plain_reps_are_one_paced_phase_per_rep_default_three_seconds() -> None:
    plan = plan_of(Item("one", Kind.REPS, count=4))
    work = plan.steps[0].phases[1:]
    assert [(p.kind, p.word, p.seconds, p.rep, p.reps) for p in work] == [
        (PhaseKind.WORK, "Reps", 3.0, rep, 4) for rep in (1, 2, 3, 4)
    ]
    assert plan.steps[0].planned_seconds == 12
    assert plan.steps[0].planned_reps == 4


def test_plain_reps_use_the_item_pace() -> None:
    plan = plan_of(Item("one", Kind.REPS, count=2, pace=5))
    assert [p.seconds for p in plan.steps[0].phases[1:]] == [5.0, 5.0]


@pytest.mark.parametrize(
    ("hold_range", "held"), [(Range(3, 5), 4), (Range(3, 4), 4), (Range(5, 5), 5), (Range(1, 2), 2)]
)
def test_held_reps_lift_hold_lower_with_the_midpoint_rounded_up(
    hold_range: Range, held: int
) -> None:
    plan = plan_of(Item("one", Kind.REPS, count=2, hold=hold_range))
    work = plan.steps[0].phases[1:]
    assert [(p.kind, p.word, p.seconds, p.rep) for p in work] == [
        (PhaseKind.WORK, "Lift", 2.0, 1),
        (PhaseKind.HOLD, "Hold", float(held), 1),
        (PhaseKind.WORK, "Lower", 2.0, 1),
        (PhaseKind.WORK, "Lift", 2.0, 2),
        (PhaseKind.HOLD, "Hold", float(held), 2),
        (PhaseKind.WORK, "Lower", 2.0, 2),
    ]
    assert plan.steps[0].planned_seconds == 2 * (4 + held)


def test_held_reps_use_the_pace_to_lift_and_to_lower() -> None:
    plan = plan_of(Item("one", Kind.REPS, count=1, hold=Range(3, 5), pace=3))
    assert [p.seconds for p in plan.steps[0].phases[1:]] == [3.0, 4.0, 3.0]


def test_cycles_drive_and_relax_without_a_relax_after_the_last() -> None:
    plan = plan_of(Item("one", Kind.CYCLES, work=10, relax=5, count=3))
    work = plan.steps[0].phases[1:]
    assert [(p.kind, p.word, p.seconds, p.cycle, p.cycles) for p in work] == [
        (PhaseKind.WORK, "Drive", 10.0, 1, 3),
        (PhaseKind.RELAX, "Relax", 5.0, 1, 3),
        (PhaseKind.WORK, "Drive", 10.0, 2, 3),
        (PhaseKind.RELAX, "Relax", 5.0, 2, 3),
        (PhaseKind.WORK, "Drive", 10.0, 3, 3),
    ]
    assert plan.steps[0].planned_seconds == 40
    assert plan.steps[0].planned_reps == 3


def test_once_hands_free_continues_after_its_seconds() -> None:
    default = plan_of(Item("one", Kind.ONCE)).steps[0].phases[1]
    given = plan_of(Item("one", Kind.ONCE, seconds=Range(20, 20))).steps[0].phases[1]
    assert (default.kind, default.word, default.seconds) == (PhaseKind.ACTION, "Do it", 10.0)
    assert given.seconds == 20.0


def test_once_not_hands_free_waits_for_done() -> None:
    plan = plan_of(Item("one", Kind.ONCE, seconds=Range(20, 20)), hands_free=False)
    action = plan.steps[0].phases[1]
    assert action.seconds is None  # it waits for the person
    assert action.expected_seconds == 20
    assert plan.steps[0].planned_seconds == 20


def test_test_is_one_measure_phase_per_side() -> None:
    plan = plan_of(Item("prone-test", Kind.TEST, sides=Sides.BOTH))
    assert [step.side for step in plan.steps] == [Side.LEFT, Side.RIGHT]
    for step in plan.steps:
        measure = step.phases[-1]
        assert (measure.kind, measure.word, measure.seconds) == (
            PhaseKind.MEASURE,
            "Measure",
            None,
        )
        assert measure.side is step.side
        assert measure.expected_seconds == 30


def test_self_paced_reps_are_one_count_phase() -> None:
    plan = plan_of(Item("one", Kind.REPS, count=20), self_paced_reps=True)
    (count,) = plan.steps[0].phases[1:]
    assert (count.kind, count.word, count.seconds, count.reps, count.rep) == (
        PhaseKind.COUNT,
        "Count",
        None,
        20,
        None,
    )
    assert count.expected_seconds == 60  # 20 reps at the default 3 s
    held = plan_of(Item("one", Kind.REPS, count=10, hold=Range(3, 5)), self_paced_reps=True)
    assert held.steps[0].phases[1].expected_seconds == 10 * (2 + 4 + 2)


def test_missing_dose_is_an_error() -> None:
    with pytest.raises(ValueError, match="seconds"):
        plan_of(Item("one", Kind.HOLD))
    with pytest.raises(ValueError, match="count"):
        plan_of(Item("one", Kind.REPS))
    with pytest.raises(ValueError, match="relax"):
        plan_of(Item("one", Kind.CYCLES, work=10, count=2))


def test_unknown_exercise_and_empty_routine_are_errors() -> None:
    with pytest.raises(ValueError, match="unknown exercise 'nope'"):
        plan_of(hold("nope"))
    with pytest.raises(ValueError, match="no items"):
        build_plan(routine(), LIBRARY, SideChoice.LEFT)


# ------------------------------------------------------------------- sides
@pytest.mark.parametrize("choice", [SideChoice.LEFT, SideChoice.RIGHT])
def test_one_side_choice_plays_limited_items_on_that_side(choice: SideChoice) -> None:
    plan = plan_of(hold(), side=choice, limited=Side.LEFT)
    assert [step.side for step in plan.steps] == [Side(choice.value)]
    assert plan.first_side is Side(choice.value)
    assert all(phase.side is Side(choice.value) for phase in plan.steps[0].phases)


def test_both_sides_default_left_first_with_a_switch_pause() -> None:
    plan = plan_of(hold(seconds=30), side=SideChoice.BOTH)
    first, second = plan.steps
    assert (first.side, second.side) == (Side.LEFT, Side.RIGHT)
    assert first.phases[0].kind is PhaseKind.GET_READY
    assert summary(second.phases) == [
        (PhaseKind.SWITCH, "Switch sides", 5.0),
        (PhaseKind.WORK, "Stretch", 30.0),
    ]
    assert second.phases[0].side is Side.RIGHT
    assert first.number == second.number == 1


def test_both_sides_limited_side_goes_first() -> None:
    plan = plan_of(hold(), side=SideChoice.BOTH, limited=Side.RIGHT)
    assert plan.first_side is Side.RIGHT
    assert [step.side for step in plan.steps] == [Side.RIGHT, Side.LEFT]


def test_switch_seconds_and_lead_in_are_configurable() -> None:
    plan = plan_of(hold(), side=SideChoice.BOTH, lead_in=7, switch_seconds=3)
    assert plan.steps[0].phases[0].seconds == 7
    assert plan.steps[1].phases[0].seconds == 3


def test_zero_lead_in_and_zero_switch_leave_the_lead_phase_out() -> None:
    plan = plan_of(hold(seconds=30), side=SideChoice.BOTH, lead_in=0, switch_seconds=0)
    assert [summary(step.phases) for step in plan.steps] == [
        [(PhaseKind.WORK, "Stretch", 30.0)],
        [(PhaseKind.WORK, "Stretch", 30.0)],
    ]


@pytest.mark.parametrize(
    ("choice", "limited", "expected"),
    [
        (SideChoice.LEFT, None, [Side.LEFT, Side.RIGHT]),
        (SideChoice.RIGHT, None, [Side.RIGHT, Side.LEFT]),
        (SideChoice.BOTH, None, [Side.LEFT, Side.RIGHT]),
        (SideChoice.BOTH, Side.RIGHT, [Side.RIGHT, Side.LEFT]),
    ],
)
def test_items_with_sides_both_are_always_on_both_sides(
    choice: SideChoice, limited: Side | None, expected: list[Side]
) -> None:
    plan = plan_of(hold(sides=Sides.BOTH), side=choice, limited=limited)
    assert [step.side for step in plan.steps] == expected
    assert plan.steps[1].phases[0].kind is PhaseKind.SWITCH


@pytest.mark.parametrize("choice", list(SideChoice))
def test_exercise_without_sides_is_one_step_with_no_side(choice: SideChoice) -> None:
    plan = plan_of(hold("both-legs"), side=choice)
    (step,) = plan.steps
    assert step.side is None
    assert all(phase.side is None for phase in step.phases)


@pytest.mark.parametrize(
    ("choice", "limited", "first"),
    [
        (SideChoice.LEFT, None, Side.LEFT),
        (SideChoice.RIGHT, None, Side.RIGHT),
        (SideChoice.BOTH, Side.RIGHT, Side.RIGHT),
    ],
)
def test_alternate_reps_are_one_step_alternating_from_the_first_side(
    choice: SideChoice, limited: Side | None, first: Side
) -> None:
    plan = plan_of(
        Item("one", Kind.REPS, count=5, sides=Sides.ALTERNATE), side=choice, limited=limited
    )
    (step,) = plan.steps
    assert step.side is None
    sides = [phase.side for phase in step.phases[1:]]
    assert sides == [first, first.other, first, first.other, first]
    assert step.planned_reps == 5


def test_alternate_held_reps_keep_one_side_for_the_whole_rep() -> None:
    plan = plan_of(Item("one", Kind.REPS, count=2, hold=Range(3, 5), sides=Sides.ALTERNATE))
    sides = [phase.side for phase in plan.steps[0].phases[1:]]
    assert sides == [Side.LEFT] * 3 + [Side.RIGHT] * 3


def test_alternate_reps_of_a_two_sided_exercise_still_show_each_side() -> None:
    """The sitting knee drop works both knees in turn: one step, L/R on every rep."""
    plan = plan_of(
        Item("both-legs", Kind.REPS, count=4, sides=Sides.ALTERNATE), side=SideChoice.RIGHT
    )
    [step] = plan.steps
    assert step.side is None
    assert [p.side for p in step.phases if p.rep] == [Side.RIGHT, Side.LEFT, Side.RIGHT, Side.LEFT]


# -------------------------------------------------------------------- rests
def test_rest_trails_the_last_side_of_each_item_but_not_the_last_item() -> None:
    plan = plan_of(hold(seconds=30), hold("two", seconds=20), side=SideChoice.BOTH, rest=12)
    kinds = [[phase.kind for phase in step.phases] for step in plan.steps]
    assert kinds == [
        [PhaseKind.GET_READY, PhaseKind.WORK],
        [PhaseKind.SWITCH, PhaseKind.WORK, PhaseKind.REST],
        [PhaseKind.GET_READY, PhaseKind.WORK],
        [PhaseKind.SWITCH, PhaseKind.WORK],
    ]
    rest = plan.steps[1].phases[-1]
    assert (rest.word, rest.seconds, rest.side) == ("Rest", 12.0, None)
    assert plan.steps[1].planned_seconds == 30  # rest and lead-in are not work


def rest_of(step: Step) -> float:
    last = step.phases[-1]
    return float(last.seconds or 0) if last.kind is PhaseKind.REST else 0.0


def test_item_rest_overrides_the_routine_rest_and_zero_means_none() -> None:
    plan = plan_of(hold(rest=40), hold("two", rest=0), hold("three"), rest=15)
    assert [rest_of(step) for step in plan.steps] == [40, 0, 0]
    assert plan.steps[1].phases[-1].kind is PhaseKind.WORK


def test_routine_rest_zero_means_no_rests() -> None:
    plan = plan_of(hold(), hold("two"), rest=0)
    assert all(step.phases[-1].kind is PhaseKind.WORK for step in plan.steps)


# ------------------------------------------------------------- step fields
def test_steps_carry_index_number_section_and_exercise() -> None:
    sections = (
        Section("First", (hold(),)),
        Section("Second", (hold("two"), hold("three"))),
    )
    plan = build_plan(routine(sections=sections), LIBRARY, SideChoice.BOTH)
    assert plan.item_count == 3
    assert [(s.index, s.number, s.section, s.exercise.id) for s in plan.steps] == [
        (0, 1, "First", "one"),
        (1, 1, "First", "one"),
        (2, 2, "Second", "two"),
        (3, 2, "Second", "two"),
        (4, 3, "Second", "three"),
        (5, 3, "Second", "three"),
    ]
    assert plan.steps[2].item is sections[1].items[0]


def test_last_work_index_is_before_the_rest() -> None:
    plan = plan_of(Item("one", Kind.CYCLES, work=10, relax=5, count=2), hold("two"))
    assert plan.steps[0].last_work_index == 3  # get ready, drive, relax, drive | rest
    assert plan.steps[0].phases[4].kind is PhaseKind.REST


# ---------------------------------------------------------------- estimates
def test_total_seconds_adds_every_phase_with_waits_estimated() -> None:
    plan = plan_of(
        Item("one", Kind.RELEASE, seconds=Range(60, 120)),  # 10 + 60 + rest 15
        Item("prone-test", Kind.TEST),  # 10 + 30 + rest 15
        Item("two", Kind.ONCE, seconds=Range(8, 8)),  # 10 + 8 + rest 15
        Item("three", Kind.REPS, count=4),  # 10 + 12 + rest 15
        Item("both-legs", Kind.CYCLES, work=10, relax=5, count=2),  # 10 + 25
        hands_free=False,
    )
    assert plan.total_seconds() == 85 + 55 + 33 + 37 + 35


def test_total_seconds_counts_both_sides_and_switches() -> None:
    plan = plan_of(hold(seconds=60), hold("two", seconds=30), side=SideChoice.BOTH, rest=20)
    # (10 + 60) + (5 + 60 + 20) + (10 + 30) + (5 + 30)
    assert plan.total_seconds() == 230


def test_estimate_seconds_matches_the_hands_free_plan() -> None:
    r = routine(hold(seconds=60), Item("one", Kind.ONCE), rest=10)
    assert estimate_seconds(r, LIBRARY) == 10 + 60 + 10 + 10 + 10
    assert estimate_seconds(r, LIBRARY, SideChoice.BOTH) == 10 + 60 + 5 + 60 + 10 + 10 + 10 + 5 + 10
    assert estimate_seconds(r, LIBRARY, lead_in=0) == 60 + 10 + 10
