"""Carry the person's desktop choices from Settings to the files that make them happen: the
reminder timer and the autostart entry.

The writers (which bring ``subprocess``) load when a choice is carried out, not when the window
hooks :class:`ReminderSync` at start-up (issue 16).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from hiptimer.core.desktop.launcher import config_home, launch_command
from hiptimer.core.paths import resources_dir
from hiptimer.core.reminders.schedule import ReminderPlan
from hiptimer.core.settings import Settings

_TIMER_FIELDS = ("reminders", "reminder_days", "reminder_time", "weekly_goal")


def timer_changed(before: Settings, after: Settings) -> bool:
    return any(getattr(before, name) != getattr(after, name) for name in _TIMER_FIELDS)


def sync_reminders(config: Path, settings: Settings, command: Sequence[str]) -> str | None:
    """Schedule (or stop) the reminder timer to match ``settings``; a problem in words."""
    from hiptimer.core.desktop import reminder_timer

    try:
        if settings.reminders:
            plan = ReminderPlan.from_settings(settings)
            return reminder_timer.enable_timer(config, plan, command)
        return reminder_timer.disable_timer(config)
    except OSError as exc:
        return f"The reminder timer could not be written: {exc}"


def sync_autostart(
    config: Path, resources: Path, command: Sequence[str], wanted: bool
) -> str | None:
    """Write or remove the autostart entry when the choice changed; a problem in words."""
    from hiptimer.core.desktop import autostart

    if autostart.autostart_on(config) == wanted:
        return None  # also: an entry the person deleted is not written back
    try:
        autostart.set_autostart(config, resources, command, wanted)
    except OSError as exc:
        return f"Autostart could not be changed: {exc}"
    return None


def autostart_choice(tray_available: bool) -> bool | None:
    """What the settings dialog shows for autostart: on/off, or None (no tray: not offered)."""
    from hiptimer.core.desktop import autostart

    return autostart.autostart_on(config_home()) if tray_available else None


def set_autostart_choice(wanted: bool) -> str | None:
    return sync_autostart(config_home(), resources_dir(), launch_command(), wanted)


class ReminderSync:
    """Hooked to every settings save: reschedules the timer when a reminder choice changed
    (the days follow the weekly goal, which the History tab changes too)."""

    def __init__(self, settings: Settings) -> None:
        self._last = dataclasses.replace(settings)

    def __call__(self, settings: Settings) -> str | None:
        if not timer_changed(self._last, settings):
            return None
        self._last = dataclasses.replace(settings)
        return sync_reminders(config_home(), settings, launch_command())
