"""Short human descriptions of durations, shared by the CLI and the window."""

from __future__ import annotations


def duration_text(seconds: float) -> str:
    """``m:ss``, or ``h:mm:ss`` from an hour up, rounded to the second."""
    minutes, secs = divmod(max(0, round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def clock_text(seconds: float) -> str:
    """Like :func:`duration_text` for a minute or more; plain seconds below."""
    return duration_text(seconds) if round(seconds) >= 60 else str(max(0, round(seconds)))


def minutes_text(seconds: float) -> str:
    return f"about {max(1, round(seconds / 60))} min"


def plural(count: int, word: str) -> str:
    """``1 step``, ``2 steps``."""
    return f"{count} {word}{'' if count == 1 else 's'}"
