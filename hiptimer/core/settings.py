"""User settings, kept as a small JSON file in the config dir.

A broken or unreadable settings file never stops the app: the defaults are used, the file is
kept aside, and the problem is reported to the caller.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from hiptimer.core.model import Side


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
        """Clamp every value into its allowed range."""
        self.lead_in_seconds = min(max(int(self.lead_in_seconds), 0), 120)
        self.volume = min(max(int(self.volume), 0), 100)
        self.weekly_goal = min(max(int(self.weekly_goal), 1), 14)
        if self.theme not in ("system", "dark", "light"):
            self.theme = "system"
        return self


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
    except (OSError, ValueError, TypeError) as exc:
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
    path.parent.mkdir(parents=True, exist_ok=True)
    data = asdict(settings)
    data["limited_side"] = settings.limited_side.value if settings.limited_side else None
    fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=2, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
