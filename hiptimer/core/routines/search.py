"""The builder's library search: which exercises match the typed words, and which one is best.

An exercise matches when every word is found in its id, name, section, position or equipment
(their ids and their words).  The best match has the most words in its name; of equals, the
first in the library's order.  No Qt here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hiptimer.core.routines.model import EQUIPMENT, POSITIONS, Exercise


def exercise_haystack(exercise: Exercise) -> str:
    """Everything the library search looks in, lower case."""
    parts = [exercise.id, exercise.name, exercise.section, exercise.position]
    parts.append(POSITIONS.get(exercise.position, ""))
    for equipment in exercise.equipment:
        parts += [equipment, EQUIPMENT.get(equipment, "")]
    return " ".join(parts).lower()


@dataclass(frozen=True)
class Matches:
    shown: tuple[int, ...]  # indexes of the matching exercises, in order
    best: int | None  # the index to highlight; None when nothing matches


def search(exercises: Sequence[Exercise], text: str) -> Matches:
    """The exercises (by index into ``exercises``) that match ``text``; no words match all."""
    words = text.lower().split()
    shown: list[int] = []
    best: tuple[int, int] | None = None  # (words found in the name, -index): highest wins
    for index, exercise in enumerate(exercises):
        haystack = exercise_haystack(exercise)
        if not all(word in haystack for word in words):
            continue
        shown.append(index)
        name = exercise.name.lower()
        score = (sum(word in name for word in words), -index)
        if best is None or score > best:
            best = score
    return Matches(tuple(shown), None if best is None else -best[1])
