"""The tray icon (StatusNotifierItem or XEmbed, whichever the desktop has, through Qt).

Its menu says when the next reminder comes, starts the main routine, opens the window and
quits.  Where the desktop has no tray (GNOME without its extension) none is made, and the app
behaves as without one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from hiptimer import APP_NAME
from hiptimer.core.history.local_time import local_zone
from hiptimer.core.paths import AppPaths, resources_dir
from hiptimer.core.reminders.schedule import ReminderPlan, next_due, when_text
from hiptimer.core.reminders.state_file import load_state
from hiptimer.core.settings import Settings
from hiptimer.qt.resources import app_icon


def reminder_line(settings: Settings, paths: AppPaths, now: datetime) -> str:
    """ "Next reminder: Wed at 18:00", "Reminder snoozed until 18:30" or "Reminders are off"."""
    if not settings.reminders:
        return "Reminders are off"
    tz = local_zone()
    snoozed = load_state(paths.reminder_state_file).snoozed_until
    if snoozed is not None and snoozed > now:
        return f"Reminder snoozed until {snoozed.astimezone(tz).strftime('%H:%M')}"
    due = next_due(ReminderPlan.from_settings(settings), now, tz)
    return "No reminder days chosen" if due is None else f"Next reminder: {when_text(due, now, tz)}"


class Tray(QSystemTrayIcon):
    def __init__(
        self,
        window: QWidget,
        settings: Settings,
        paths: AppPaths,
        *,
        start_main: Callable[[], None],
        main_name: Callable[[], str],
        quit_app: Callable[[], None],
    ) -> None:
        super().__init__(app_icon(resources_dir()), window)
        self.setToolTip(APP_NAME)
        self._window, self._settings, self._paths = window, settings, paths
        self._main_name = main_name
        self.menu = QMenu(window)
        self.next_reminder = QAction(self.menu)
        self.next_reminder.setEnabled(False)
        self.start_action = QAction(self.menu)
        self.start_action.triggered.connect(start_main)
        self.open_action = QAction("&Open hiptimer", self.menu)
        self.open_action.triggered.connect(self.show_window)
        self.quit_action = QAction("&Quit", self.menu)
        self.quit_action.triggered.connect(quit_app)
        for action in (self.next_reminder, self.start_action, self.open_action):
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.menu.aboutToShow.connect(self.refresh)
        self.setContextMenu(self.menu)
        self.activated.connect(self._activated)
        self.refresh()

    def refresh(self) -> None:
        now = datetime.now().astimezone()
        self.next_reminder.setText(reminder_line(self._settings, self._paths, now))
        self.start_action.setText(f"&Start {self._main_name()}")

    def show_window(self) -> None:
        self._window.show()
        self._window.raise_()
        self._window.activateWindow()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason is QSystemTrayIcon.ActivationReason.Trigger:
            if self._window.isVisible() and self._window.isActiveWindow():
                self._window.hide()
            else:
                self.show_window()
