"""``hiptimer remind``: one reminder run (started by the systemd timer, or by hand).

It decides with the core's rules (:mod:`hiptimer.core.reminders.rules`), shows the notification
and waits for the answer: Start now opens the routine and starts it (handing it to a running
hiptimer when there is one), Snooze brings it back once, Skip today holds back today's
reminders.  While a fullscreen window is in front it looks again every minute.  It ends when
the answer is in, the notification is gone, or the day is over.
"""

from __future__ import annotations

import contextlib
import dataclasses
import subprocess
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, QTimer, Signal

from hiptimer.core.desktop.fullscreen import fullscreen_window_active
from hiptimer.core.desktop.launcher import launch_command
from hiptimer.core.history.local_time import local_zone
from hiptimer.core.paths import AppPaths
from hiptimer.core.reminders import rules
from hiptimer.core.reminders.facts import ASSESSMENT_ROUTINE, main_routine, read_history
from hiptimer.core.reminders.rules import Decision, ReminderKind, ReminderState, Verdict
from hiptimer.core.reminders.schedule import ReminderPlan
from hiptimer.core.reminders.state_file import load_state, save_state
from hiptimer.core.routines.catalog import Catalog
from hiptimer.core.settings import Settings, load_settings
from hiptimer.qt.desktop.bus import open_bus
from hiptimer.qt.desktop.notifications import DEFAULT_ACTION, Notifier

POLL_MS = 60_000  # how often a waiting run looks again (fullscreen, snooze)

Launch = Callable[[Sequence[str]], None]


def wall_now() -> datetime:
    return datetime.now().astimezone()


def launch_detached(command: Sequence[str]) -> None:
    subprocess.Popen(  # our own command, no shell
        list(command),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def reminder_text(
    kind: ReminderKind, routine_name: str, side: str, settings: Settings
) -> tuple[str, str]:
    """(summary, body) of the notification, in our words."""
    if kind is ReminderKind.ASSESSMENT:
        return (
            "Time to measure your hips again",
            f"It has been {settings.reassess_weeks} weeks or more since you last measured. "
            "The assessment takes a few minutes: move gently to where you feel a stretch, "
            "never into sharp pain.",
        )
    where = "both hips" if side == "both" else f"your {side} hip"
    return (
        "Time for your hip session",
        f"{routine_name}, for {where}. The get-ready countdown gives you time to settle; "
        "stop any exercise that gives you sharp pain.",
    )


class ReminderRun(QObject):
    """One run: decide, notify, wait for the answer. ``finished`` carries the exit code."""

    finished = Signal(int)

    def __init__(
        self,
        paths: AppPaths,
        settings: Settings,
        catalog: Catalog,
        notifier: Notifier,
        *,
        now: Callable[[], datetime] = wall_now,
        tz: tzinfo | None = None,
        fullscreen: Callable[[], bool] = fullscreen_window_active,
        launch: Launch = launch_detached,
        command: Sequence[str] | None = None,
        say: Callable[[str], None] = print,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths, self.settings, self.catalog = paths, settings, catalog
        self.plan = ReminderPlan.from_settings(settings)
        self.notifier = notifier
        self.now, self.tz = now, tz or local_zone()
        self.fullscreen, self.launch, self.say = fullscreen, launch, say
        self.command = list(command or launch_command())
        self.state = load_state(paths.reminder_state_file)
        self.showing: int | None = None
        self.kind = ReminderKind.SESSION
        self._recent: list[str] = []
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._ended = False
        self._until = rules.wait_limit(now(), self.tz)
        notifier.action_invoked.connect(self._answered)
        notifier.closed.connect(self._closed)

    def start(self, poll_ms: int = POLL_MS) -> None:
        self._until = rules.wait_limit(self.now(), self.tz)
        self._timer.start(poll_ms)
        self.check()

    def check(self) -> None:
        """Look at the clock, the history and the screen, and act on the rules' verdict."""
        if self._ended:
            return
        now = self.now()
        if now >= self._until:
            self._withdraw()
            self._end(0, "the day is over")
            return
        if self.showing is not None:
            return
        facts, self._recent = read_history(self.paths.history_file, now, self.tz)
        facts = dataclasses.replace(facts, fullscreen=self.fullscreen())
        # Two runs at once (the timer and one by hand) decide one after the other, each on
        # the state the other left, so a reminder time is shown once.
        with contextlib.suppress(OSError):
            self.paths.reminder_state_file.parent.mkdir(parents=True, exist_ok=True)
        lock = QLockFile(f"{self.paths.reminder_state_file}.lock")
        if not lock.tryLock(5000):
            self.say("hiptimer: waiting: another reminder run holds the state")
            return
        try:
            self.state = load_state(self.paths.reminder_state_file)
            decision = rules.decide(self.plan, self.state, now, self.tz, facts)
            self._save(decision.state)
        finally:
            lock.unlock()
        if decision.verdict is Verdict.NOTIFY:
            self._show(decision)
        elif decision.verdict is Verdict.WAIT:
            self.say(f"hiptimer: waiting: {decision.why}")
        elif self.state.snoozed_until is None:
            self._end(0, decision.why)

    def routine_and_side(self) -> tuple[str, str]:
        if self.kind is ReminderKind.ASSESSMENT and self.catalog.find(ASSESSMENT_ROUTINE):
            return ASSESSMENT_ROUTINE, "both"
        side = self.settings.limited_side.value if self.settings.limited_side else "both"
        return main_routine(self._recent, self.catalog.ids), side

    def _show(self, decision: Decision) -> None:
        self.kind = decision.kind
        routine_id, side = self.routine_and_side()
        routine = self.catalog.find(routine_id)
        name = routine.name if routine is not None else routine_id
        summary, body = reminder_text(decision.kind, name, side, self.settings)
        actions = [(DEFAULT_ACTION, "Start now"), ("start", "Start now")]
        if rules.can_snooze(self.state):
            actions.append(("snooze", f"Snooze {self.settings.snooze_minutes} min"))
        actions.append(("skip", "Skip today"))
        self.showing = 0  # asked for; the id follows

        def shown(notification_id: int | None, problem: str) -> None:
            if notification_id is None:
                self.showing = None
                self._end(1, f"the notification could not be shown: {problem}")
                return
            self.showing = notification_id
            self.say(f"hiptimer: reminder shown ({summary})")

        self.notifier.notify(summary, body, actions, shown)

    def _answered(self, notification_id: int, key: str) -> None:
        if notification_id != self.showing:
            return
        now = self.now()
        if key in ("start", DEFAULT_ACTION):
            routine_id, side = self.routine_and_side()
            self.launch([*self.command, "--routine", routine_id, "--side", side, "--start"])
            self._withdraw()
            self._end(0, f"started {routine_id}")
        elif key == "snooze":
            self._save(rules.snooze(self.state, self.plan, now))
            self._withdraw()
            self.say("hiptimer: snoozed")
        elif key == "skip":
            self._save(rules.skip_today(self.state, now, self.tz))
            self._withdraw()
            self._end(0, "skipped today")

    def _closed(self, notification_id: int, _reason: int) -> None:
        if notification_id == self.showing:
            self.showing = None
            if self.state.snoozed_until is None:
                self._end(0, "the reminder was closed")

    def _withdraw(self) -> None:
        if self.showing:
            shown, self.showing = self.showing, None
            self.notifier.close_notification(shown)

    def _save(self, state: ReminderState) -> None:
        self.state = state
        try:
            save_state(self.paths.reminder_state_file, state)
        except OSError as exc:
            self.say(f"hiptimer: the reminder state could not be saved: {exc}")

    def _end(self, code: int, why: str) -> None:
        if self._ended:
            return
        self._ended = True
        self._timer.stop()
        self.say(f"hiptimer: {why}")
        self.finished.emit(code)


def run_remind(paths: AppPaths, catalog: Catalog) -> int:
    """The ``hiptimer remind`` command."""
    settings, problem = load_settings(paths.settings_file)
    if problem:
        print(f"hiptimer: {problem}", file=sys.stderr)
    if not settings.reminders:
        print("hiptimer: reminders are off (turn them on in Settings)")
        return 0
    app = QCoreApplication.instance() or QCoreApplication([sys.argv[0]])
    bus = open_bus()
    if bus is None:
        print("hiptimer: no D-Bus session bus, so no notification can be shown", file=sys.stderr)
        return 1
    run = ReminderRun(paths, settings, catalog, Notifier(bus))
    codes: list[int] = []

    def finished(code: int) -> None:
        codes.append(code)
        app.quit()

    run.finished.connect(finished)
    QTimer.singleShot(0, run, run.start)
    app.exec()
    bus.close()
    return codes[0] if codes else 0
