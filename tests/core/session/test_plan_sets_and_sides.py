"""The plan of sets, a heavier limited side, each sidedness, the phase words and the get-ready."""

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
from hiptimer.core.session.lead_in import Change
from hiptimer.core.session.plan import PhaseKind, PhaseRole, Plan, Step, build_plan

LIBRARY = Library(
    {
        "stretch": Exercise("stretch", "Stretch", "Stretches", "on-back"),
        "shift": Exercise("shift", "Hip shift", "Strengthening", "feet-on-wall", ("wall",)),
        "ball": Exercise("ball", "Ball", "Releases", "figure-four-ball", ("massage-ball",)),
        "band": Exercise("band", "Band", "Joint mobilization", "on-back", ("band",)),
        "band-2": Exercise("band-2", "Band again", "Joint mobilization", "on-back", ("band",)),
        "chair": Exercise("chair", "Chair", "Strengthening", "tall-chair", ("tall-chair", "ball")),
        "own": Exercise("own", "Own", "My section", "on-back"),
        "click": Exercise(
            "click", "Hip click", "Joint mobilization", "chair-edge", sidedness=Sidedness.TOGETHER
        ),
        "wipers": Exercise(
            "wipers", "Wipers", "Gentle", "floor-knees-apart", sidedness=Sidedness.ALTERNATING
        ),
        "drop": Exercise("drop", "Drop", "Gentle", "floor-knees-apart", sidedness=Sidedness.EITHER),
    }
)


def plan_of(
    *items: Item,
    side: SideChoice = SideChoice.LEFT,
    limited: Side | None = None,
    extra: int = 0,
    rest: int = 0,
    **options: object,
) -> Plan:
    routine = Routine("r", "R", (Section("Main", items),), rest=rest, limited_extra=extra)
    return build_plan(routine, LIBRARY, side, limited, **options)  # type: ignore[arg-type]


def hold(exercise: str = "stretch", seconds: int = 60, **kw: object) -> Item:
    return Item(exercise, Kind.HOLD, seconds=Range(seconds, seconds), **kw)  # type: ignore[arg-type]


def reps(exercise: str = "stretch", count: int = 20, **kw: object) -> Item:
    return Item(exercise, Kind.REPS, count=count, **kw)  # type: ignore[arg-type]


def steps_of(plan: Plan) -> list[tuple[Side | None, int, int, float]]:
    """(side, set, of sets, planned work seconds) of every step."""
    return [(s.side, s.set_number, s.set_count, s.planned_seconds) for s in plan.steps]


def lead(step: Step) -> tuple[PhaseKind, PhaseRole, float | None]:
    phase = step.phases[0]
    return phase.kind, phase.role, phase.seconds


L, R = Side.LEFT, Side.RIGHT


# --- sets --------------------------------------------------------------------------------------


def test_sets_are_steps_with_a_rest_between_them() -> None:
    plan = plan_of(hold(seconds=30, sets=3, set_rest=20))
    assert steps_of(plan) == [(L, 1, 3, 30), (L, 2, 3, 30), (L, 3, 3, 30)]
    assert [lead(step) for step in plan.steps] == [
        (PhaseKind.GET_READY, PhaseRole.GET_READY, 10.0),
        (PhaseKind.REST, PhaseRole.SET_REST, 20.0),
        (PhaseKind.REST, PhaseRole.SET_REST, 20.0),
    ]
    assert [step.number for step in plan.steps] == [1, 1, 1]
    assert plan.item_count == 1


def test_the_rest_between_sets_defaults_to_30_s_and_zero_leaves_it_out() -> None:
    plan = plan_of(reps(count=5, sets=2), reps(count=5, sets=2, set_rest=0))
    assert lead(plan.steps[1]) == (PhaseKind.REST, PhaseRole.SET_REST, 30.0)
    assert plan.steps[3].phases[0].kind is PhaseKind.WORK  # straight into set 2


def test_with_both_sides_all_sets_of_the_limited_side_come_first() -> None:
    plan = plan_of(hold(seconds=30, sets=2), side=SideChoice.BOTH, limited=R)
    assert steps_of(plan) == [(R, 1, 2, 30), (R, 2, 2, 30), (L, 1, 2, 30), (L, 2, 2, 30)]
    assert [lead(step)[1] for step in plan.steps] == [
        PhaseRole.GET_READY,
        PhaseRole.SET_REST,
        PhaseRole.SWITCH_SIDES,
        PhaseRole.SET_REST,
    ]


def test_the_rest_after_an_item_trails_its_very_last_set() -> None:
    plan = plan_of(hold(seconds=30, sets=2), hold(), side=SideChoice.BOTH, rest=15)
    rests = [step.phases[-1].role is PhaseRole.REST for step in plan.steps]
    assert rests == [False, False, False, True, False, False]


def test_cycles_and_reps_take_sets_too() -> None:
    cycles = Item("stretch", Kind.CYCLES, work=10, relax=5, count=3, sets=2)
    plan = plan_of(cycles, reps(count=4, hold=Range(3, 5), sets=2))
    assert [(s.set_number, s.planned_reps) for s in plan.steps] == [(1, 3), (2, 3), (1, 4), (2, 4)]


def test_one_set_is_the_same_as_no_sets() -> None:
    one, plain = plan_of(hold(sets=1)).steps, plan_of(hold()).steps
    assert [(s.phases, s.set_count) for s in one] == [(s.phases, s.set_count) for s in plain]


# --- a heavier limited side ----------------------------------------------------------------


def test_an_items_own_limited_dose_plays_on_the_limited_side_only() -> None:
    item = hold(seconds=60, sides=Sides.BOTH, limited=(("seconds", Range(90, 90)),))
    plan = plan_of(item, limited=R, side=SideChoice.BOTH)
    assert steps_of(plan) == [(R, 1, 1, 90), (L, 1, 1, 60)]
    assert plan.steps[0].item.seconds == Range(90, 90)
    assert plan.steps[1].item is item


def test_one_side_plays_the_limited_dose_when_it_is_the_limited_side() -> None:
    item = hold(seconds=60, limited=(("seconds", Range(90, 90)),))
    assert steps_of(plan_of(item, side=SideChoice.RIGHT, limited=R)) == [(R, 1, 1, 90)]
    assert steps_of(plan_of(item, side=SideChoice.LEFT, limited=R)) == [(L, 1, 1, 60)]
    # no limited side set yet: the side you chose to work is taken for it
    assert steps_of(plan_of(item, side=SideChoice.RIGHT)) == [(R, 1, 1, 90)]


def test_an_extra_set_for_the_limited_side() -> None:
    item = reps(count=10, sets=2, limited=(("sets", 3),))
    plan = plan_of(item, side=SideChoice.BOTH, limited=L)
    assert [(s.side, s.set_number, s.set_count) for s in plan.steps] == [
        (L, 1, 3),
        (L, 2, 3),
        (L, 3, 3),
        (R, 1, 2),
        (R, 2, 2),
    ]


def test_the_routines_extra_percent_scales_each_kinds_amount_on_the_limited_side() -> None:
    items = (
        hold(seconds=60),
        Item("ball", Kind.RELEASE, seconds=Range(60, 120)),
        reps(count=20, hold=Range(3, 5)),
        Item("stretch", Kind.CYCLES, work=10, relax=5, count=5),
    )
    plan = plan_of(*items, side=SideChoice.BOTH, extra=50)
    limited = [s.item for s in plan.steps if s.side is L]
    other = [s.item for s in plan.steps if s.side is R]
    assert [i.seconds for i in limited[:2]] == [Range(90, 90), Range(90, 180)]
    assert [i.count for i in limited[2:]] == [30, 8]  # 7.5 cycles round up to 8
    assert limited[2].hold == Range(3, 5) and limited[3].work == 10  # only the amount grows
    assert other == list(items)
    assert plan.steps[2].phases[1].extendable_to == 180


def test_an_items_own_dose_wins_over_the_routines_percent_and_empty_means_the_same() -> None:
    own = hold(seconds=60, limited=(("seconds", Range(70, 70)),))
    same = hold(seconds=60, limited=())
    plan = plan_of(own, same, extra=50)
    assert [s.planned_seconds for s in plan.steps] == [70, 60]


def test_items_without_a_limited_side_ignore_the_percent() -> None:
    plan = plan_of(
        Item("click", Kind.ONCE),
        reps("wipers", 20),
        reps("drop", 20, sides=Sides.ALTERNATE),
        Item("stretch", Kind.ONCE, seconds=Range(10, 10)),
        extra=100,
    )
    assert [s.planned_reps for s in plan.steps] == [None, 20, 20, None]
    assert [s.planned_seconds for s in plan.steps][-1] == 10


# --- sidedness -------------------------------------------------------------------------------


@pytest.mark.parametrize("choice", list(SideChoice))
@pytest.mark.parametrize("sides", [Sides.LIMITED, Sides.BOTH])
def test_an_exercise_done_with_both_legs_together_plays_once_without_a_side(
    choice: SideChoice, sides: Sides
) -> None:
    plan = plan_of(Item("click", Kind.ONCE, sides=sides), side=choice)
    (step,) = plan.steps
    assert step.side is None
    assert all(phase.side is None for phase in step.phases)


@pytest.mark.parametrize("choice", list(SideChoice))
def test_an_alternating_exercise_alternates_without_being_told(choice: SideChoice) -> None:
    plan = plan_of(reps("wipers", 4), side=choice, limited=R)
    (step,) = plan.steps
    first = R if choice is SideChoice.BOTH else Side(choice.value)
    assert step.side is None
    assert [p.side for p in step.phases if p.rep] == [first, first.other, first, first.other]


def test_an_exercise_done_either_way_alternates_or_plays_one_side_as_the_item_says() -> None:
    alternating = plan_of(reps("drop", 2, sides=Sides.ALTERNATE), side=SideChoice.BOTH)
    assert [s.side for s in alternating.steps] == [None]
    one_side = plan_of(reps("drop", 2), side=SideChoice.RIGHT)
    assert [s.side for s in one_side.steps] == [R]
    both = plan_of(reps("drop", 2), side=SideChoice.BOTH, limited=R)
    assert [s.side for s in both.steps] == [R, L]


# --- the phase word ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "word"),
    [
        (hold("stretch"), "Stretch"),
        (hold("shift", 30), "Strengthen"),  # the issue: the hip shift is no stretch
        (hold("own"), "Hold"),
        (Item("ball", Kind.RELEASE, seconds=Range(60, 120)), "Release"),
        (Item("band", Kind.RELEASE, seconds=Range(60, 120)), "Mobilize"),
        (Item("own", Kind.RELEASE, seconds=Range(60, 120)), "Release"),
    ],
)
def test_the_word_of_a_timed_hold_fits_the_exercises_part_of_the_program(
    item: Item, word: str
) -> None:
    (step,) = plan_of(item).steps
    assert step.phases[1].word == word
    assert step.phases[1].role is (PhaseRole.HOLD if item.kind is Kind.HOLD else PhaseRole.RELEASE)


# --- the get-ready ---------------------------------------------------------------------------


def test_a_new_position_or_new_gear_gets_the_longer_get_ready() -> None:
    items = (
        Item("ball", Kind.RELEASE, seconds=Range(60, 60)),  # first: everything to get
        Item("band", Kind.RELEASE, seconds=Range(60, 60)),  # new position, a band
        Item("band-2", Kind.RELEASE, seconds=Range(60, 60)),  # same place, same band
        hold("stretch"),  # same position, nothing new to fetch
        Item("chair", Kind.REPS, count=5),  # up to a tall chair with a ball
        Item("chair", Kind.REPS, count=5, sets=2),  # the same again, in sets
    )
    plan = plan_of(*items, side=SideChoice.BOTH, lead_in=10, change_lead_in=25)
    firsts = [s for s in plan.steps if s.phases[0].role is PhaseRole.GET_READY]
    assert [s.phases[0].seconds for s in firsts] == [25, 25, 10, 10, 25, 10]
    assert [s.change for s in firsts] == [
        Change(True, ("massage-ball",)),
        Change(True, ("band",)),
        Change(False, ()),
        Change(False, ()),
        Change(True, ("tall-chair", "ball")),
        Change(False, ()),
    ]
    # the switch and the rests between sets stay as they were
    others = [s.phases[0] for s in plan.steps if s.phases[0].role is not PhaseRole.GET_READY]
    assert {(p.role, p.seconds) for p in others} == {
        (PhaseRole.SWITCH_SIDES, 5.0),
        (PhaseRole.SET_REST, 30.0),
    }


def test_without_a_change_lead_in_every_get_ready_is_the_same() -> None:
    plan = plan_of(Item("ball", Kind.RELEASE, seconds=Range(60, 60)), hold("band"), lead_in=12)
    assert [s.phases[0].seconds for s in plan.steps] == [12, 12]


def test_the_plan_lists_the_routines_gear_in_order_of_first_use() -> None:
    plan = plan_of(hold("stretch"), hold("chair"), hold("band"), hold("band-2"), hold("ball"))
    assert plan.gear == ("tall-chair", "ball", "band", "massage-ball")
