"""The routine model: exercises, the dose of each routine item, routines.

Plain frozen dataclasses so the loader, the plan, the builder and the history
store share one vocabulary.  No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from hiptimer.core.routines.limits import DEFAULT_REST


class Kind(str, Enum):
    """How an item is dosed and played."""

    HOLD = "hold"
    RELEASE = "release"
    REPS = "reps"
    CYCLES = "cycles"
    ONCE = "once"
    TEST = "test"


class Sides(str, Enum):
    """Which side(s) an item is done on.

    LIMITED: the side(s) chosen for the session (left, right, or both with the
    limited side first).  BOTH: always both sides, limited side first.
    ALTERNATE: one pass, alternating left/right every rep (reps only).
    """

    LIMITED = "limited"
    BOTH = "both"
    ALTERNATE = "alternate"


class Sidedness(str, Enum):
    """How an exercise uses the two sides (the item's ``sides`` chooses among what it allows).

    ONE_SIDE: one side at a time (the default).  TOGETHER: both legs at once, so it plays once
    with no side.  ALTERNATING: left and right in turn, every rep, in one pass (reps only).
    EITHER: alternating every rep, or one side at a time: the item's ``sides`` says which.
    """

    ONE_SIDE = "one-side"
    TOGETHER = "together"
    ALTERNATING = "alternating"
    EITHER = "alternating-or-one-side"


class Side(str, Enum):
    LEFT = "left"
    RIGHT = "right"

    @property
    def other(self) -> Side:
        return Side.RIGHT if self is Side.LEFT else Side.LEFT

    @property
    def letter(self) -> str:
        return "L" if self is Side.LEFT else "R"


class SideChoice(str, Enum):
    """The side choice of a whole session."""

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


#: Starting positions; each names a pictogram ``resources/pictograms/<id>.svg``.
POSITIONS: dict[str, str] = {
    "figure-four-ball": "Figure-4 on a massage ball",
    "chair-edge": "Seated on a chair edge",
    "tall-chair": "Seated on a tall chair, feet off the floor",
    "on-back": "Lying on your back",
    "face-down": "Lying face down",
    "side-lying": "Lying on your side",
    "four-point-kneel": "On hands and knees",
    "feet-on-wall": "On your back, feet on a wall",
    "floor-legs-straight": "Seated on the floor, legs straight",
    "floor-knees-apart": "Seated on the floor, knees bent and apart",
    "ninety-ninety": "90/90 sitting",
    "staggered-stance": "Standing, staggered stance",
    "kneel-swivel-chair": "Standing, one knee on a swivel chair",
}

#: Equipment; each names an icon ``resources/equipment/<id>.svg``.
EQUIPMENT: dict[str, str] = {
    "massage-ball": "Massage ball",
    "band": "Thick resistance band and an anchor",
    "chair": "Chair",
    "tall-chair": "Tall chair or table",
    "swivel-chair": "Swivel chair",
    "wall": "Wall",
    "ball": "Ball to hold between the knees",
    "block": "Small block (optional)",
}


@dataclass(frozen=True)
class Range:
    """An inclusive range of whole numbers (seconds, degrees)."""

    low: int
    high: int

    @property
    def is_fixed(self) -> bool:
        return self.low == self.high

    def __str__(self) -> str:
        return str(self.low) if self.is_fixed else f"{self.low}–{self.high}"


#: A dose value: one whole number, or a range of them.
DoseValue = int | Range
#: The limited side's own dose values of an item, as (dose key, value) in documented order.
SideDose = tuple[tuple[str, DoseValue], ...]


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    section: str
    position: str
    equipment: tuple[str, ...] = ()
    sidedness: Sidedness = Sidedness.ONE_SIDE
    steps: tuple[str, ...] = ()
    feel: str = ""
    cautions: tuple[str, ...] = ()
    progressions: tuple[str, ...] = ()
    normal: Range | None = None  # degrees, for range-of-motion tests only
    line: int = 0  # where it was defined, for messages
    source: str = ""  # file it came from


@dataclass(frozen=True)
class Item:
    """One exercise in a routine with its dose.

    Which dose fields an item of each ``kind`` uses, and their limits, is in
    :data:`hiptimer.core.routines.schema.KIND_SPECS`; the others stay ``None``.
    """

    exercise: str
    kind: Kind
    sides: Sides = Sides.LIMITED
    seconds: Range | None = None
    count: int | None = None
    hold: Range | None = None
    pace: int | None = None
    work: int | None = None
    relax: int | None = None
    sets: int | None = None  # None = one set
    set_rest: int | None = None  # seconds between sets; None = the default
    #: The limited side's own dose (None: the routine's ``limited_extra`` applies; (): none).
    limited: SideDose | None = None
    rest: int | None = None  # seconds after this item; None = routine default
    note: str = ""
    line: int = 0

    def limited_values(self) -> dict[str, DoseValue]:
        return dict(self.limited or ())


@dataclass(frozen=True)
class Target:
    """How often and how long the routine is meant to be done: "3× a week for 6 weeks"."""

    per_week: int
    weeks: int | None = None


@dataclass(frozen=True)
class Prescription:
    """Who prescribed the routine, how often a week, and when to review it.

    A prescribed routine is played as written: the person may duplicate it to change it, and
    the copy is no longer a prescription.
    """

    by: str
    per_week: int
    review: date | None = None


@dataclass(frozen=True)
class Section:
    name: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Routine:
    id: str
    name: str
    sections: tuple[Section, ...]
    description: str = ""
    rest: int = DEFAULT_REST  # seconds between exercises
    limited_extra: int = 0  # percent more for the limited side, on items without `limited`
    target: Target | None = None
    prescription: Prescription | None = None
    source: str = ""  # path of the file, "" when built in memory
    builtin: bool = False
    line: int = 0

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for section in self.sections for item in section.items)

    @property
    def per_week(self) -> int | None:
        """Sessions a week it is meant for: the prescription's, else the target's, else None."""
        if self.prescription is not None:
            return self.prescription.per_week
        return None if self.target is None else self.target.per_week


@dataclass
class Library:
    """Every exercise known, by id."""

    exercises: dict[str, Exercise] = field(default_factory=dict)

    def __getitem__(self, exercise_id: str) -> Exercise:
        return self.exercises[exercise_id]

    def __contains__(self, exercise_id: object) -> bool:
        return exercise_id in self.exercises

    def merged(self, other: dict[str, Exercise]) -> Library:
        return Library({**self.exercises, **other})
