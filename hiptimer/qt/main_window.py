"""The main window: home (routines, history), the player and the summary, with menus and keys."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QPaintEvent
from PySide6.QtWidgets import QDialog, QMainWindow, QStackedWidget, QWidget

from hiptimer import APP_NAME
from hiptimer.core.routines.model import Routine, Side, SideChoice
from hiptimer.core.session.plan import PhaseKind, Plan, build_plan
from hiptimer.core.session.status import SessionStatus
from hiptimer.qt.actions import build_actions
from hiptimer.qt.context import AppContext
from hiptimer.qt.home.tabs import HomeTabs
from hiptimer.qt.report import open_history, report_dialog

if TYPE_CHECKING:
    # Imported when first needed, so the home window opens without them (issue 16).
    from hiptimer.core.session.events import Snapshot
    from hiptimer.core.session.resume import ResumePoint
    from hiptimer.qt.session.audio import CuePlayer
    from hiptimer.qt.session.controller import SessionController
    from hiptimer.qt.session.player import PlayerPage
    from hiptimer.qt.session.ratings import Feedback
    from hiptimer.qt.session.runner import SessionRunner
    from hiptimer.qt.session.summary import SummaryPage
    from hiptimer.qt.session.voice import Voice

AudioFactory = Callable[[], "tuple[CuePlayer | None, Voice | None]"]


class MainWindow(QMainWindow):
    first_painted = Signal()  # once, just after the window is first on screen
    playing = Signal(bool)  # a session runs (True) or is paused, over or left (False)

    def __init__(
        self,
        ctx: AppContext,
        cues: CuePlayer | None = None,
        voice: Voice | None = None,
        *,
        speed: float = 1.0,
        history_problem: str | None = None,
        audio_factory: AudioFactory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``audio_factory`` builds sound and voice when the first session starts, so the
        window opens without loading Qt Multimedia; tests pass ``cues``/``voice`` directly."""
        super().__init__(parent)
        self.ctx = ctx
        self.cues = cues
        self.voice = voice
        self.speed = speed
        self.controller: SessionController | None = None
        self._audio_attached = False
        self._painted = False
        self.setWindowTitle(APP_NAME)
        screen = QGuiApplication.primaryScreen()  # never larger than a small screen
        room = screen.availableSize() if screen is not None else QSize(1280, 800)
        self.resize(min(1280, room.width()), min(800, room.height()))

        self.home = HomeTabs(ctx, history_problem)
        self.picker = self.home.picker
        self.home.start_requested.connect(self.start_routine)
        self.home.try_requested.connect(self._try_routine)
        self.home.assessment_requested.connect(self.start_assessment)
        self.picker.main_routine_changed.connect(lambda _id: self.save_settings())
        self._player: PlayerPage | None = None
        self._summary: SummaryPage | None = None
        self.stack = QStackedWidget()
        self.stack.addWidget(self.home)
        self.setCentralWidget(self.stack)

        self._build_menus()
        self._audio_factory = audio_factory
        self._sound_notice = ""
        if audio_factory is None:
            self._attach_audio(cues, voice)
        self.picker.routine_list.setFocus()  # arrows pick a routine at once

    # Pages built on first use -------------------------------------------------------------
    @property
    def player(self) -> PlayerPage:
        """The player page, built when a session first starts (or a caller first asks)."""
        if self._player is None:
            from hiptimer.qt.session.pages import build_player

            self._player = build_player(self)
        return self._player

    @property
    def summary(self) -> SummaryPage:
        """The summary page, built when a session first ends."""
        if self._summary is None:
            from hiptimer.qt.session.pages import build_summary

            self._summary = build_summary(self)
        return self._summary

    def playing_page_shown(self) -> bool:
        """The player is on screen (without building it to ask)."""
        return self._player is not None and self.stack.currentWidget() is self._player

    # Menus and keys -----------------------------------------------------------------------
    def _build_menus(self) -> None:
        """Menus and keys from the one action table (:mod:`hiptimer.qt.actions`)."""
        in_session = self.in_session
        built = build_actions(
            self,
            self.menuBar(),
            {
                "log_measurement": lambda: self._paused_for(self.history_page.log_measurement),
                "export_history": lambda: self._paused_for(self.history_page.export_history),
                "report": lambda: self._paused_for(lambda: report_dialog(self, self.ctx)),
                "open_history": lambda: self._paused_for(lambda: open_history(self, self.ctx)),
                "settings": self.open_settings,
                "quit": self.close,
                "toggle_pause": lambda: in_session(lambda r: r.toggle_pause()),
                "next": lambda: in_session(lambda r: r.next()),
                "previous": lambda: in_session(lambda r: r.previous()),
                "restart_step": lambda: in_session(lambda r: r.restart_step()),
                "done": self.enter_pressed,
                "extend": lambda: in_session(lambda r: r.extend()),
                "extend_lead_in": lambda: in_session(lambda r: r.extend_lead_in()),
                "finish": self.finish_session,
                "shortcuts": self.show_shortcuts,
                "about": self.show_about,
                "fullscreen": self.toggle_fullscreen,
                "leave_fullscreen": self.leave_fullscreen,
                "mute": self.toggle_mute,
            },
        )
        self.session_actions = built.session_only
        self.fullscreen_action = built.by_name["fullscreen"]
        self.mute_action = built.by_name["mute"]
        self.mute_action.setChecked(self.ctx.settings.muted)

    # Sessions -----------------------------------------------------------------------------
    def start_routine(
        self,
        routine: Routine,
        side: SideChoice,
        *,
        speed: float | None = None,
        resume: ResumePoint | None = None,
    ) -> None:
        """Play ``routine``; sessions at a rehearsal speed are not recorded in the history."""
        from hiptimer.core.session.announcements import spoken_phrases
        from hiptimer.qt.session.controller import SessionController

        speed = self.speed if speed is None else speed
        plan = self._plan(routine, side, resume)
        self._drop_controller()
        if self._audio_factory is not None:
            factory, self._audio_factory = self._audio_factory, None
            self._attach_audio(*factory())
        if self.voice is not None:
            self.voice.prepare(spoken_phrases(plan))  # the built-in voice renders them ahead
        self.controller = SessionController(
            plan,
            speed=speed,
            clock=self.ctx.clock,
            sleep=self.ctx.sleep,
            writes=self.ctx.writes if speed == 1 else None,
            cues=self.cues,
            voice=self.voice,
            resume_session_key=resume.session_key if resume else None,
            earlier_active_seconds=resume.active_seconds if resume else 0,
            earlier_outcomes=resume.earlier if resume else (),
            progression_levels=self.ctx.settings.progression_levels,
            photos=self.player.photo_button.results,
            parent=self,
        )
        self.controller.runner.changed.connect(self._show_snapshot)
        self.controller.finished.connect(self._session_finished)
        self.controller.record_problem.connect(self.player.set_notice)
        self.player.set_plan(plan, speed, self.ctx.settings.progression_levels)
        self.player.set_notice(self._sound_notice)
        self._sound_notice = ""  # said once
        self.stack.setCurrentWidget(self.player)
        for action in self.session_actions:
            action.setEnabled(True)
        self.controller.start(resume.at_step if resume else 0)

    def _plan(self, routine: Routine, side: SideChoice, resume: ResumePoint | None) -> Plan:
        from hiptimer.core.session.resume import plan_limited_side
        from hiptimer.qt.session.voice import reading_wpm

        settings, lib = self.ctx.settings, self.ctx.catalog.library
        limited = plan_limited_side(side, settings.limited_side, resume)  # never changes it
        paced = settings.self_paced_reps
        reading = reading_wpm(settings)
        return build_plan(
            routine,
            lib,
            side,
            limited,
            self_paced_reps=paced,
            reading_wpm=reading,
            **settings.lead_ins(),
        )

    def resume_session(self, routine: Routine, side: SideChoice, resume: ResumePoint) -> None:
        """Carry on a session left unfinished (and claimed by this window), at the step after
        its last recorded one, with its sides in the order it began with."""
        steps = self._plan(routine, side, resume).steps
        if resume.at_step >= len(steps):  # every step was recorded; only the ending was lost
            from hiptimer.qt.session.controller import wall_now

            if self.ctx.writes is not None:
                self.ctx.writes.finish_completed(resume, wall_now())
            return
        self.start_routine(routine, side, resume=resume)

    def show_notices(self) -> None:
        """Problems found while starting (bad routine files, settings, history): shown once."""
        if self.ctx.notices:
            self.statusBar().showMessage(" ".join(self.ctx.notices))
            self.ctx.notices.clear()

    def set_history_problem(self, problem: str | None) -> None:
        """Why history is not saved (or was started afresh): shown on the History tab."""
        self.home.set_history_problem(problem)

    def start_assessment(self) -> None:
        """The two tests on both sides (from the History tab's "measure again")."""
        assessment = self.ctx.catalog.find("assessment")
        if assessment is not None:
            self.picker.select("assessment")
            self.start_routine(assessment, SideChoice.BOTH)

    @property
    def routines_page(self) -> Any:  # RoutinesPage (imported lazily)
        return self.home.routines_page

    @property
    def history_page(self) -> Any:  # HistoryPage (imported lazily)
        return self.home.history_page

    def _try_routine(self, routine: Routine, speed: float) -> None:
        """'Try it' from the builder: the picker's side choice, at the chosen speed."""
        self.start_routine(routine, self.picker.side_choice(), speed=speed)

    def _drop_controller(self) -> None:
        if self.controller is not None:
            self.controller.leave()
            self.controller.runner.changed.disconnect(self._show_snapshot)
            self.controller.deleteLater()
            self.controller = None

    def in_session(self, control: Callable[[SessionRunner], object]) -> None:
        """Run a player control on the runner, only while the player shows a session."""
        if self.controller is not None and self.playing_page_shown():
            control(self.controller.runner)

    def enter_pressed(self) -> None:
        """Enter counts a rep, finishes a once-step, saves a measurement, or skips a wait."""
        if self.controller is None or not self.playing_page_shown():
            return
        snapshot = self.controller.runner.snapshot()
        if snapshot.phase.kind is PhaseKind.MEASURE:
            self.player.submit_measurement()
        elif snapshot.phase.kind is PhaseKind.COUNT:
            self.controller.runner.rep_done()
        else:
            self.controller.runner.done()

    def measure(self, degrees: int) -> None:
        if self.controller is not None:
            self.controller.runner.record_measurement(degrees)

    def finish_session(self) -> None:
        if self.controller is not None and self.playing_page_shown():
            self.controller.finish_early()

    def _show_snapshot(self, snapshot: Snapshot) -> None:
        from hiptimer.core.session.display import window_title
        from hiptimer.core.session.events import SessionState

        self.playing.emit(snapshot.state is SessionState.RUNNING)
        if snapshot.state is SessionState.FINISHED:
            return
        self.player.show_snapshot(snapshot)
        if self.controller is not None:
            title = window_title(snapshot, self.controller.plan.routine.name, APP_NAME)
            if title != self.windowTitle():  # changes once a minute; each costs a round trip
                self.setWindowTitle(title)

    def _session_finished(self, status: SessionStatus) -> None:
        from hiptimer.core.session.display import SESSION_WORDS
        from hiptimer.qt.session.summary import session_extras, session_verdict

        controller = self.controller
        if controller is None:
            return
        for action in self.session_actions:
            action.setEnabled(False)
        self.summary.show_summary(
            controller.plan.routine.name,
            status,
            controller.active_seconds(),
            controller.all_outcomes,
            len(controller.plan.steps),
            verdict=session_verdict(controller, self.ctx.history, self.ctx.catalog.library),
            limited_side=self.ctx.settings.limited_side,
            **session_extras(controller, self.ctx),
        )
        self.stack.setCurrentWidget(self.summary)
        self.summary.save_button.setFocus()
        self.setWindowTitle(f"Session {SESSION_WORDS[status]} — {APP_NAME}")

    def set_limited_side(self, side: Side | None) -> None:
        """The person chose their limited side (welcome, settings, the assessment's offer)."""
        self.ctx.settings.limited_side = side
        self.save_settings()
        self.picker.show_limited_side()

    def exercise_feedback(self, said: Feedback) -> None:
        if self.controller is not None:
            for exercise_id, (rating, pain) in said.items():
                self.controller.set_exercise_feedback(
                    exercise_id, None if rating is None else rating.value, pain
                )

    def feedback(self, pain: int | None, note: str) -> None:
        if self.controller is not None:
            self.controller.set_feedback(pain, note)

    def play_again(self) -> None:
        if self.controller is not None:
            plan, speed = self.controller.plan, self.controller.speed
            self.start_routine(plan.routine, plan.side_choice, speed=speed)

    def save_settings(self) -> None:
        problem = self.ctx.save_settings()
        if problem:
            self.statusBar().showMessage(problem)

    def _paused_for(self, dialog: Callable[[], object]) -> None:
        """Open a dialog; a session that is playing pauses first (Space resumes it)."""
        if self.controller is not None and self.playing_page_shown():
            self.controller.runner.pause()
        dialog()

    def open_settings(self) -> None:
        """The settings dialog; a running session pauses while it is open."""
        self._paused_for(self._edit_settings)

    def _edit_settings(self) -> None:
        from hiptimer.qt.settings_flow import edit_settings

        edit_settings(self)

    def show_welcome(self) -> None:
        """First run only; the app never calls this for a scripted --start."""
        from hiptimer.qt.home.welcome import WelcomeDialog

        dialog = WelcomeDialog(self.ctx.settings, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self.close()  # the disclaimer was closed unanswered: hiptimer is not used
            return
        self.save_settings()
        self.picker.show_limited_side()
        if dialog.wants_assessment:
            self.start_assessment()
        else:
            self.home.show_routines()

    def show_shortcuts(self) -> None:
        from hiptimer.qt.help_dialogs import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def show_about(self) -> None:
        from hiptimer.qt.help_dialogs import AboutDialog

        AboutDialog(self.ctx.paths, self).exec()

    def show_home(self) -> None:
        self._drop_controller()
        self.home.refresh_views()
        self.stack.setCurrentWidget(self.home)
        self.picker.routine_list.setFocus()  # arrows pick a routine at once
        self.setWindowTitle(APP_NAME)

    # View ---------------------------------------------------------------------------------
    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self.leave_fullscreen()
        else:
            self.menuBar().hide()
            self.statusBar().hide()  # fullscreen is the player's, read from the floor
            self.showFullScreen()
            self.fullscreen_action.setChecked(True)

    def leave_fullscreen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
            self.menuBar().show()
            self.statusBar().show()
        self.fullscreen_action.setChecked(False)

    def toggle_mute(self) -> None:
        self.ctx.settings.muted = not self.ctx.settings.muted
        self.mute_action.setChecked(self.ctx.settings.muted)
        self.save_settings()
        self.apply_audio_settings()
        self.statusBar().showMessage("Muted" if self.ctx.settings.muted else "Sound on", 3000)

    def apply_audio_settings(self) -> None:
        if not self._audio_attached:
            return  # nothing built yet; the settings apply when sound and voice are
        from hiptimer.qt.session.voice import apply_audio_settings

        apply_audio_settings(self.cues, self.voice, self.ctx.settings)

    def _attach_audio(self, cues: CuePlayer | None, voice: Voice | None) -> None:
        from hiptimer.qt.session.voice import audio_changes, audio_notice

        self.cues, self.voice = cues, voice
        self._audio_attached = True
        if self._player is not None:
            self._player.photo_button.say = voice.say if voice is not None else None
        self.apply_audio_settings()
        self._sound_notice = audio_notice(cues, voice)
        for signal in audio_changes(cues, voice):
            signal.connect(self._voice_problem)

    def _voice_problem(self, message: str) -> None:
        """The voice or the sound changed after start-up (the system voice failed, a device
        went or came): say so once, where the user looks."""
        if self.controller is not None and self.playing_page_shown():
            label = self.player.notice_label
            current = label.text() if label.isVisible() else ""
            self.player.set_notice(" ".join(filter(None, [current, message])))
        else:
            self._sound_notice = " ".join(filter(None, [self._sound_notice, message]))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self.first_painted.emit)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.home.maybe_close():
            event.ignore()
            return
        # A running session is kept as incomplete (its finished steps are already saved) and
        # offered for resuming at the next start, so closing never needs a question.
        self._drop_controller()
        event.accept()
