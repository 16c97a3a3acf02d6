"""What a routine file may hold, and what each step kind is made of: one table for every reader.

:data:`KIND_SPECS` gives, for each :class:`Kind`, its dose keys (a key is the YAML key and the
:class:`Item` attribute), which are required, their limits, whether a key takes ``[low, high]``,
the dose a new item gets, the value the player uses for a key left out, the sides it may be
played on, its short dose text and the words of its builder form.  The loader, the writer, the
builder's form and its drafts all read this table, so a new kind is one enum member, one spec
here and its phases in :mod:`hiptimer.core.session.plan`.  No Qt here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, cast

from hiptimer.core.routines.limits import (
    CYCLES_COUNT_LIMITS,
    DEFAULT_SET_REST,
    REPS_COUNT_LIMITS,
    REST_LIMITS,
    SECONDS_LIMITS,
    SETS_LIMITS,
    SHORT_SECONDS_LIMITS,
    Limits,
)
from hiptimer.core.routines.model import DoseValue, Item, Kind, Range, Sidedness, Sides

FORMAT_VERSION = 1

TOP_KEYS = ("format", "exercises", "routines")
EXERCISE_KEYS = (
    "name",
    "section",
    "position",
    "equipment",
    "sidedness",
    "one_sided",  # the older way to say `sidedness: together` (false) or `one-side` (true)
    "steps",
    "feel",
    "cautions",
    "progressions",
    "normal",
)
REQUIRED_EXERCISE_KEYS = ("name", "section", "position", "steps")
ROUTINE_KEYS = (
    "id",
    "name",
    "description",
    "rest",
    "limited_extra",
    "target",
    "prescription",
    "sections",
)
REQUIRED_ROUTINE_KEYS = ("id", "name", "sections")
#: A routine's `target`: sessions a week, and for how many weeks.
TARGET_KEYS = ("per_week", "weeks")
REQUIRED_TARGET_KEYS = ("per_week",)


@dataclass(frozen=True)
class PrescriptionKey:
    """One key of a routine's ``prescription``: the loader, the writer, ``routines/FORMAT.md``
    and what an import shows all follow this table."""

    key: str
    required: bool
    kind: str  # what the value is, in the format document's words
    meaning: str


#: A routine's ``prescription``: who prescribed it, how often a week, when to review it.
PRESCRIPTION_SPEC: tuple[PrescriptionKey, ...] = (
    PrescriptionKey("by", True, "text", "who prescribed it: a name, and a role or a clinic"),
    PrescriptionKey("per_week", True, "whole number", "sessions a week to aim for"),
    PrescriptionKey("review", False, "date `YYYY-MM-DD`", "when to review the routine together"),
)
PRESCRIPTION_KEYS = tuple(spec.key for spec in PRESCRIPTION_SPEC)
REQUIRED_PRESCRIPTION_KEYS = tuple(spec.key for spec in PRESCRIPTION_SPEC if spec.required)
SECTION_KEYS = ("name", "items")
#: The keys every item may have, whatever its kind.
COMMON_ITEM_KEYS = ("exercise", "kind", "sides", "rest", "note")
REQUIRED_ITEM_KEYS = ("exercise", "kind")
#: The item key holding the limited side's own dose: a mapping of the kind's dose keys.
SIDE_DOSE_KEY = "limited"

#: Seconds per plain rep when the item gives no ``pace``.
DEFAULT_PACE = 3
#: Seconds to lift and to lower a held rep when the item gives no ``pace``.
DEFAULT_HELD_PACE = 2
#: Seconds a ``once`` item waits hands-free when it gives no ``seconds``.
DEFAULT_ONCE_SECONDS = 10
#: The hold per rep the builder's "Hold each rep" switch starts with.
DEFAULT_HELD_REP = Range(3, 5)

#: The spin box suffix of a value in seconds.
SECONDS = " s"


class Value(Enum):
    """How a dose key is written and kept."""

    NUMBER = "number"  # one whole number, kept as an int
    FIXED = "fixed"  # one whole number, kept as a fixed Range (the `seconds` every kind shares)
    RANGE = "range"  # `[low, high]` or one number, kept as a Range


class Row(Enum):
    """The builder's control for a dose key (derived from the key's spec)."""

    NUMBER = "number"  # a spin box
    RANGE = "range"  # two spin boxes, low "to" high
    TOGGLED_RANGE = "toggled range"  # a check box that turns an optional range on, then a range
    NUMBER_OR_DEFAULT = "number or default"  # a spin box whose blank means the player's fallback


@dataclass(frozen=True)
class DoseField:
    """One dose key of one kind: how it is read and checked, and how the builder shows it."""

    key: str
    value: Value
    limits: Limits
    required: bool = False
    #: The value the player uses when the key is left out (it may depend on the other keys).
    fallback: Callable[[Item], int] | None = None
    # The builder's row:
    label: str = ""  # the form's label ("" when the row's check box says what it is)
    name: str = ""  # the accessible name of the control (ranges: of the pair)
    ends: str = ""  # ranges: "<ends>: shortest seconds", "<ends>: longest seconds"
    unit: str = SECONDS  # the spin box suffix
    toggle: str = ""  # optional ranges: the check box that turns the value on ...
    switched_on: Range | None = None  # ... and the value it starts with
    blank_is_fallback: bool = False  # optional numbers: offer "default (N s)" as a value
    implied: int | None = None  # the value leaving the key out means (the builder leaves it out)

    @property
    def row(self) -> Row:
        if self.value is Value.RANGE:
            return Row.TOGGLED_RANGE if self.toggle else Row.RANGE
        return Row.NUMBER_OR_DEFAULT if self.blank_is_fallback else Row.NUMBER

    @property
    def low_name(self) -> str:
        return f"{self.ends}: shortest seconds"

    @property
    def high_name(self) -> str:
        return f"{self.ends}: longest seconds"

    def blank_text(self, item: Item) -> str:
        """What the builder shows for the key left out: ``default (3 s)``."""
        assert self.fallback is not None, self.key
        return f"default ({self.fallback(item)}{self.unit})"

    def shown_value(self, item: Item) -> int | Range:
        """The value the builder's control starts at: the item's, the player's or the lowest."""
        value = getattr(item, self.key)
        if value is not None:
            return cast(DoseValue, value)
        number = self.fallback(item) if self.fallback is not None else self.limits.low
        return Range(number, number) if self.value is not Value.NUMBER else number


@dataclass(frozen=True)
class KindSpec:
    """Everything about one step kind except how it is played (that is the plan's job)."""

    kind: Kind
    label: str  # the builder's kind menu
    fields: tuple[DoseField, ...]  # the dose keys, in the documented order
    defaults: Mapping[str, DoseValue]  # the dose of a new item of this kind
    describe: Callable[[Item], str]  # the dose in a few words, without the sides
    sides: tuple[Sides, ...] = (Sides.LIMITED, Sides.BOTH)
    needs_normal: bool = False  # only for exercises with a `normal` range (tests)
    #: Program sections whose exercises start as this kind when added in the builder.
    for_sections: tuple[str, ...] = ()
    #: The dose keys a routine's ``limited_extra`` percent scales for the limited side; a kind
    #: without any takes no limited-side dose at all.
    scaled: tuple[str, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields)

    @property
    def required_keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields if f.required)

    def field(self, key: str) -> DoseField | None:
        return next((f for f in self.fields if f.key == key), None)


#: The sets an item without `sets` plays.
ONE_SET = 1
#: `sets` and `set_rest`: the same two keys for every kind that can be done in sets.
SET_FIELDS = (
    DoseField(
        "sets",
        Value.NUMBER,
        SETS_LIMITS,
        fallback=lambda _item: ONE_SET,
        label="Sets:",
        name="Sets",
        unit="",
        implied=ONE_SET,
    ),
    DoseField(
        "set_rest",
        Value.NUMBER,
        REST_LIMITS,
        fallback=lambda _item: DEFAULT_SET_REST,
        label="Rest between sets:",
        name="Rest between sets",
        blank_is_fallback=True,
    ),
)


def _pace_fallback(item: Item) -> int:
    return DEFAULT_HELD_PACE if item.hold is not None else DEFAULT_PACE


def _hold_text(item: Item) -> str:
    assert item.seconds is not None
    return f"hold {item.seconds.low} s"


def _release_text(item: Item) -> str:
    return f"{item.seconds} s"


def _reps_text(item: Item) -> str:
    text = f"{item.count} reps"
    return text + f", hold {item.hold} s each" if item.hold else text


def _cycles_text(item: Item) -> str:
    return f"{item.count} × {item.work} s drive, {item.relax} s relax"


KIND_SPECS: dict[Kind, KindSpec] = {
    spec.kind: spec
    for spec in (
        KindSpec(
            Kind.HOLD,
            "Hold (a countdown)",
            (
                DoseField(
                    "seconds", Value.FIXED, SECONDS_LIMITS, True, label="Seconds:", name="Seconds"
                ),
                *SET_FIELDS,
            ),
            defaults={"seconds": Range(60, 60)},
            describe=_hold_text,
            for_sections=("Stretches",),
            scaled=("seconds",),
        ),
        KindSpec(
            Kind.RELEASE,
            "Release (a time range)",
            (
                DoseField(
                    "seconds",
                    Value.RANGE,
                    SECONDS_LIMITS,
                    True,
                    label="Time range:",
                    name="Release time range",
                    ends="Release",
                ),
            ),
            defaults={"seconds": Range(60, 120)},
            describe=_release_text,
            for_sections=("Releases",),
            scaled=("seconds",),
        ),
        KindSpec(
            Kind.REPS,
            "Reps",
            (
                DoseField(
                    "count",
                    Value.NUMBER,
                    REPS_COUNT_LIMITS,
                    True,
                    label="Count:",
                    name="Reps",
                    unit="",
                ),
                DoseField(
                    "hold",
                    Value.RANGE,
                    SHORT_SECONDS_LIMITS,
                    name="Hold per rep",
                    ends="Hold per rep",
                    toggle="Hold each rep",
                    switched_on=DEFAULT_HELD_REP,
                ),
                DoseField(
                    "pace",
                    Value.NUMBER,
                    SHORT_SECONDS_LIMITS,
                    fallback=_pace_fallback,
                    label="Pace:",
                    name="Seconds per rep",
                    blank_is_fallback=True,
                ),
                *SET_FIELDS,
            ),
            defaults={"count": 20},
            describe=_reps_text,
            sides=(Sides.LIMITED, Sides.BOTH, Sides.ALTERNATE),
            scaled=("count",),
        ),
        KindSpec(
            Kind.CYCLES,
            "Cycles (drive and relax)",
            (
                DoseField(
                    "work",
                    Value.NUMBER,
                    SHORT_SECONDS_LIMITS,
                    True,
                    label="Drive:",
                    name="Drive seconds",
                ),
                DoseField(
                    "relax",
                    Value.NUMBER,
                    SHORT_SECONDS_LIMITS,
                    True,
                    label="Relax:",
                    name="Relax seconds",
                ),
                DoseField(
                    "count",
                    Value.NUMBER,
                    CYCLES_COUNT_LIMITS,
                    True,
                    label="Count:",
                    name="Cycles",
                    unit="",
                ),
                *SET_FIELDS,
            ),
            defaults={"work": 10, "relax": 5, "count": 5},
            describe=_cycles_text,
            scaled=("count",),
        ),
        KindSpec(
            Kind.ONCE,
            "Once (do it, then Done)",
            (
                DoseField(
                    "seconds",
                    Value.FIXED,
                    SECONDS_LIMITS,
                    fallback=lambda _item: DEFAULT_ONCE_SECONDS,
                    label="Wait:",
                    name="Seconds",
                ),
            ),
            defaults={},
            describe=lambda _item: "once",
        ),
        KindSpec(
            Kind.TEST,
            "Test (measure degrees)",
            (),
            defaults={},
            describe=lambda _item: "measure each side",
            needs_normal=True,
        ),
    )
}

#: Every dose key of any kind, in the documented order.
DOSE_KEYS: tuple[str, ...] = tuple(
    dict.fromkeys(key for spec in KIND_SPECS.values() for key in spec.keys)
)
ITEM_KEYS = (*COMMON_ITEM_KEYS, *DOSE_KEYS, SIDE_DOSE_KEY)
#: The kind a new item gets when nothing else decides (a 60 s hold).
FALLBACK_KIND = Kind.HOLD

#: How the builder offers each side choice.
SIDES_LABELS = {
    Sides.LIMITED: "The side chosen at start (your limited side)",
    Sides.BOTH: "Both sides, limited side first",
    Sides.ALTERNATE: "Alternate left and right every rep",
}
#: What the dose text adds for each side choice.
_SIDES_TEXT = {
    Sides.LIMITED: "",
    Sides.BOTH: ", both sides",
    Sides.ALTERNATE: ", alternating sides",
}
#: How the builder and the picker name each sidedness of an exercise.
SIDEDNESS_WORDS = {
    Sidedness.ONE_SIDE: "one side at a time",
    Sidedness.TOGETHER: "both legs together: plays once, with no side",
    Sidedness.ALTERNATING: "alternates left and right every rep",
    Sidedness.EITHER: "alternating every rep, or one side at a time",
}


def kinds_taking(key: str, value: Value) -> tuple[Kind, ...]:
    """The kinds whose dose key ``key`` is kept as ``value`` (e.g. who takes a range)."""
    return tuple(
        spec.kind
        for spec in KIND_SPECS.values()
        if (found := spec.field(key)) is not None and found.value is value
    )


def kinds_allowing(sides: Sides) -> tuple[Kind, ...]:
    return tuple(spec.kind for spec in KIND_SPECS.values() if sides in spec.sides)


def sides_offered(kind: Kind, sidedness: Sidedness, current: Sides) -> tuple[Sides, ...]:
    """The side choices the builder offers an item of ``kind`` of an exercise of ``sidedness``.

    Nothing to choose for an exercise done with both legs together or always alternating.  An
    exercise done one side at a time is not offered alternating reps, unless the item already
    has them (older files may).
    """
    allowed = KIND_SPECS[kind].sides
    if sidedness in (Sidedness.TOGETHER, Sidedness.ALTERNATING):
        return ()
    if sidedness is Sidedness.ONE_SIDE and current is not Sides.ALTERNATE:
        return tuple(sides for sides in allowed if sides is not Sides.ALTERNATE)
    return allowed


def with_dose(item: Item, values: Mapping[str, DoseValue | None]) -> Item:
    """``item`` with the dose keys in ``values`` replaced (the one typed way to set them)."""
    unknown = set(values) - set(DOSE_KEYS)
    if unknown:
        raise ValueError(f"not dose keys: {sorted(unknown)}")
    return dataclasses.replace(item, **cast("dict[str, Any]", dict(values)))


def _sets_text(item: Item) -> str:
    """``2 sets: 20 reps``: the dose with its sets, if more than one."""
    text = KIND_SPECS[item.kind].describe(item)
    return f"{item.sets} sets: {text}" if item.sets and item.sets > 1 else text


def dose_text(item: Item) -> str:
    """A short human description of an item's dose, e.g. '2 sets: 20 reps, hold 3–5 s each'.

    The limited side's own dose follows when the item has one: 'hold 60 s, both sides; limited
    side hold 90 s'.
    """
    text = _sets_text(item) + _SIDES_TEXT[item.sides]
    if item.limited:
        own = with_dose(item, item.limited_values())
        text += f"; limited side {_sets_text(own)}"
    return text
