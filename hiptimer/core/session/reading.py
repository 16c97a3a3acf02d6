"""What the voice reads during an exercise's get-ready when "read the steps" is on, and how
long that takes, so the plan can give the get-ready time enough for it.

The reading: the exercise's name and side, the gear it needs, its first steps, then what to
feel.  Its length is estimated from the words and the speaking rate, on the long side (a
test renders every built-in reading with eSpeak NG and checks the estimate covers it).
"""

from __future__ import annotations

from hiptimer.core.routines.model import EQUIPMENT, Exercise, Side

#: How many of an exercise's steps are read (the rest stay on screen).
READ_STEPS = 3
#: Seconds of get-ready left after the reading ends: the 3-2-1 ticks fall here, never on it.
AFTER_READING_SECONDS = 5.0
#: The estimate is stretched by this much: a words-a-minute rate counts its pauses in, and
#: eSpeak NG reads the built-in readings in 0.82-1.06 of words / rate (measured at -50, 0 and
#: +50 %), so 1.15 covers them with room for slower voices.
_MARGIN = 1.15


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if not text or text[-1] in ".!?" else f"{text}."


def gear_words(ids: tuple[str, ...]) -> str:
    """'massage ball, thick resistance band and an anchor' (lower-case, for speech)."""
    names = (EQUIPMENT.get(equipment, equipment) for equipment in ids)
    return ", ".join(name[:1].lower() + name[1:] for name in names)


def reading_text(exercise: Exercise, side: Side | None) -> str:
    """The whole reading, as one prompt (a newer prompt would cut a prompt in parts short)."""
    where = f", {side.value} side" if side is not None else ""
    parts = [f"Next: {exercise.name}{where}."]
    gear = gear_words(exercise.equipment)
    if gear:
        parts.append(f"You need: {gear}.")
    parts += [_sentence(step) for step in exercise.steps[:READ_STEPS]]
    if exercise.feel.strip():
        parts.append(f"What to feel: {_sentence(exercise.feel)}")
    return " ".join(part for part in parts if part)


def reading_seconds(text: str, wpm: float) -> float:
    """Seconds a voice speaking ``wpm`` words a minute takes for ``text`` (an upper estimate)."""
    return len(text.split()) / wpm * 60 * _MARGIN


def reading_lead_in(exercise: Exercise, side: Side | None, wpm: float) -> float:
    """The get-ready seconds an exercise needs for its reading and the 3-2-1 after it."""
    return reading_seconds(reading_text(exercise, side), wpm) + AFTER_READING_SECONDS
