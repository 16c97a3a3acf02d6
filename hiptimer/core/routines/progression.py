"""The versions of an exercise: as written, then each of its progressions, in words."""

from __future__ import annotations

from collections.abc import Sequence


def progression_text(progressions: Sequence[str], level: int) -> str:
    """What the person does at ``level``: "as written" or the progression's own words."""
    if level <= 0 or not progressions:
        return "As written"
    return progressions[min(level, len(progressions)) - 1]


def progression_line(progressions: Sequence[str], level: int) -> str:
    """What the player and the builder say about an exercise's progression ("" if none)."""
    if not progressions:
        return ""
    if level > 0:
        return f"You do: {progression_text(progressions, level)}"
    return f"When it gets easy: {progressions[0]}"
