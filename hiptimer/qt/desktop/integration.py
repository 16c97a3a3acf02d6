"""The desktop pieces around the main window, built by ``run_app``: the single instance and
its hand-over, the tray, and keeping the screen on."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from hiptimer.cli import MAX_SPEED, MIN_SPEED
from hiptimer.core.paths import AppPaths
from hiptimer.core.routines.model import Routine, SideChoice
from hiptimer.core.session.status import SessionStatus
from hiptimer.qt.desktop.inhibit import ScreenInhibitor
from hiptimer.qt.desktop.single_instance import SingleInstance
from hiptimer.qt.main_window import MainWindow

if TYPE_CHECKING:
    from hiptimer.qt.desktop.bus import QtBus
    from hiptimer.qt.desktop.tray import Tray


def request_of(args: argparse.Namespace) -> dict:
    """What a launch asks for, as sent to a running instance."""
    return {
        "routine": args.routine,
        "side": args.side,
        "start": bool(args.start),
        "fullscreen": bool(args.fullscreen),
        "speed": float(args.speed),
        "tray": bool(getattr(args, "tray", False)),
    }


def claim_instance(paths: AppPaths, args: argparse.Namespace) -> SingleInstance | int:
    """This process as the one instance, or the exit code when the request went to the
    running one (0), or could not reach it (1, said on stderr)."""
    instance = SingleInstance.for_paths(paths)
    if instance.acquire():
        return instance
    if instance.hand_over(request_of(args)):
        return 0
    if instance.acquire():  # the other one had just died
        return instance
    print(
        "hiptimer: another hiptimer is running but does not answer; close it and try again",
        file=sys.stderr,
    )
    return 1


def main_choice(window: MainWindow) -> tuple[Routine | None, SideChoice]:
    """The routine a reminder or the tray starts, on the limited side (else both)."""
    from hiptimer.core.reminders.facts import main_routine

    ctx = window.ctx
    recent: list[str] = []
    if ctx.history is not None:
        rows = ctx.history.sessions(limit=50)
        recent = [row.routine_id for row in rows if row.status is SessionStatus.COMPLETED]
    routine = ctx.catalog.find(main_routine(recent, ctx.catalog.ids))
    side = ctx.settings.limited_side
    return routine, SideChoice(side.value) if side else SideChoice.BOTH


def _session_bus(parent: QObject) -> QtBus | None:
    from hiptimer.qt.desktop.bus import open_bus  # jeepney: with the first session only

    return open_bus(parent=parent)


@dataclass
class Desktop:
    instance: SingleInstance
    tray: Tray | None
    inhibitor: ScreenInhibitor

    def close(self) -> None:
        if self.tray is not None:
            self.tray.hide()
        if self.inhibitor.bus is not None:
            self.inhibitor.bus.close()
        self.instance.release()


#: A window that never paints (minimised at start) still gets its tray icon and its socket by
#: then.
TRAY_LATEST_MS = 2000


def attach_desktop(
    app: QApplication,
    window: MainWindow,
    paths: AppPaths,
    instance: SingleInstance,
    on_request: Callable[[dict], None],
    *,
    tray_mode: bool,
) -> Desktop:
    inhibitor = ScreenInhibitor(parent=window, connect=lambda: _session_bus(app))
    window.playing.connect(inhibitor.set_active)
    from hiptimer.core.desktop.choices import ReminderSync

    window.ctx.after_save.append(ReminderSync(window.ctx.settings))
    desktop = Desktop(instance, None, inhibitor)

    def make_tray() -> None:
        if desktop.tray is not None or not QSystemTrayIcon.isSystemTrayAvailable():
            return
        from hiptimer.qt.desktop.tray import Tray

        def start_main() -> None:
            routine, side = main_choice(window)
            if routine is not None:
                on_request({"routine": routine.id, "side": side.value, "start": True})

        def main_name() -> str:
            routine, _side = main_choice(window)
            return routine.name if routine is not None else "a routine"

        desktop.tray = Tray(
            window,
            window.ctx.settings,
            paths,
            start_main=start_main,
            main_name=main_name,
            quit_app=app.quit,
        )
        desktop.tray.show()

    def after_first_paint() -> None:
        instance.listen()  # Qt Network loads with the socket
        make_tray()

    if tray_mode:  # the tray is all there is: the window comes and goes, its Quit ends the app
        after_first_paint()  # no window paints
        if desktop.tray is not None:
            app.setQuitOnLastWindowClosed(False)
    else:  # after the window's first paint (its icon and menu would delay it), or soon anyway
        window.first_painted.connect(after_first_paint)
        QTimer.singleShot(TRAY_LATEST_MS, window, after_first_paint)
    instance.request.connect(on_request)
    return desktop


def show_window(window: MainWindow) -> None:
    window.show()
    window.raise_()
    window.activateWindow()


def act_on(window: MainWindow, request: dict, *, ready: bool) -> None:
    """A request from a second launch, the tray or a reminder, once the window is ``ready``
    (its history open; before that, ``run_app`` starts it as a command-line start)."""
    show_window(window)
    routine = window.ctx.catalog.find(request.get("routine") or "")
    side = request.get("side")
    choice = SideChoice(side) if side in {c.value for c in SideChoice} else None
    if routine is not None:
        window.picker.select(routine.id, choice)
    if request.get("fullscreen") and not window.isFullScreen():
        window.toggle_fullscreen()
    if not (ready and routine is not None and request.get("start")):
        return
    if window.controller is not None and window.playing_page_shown():
        window.statusBar().showMessage(
            f"A session is playing; {routine.name} was not started over it.", 8000
        )
        return
    speed = request.get("speed")
    if not (isinstance(speed, (int, float)) and MIN_SPEED <= speed <= MAX_SPEED):
        speed = None
    window.start_routine(routine, window.picker.side_choice(), speed=speed)
