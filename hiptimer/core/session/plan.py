"""The plan: a routine and a side choice turned into steps and timed phases.

A *step* is one set of one item on one side (the unit history records).  Each step is a short
list of *phases* (:mod:`hiptimer.core.session.phases`): a lead phase (get ready before an
item, switch sides before its second side, rest between its sets), the work phases, and a rest
after the item's last step.  The session engine (:mod:`hiptimer.core.session.engine`) plays
the phases; this module only decides what they are and how long they last.

With both sides, all sets of the first side (the limited side) come before the switch.  Steps
on the limited side play the item's limited-side dose (:mod:`hiptimer.core.routines.side_dose`);
when no limited side is known, the side worked first is taken for it.
No Qt here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hiptimer.core.routines.limits import DEFAULT_SET_REST
from hiptimer.core.routines.model import (
    Exercise,
    Item,
    Kind,
    Library,
    Routine,
    Side,
    SideChoice,
    Sidedness,
    Sides,
)
from hiptimer.core.routines.overview import gear
from hiptimer.core.routines.schema import ONE_SET
from hiptimer.core.routines.side_dose import has_limited_side, limited_dose
from hiptimer.core.session.lead_in import NO_CHANGE, Change, LeadIn, change_between, lead_in_seconds
from hiptimer.core.session.phases import (
    LEAD_KINDS,
    MEASURE_ESTIMATE,
    NON_WORK_KINDS,
    WORK_WORDS,
    Phase,
    PhaseKind,
    PhaseRole,
    alternates,
    work_phases,
)
from hiptimer.core.session.reading import reading_lead_in

__all__ = [
    "LEAD_KINDS",
    "MEASURE_ESTIMATE",
    "NON_WORK_KINDS",
    "WORK_WORDS",
    "Phase",
    "PhaseKind",
    "PhaseRole",
    "Plan",
    "Step",
    "build_plan",
    "estimate_seconds",
]


@dataclass(frozen=True)
class Step:
    """One set of one item on one side: the unit that history records."""

    index: int  # position in plan.steps
    item: Item  # the dose as played on this side (the limited side's own dose there)
    exercise: Exercise
    section: str
    side: Side | None  # None for exercises with no side and for alternating reps
    number: int  # 1-based number of the item in the routine ("exercise k of n")
    phases: tuple[Phase, ...]  # lead phase, work phases, then REST if any
    planned_seconds: float  # planned work seconds (no lead-in, no rest)
    planned_reps: int | None  # reps for reps items, cycles for cycles items
    set_number: int = 1  # "set 2 of 3"
    set_count: int = 1  # the sets on this side
    #: What changes from the exercise before (position, gear to fetch): what the get-ready says.
    change: Change = NO_CHANGE

    @property
    def last_work_index(self) -> int:
        """Index of the last work phase: when it ends, the step's work is done."""
        return max(i for i, phase in enumerate(self.phases) if phase.is_work)

    @property
    def in_sets(self) -> bool:
        return self.set_count > 1


@dataclass(frozen=True)
class Plan:
    routine: Routine
    side_choice: SideChoice
    first_side: Side
    steps: tuple[Step, ...]
    item_count: int
    gear: tuple[str, ...] = ()  # every equipment id the routine needs, in order of first use
    read_steps: bool = False  # each get-ready reads the exercise's steps aloud

    def total_seconds(self) -> float:
        """Whole plan estimate in session seconds.

        Releases count at their low end; waits count as their estimate (the once
        item's seconds, 30 s per test side, the paced length of self-paced reps).
        """
        return sum(phase.expected_seconds for step in self.steps for phase in step.phases)

    def exercise_seconds(self) -> float:
        """The planned exercise time: every step's work, without get-ready, rests and tests
        (what decides whether a session counts as a workout)."""
        return sum(step.planned_seconds for step in self.steps if step.item.kind is not Kind.TEST)


def build_plan(
    routine: Routine,
    library: Library,
    side_choice: SideChoice,
    limited_side: Side | None = None,
    *,
    lead_in: float = 10,
    change_lead_in: float | None = None,
    switch_seconds: float = 5,
    self_paced_reps: bool = False,
    hands_free: bool = True,
    reading_wpm: float | None = None,
) -> Plan:
    """Turn a routine into steps and phases for one session.

    ``side_choice`` LEFT/RIGHT plays limited items on that side only; BOTH plays
    them on both sides, ``limited_side`` (default left) first.  Items whose sides
    are BOTH always play on both sides, first side first; with LEFT/RIGHT the
    chosen side is the first side.  Steps on ``limited_side`` (when it is not known,
    the first side) play the item's limited-side dose.  The get-ready lasts ``lead_in`` seconds, or
    ``change_lead_in`` (default: the same) when the position or the gear changes
    (:func:`~hiptimer.core.session.lead_in.lead_in_seconds`).  A lead phase of 0 s is left out.
    ``reading_wpm`` (a speaking rate) has each get-ready read the exercise's steps aloud and
    last long enough for that reading.
    """
    side_choice = SideChoice(side_choice)
    first_side = _first_side(side_choice, limited_side)
    limited = Side(limited_side) if limited_side is not None else first_side
    timing = LeadIn(lead_in, lead_in if change_lead_in is None else change_lead_in)
    entries = [(section.name, item) for section in routine.sections for item in section.items]
    if not entries:
        raise ValueError(f"routine {routine.id!r} has no items")
    steps: list[Step] = []
    previous: Exercise | None = None
    for number, (section_name, item) in enumerate(entries, start=1):
        exercise = _exercise(library, item)
        sides = _item_sides(item, exercise, side_choice, first_side)
        get_ready = lead_in_seconds(exercise, previous, timing)
        if reading_wpm is not None:
            reading = reading_lead_in(exercise, sides[0], reading_wpm)
            get_ready = max(get_ready, math.ceil(reading))
        change = change_between(exercise, previous)
        previous = exercise
        rest = item.rest if item.rest is not None else routine.rest
        is_last_item = number == len(entries)
        for position, side in enumerate(sides):
            dose = item
            if side is limited and has_limited_side(item, exercise):
                dose = limited_dose(item, routine.limited_extra)
            set_count = dose.sets or ONE_SET
            for set_number in range(1, set_count + 1):
                phases: list[Phase] = []
                lead = _lead_phase(dose, side, position, set_number, get_ready, switch_seconds)
                if lead is not None:
                    phases.append(lead)
                work = work_phases(dose, exercise, side, first_side, self_paced_reps, hands_free)
                phases.extend(work)
                last_of_item = position == len(sides) - 1 and set_number == set_count
                if last_of_item and rest > 0 and not is_last_item:
                    phases.append(Phase(PhaseKind.REST, PhaseRole.REST, "Rest", float(rest), None))
                steps.append(
                    Step(
                        index=len(steps),
                        item=dose,
                        exercise=exercise,
                        section=section_name,
                        side=side,
                        number=number,
                        phases=tuple(phases),
                        planned_seconds=sum(phase.expected_seconds for phase in work),
                        planned_reps=dose.count if dose.kind in (Kind.REPS, Kind.CYCLES) else None,
                        set_number=set_number,
                        set_count=set_count,
                        change=change,
                    )
                )
    return Plan(
        routine=routine,
        side_choice=side_choice,
        first_side=first_side,
        steps=tuple(steps),
        item_count=len(entries),
        gear=gear(routine, library),
        read_steps=reading_wpm is not None,
    )


def estimate_seconds(
    routine: Routine,
    library: Library,
    side_choice: SideChoice = SideChoice.LEFT,
    *,
    lead_in: float = 10,
    change_lead_in: float | None = None,
    reading_wpm: float | None = None,
) -> float:
    """Estimated session seconds for a routine (hands-free, paced reps)."""
    plan = build_plan(
        routine,
        library,
        side_choice,
        lead_in=lead_in,
        change_lead_in=change_lead_in,
        reading_wpm=reading_wpm,
    )
    return plan.total_seconds()


def _lead_phase(
    dose: Item,
    side: Side | None,
    position: int,
    set_number: int,
    get_ready: float,
    switch_seconds: float,
) -> Phase | None:
    """Get ready before the item, switch sides before its second side, rest before a set."""
    seconds: float
    if set_number > 1:
        seconds = dose.set_rest if dose.set_rest is not None else DEFAULT_SET_REST
        kind, role, word = PhaseKind.REST, PhaseRole.SET_REST, "Rest"
    elif position == 0:
        seconds, kind, role, word = get_ready, PhaseKind.GET_READY, PhaseRole.GET_READY, "Get ready"
    else:
        seconds = switch_seconds
        kind, role, word = PhaseKind.SWITCH, PhaseRole.SWITCH_SIDES, "Switch sides"
    return Phase(kind, role, word, float(seconds), side) if seconds > 0 else None


def _first_side(side_choice: SideChoice, limited_side: Side | None) -> Side:
    if side_choice is SideChoice.BOTH:
        return Side(limited_side) if limited_side is not None else Side.LEFT
    return Side(side_choice.value)


def _exercise(library: Library, item: Item) -> Exercise:
    if item.exercise not in library:
        raise ValueError(f"unknown exercise {item.exercise!r}")
    return library[item.exercise]


def _item_sides(
    item: Item, exercise: Exercise, side_choice: SideChoice, first_side: Side
) -> list[Side | None]:
    """The sides an item's steps are played on (None: one step with no side)."""
    if exercise.sidedness in (Sidedness.TOGETHER, Sidedness.ALTERNATING):
        return [None]
    if alternates(item, exercise) or item.sides is Sides.ALTERNATE:
        return [None]
    if item.sides is Sides.BOTH or side_choice is SideChoice.BOTH:
        return [first_side, first_side.other]
    return [Side(side_choice.value)]
