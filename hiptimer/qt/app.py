"""Build the pieces of the window and wire them: the only place that creates the QApplication."""

from __future__ import annotations

import argparse
import os
import sys

from PySide6.QtWidgets import QApplication

from hiptimer import __version__
from hiptimer.core.catalog import Catalog
from hiptimer.core.model import SideChoice
from hiptimer.core.paths import AppPaths, resources_dir
from hiptimer.core.settings import load_settings
from hiptimer.qt.audio import CuePlayer, Voice
from hiptimer.qt.context import AppContext
from hiptimer.qt.main_window import MainWindow
from hiptimer.qt.resources import app_icon
from hiptimer.qt.theme import apply_theme

DESKTOP_FILE_NAME = "io.github.hiptimer.Hiptimer"


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName("hiptimer")
    app.setApplicationDisplayName("hiptimer")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    app.setWindowIcon(app_icon(resources_dir()))
    return app


def build_context(paths: AppPaths, catalog: Catalog) -> AppContext:
    settings, problem = load_settings(paths.settings_file)
    ctx = AppContext(paths=paths, catalog=catalog, settings=settings)
    if problem:
        ctx.notices.append(problem)
    if catalog.problems:
        ctx.notices.append(
            f"{len(catalog.problems)} problem(s) in routine files; those routines are not "
            "listed. Run 'hiptimer routines' to see them.")
    return ctx


QUIET_LOGS = "qt.multimedia.symbolsresolver=false\nqt.multimedia.ffmpeg=false"


def run_app(args: argparse.Namespace, paths: AppPaths, catalog: Catalog) -> int:
    os.environ.setdefault("QT_LOGGING_RULES", QUIET_LOGS)  # library probing, not our problems
    app = make_application()
    ctx = build_context(paths, catalog)
    apply_theme(app, ctx.settings.theme)
    cues = CuePlayer(resources_dir() / "sounds")
    voice = Voice()
    window = MainWindow(ctx, cues, voice, speed=args.speed)
    if args.routine:
        side = SideChoice(args.side) if args.side else None
        window.picker.select(args.routine, side)
    window.show()
    if args.fullscreen:
        window.toggle_fullscreen()
    if args.routine and args.start:
        routine = catalog.find(args.routine)
        window.start_routine(routine, window.picker.side_choice())
    return app.exec()
