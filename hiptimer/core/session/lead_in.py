"""How long the get-ready before an exercise lasts, and what it must say to fetch.

One place decides it: :func:`lead_in_seconds`.  Moving to a new starting position or fetching
gear the last exercise did not use takes longer than staying put, so such a get-ready lasts
``change_seconds`` instead of ``seconds``; so does the first, when everything is still to get.
"""

from __future__ import annotations

from dataclasses import dataclass

from hiptimer.core.routines.model import Exercise


@dataclass(frozen=True)
class LeadIn:
    """The settings a get-ready's length comes from (seconds of session time)."""

    seconds: float = 10  # staying in place with what is already at hand
    change_seconds: float = 20  # a new position or new gear (never shorter than ``seconds``)


@dataclass(frozen=True)
class Change:
    """What changes from the exercise before to this one."""

    moves: bool  # a new starting position
    fetch: tuple[str, ...]  # equipment ids the exercise before did not use, in listed order

    @property
    def any(self) -> bool:
        return self.moves or bool(self.fetch)


NO_CHANGE = Change(False, ())


def change_between(exercise: Exercise, previous: Exercise | None) -> Change:
    """The change from ``previous`` (None: nothing yet, the session's first exercise)."""
    if previous is None:
        return Change(True, exercise.equipment)
    at_hand = set(previous.equipment)
    fetch = tuple(equipment for equipment in exercise.equipment if equipment not in at_hand)
    return Change(exercise.position != previous.position, fetch)


def lead_in_seconds(exercise: Exercise, previous: Exercise | None, lead_in: LeadIn) -> float:
    """Seconds of the get-ready before ``exercise`` when ``previous`` came just before it."""
    if change_between(exercise, previous).any:
        return float(max(lead_in.seconds, lead_in.change_seconds))
    return float(lead_in.seconds)
