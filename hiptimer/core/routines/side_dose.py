"""The limited side's dose: what an item plays on the side that needs more work.

An item done one side at a time may give its limited side its own dose (``limited: {...}``);
otherwise the routine's ``limited_extra`` percent scales the kind's main amount (the seconds of
a hold or release, the reps, the cycles).  Items that alternate, and exercises done with both
legs together, have no limited side.  The plan plays what :func:`limited_dose` returns; the
builder edits an item's own dose with :func:`with_side_value` and :func:`with_own_side_dose`.
"""

from __future__ import annotations

import dataclasses
import math

from hiptimer.core.routines.limits import Limits
from hiptimer.core.routines.model import (
    DoseValue,
    Exercise,
    Item,
    Kind,
    Range,
    Sidedness,
    SideDose,
    Sides,
)
from hiptimer.core.routines.schema import KIND_SPECS, DoseField, with_dose


def no_limited_side(item: Item, exercise: Exercise | None) -> str:
    """Why ``item`` has no limited side ("" when it has one): the words a problem uses."""
    if not KIND_SPECS[item.kind].scaled:
        return f"kind '{item.kind.value}' has no dose to change"
    if item.sides is Sides.ALTERNATE or (
        exercise is not None and exercise.sidedness is Sidedness.ALTERNATING
    ):
        return "it alternates left and right in one pass"
    if exercise is not None and exercise.sidedness is Sidedness.TOGETHER:
        return "it is done with both legs together"
    return ""


def has_limited_side(item: Item, exercise: Exercise | None) -> bool:
    return not no_limited_side(item, exercise)


def side_dose_fields(kind: Kind) -> tuple[DoseField, ...]:
    """The dose keys the builder offers for the limited side: the kind's amount (the seconds,
    the reps, the cycles) and its sets.  A file may change any dose key; the builder keeps the
    others as they are."""
    spec = KIND_SPECS[kind]
    return tuple(f for f in spec.fields if f.key in spec.scaled or f.key == "sets")


def scaled(value: DoseValue, percent: int, limits: Limits) -> DoseValue:
    """``value`` plus ``percent`` %, rounded half up and kept within ``limits``."""

    def more(number: int) -> int:
        grown = math.floor(number * (100 + percent) / 100 + 0.5)
        return min(max(grown, limits.low), limits.high)

    if isinstance(value, Range):
        return Range(more(value.low), more(value.high))
    return more(value)


def limited_values(item: Item, extra_percent: int) -> dict[str, DoseValue]:
    """The dose keys that differ on the limited side: the item's own ``limited`` dose, else the
    routine's ``extra_percent`` on the kind's scaled keys."""
    if item.limited is not None:
        return item.limited_values()
    spec = KIND_SPECS[item.kind]
    values: dict[str, DoseValue] = {}
    for key in spec.scaled if extra_percent else ():
        value = getattr(item, key)
        field = spec.field(key)
        if value is not None and field is not None:
            values[key] = scaled(value, extra_percent, field.limits)
    return values


def limited_dose(item: Item, extra_percent: int) -> Item:
    """``item`` as the limited side plays it (the caller checks it has a limited side)."""
    values = limited_values(item, extra_percent)
    return with_dose(item, values) if values else item


def with_side_value(item: Item, key: str, value: DoseValue | None) -> Item:
    """``item`` with the limited side's ``key`` set to ``value`` (None: as the other side);
    the keys stay in the kind's documented order."""
    spec = KIND_SPECS[item.kind]
    if spec.field(key) is None:
        raise ValueError(f"{key!r} is not a dose key of kind {item.kind.value!r}")
    values = item.limited_values()
    if value is None:
        values.pop(key, None)
    else:
        values[key] = value
    ordered = tuple((k, values[k]) for k in spec.keys if k in values)
    return _with_limited(item, ordered)


def with_own_side_dose(item: Item, own: bool, extra_percent: int) -> Item:
    """Give the limited side of ``item`` its own dose, starting from what it plays now (the
    routine's extra included), or hand it back to the routine's ``limited_extra``."""
    if not own:
        return _with_limited(item, None)
    values = limited_values(item, extra_percent)
    spec = KIND_SPECS[item.kind]
    return _with_limited(item, tuple((k, values[k]) for k in spec.keys if k in values))


def _with_limited(item: Item, limited: SideDose | None) -> Item:
    return dataclasses.replace(item, limited=limited)
