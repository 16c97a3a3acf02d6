"""``hiptimer remind`` with real parts: a private D-Bus, dunst as the notification daemon and
real hiptimer processes.  The notification appears with its actions, "Start now" starts the
session in the running hiptimer, "Skip today" holds back today's reminders, and nothing comes
once today's session is done.  The snooze runs in this process with a fake clock."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from hiptimer.core.paths import AppPaths
from hiptimer.core.reminders.state_file import load_state
from hiptimer.core.settings import WEEKDAYS, Settings
from hiptimer.qt.desktop.bus import open_bus
from hiptimer.qt.desktop.notifications import Notifier
from hiptimer.qt.desktop.remind import ReminderRun
from tests.fakes import add_session, builtin_catalog, open_store
from tests.real_parts import AppHome, hiptimer, stop, wait_for


def due_now() -> str:
    """A reminder time that has just passed today (so a run now is due)."""
    now = datetime.now()
    earlier = now - timedelta(minutes=1)
    return earlier.strftime("%H:%M") if earlier.date() == now.date() else "00:00"


def reminder_home(tmp_path: Path) -> AppHome:
    return AppHome.make(
        tmp_path,
        reminders=True,
        reminder_days=list(WEEKDAYS),
        reminder_time=due_now(),
        limited_side="left",
    )


def remind(home: AppHome, daemon) -> subprocess.Popen:
    return hiptimer("remind", env=home.env(**daemon_env(daemon)))


def daemon_env(daemon) -> dict[str, str]:
    return {"DBUS_SESSION_BUS_ADDRESS": daemon.bus.address, "DISPLAY": daemon.display.name}


def test_start_now_starts_the_session_in_the_running_app(tmp_path: Path, notification_daemon):
    home = reminder_home(tmp_path)
    app = hiptimer(env=home.env(**daemon_env(notification_daemon)))
    try:
        wait_for(lambda: list(home.runtime.glob("*.socket")), 30, "the app")
        run = remind(home, notification_daemon)
        wait_for(lambda: notification_daemon.displayed() == 1, 30, "the notification")
        notification_daemon.choose("start")
        out, err = run.communicate(timeout=60)
        assert run.returncode == 0, err
        menu = notification_daemon.menu()
        for label, key in (("Start now", "start"), ("Snooze 30 min", "snooze")):
            assert f"#{label} (Time for your hip session)" in menu and f",{key}]" in menu
        assert ",skip]" in menu
        assert "started full-program" in out
        wait_for(lambda: home.sessions() == [("full-program", "incomplete")], 30, "the session")
        assert app.poll() is None
        wait_for(lambda: notification_daemon.displayed() == 0, 10, "the reminder withdrawn")
        again = remind(home, notification_daemon)  # the same time is never shown twice
        out, _err = again.communicate(timeout=60)
        assert "no reminder is due" in out or "under way" in out
    finally:
        stop(app)


def test_skip_today_holds_back_todays_reminders(tmp_path: Path, notification_daemon) -> None:
    home = reminder_home(tmp_path)
    run = remind(home, notification_daemon)
    wait_for(lambda: notification_daemon.displayed() == 1, 30, "the notification")
    notification_daemon.choose("skip")
    out, err = run.communicate(timeout=60)
    assert run.returncode == 0, err
    assert "skipped today" in out
    state = json.loads((home.root / "data" / "hiptimer" / "reminders.json").read_text())
    assert state["skipped_day"] == datetime.now().date().isoformat()
    assert home.sessions() == []


def test_nothing_comes_when_todays_session_is_done(tmp_path: Path, notification_daemon) -> None:
    home = reminder_home(tmp_path)
    store = open_store(home.history_file)
    started = datetime.now().astimezone() - timedelta(minutes=2)
    add_session(store, started, routine=("daily", "Daily"), side="left")  # a workout today
    store.close()
    run = remind(home, notification_daemon)
    out, err = run.communicate(timeout=60)
    assert run.returncode == 0, err
    assert "today's session is done" in out
    assert notification_daemon.displayed() == 0


def test_reminders_off_show_nothing(tmp_path: Path, notification_daemon) -> None:
    home = AppHome.make(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "hiptimer", "remind"],
        env=home.env(**daemon_env(notification_daemon)),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0 and "reminders are off" in done.stdout
    assert notification_daemon.displayed() == 0


class FakeNow:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def test_snooze_brings_it_back_once_without_another_snooze(
    qtbot, notification_daemon, app_paths: AppPaths
) -> None:
    bus = open_bus(notification_daemon.bus.address)
    assert bus is not None
    now = FakeNow(datetime.now().astimezone().replace(hour=12, minute=0, second=0))
    settings = Settings(
        reminders=True, reminder_days=list(WEEKDAYS), reminder_time="11:59", snooze_minutes=30
    )
    launched: list[list[str]] = []
    run = ReminderRun(
        app_paths,
        settings,
        builtin_catalog(),
        Notifier(bus),
        now=now,
        fullscreen=lambda: False,
        launch=launched.append,
        command=["hiptimer"],
        say=lambda _text: None,
    )
    run.start(poll_ms=3_600_000)  # the test calls check() itself
    qtbot.waitUntil(lambda: run.showing not in (None, 0), timeout=10_000)
    qtbot.waitUntil(lambda: notification_daemon.displayed() == 1, timeout=10_000)
    notification_daemon.choose("snooze")
    qtbot.waitUntil(lambda: run.state.snoozed_until is not None, timeout=10_000)
    assert ",snooze]" in notification_daemon.menu()
    qtbot.waitUntil(lambda: notification_daemon.displayed() == 0, timeout=10_000)
    now.moment += timedelta(minutes=29)
    run.check()
    assert run.showing is None  # not yet
    now.moment += timedelta(minutes=2)
    run.check()
    qtbot.waitUntil(lambda: notification_daemon.displayed() == 1, timeout=10_000)
    with qtbot.waitSignal(run.finished, timeout=10_000) as finished:
        notification_daemon.choose("start")
    assert finished.args == [0]
    menu = notification_daemon.menu()
    assert ",start]" in menu and ",snooze]" not in menu  # at most one repeat
    assert launched == [["hiptimer", "--routine", "full-program", "--side", "both", "--start"]]
    assert load_state(app_paths.reminder_state_file).repeats == 1
    bus.close()


@pytest.mark.parametrize("routine", ["assessment"])
def test_the_reassessment_reminder_starts_the_assessment(
    qtbot, notification_daemon, app_paths: AppPaths, routine: str
) -> None:
    store = open_store(app_paths.history_file)
    long_ago = datetime.now().astimezone() - timedelta(weeks=4)
    store.add_measurement("prone", "left", 30, long_ago)
    store.close()
    bus = open_bus(notification_daemon.bus.address)
    launched: list[list[str]] = []
    now = FakeNow(datetime.now().astimezone().replace(hour=12, minute=0, second=0))
    settings = Settings(reminders=True, reminder_days=list(WEEKDAYS), reminder_time="11:59")
    run = ReminderRun(
        app_paths,
        settings,
        builtin_catalog(),
        Notifier(bus),
        now=now,
        fullscreen=lambda: False,
        launch=launched.append,
        command=["hiptimer"],
        say=lambda _text: None,
    )
    run.start(poll_ms=3_600_000)
    qtbot.waitUntil(lambda: notification_daemon.displayed() == 1, timeout=10_000)
    with qtbot.waitSignal(run.finished, timeout=10_000):
        notification_daemon.choose("start")
    assert "(Time to measure your hips again)" in notification_daemon.menu()
    assert launched == [["hiptimer", "--routine", routine, "--side", "both", "--start"]]
    bus.close()


def test_two_runs_at_once_show_the_reminder_once(
    qtbot, notification_daemon, app_paths: AppPaths
) -> None:
    bus = open_bus(notification_daemon.bus.address)
    now = FakeNow(datetime.now().astimezone().replace(hour=12, minute=0, second=0))
    settings = Settings(reminders=True, reminder_days=list(WEEKDAYS), reminder_time="11:59")
    said: list[str] = []
    runs = [
        ReminderRun(
            app_paths,
            settings,
            builtin_catalog(),
            Notifier(bus),
            now=now,
            fullscreen=lambda: False,
            launch=lambda _c: None,
            command=["hiptimer"],
            say=said.append,
        )
        for _ in range(2)
    ]
    for run in runs:  # both constructed (state read) before either decided
        run.start(poll_ms=3_600_000)
    qtbot.waitUntil(lambda: notification_daemon.displayed() == 1, timeout=10_000)
    assert runs[0].showing is not None and runs[1].showing is None
    assert "hiptimer: no reminder is due" in said
    bus.close()


def test_a_fullscreen_window_holds_the_reminder_until_it_goes(
    qtbot, notification_daemon, app_paths: AppPaths
) -> None:
    bus = open_bus(notification_daemon.bus.address)
    now = FakeNow(datetime.now().astimezone().replace(hour=12, minute=0, second=0))
    settings = Settings(reminders=True, reminder_days=list(WEEKDAYS), reminder_time="11:59")
    fullscreen = [True]
    said: list[str] = []
    run = ReminderRun(
        app_paths,
        settings,
        builtin_catalog(),
        Notifier(bus),
        now=now,
        fullscreen=lambda: fullscreen[0],
        launch=lambda _c: None,
        command=["hiptimer"],
        say=said.append,
    )
    run.start(poll_ms=3_600_000)
    assert said == ["hiptimer: waiting: a fullscreen window is active"]
    assert run.showing is None and notification_daemon.displayed() == 0
    fullscreen[0] = False
    now.moment += timedelta(minutes=1)
    run.check()  # what the minute timer does
    qtbot.waitUntil(lambda: notification_daemon.displayed() == 1, timeout=10_000)
    bus.close()


def test_no_session_bus_is_one_line_and_exit_1(tmp_path: Path) -> None:
    home = reminder_home(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "hiptimer", "remind"],
        env=home.env(DBUS_SESSION_BUS_ADDRESS=f"unix:path={tmp_path}/none"),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == (
        "hiptimer: no D-Bus session bus, so no notification can be shown"
    )
