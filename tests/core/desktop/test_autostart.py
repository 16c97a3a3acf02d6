"""Autostart: the entry is written and removed by the toggle only, so deleting it by hand
turns autostart off for good."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from hiptimer.core.desktop import choices
from hiptimer.core.desktop.autostart import autostart_file, autostart_on, set_autostart
from hiptimer.core.paths import resources_dir
from hiptimer.core.settings import Settings
from tests.core.desktop.test_install import entry_of
from tests.resources.test_desktop_files import run_validator


def test_the_entry_starts_this_install_in_the_tray_and_validates(tmp_path: Path) -> None:
    set_autostart(tmp_path, resources_dir(), ["/venv/bin/hiptimer"], True)
    path = autostart_file(tmp_path)
    assert path == tmp_path / "autostart" / "io.github.hiptimer.Hiptimer.desktop"
    assert entry_of(path)["Exec"] == "/venv/bin/hiptimer --tray"
    result = run_validator("desktop-file-validate", str(path))
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout
    set_autostart(tmp_path, resources_dir(), ["/venv/bin/hiptimer"], False)
    assert not path.exists()


def test_an_entry_deleted_by_hand_is_not_written_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert choices.set_autostart_choice(True) is None  # the person turned it on
    assert autostart_on(tmp_path) and choices.autostart_choice(True) is True
    autostart_file(tmp_path).unlink()  # … and later deleted the file themselves
    assert choices.autostart_choice(True) is False  # the toggle shows off
    assert choices.autostart_choice(False) is None  # no tray: not offered at all


def test_reminder_choices_reschedule_the_timer_only_when_they_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, systemctl: Path
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    settings = Settings()
    sync = choices.ReminderSync(settings)
    assert sync(replace(settings, volume=10)) is None
    assert not systemctl.exists()  # nothing about reminders changed
    on = replace(settings, reminders=True)
    assert sync(on) is None
    timer = tmp_path / "systemd" / "user" / "hiptimer-reminders.timer"
    assert "OnCalendar=Mon,Wed,Fri *-*-* 18:00:00" in timer.read_text()
    assert sync(replace(on, weekly_goal=2)) is None  # the days follow the goal
    assert "OnCalendar=Mon,Thu *-*-* 18:00:00" in timer.read_text()
    assert sync(replace(on, weekly_goal=2, reminders=False)) is None
    assert not timer.exists()
