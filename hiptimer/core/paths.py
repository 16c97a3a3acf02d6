"""Where hiptimer keeps things: built-in files shipped with the package and the user's data.

Nothing is computed at import time; the app builds one :class:`AppPaths` and passes it on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from hiptimer import APP_NAME

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _shipped_dir(name: str) -> Path:
    """A top-level folder (``resources`` or ``routines``) that ships inside the wheel.

    An installed wheel has it inside the package; a source checkout has it beside the package.
    """
    inside = _PACKAGE_DIR / name
    return inside if inside.is_dir() else _PACKAGE_DIR.parent / name


def resources_dir() -> Path:
    return _shipped_dir("resources")


def builtin_routines_dir() -> Path:
    return _shipped_dir("routines")


def _user_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    config_dir: Path
    #: Things that can be made again (the built-in voice's rendered phrases).
    cache_dir: Path = field(default_factory=_user_cache_dir)

    @classmethod
    def default(cls) -> AppPaths:
        return cls(
            data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        )

    @property
    def user_routines_dir(self) -> Path:
        return self.data_dir / "routines"

    @property
    def history_file(self) -> Path:
        return self.data_dir / "history.sqlite3"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def reminder_state_file(self) -> Path:
        """What the reminder runs remember (the last reminder shown, a snooze, a skipped day)."""
        return self.data_dir / "reminders.json"
