"""The phases a step is made of: their kinds, their roles, and the work phases of each kind.

A *phase* is one stretch of a step with one word on screen and one length: a get-ready, a hold
countdown, one paced rep, the lift, hold and lower of a held rep, a drive or a relax of a cycle.
:func:`work_phases` turns an item's dose (as played on one side) into its work phases; the
plan (:mod:`hiptimer.core.session.plan`) adds the lead phase before and the rest after.
No Qt here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from hiptimer.core.routines.model import Exercise, Item, Kind, Range, Side, Sidedness, Sides
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
    REST = "rest"  # rest between exercises, or between the sets of one
    ACTION = "action"  # `once`: waits for Done; hands-free it continues after its seconds
    MEASURE = "measure"  # `test`: waits until degrees are entered for its side
    COUNT = "count"  # self-paced reps: waits for one rep_done() per rep


class PhaseRole(str, Enum):
    """What the person does in a phase: the voice and the cues follow this, never the word
    printed on screen (which may change with the exercise)."""

    GET_READY = "get_ready"
    SWITCH_SIDES = "switch_sides"
    REST = "rest"  # after an exercise, before the next
    SET_REST = "set_rest"  # between two sets of one exercise, before the next set
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


#: The word a timed hold or release shows, by the exercise's part of the program: the hip
#: shift is a strengthening hold, not a stretch; a band distraction mobilizes the joint.
WORK_WORDS: dict[str, str] = {
    "Releases": "Release",
    "Stretches": "Stretch",
    "Joint mobilization": "Mobilize",
    "Gentle movements": "Move",
    "Strengthening": "Strengthen",
    "Encourage": "Move",
}
#: The word of a hold or release outside the program's own parts.
HOLD_WORD, RELEASE_WORD = "Hold", "Release"


def alternates(item: Item, exercise: Exercise) -> bool:
    """One pass whose reps alternate left and right (the item says so, or the exercise does)."""
    return item.kind is Kind.REPS and (
        item.sides is Sides.ALTERNATE or exercise.sidedness is Sidedness.ALTERNATING
    )


def _require(value: T | None, what: str, item: Item) -> T:
    if value is None:
        raise ValueError(f"{item.kind.value} item for {item.exercise!r} needs {what}")
    return value


def _held_seconds(hold: Range) -> int:
    """The hold of one rep: the range's midpoint, rounded up ([3, 5] -> 4, [3, 4] -> 4)."""
    return math.ceil((hold.low + hold.high) / 2)


def work_phases(
    item: Item,
    exercise: Exercise,
    side: Side | None,
    first_side: Side,
    self_paced: bool,
    hands_free: bool,
) -> list[Phase]:
    """The work phases of ``item`` (its dose as played on ``side``) for one set."""
    kind = item.kind
    if kind is Kind.HOLD:
        seconds = _require(item.seconds, "seconds", item)
        word = WORK_WORDS.get(exercise.section, HOLD_WORD)
        return [Phase(PhaseKind.WORK, PhaseRole.HOLD, word, float(seconds.low), side)]
    if kind is Kind.RELEASE:
        seconds = _require(item.seconds, "seconds", item)
        high = float(seconds.high) if seconds.high > seconds.low else None
        return [
            Phase(
                PhaseKind.WORK,
                PhaseRole.RELEASE,
                WORK_WORDS.get(exercise.section, RELEASE_WORD),
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
    alternate = alternates(item, exercise)

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
