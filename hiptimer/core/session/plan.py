"""The plan: a routine and a side choice turned into steps and timed phases.

A *step* is one item on one side (the unit history records).  Each step is a
short list of *phases*: a lead phase (get ready, or switch sides before the
second side), the work phases, and a rest after the item's last step.  The
session engine (:mod:`hiptimer.core.session.engine`) plays the phases; this module
only decides what they are and how long they last.  No Qt here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from hiptimer.core.routines.model import (
    Exercise,
    Item,
    Kind,
    Library,
    Range,
    Routine,
    Side,
    SideChoice,
    Sidedness,
    Sides,
)
from hiptimer.core.routines.schema import DEFAULT_HELD_PACE, DEFAULT_ONCE_SECONDS, DEFAULT_PACE

T = TypeVar("T")

#: Seconds a test side is assumed to take in estimates.
MEASURE_ESTIMATE = 30


class PhaseKind(str, Enum):
    GET_READY = "get_ready"  # lead-in before an exercise
    WORK = "work"  # hold / release countdown, a paced rep, lift/lower of a held rep, a drive
    HOLD = "hold"  # holding a rep at its end position
    RELAX = "relax"  # relax between cycles
    SWITCH = "switch"  # switch-sides pause between the two sides of an item
    REST = "rest"  # rest between exercises
    ACTION = "action"  # `once`: waits for Done; hands-free it continues after its seconds
    MEASURE = "measure"  # `test`: waits until degrees are entered for its side
    COUNT = "count"  # self-paced reps: waits for one rep_done() per rep


class PhaseRole(str, Enum):
    """What the person does in a phase: the voice and the cues follow this, never the word
    printed on screen (which may change with the exercise)."""

    GET_READY = "get_ready"
    SWITCH_SIDES = "switch_sides"
    REST = "rest"
    HOLD = "hold"  # hold a position for the countdown (a stretch, a strengthening hold)
    RELEASE = "release"  # massage-ball release
    REP = "rep"  # one paced rep
    LIFT = "lift"  # the way into a held rep
    HOLD_REP = "hold_rep"  # holding a rep at its end position
    LOWER = "lower"  # the way back out of a held rep
    DRIVE = "drive"  # a contraction of a cycle
    RELAX = "relax"  # relax between contractions
    ACTION = "action"  # a one-off action, then Done
    MEASURE = "measure"  # type the degrees measured
    COUNT = "count"  # self-paced reps: Enter per rep


#: Phases that are not part of an exercise's work (not counted in actual seconds).
NON_WORK_KINDS = frozenset({PhaseKind.GET_READY, PhaseKind.SWITCH, PhaseKind.REST})
#: Phases whose wait the user may lengthen (``Session.extend_lead_in``) or skip (``done``).
LEAD_KINDS = NON_WORK_KINDS


@dataclass(frozen=True)
class Phase:
    kind: PhaseKind
    role: PhaseRole
    word: str  # one or two words, shown huge
    seconds: float | None  # planned length in session seconds; None = waits for the user
    side: Side | None  # side shown (for alternate reps: the side of this rep)
    rep: int | None = None  # 1-based rep number
    reps: int | None = None
    cycle: int | None = None
    cycles: int | None = None
    extendable_to: float | None = None  # release: the high end of the range
    wait_estimate: float | None = None  # for waiting phases: seconds assumed in estimates

    @property
    def is_work(self) -> bool:
        return self.kind not in NON_WORK_KINDS

    @property
    def expected_seconds(self) -> float:
        """Seconds this phase is expected to take (its length, or the wait estimate)."""
        if self.seconds is not None:
            return float(self.seconds)
        return float(self.wait_estimate or 0.0)


@dataclass(frozen=True)
class Step:
    """One item on one side: the unit that history records."""

    index: int  # position in plan.steps
    item: Item
    exercise: Exercise
    section: str
    side: Side | None  # None for exercises with no side and for alternating reps
    number: int  # 1-based number of the item in the routine ("exercise k of n")
    phases: tuple[Phase, ...]  # lead phase, work phases, then REST if any
    planned_seconds: float  # planned work seconds (no lead-in, no rest)
    planned_reps: int | None  # reps for reps items, cycles for cycles items

    @property
    def last_work_index(self) -> int:
        """Index of the last work phase: when it ends, the step's work is done."""
        return max(i for i, phase in enumerate(self.phases) if phase.is_work)


@dataclass(frozen=True)
class Plan:
    routine: Routine
    side_choice: SideChoice
    first_side: Side
    steps: tuple[Step, ...]
    item_count: int

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
    switch_seconds: float = 5,
    self_paced_reps: bool = False,
    hands_free: bool = True,
) -> Plan:
    """Turn a routine into steps and phases for one session.

    ``side_choice`` LEFT/RIGHT plays limited items on that side only; BOTH plays
    them on both sides, ``limited_side`` (default left) first.  Items whose sides
    are BOTH always play on both sides, first side first; with LEFT/RIGHT the
    chosen side is the first side.  A lead phase of 0 s (``lead_in`` or
    ``switch_seconds``) is left out.
    """
    side_choice = SideChoice(side_choice)
    first_side = _first_side(side_choice, limited_side)
    entries = [(section.name, item) for section in routine.sections for item in section.items]
    if not entries:
        raise ValueError(f"routine {routine.id!r} has no items")
    steps: list[Step] = []
    for number, (section_name, item) in enumerate(entries, start=1):
        exercise = _exercise(library, item)
        sides = _item_sides(item, exercise, side_choice, first_side)
        rest = item.rest if item.rest is not None else routine.rest
        is_last_item = number == len(entries)
        for position, side in enumerate(sides):
            phases: list[Phase] = []
            if position == 0:
                if lead_in > 0:
                    phases.append(
                        Phase(
                            PhaseKind.GET_READY,
                            PhaseRole.GET_READY,
                            "Get ready",
                            float(lead_in),
                            side,
                        )
                    )
            elif switch_seconds > 0:
                phases.append(
                    Phase(
                        PhaseKind.SWITCH,
                        PhaseRole.SWITCH_SIDES,
                        "Switch sides",
                        float(switch_seconds),
                        side,
                    )
                )
            work = _work_phases(item, exercise, side, first_side, self_paced_reps, hands_free)
            phases.extend(work)
            if position == len(sides) - 1 and rest > 0 and not is_last_item:
                phases.append(Phase(PhaseKind.REST, PhaseRole.REST, "Rest", float(rest), None))
            steps.append(
                Step(
                    index=len(steps),
                    item=item,
                    exercise=exercise,
                    section=section_name,
                    side=side,
                    number=number,
                    phases=tuple(phases),
                    planned_seconds=sum(phase.expected_seconds for phase in work),
                    planned_reps=item.count if item.kind in (Kind.REPS, Kind.CYCLES) else None,
                )
            )
    return Plan(
        routine=routine,
        side_choice=side_choice,
        first_side=first_side,
        steps=tuple(steps),
        item_count=len(entries),
    )


def estimate_seconds(
    routine: Routine,
    library: Library,
    side_choice: SideChoice = SideChoice.LEFT,
    *,
    lead_in: float = 10,
) -> float:
    """Estimated session seconds for a routine (hands-free, paced reps)."""
    return build_plan(routine, library, side_choice, lead_in=lead_in).total_seconds()


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
    if exercise.sidedness is Sidedness.TOGETHER or item.sides is Sides.ALTERNATE:
        return [None]
    if item.sides is Sides.BOTH or side_choice is SideChoice.BOTH:
        return [first_side, first_side.other]
    return [Side(side_choice.value)]


def _require(value: T | None, what: str, item: Item) -> T:
    if value is None:
        raise ValueError(f"{item.kind.value} item for {item.exercise!r} needs {what}")
    return value


def _held_seconds(hold: Range) -> int:
    """The hold of one rep: the range's midpoint, rounded up ([3, 5] -> 4, [3, 4] -> 4)."""
    return math.ceil((hold.low + hold.high) / 2)


def _work_phases(
    item: Item,
    exercise: Exercise,
    side: Side | None,
    first_side: Side,
    self_paced: bool,
    hands_free: bool,
) -> list[Phase]:
    kind = item.kind
    if kind is Kind.HOLD:
        seconds = _require(item.seconds, "seconds", item)
        return [Phase(PhaseKind.WORK, PhaseRole.HOLD, "Stretch", float(seconds.low), side)]
    if kind is Kind.RELEASE:
        seconds = _require(item.seconds, "seconds", item)
        high = float(seconds.high) if seconds.high > seconds.low else None
        return [
            Phase(
                PhaseKind.WORK,
                PhaseRole.RELEASE,
                "Release",
                float(seconds.low),
                side,
                extendable_to=high,
            )
        ]
    if kind is Kind.REPS:
        return _rep_phases(item, exercise, side, first_side, self_paced)
    if kind is Kind.CYCLES:
        work = float(_require(item.work, "work", item))
        relax = float(_require(item.relax, "relax", item))
        count = int(_require(item.count, "count", item))
        phases: list[Phase] = []
        for cycle in range(1, count + 1):
            phases.append(
                Phase(
                    PhaseKind.WORK, PhaseRole.DRIVE, "Drive", work, side, cycle=cycle, cycles=count
                )
            )
            if cycle < count:
                phases.append(
                    Phase(
                        PhaseKind.RELAX,
                        PhaseRole.RELAX,
                        "Relax",
                        relax,
                        side,
                        cycle=cycle,
                        cycles=count,
                    )
                )
        return phases
    if kind is Kind.ONCE:
        wait = float(item.seconds.low) if item.seconds is not None else DEFAULT_ONCE_SECONDS
        deadline = wait if hands_free else None
        return [
            Phase(PhaseKind.ACTION, PhaseRole.ACTION, "Do it", deadline, side, wait_estimate=wait)
        ]
    if kind is Kind.TEST:
        return [
            Phase(
                PhaseKind.MEASURE,
                PhaseRole.MEASURE,
                "Measure",
                None,
                side,
                wait_estimate=MEASURE_ESTIMATE,
            )
        ]
    raise ValueError(f"unknown kind {kind!r}")  # pragma: no cover


def _rep_phases(
    item: Item, exercise: Exercise, side: Side | None, first_side: Side, self_paced: bool
) -> list[Phase]:
    count = int(_require(item.count, "count", item))
    # Alternating reps show L/R per rep even for an exercise with no limited side (the
    # sitting knee drop works both knees in turn).
    alternate = item.sides is Sides.ALTERNATE

    def rep_side(rep: int) -> Side | None:
        if not alternate:
            return side
        return first_side if rep % 2 == 1 else first_side.other

    if item.hold is not None:
        pace = float(item.pace or DEFAULT_HELD_PACE)
        hold = float(_held_seconds(item.hold))
        per_rep = 2 * pace + hold
    else:
        pace = float(item.pace or DEFAULT_PACE)
        hold = 0.0
        per_rep = pace
    if self_paced:
        return [
            Phase(
                PhaseKind.COUNT,
                PhaseRole.COUNT,
                "Count",
                None,
                side,
                reps=count,
                wait_estimate=count * per_rep,
            )
        ]
    phases: list[Phase] = []
    for rep in range(1, count + 1):
        this_side = rep_side(rep)
        if item.hold is None:
            phases.append(
                Phase(PhaseKind.WORK, PhaseRole.REP, "Reps", pace, this_side, rep=rep, reps=count)
            )
        else:
            phases.extend(
                (
                    Phase(
                        PhaseKind.WORK, PhaseRole.LIFT, "Lift", pace, this_side, rep=rep, reps=count
                    ),
                    Phase(
                        PhaseKind.HOLD,
                        PhaseRole.HOLD_REP,
                        "Hold",
                        hold,
                        this_side,
                        rep=rep,
                        reps=count,
                    ),
                    Phase(
                        PhaseKind.WORK,
                        PhaseRole.LOWER,
                        "Lower",
                        pace,
                        this_side,
                        rep=rep,
                        reps=count,
                    ),
                )
            )
    return phases
