"""Short human descriptions of durations and days, shared by the CLI and the window."""

from __future__ import annotations

from datetime import date


def day_text(day: date) -> str:
    """``4 May 2026``."""
    return f"{day.day} {day:%b %Y}"


def duration_text(seconds: float) -> str:
    """``m:ss``, or ``h:mm:ss`` from an hour up, rounded to the second."""
    minutes, secs = divmod(max(0, round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def clock_text(seconds: float) -> str:
    """Like :func:`duration_text` for a minute or more; plain seconds below."""
    return duration_text(seconds) if round(seconds) >= 60 else str(max(0, round(seconds)))


def minutes_text(seconds: float) -> str:
    """A rough length: ``about 12 min``."""
    return f"about {max(1, round(seconds / 60))} min"


def min_sec_text(seconds: float) -> str:
    """A length in words for tables: ``12 min 30 s``, ``45 s``."""
    minutes, secs = divmod(max(0, round(seconds)), 60)
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


def hours_minutes_text(seconds: float) -> str:
    """A total time to the minute: ``40 min``, ``2 h 05 min``."""
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def terminal_safe(text: str) -> str:
    """``text`` with control characters written as escapes (``\\x1b``), so a name from a file
    or the command line can never move the cursor, clear the screen or split a line."""
    return "".join(
        char if char.isprintable() or char == " " else char.encode("unicode_escape").decode()
        for char in text
    )


def plural(count: int, word: str) -> str:
    """``1 step``, ``2 steps``."""
    return f"{count} {word}{'' if count == 1 else 's'}"
