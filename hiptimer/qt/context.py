"""What the window's parts share: paths, routines, settings, history. Built once by the app."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hiptimer.core.paths import AppPaths
from hiptimer.core.routines.catalog import Catalog
from hiptimer.core.settings import Settings, save_settings

if TYPE_CHECKING:
    from hiptimer.core.history.store import HistoryStore
    from hiptimer.qt.history.writes import HistoryWrites


@dataclass
class AppContext:
    paths: AppPaths
    catalog: Catalog
    settings: Settings
    history: HistoryStore | None = None  # for reading; every write goes through ``writes``
    writes: HistoryWrites | None = None
    clock: Callable[[], float] = time.monotonic
    #: Waits the last milliseconds before a deadline (with a test's clock, moves it instead).
    sleep: Callable[[float], None] = time.sleep
    notices: list[str] = field(default_factory=list)  # problems to tell the user once
    #: Called after every successful save (the desktop keeps the reminder timer in step);
    #: each returns a problem in words or None.
    after_save: list[Callable[[Settings], str | None]] = field(default_factory=list)

    def save_settings(self) -> str | None:
        """Save; return the problem (the caller shows it) when the file cannot be written."""
        try:
            save_settings(self.paths.settings_file, self.settings)
        except OSError as exc:
            return f"Settings could not be saved: {exc}"
        problems = [hook(self.settings) for hook in self.after_save]
        return " ".join(problem for problem in problems if problem) or None
