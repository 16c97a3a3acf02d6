"""Build the pieces of the window and wire them: the only place that creates the QApplication."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from hiptimer import APP_ID, APP_NAME, __version__
from hiptimer.core.paths import AppPaths, resources_dir
from hiptimer.core.routines.catalog import Catalog
from hiptimer.core.routines.model import SideChoice
from hiptimer.core.session.status import SessionStatus
from hiptimer.core.settings import load_settings
from hiptimer.qt.context import AppContext
from hiptimer.qt.main_thread_gc import MainThreadCollector
from hiptimer.qt.main_window import MainWindow
from hiptimer.qt.resources import app_icon
from hiptimer.qt.source_lines import drop_source_lines
from hiptimer.qt.style import apply_theme

if TYPE_CHECKING:
    from hiptimer.core.history.rows import IncompleteSession
    from hiptimer.qt.session.audio import CuePlayer
    from hiptimer.qt.session.voice import Voice


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    if not isinstance(getattr(app, "collector", None), MainThreadCollector):
        app.collector = MainThreadCollector(app)  # type: ignore[attr-defined]
    return app


def build_context(paths: AppPaths, catalog: Catalog) -> AppContext:
    settings, problem = load_settings(paths.settings_file)
    ctx = AppContext(paths=paths, catalog=catalog, settings=settings)
    if problem:
        ctx.notices.append(problem)
    return ctx  # problems in routine files are listed on the home page


FIRST_PAINT_GRACE_MS = 400
QUIET_LOGS = "qt.multimedia.symbolsresolver=false;qt.multimedia.ffmpeg=false"


def open_store(ctx: AppContext) -> str | None:
    """Open the history file for reading and start its writer; on any problem the app runs on
    and says why (returned)."""
    from hiptimer.core.history.errors import HistoryError  # after the first paint
    from hiptimer.core.history.store import open_history
    from hiptimer.qt.history.writes import HistoryWrites

    try:
        # The integrity check, whose cost grows with the file, runs on the writer's thread
        # (see replace_damaged_history); an upgrade is checked here before it writes.
        store, message = open_history(ctx.paths.history_file, verify=False)
    except HistoryError as exc:
        return f"History is not being saved: {exc}"
    ctx.history = store
    ctx.writes = HistoryWrites(ctx.paths.history_file)  # replays what an earlier run kept
    return message


def replace_damaged_history(ctx: AppContext, window: MainWindow) -> None:
    """The writer found the file damaged before writing to it: keep it aside under its own
    name and start a new one, as a damaged file found at a start is, and say so."""
    from hiptimer.core.history.errors import HistoryError
    from hiptimer.core.history.store import open_history

    if ctx.history is not None:
        ctx.history.close()
        ctx.history = None
    try:
        store, message = open_history(ctx.paths.history_file)  # checks it again, moves it
    except HistoryError as exc:
        message = f"History is not being saved: {exc}"
    else:
        ctx.history = store
    if message:
        print(f"hiptimer: {message}", file=sys.stderr)
    window.set_history_problem(message)
    window.home.refresh_views()


def close_store(ctx: AppContext, wait: float | None = None) -> str:
    """At exit: save what waits (up to ``wait`` s, a few by default), then close; return what
    could not be saved and where it is kept, in words ("" when everything was saved)."""
    unsaved = ""
    if ctx.writes is not None:
        unsaved = ctx.writes.close() if wait is None else ctx.writes.close(wait)
    if ctx.history is not None:
        ctx.history.close()
    return unsaved


def offer_resume(window: MainWindow, ctx: AppContext) -> None:
    """A session left unfinished: resume it where it stopped, discard it, or decide later.

    The offer lists only sessions no running hiptimer has; resuming or discarding first takes
    the session's claim in the file, so of two windows answering at once only one goes on and
    the other is told.
    """
    from hiptimer.core.session.resume import Verdict, pick_offer, resume_offer

    if ctx.history is None or ctx.writes is None or window.controller is not None:
        return  # nothing to offer, or a session (the welcome's assessment) is already playing
    if not ctx.writes.wait_until_saved():
        return  # the file stays busy: what it holds now may be out of date; offer it later
    left = pick_offer(ctx.history.resumable_sessions())
    if left is None:
        return
    steps = ctx.history.session_steps(left.session_id)
    offer = resume_offer(left, ctx.catalog.find(left.routine_id), steps)
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Resume your session?")
    box.setText(offer.question)
    resume = None
    if offer.verdict is Verdict.RESUMABLE:
        resume = box.addButton("&Resume", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("&Discard it", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("&Later", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if clicked is None or clicked not in (resume, discard):
        return
    if not _claimed(window, ctx, left):
        return
    if clicked is resume and offer.routine is not None:
        window.resume_session(offer.routine, left.side_choice, offer.point)
    else:
        from hiptimer.core.history.commands import DiscardSession

        ctx.writes.submit(DiscardSession(left.session_key))


def _claimed(window: MainWindow, ctx: AppContext, left: IncompleteSession) -> bool:
    """Take the session for this window; if another one was quicker, say so."""
    from hiptimer.core.session.resume import (
        CLAIM_NO_ANSWER,
        NO_LONGER_UNFINISHED,
        RESUMED_ELSEWHERE,
    )
    from hiptimer.qt.history.writes import Claim

    assert ctx.writes is not None and ctx.history is not None
    answer = ctx.writes.claim_session(left.session_key, left.claimed_by)
    if answer is Claim.WON:
        return True
    if answer is Claim.NO_ANSWER:
        text = CLAIM_NO_ANSWER
    else:
        now = ctx.history.session(left.session_id)
        unfinished = now is not None and now.status is SessionStatus.INCOMPLETE
        text = RESUMED_ELSEWHERE if unfinished else NO_LONGER_UNFINISHED
    QMessageBox.information(window, "Resume your session?", text)
    return False


def _make_audio(paths: AppPaths, ctx: AppContext) -> tuple[CuePlayer | None, Voice | None]:
    """Sound and voice, built when the first session starts (Qt Multimedia loads then)."""
    from hiptimer.qt.session.voice import make_audio

    return make_audio(paths.cache_dir, ctx.settings)


def run_app(args: argparse.Namespace, paths: AppPaths, catalog: Catalog) -> int:
    os.environ.setdefault("QT_LOGGING_RULES", QUIET_LOGS)  # library probing, not our problems
    app = make_application()
    from hiptimer.qt.desktop import integration as desktop_parts

    instance = desktop_parts.claim_instance(paths, args)  # one instance: hand over, or go on
    if isinstance(instance, int):
        return instance
    ctx = build_context(paths, catalog)
    apply_theme(app, ctx.settings.theme)
    window = MainWindow(
        ctx,
        speed=args.speed,
        audio_factory=lambda: _make_audio(paths, ctx),
    )
    if args.routine:
        side = SideChoice(args.side) if args.side else None
        window.picker.select(args.routine, side)

    done: list[bool] = []

    def on_request(request: dict) -> None:
        """A second launch, the tray or a reminder; before the first paint, a command line."""
        if not done and request.get("routine"):
            args.routine, args.side = request["routine"], request.get("side")
            args.start = bool(request.get("start"))
        desktop_parts.act_on(window, request, ready=bool(done))

    desktop = desktop_parts.attach_desktop(
        app, window, paths, instance, on_request, tray_mode=args.tray
    )
    if not (args.tray and desktop.tray is not None):  # --tray: the window waits to be opened
        window.show()
        window.activateWindow()  # the keys work at once, also where no window manager runs
    if args.fullscreen:
        window.toggle_fullscreen()

    def after_first_paint() -> None:
        """History, then the session or the questions: the window is already on screen."""
        if app.windowIcon().isNull():  # loading its image plugins would delay the paint
            app.setWindowIcon(app_icon(resources_dir()))
        QTimer.singleShot(0, app, drop_source_lines)  # when this handler's modules loaded too
        if done or not window.isVisible():
            return
        done.append(True)
        problem = open_store(ctx)
        window.home.refresh_views()  # the home's week and "last done" need the history
        if ctx.writes is not None:  # while no session plays, the status bar says what waits
            ctx.writes.tell_in(window.statusBar(), window.playing_page_shown)
            ctx.writes.damaged.connect(lambda _why: replace_damaged_history(ctx, window))
        if problem:
            print(f"hiptimer: {problem}", file=sys.stderr)
            ctx.notices.append(problem)
            window.set_history_problem(problem)
        routine = catalog.find(args.routine) if args.routine else None
        if routine is not None and args.start:  # scripted start: no dialog may get in the way
            window.show_notices()  # the status bar does not block
            window.start_routine(routine, window.picker.side_choice())
            return
        if not ctx.settings.welcome_done:
            window.show_welcome()
        window.show_notices()
        offer_resume(window, ctx)

    window.first_painted.connect(after_first_paint)
    QTimer.singleShot(FIRST_PAINT_GRACE_MS, window, after_first_paint)  # one that never paints
    try:
        return app.exec()
    finally:
        desktop.close()
        unsaved = close_store(ctx)
        if unsaved:
            print(f"hiptimer: {unsaved}", file=sys.stderr)
