"""What a routine needs at hand and where it takes you: its gear and its positions, in order.

The picker lists both before a session starts, and the session's first get-ready repeats the
gear.  Exercises the library does not know are left out (the loader reports them).
"""

from __future__ import annotations

from hiptimer.core.routines.model import Library, Routine


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
