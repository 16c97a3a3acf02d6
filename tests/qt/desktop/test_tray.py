"""The tray's menu, and a desktop without a tray: no icon, no error, closing quits."""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta

import pytest
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from hiptimer.core.paths import AppPaths
from hiptimer.core.reminders.rules import ReminderState
from hiptimer.core.reminders.state_file import save_state
from hiptimer.core.routines.model import Side
from hiptimer.core.settings import Settings
from hiptimer.qt.desktop.integration import (
    Desktop,
    act_on,
    attach_desktop,
    main_choice,
    request_of,
)
from hiptimer.qt.desktop.single_instance import SingleInstance
from hiptimer.qt.desktop.tray import Tray, reminder_line
from hiptimer.qt.main_window import MainWindow
from tests.fakes import make_ctx

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)


def test_reminder_line(app_paths: AppPaths) -> None:
    now = datetime.now().astimezone()
    assert reminder_line(Settings(), app_paths, now) == "Reminders are off"
    every_day = Settings(
        reminders=True,
        reminder_days=["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        reminder_time="00:00",
    )
    assert reminder_line(every_day, app_paths, now) == "Next reminder: tomorrow at 00:00"
    save_state(
        app_paths.reminder_state_file, ReminderState(snoozed_until=now + timedelta(minutes=5))
    )
    assert reminder_line(every_day, app_paths, now).startswith("Reminder snoozed until ")


def test_the_menu(qtbot, app_paths: AppPaths) -> None:
    window = MainWindow(make_ctx(app_paths, settings=Settings()))
    qtbot.addWidget(window)
    started: list[bool] = []
    tray = Tray(
        window,
        window.ctx.settings,
        app_paths,
        start_main=lambda: started.append(True),
        main_name=lambda: "Full program",
        quit_app=lambda: None,
    )
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts == ["Reminders are off", "&Start Full program", "&Open hiptimer", "&Quit"]
    tray.start_action.trigger()
    assert started == [True]
    tray.open_action.trigger()
    assert window.isVisible()


def _attached(
    qtbot, app_paths: AppPaths, tmp_path, *, tray_mode: bool
) -> tuple[QApplication, MainWindow, Desktop]:
    """A window with its desktop parts, as ``run_app`` attaches them."""
    window = MainWindow(make_ctx(app_paths))
    qtbot.addWidget(window)
    instance = SingleInstance(tmp_path, "tray-test")
    assert instance.acquire()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return (
        app,
        window,
        attach_desktop(app, window, app_paths, instance, lambda _r: None, tray_mode=tray_mode),
    )


def test_without_a_tray_nothing_is_made_and_close_quits(
    qtbot, app_paths: AppPaths, tmp_path
) -> None:
    assert not QSystemTrayIcon.isSystemTrayAvailable()  # offscreen: like GNOME without one
    app, _window, desktop = _attached(qtbot, app_paths, tmp_path, tray_mode=True)
    assert desktop.tray is None
    assert app.quitOnLastWindowClosed()
    assert desktop.inhibitor.bus is None  # no session played: the bus was not even opened
    desktop.close()


def test_a_handed_over_start_plays_on_the_limited_side(qtbot, app_paths: AppPaths) -> None:
    window = MainWindow(make_ctx(app_paths, settings=Settings(limited_side=Side.RIGHT)))
    qtbot.addWidget(window)
    routine, side = main_choice(window)
    assert routine is not None and routine.id == "full-program" and side.value == "right"
    args = argparse.Namespace(routine="daily", side="left", start=True, fullscreen=False, speed=1.0)
    act_on(window, request_of(args), ready=True)
    assert window.stack.currentWidget() is window.player
    assert window.controller is not None and window.controller.plan.routine.id == "daily"
    act_on(window, {"routine": "assessment", "side": "both", "start": True}, ready=True)
    assert window.controller.plan.routine.id == "daily"  # a playing session is not replaced
    assert "was not started" in window.statusBar().currentMessage()


class _TrayAvailable:
    @staticmethod
    def isSystemTrayAvailable() -> bool:  # Qt's name
        return True


@pytest.mark.qt_log_ignore(
    # offscreen has no tray: showing a real tray icon there says so
    "No such signal QPlatformNativeInterface::systemTrayWindowChanged",
    "This plugin does not support propagateSizeHints",
)
def test_with_a_tray_its_icon_comes_after_the_window_first_paints(
    qtbot, app_paths: AppPaths, tmp_path, monkeypatch
) -> None:
    """Building the tray icon loads Qt's image plugins (10-14 ms): not before the first paint."""
    from hiptimer.qt.desktop import integration

    monkeypatch.setattr(integration, "QSystemTrayIcon", _TrayAvailable)
    app, window, desktop = _attached(qtbot, app_paths, tmp_path, tray_mode=False)
    assert desktop.tray is None  # not yet
    with qtbot.waitSignal(window.first_painted, timeout=5000):
        window.show()
    assert isinstance(desktop.tray, Tray)
    first = desktop.tray
    qtbot.wait(integration.TRAY_LATEST_MS + 100)  # the fallback timer makes no second one
    assert desktop.tray is first
    assert app.quitOnLastWindowClosed()  # the window is the app; the tray does not keep it
    desktop.close()


def test_the_hand_over_socket_opens_after_the_first_paint(
    qtbot, app_paths: AppPaths, tmp_path
) -> None:
    """Qt Network loads with the socket (6-11 ms): the window paints first; in tray mode,
    where no window paints, the socket opens at once."""
    _app, window, desktop = _attached(qtbot, app_paths, tmp_path, tray_mode=False)
    assert not desktop.instance.listening
    assert not list(tmp_path.glob("*.socket"))
    with qtbot.waitSignal(window.first_painted, timeout=5000):
        window.show()
    assert desktop.instance.listening
    assert list(tmp_path.glob("*.socket"))
    desktop.close()
    assert not desktop.instance.listening
    _app, _window, tray_desktop = _attached(qtbot, app_paths, tmp_path, tray_mode=True)
    assert tray_desktop.instance.listening
    tray_desktop.close()
