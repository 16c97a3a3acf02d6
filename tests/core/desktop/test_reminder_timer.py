"""The systemd user timer: its units pass systemd's own checks; enabling and disabling call
``systemctl --user`` (a recording stand-in on PATH) and leave the right files."""

from __future__ import annotations

import shutil
import subprocess
from datetime import time, timedelta
from pathlib import Path

import pytest

from hiptimer.core.desktop.reminder_timer import (
    disable_timer,
    enable_timer,
    on_calendar,
    service_text,
    timer_text,
    unit_command,
    unit_files,
)
from hiptimer.core.reminders.schedule import ReminderPlan

PLAN = ReminderPlan(frozenset({0, 2, 4}), time(18, 0), timedelta(minutes=30), 3)


def analyze(*args: str) -> subprocess.CompletedProcess[str]:
    tool = shutil.which("systemd-analyze")
    if tool is None:
        pytest.fail("systemd-analyze is not installed: install the Debian package 'systemd'")
    return subprocess.run([tool, *args], capture_output=True, text=True, timeout=60, check=False)


def test_on_calendar_is_what_systemd_reads() -> None:
    assert on_calendar(PLAN) == "Mon,Wed,Fri *-*-* 18:00:00"
    result = analyze("calendar", on_calendar(PLAN))
    assert result.returncode == 0, result.stderr
    assert "Normalized form: Mon,Wed,Fri *-*-* 18:00:00" in result.stdout


def test_the_units_verify(tmp_path: Path) -> None:
    python = shutil.which("python3") or "/usr/bin/python3"
    service, timer = tmp_path / "hiptimer-reminders.service", tmp_path / "hiptimer-reminders.timer"
    service.write_text(service_text([python, "-m", "hiptimer"]))
    timer.write_text(timer_text(PLAN))
    result = analyze("verify", str(timer), str(service))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Persistent=true" in timer.read_text()  # one catch-up run after a missed time
    assert "KillMode=process" in service.read_text()  # "Start now" outlives the run


def test_unit_command_keeps_odd_characters_literal() -> None:
    assert unit_command(["/opt/my apps/hiptimer", "50%", "$HOME"]) == (
        '"/opt/my apps/hiptimer" "50%%" "$$HOME"'
    )


def test_enable_writes_units_and_starts_the_timer(tmp_path: Path, systemctl: Path) -> None:
    config = tmp_path / "config"
    assert enable_timer(config, PLAN, ["/venv/bin/hiptimer"]) is None
    service, timer = unit_files(config)
    assert 'ExecStart="/venv/bin/hiptimer" "remind"' in service.read_text()
    assert "OnCalendar=Mon,Wed,Fri *-*-* 18:00:00" in timer.read_text()
    assert systemctl.read_text().splitlines() == [
        "--user daemon-reload",
        "--user enable --now hiptimer-reminders.timer",
        "--user restart hiptimer-reminders.timer",
    ]
    assert disable_timer(config) is None
    assert not service.exists() and not timer.exists()
    assert "--user disable --now hiptimer-reminders.timer" in systemctl.read_text()


def test_without_a_user_manager_the_problem_is_said(tmp_path: Path, systemctl: Path) -> None:
    (tmp_path / "fail").touch()
    problem = enable_timer(tmp_path / "config", PLAN, ["/venv/bin/hiptimer"])
    assert problem == (
        "Reminders could not be scheduled while hiptimer is closed: Failed to connect to bus"
    )


def test_disabling_with_no_units_calls_nothing(tmp_path: Path, systemctl: Path) -> None:
    assert disable_timer(tmp_path / "config") is None
    assert not systemctl.exists()
