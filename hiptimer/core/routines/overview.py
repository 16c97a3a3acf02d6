"""A routine before you start it: its gear, its positions in order, how often it is meant.

The picker shows all of it, and the session's first get-ready repeats the gear.  Exercises the
library does not know are left out (the loader reports them).
"""

from __future__ import annotations

from hiptimer.core.routines.model import EQUIPMENT, POSITIONS, Library, Routine, Target
from hiptimer.core.text import plural


def gear(routine: Routine, library: Library) -> tuple[str, ...]:
    """The equipment ids the routine uses, each once, in the order they are first needed."""
    found: dict[str, None] = {}
    for item in routine.items:
        exercise = library.exercises.get(item.exercise)
        if exercise is not None:
            found.update(dict.fromkeys(exercise.equipment))
    return tuple(found)


def positions(routine: Routine, library: Library) -> tuple[str, ...]:
    """The starting positions in the order the routine takes them (a run of one kept once)."""
    found: list[str] = []
    for item in routine.items:
        exercise = library.exercises.get(item.exercise)
        if exercise is not None and (not found or found[-1] != exercise.position):
            found.append(exercise.position)
    return tuple(found)


def gear_names(ids: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(EQUIPMENT.get(equipment, equipment) for equipment in ids)


def position_names(ids: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(POSITIONS.get(position, position) for position in ids)


def target_text(target: Target) -> str:
    """ "3 times a week for 6 weeks", "twice a week"."""
    times = {1: "once", 2: "twice"}.get(target.per_week, f"{target.per_week} times")
    text = f"{times} a week"
    return text if target.weeks is None else f"{text} for {plural(target.weeks, 'week')}"


def limited_extra_text(percent: int) -> str:
    """What a routine's ``limited_extra`` means, in words ("" for none)."""
    if not percent:
        return ""
    return f"Your limited side gets {percent} % more, except where an exercise gives its own dose."
