"""User settings, kept as a small JSON file in the config dir.

A broken or unreadable settings file never stops the app: the defaults are used, the file is
kept aside, and the problem is reported to the caller.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from hiptimer.core.atomic_file import atomic_write
from hiptimer.core.routines.limits import Limits
from hiptimer.core.routines.model import Side

#: The range of every number setting: ``Settings.validated`` and the dialogs both read these.
NUMBER_LIMITS: dict[str, Limits] = {
    "lead_in_seconds": Limits(0, 120),
    "volume": Limits(0, 100),  # percent
    "weekly_goal": Limits(1, 14),  # sessions a week
}
#: The values a choice setting may take (the first is its default).
CHOICES: dict[str, tuple[str, ...]] = {
    "theme": ("system", "dark", "light"),
}


@dataclass
class Settings:
    limited_side: Side | None = None
    lead_in_seconds: int = 10
    volume: int = 80  # percent
    muted: bool = False
    voice: bool = True
    self_paced_reps: bool = False
    weekly_goal: int = 3
    welcome_done: bool = False
    theme: str = "system"  # system | dark | light

    def validated(self) -> Settings:
        """Clamp every number into its range; a value of the wrong type gets its default."""
        defaults = Settings()
        for field in fields(self):
            name = field.name
            value, default = getattr(self, name), getattr(defaults, name)
            if name in NUMBER_LIMITS:
                low, high = NUMBER_LIMITS[name]
                if not _is_number(value):
                    value = default
                setattr(self, name, min(max(int(value), low), high))
            elif name in CHOICES:
                if value not in CHOICES[name]:
                    setattr(self, name, default)
            elif isinstance(default, bool) and not isinstance(value, bool):
                setattr(self, name, default)
        return self


def _is_number(value: object) -> bool:
    """A finite int or float (JSON has no other numbers; bools are not numbers here)."""
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and value == value
        and value not in (float("inf"), float("-inf"))
    )


def load_settings(path: Path) -> tuple[Settings, str | None]:
    """Read settings; return defaults and a message when the file is unusable."""
    if not path.exists():
        return Settings(), None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("the top level is not an object")
        known = {f.name for f in fields(Settings)}
        values = {k: v for k, v in raw.items() if k in known}
        if values.get("limited_side") is not None:
            values["limited_side"] = Side(values["limited_side"])
        return Settings(**values).validated(), None
    except (OSError, ValueError, TypeError, OverflowError) as exc:
        aside = path.with_name(path.name + ".broken")
        try:
            os.replace(path, aside)
        except OSError:
            aside = path
        return (
            Settings(),
            f"{path}: settings could not be read ({exc}); defaults are used, "
            f"the old file is kept as {aside}",
        )


def save_settings(path: Path, settings: Settings) -> None:
    """Write atomically: a crash mid-write leaves the previous file intact."""
    data = asdict(settings)
    data["limited_side"] = settings.limited_side.value if settings.limited_side else None
    atomic_write(path, json.dumps(data, indent=2, sort_keys=True))
