"""User settings, kept as a small JSON file in the config dir.

A broken or unreadable settings file never stops the app: the defaults are used, the file is
kept aside, and the problem is reported to the caller.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from hiptimer.core.atomic_file import atomic_write, move_aside
from hiptimer.core.bounded_read import ReadProblem, read_bounded
from hiptimer.core.routines.limits import SESSIONS_PER_WEEK_LIMITS, Limits
from hiptimer.core.routines.model import Routine, Side

if TYPE_CHECKING:
    from hiptimer.core.routines.catalog import Catalog

#: The range of every number setting: ``Settings.validated`` and the dialogs both read these.
NUMBER_LIMITS: dict[str, Limits] = {
    "lead_in_seconds": Limits(0, 120),
    "change_lead_in_seconds": Limits(0, 180),  # the get-ready when moving or fetching gear
    "volume": Limits(0, 100),  # percent
    "weekly_goal": SESSIONS_PER_WEEK_LIMITS,  # sessions a week
    "reassess_weeks": Limits(1, 12),  # weeks between assessments
    "snooze_minutes": Limits(5, 120),  # a snoozed reminder comes back after this long
    "speech_rate": Limits(-50, 50),  # percent faster (+) or slower (-) than normal
}
#: The values a choice setting may take (the first is its default).
CHOICES: dict[str, tuple[str, ...]] = {
    "theme": ("system", "dark", "light"),
}
#: The days a reminder may fall on, Monday first (``date.weekday()`` is the index).
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
#: The default time of day for reminders, "HH:MM" on a 24-hour clock.
DEFAULT_REMINDER_TIME = "18:00"


class LeadIns(TypedDict):
    """The plan's get-ready keyword arguments (``build_plan(..., **settings.lead_ins())``)."""

    lead_in: float
    change_lead_in: float


@dataclass
class Settings:
    limited_side: Side | None = None
    lead_in_seconds: int = 10
    #: The get-ready before an exercise in a new position or with gear to fetch (and the first).
    change_lead_in_seconds: int = 20
    volume: int = 80  # percent
    muted: bool = False
    voice: bool = True
    self_paced_reps: bool = False
    weekly_goal: int = 3
    reassess_weeks: int = 3  # the program shows change after 4–6 weeks; check every few
    welcome_done: bool = False
    theme: str = "system"  # system | dark | light
    reminders: bool = False
    #: The reminder days (names from WEEKDAYS); None: spread the weekly goal over the week.
    reminder_days: list[str] | None = None
    reminder_time: str = DEFAULT_REMINDER_TIME  # "HH:MM"
    snooze_minutes: int = 30
    #: The version of an exercise the person does, by exercise id (0: as written, 1: its
    #: first progression, …); exercises not listed are done as written.
    progression_levels: dict[str, int] = field(default_factory=dict)
    main_routine: str = ""  # the id of the routine you follow ("" for none): its target is the goal

    def lead_ins(self) -> LeadIns:
        """The get-ready lengths, as the plan's keyword arguments."""
        return {"lead_in": self.lead_in_seconds, "change_lead_in": self.change_lead_in_seconds}

    # The voice (issue 14): which one speaks (a core.speech.VoiceChoice setting string),
    # how fast, and whether each get-ready reads the exercise's steps aloud.
    voice_choice: str = "auto"
    speech_rate: int = 0
    read_steps: bool = False

    def validated(self) -> Settings:
        """Clamp every number into its range; a value of the wrong type gets its default."""
        defaults = Settings()
        for each in fields(self):
            name = each.name
            value, default = getattr(self, name), getattr(defaults, name)
            if name in NUMBER_LIMITS:
                low, high = NUMBER_LIMITS[name]
                if not _is_number(value):
                    value = default
                setattr(self, name, min(max(int(value), low), high))
            elif name in CHOICES:
                if value not in CHOICES[name]:
                    setattr(self, name, default)
            elif isinstance(default, (bool, str)) and not isinstance(value, type(default)):
                setattr(self, name, default)  # a flag or a text of the wrong type
        self.reminder_days = _weekday_list(self.reminder_days)
        self.progression_levels = _levels(self.progression_levels)
        if parse_clock(self.reminder_time) is None:
            self.reminder_time = DEFAULT_REMINDER_TIME
        return self


#: The most exercises a settings file keeps a progression level for, and the highest level.
MAX_LEVELS, MAX_LEVEL = 200, 9


def _levels(value: object) -> dict[str, int]:
    """Exercise id → level pairs that make sense; anything else is dropped."""
    if not isinstance(value, dict):
        return {}
    return {
        key: level
        for key, level in list(value.items())[:MAX_LEVELS]
        if isinstance(key, str)
        and 0 < len(key) <= 64
        and isinstance(level, int)
        and not isinstance(level, bool)
        and 0 < level <= MAX_LEVEL
    }


def _weekday_list(value: object) -> list[str] | None:
    """Known day names in week order, each once; anything else (or an empty list) is None."""
    if not isinstance(value, list) or not value:
        return None
    if not all(isinstance(day, str) and day in WEEKDAYS for day in value):
        return None
    return [day for day in WEEKDAYS if day in value]


def parse_clock(text: object) -> tuple[int, int] | None:
    """(hour, minute) of an "HH:MM" 24-hour time, or None when it is not one."""
    if not isinstance(text, str) or len(text) != 5 or text[2] != ":":
        return None
    hours, minutes = text[:2], text[3:]
    if not (hours.isascii() and hours.isdigit() and minutes.isascii() and minutes.isdigit()):
        return None
    hour, minute = int(hours), int(minutes)
    return (hour, minute) if hour < 24 and minute < 60 else None


def main_routine(settings: Settings, catalog: Catalog) -> Routine | None:
    """The routine the person follows, if it is still there."""
    return catalog.find(settings.main_routine) if settings.main_routine else None


def weekly_goal(settings: Settings, catalog: Catalog) -> int:
    """Sessions a week to aim for: the main routine's prescription or target when it has one,
    else the setting."""
    routine = main_routine(settings, catalog)
    if routine is not None and routine.per_week is not None:
        return routine.per_week
    return settings.weekly_goal


def _is_number(value: object) -> bool:
    """A finite int or float (JSON has no other numbers; bools are not numbers here)."""
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and value == value
        and value not in (float("inf"), float("-inf"))
    )


#: A settings file is a few hundred bytes; anything near this is not ours.
MAX_SETTINGS_BYTES = 64 * 1024
#: Settings are one flat object; deeper nesting is refused before it reaches the parser.
MAX_SETTINGS_DEPTH = 4


def load_settings(path: Path) -> tuple[Settings, str | None]:
    """Read settings; return defaults and a message when the file is unusable.

    A file that cannot be opened (no permission) is left as it is and never saved over; one
    that opens but is damaged is kept aside as ``settings.json.broken`` (``.broken.2``, … so
    an earlier copy is never replaced).
    """
    if not os.path.lexists(path):
        return Settings(), None
    try:
        data = read_bounded(path, MAX_SETTINGS_BYTES)
    except ReadProblem as problem:
        if not problem.opened or "regular file" in problem.reason:
            return Settings(), (
                f"{path}: settings {problem.reason}; defaults are used and the file is left "
                "as it is"
            )
        return _kept_aside(path, problem.reason)
    try:
        return _parse(data), None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        return _kept_aside(path, f"could not be read ({exc})")


def _parse(data: bytes) -> Settings:
    text = data.decode("utf-8")
    if _nesting(text) > MAX_SETTINGS_DEPTH:
        raise ValueError(f"it is nested more than {MAX_SETTINGS_DEPTH} levels deep")
    raw = json.loads(text)
    if not isinstance(raw, dict):
        raise ValueError("the top level is not an object")
    known = {f.name for f in fields(Settings)}
    values = {k: v for k, v in raw.items() if k in known}
    if values.get("limited_side") is not None:
        values["limited_side"] = Side(values["limited_side"])
    return Settings(**values).validated()


def _nesting(text: str) -> int:
    """The deepest ``[``/``{`` nesting of JSON text, strings skipped (no recursion)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _kept_aside(path: Path, reason: str) -> tuple[Settings, str]:
    try:
        aside = move_aside(path, ".broken")
    except OSError as exc:
        where = f"it could not be moved aside ({exc.strerror or exc}) and is left as it is"
    else:
        where = f"the old file is kept as {aside}"
    return Settings(), f"{path}: settings {reason}; defaults are used, {where}"


def save_settings(path: Path, settings: Settings) -> None:
    """Write atomically: a crash mid-write leaves the previous file intact.

    Raises OSError, writing nothing, when a settings file exists that cannot be read: it may
    hold the person's settings, so it is never replaced unseen.
    """
    if path.is_file() and not os.access(path, os.R_OK):
        raise PermissionError(f"{path} exists but cannot be read, so it is not overwritten")
    data = asdict(settings)
    data["limited_side"] = settings.limited_side.value if settings.limited_side else None
    atomic_write(path, json.dumps(data, indent=2, sort_keys=True))
