"""When to suggest the progressed version of an exercise.

The exercise library writes each exercise's progressions (``progressions:``, e.g. "tie a band
around both ankles").  The person marks the level they do (0: as written, 1: the first
progression, …), which is recorded with each step.  hiptimer suggests the next level after
:data:`SESSIONS_AT_LEVEL` sessions in a row at the current level with no pain above
:data:`PAIN_OK` — a cautious version of the usual advice to progress when an exercise has been
easy and painless for a while.  It never changes the level by itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

SESSIONS_AT_LEVEL = 4
PAIN_OK = 3


@dataclass(frozen=True)
class DoneAt:
    """One session in which the exercise was done."""

    day: date
    level: int  # the progression level it was done at (0: as written)
    pain: int | None  # the pain rated for that session or exercise (None: not rated)


def suggest_next_level(done: Sequence[DoneAt], levels: int) -> int | None:
    """The level to suggest, or None.  ``levels``: how many progressions the exercise has.

    ``done`` is oldest first; the newest sessions decide.  An unrated session counts as
    painless (the person was asked and said nothing).
    """
    if not done:
        return None
    current = done[-1].level
    if current >= levels:
        return None
    recent = list(done[-SESSIONS_AT_LEVEL:])
    if len(recent) < SESSIONS_AT_LEVEL or any(d.level != current for d in recent):
        return None
    if any(d.pain is not None and d.pain > PAIN_OK for d in recent):
        return None
    return current + 1
