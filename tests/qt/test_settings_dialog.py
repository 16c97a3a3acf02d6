"""The settings dialog: OK stores clamped values, Cancel leaves the settings alone."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QDialog, QLabel

from hiptimer.core.routines.model import Side
from hiptimer.core.settings import NUMBER_LIMITS, Settings
from hiptimer.core.speech import VoiceChoice
from hiptimer.qt.settings_dialog import SettingsDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _dialog(qtbot, settings: Settings) -> SettingsDialog:
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _change_everything(dialog: SettingsDialog) -> None:
    dialog.volume.setValue(35)
    dialog.muted.setChecked(True)
    dialog.voice.setChecked(False)
    dialog.lead_in.setValue(25)
    dialog.self_paced.setChecked(True)
    dialog.weekly_goal.setValue(5)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.limited_side.setCurrentIndex(dialog.limited_side.findText("Right hip"))


def test_shows_the_current_settings(qtbot) -> None:
    settings = Settings(
        limited_side=Side.LEFT,
        lead_in_seconds=15,
        volume=40,
        muted=True,
        voice=False,
        self_paced_reps=True,
        weekly_goal=4,
        theme="light",
    )
    dialog = _dialog(qtbot, settings)
    assert dialog.volume.value() == 40
    assert dialog.volume_value.text() == "40 %"
    assert dialog.muted.isChecked()
    assert not dialog.voice.isChecked()
    assert dialog.lead_in.value() == 15
    assert dialog.self_paced.isChecked()
    assert dialog.weekly_goal.value() == 4
    assert dialog.theme.currentData() == "light"
    assert dialog.chosen_side() is Side.LEFT


def test_cancel_leaves_the_settings_untouched(qtbot) -> None:
    settings = Settings()
    before = replace(settings)
    dialog = _dialog(qtbot, settings)
    _change_everything(dialog)
    with qtbot.waitSignal(dialog.rejected):
        dialog.buttons.rejected.emit()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert settings == before


def test_ok_stores_every_value(qtbot) -> None:
    settings = Settings()
    dialog = _dialog(qtbot, settings)
    _change_everything(dialog)
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.accepted.emit()
    assert settings == Settings(
        limited_side=Side.RIGHT,
        lead_in_seconds=25,
        volume=35,
        muted=True,
        voice=False,
        self_paced_reps=True,
        weekly_goal=5,
        welcome_done=False,
        theme="dark",
    )


def test_ok_stores_clamped_values(qtbot) -> None:
    settings = Settings(lead_in_seconds=200, volume=150, weekly_goal=0, theme="purple")
    dialog = _dialog(qtbot, settings)
    dialog.weekly_goal.setValue(99)
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()
    assert settings.lead_in_seconds == NUMBER_LIMITS["lead_in_seconds"].high == 120
    assert settings.volume == 100
    assert settings.weekly_goal == 14
    assert settings.theme == "system"


def test_every_allowed_value_survives_ok_unchanged(qtbot) -> None:
    """The dialog's ranges are the settings' own: a stored 90 s get-ready is not cut to 60."""
    settings = Settings(lead_in_seconds=90, volume=0, weekly_goal=14)
    dialog = _dialog(qtbot, settings)
    for name, limits in NUMBER_LIMITS.items():
        short = {"lead_in_seconds": "lead_in", "change_lead_in_seconds": "change_lead_in"}
        control = getattr(dialog, short.get(name, name))
        assert (control.minimum(), control.maximum()) == limits, name
    dialog.accept()
    assert (settings.lead_in_seconds, settings.volume, settings.weekly_goal) == (90, 0, 14)


def test_not_set_clears_the_limited_side(qtbot) -> None:
    settings = Settings(limited_side=Side.LEFT)
    dialog = _dialog(qtbot, settings)
    dialog.limited_side.setCurrentIndex(dialog.limited_side.findText("Not set"))
    dialog.accept()
    assert settings.limited_side is None


def test_ok_keeps_what_the_dialog_does_not_edit(qtbot) -> None:
    settings = Settings(welcome_done=True)
    _dialog(qtbot, settings).accept()
    assert settings.welcome_done is True
    assert settings == replace(Settings(welcome_done=True))


def test_every_field_has_a_label_with_a_buddy_and_a_mnemonic(qtbot) -> None:
    dialog = _dialog(qtbot, Settings())
    buddies = {label.buddy() for label in dialog.findChildren(QLabel) if label.buddy()}
    for field in (
        dialog.volume,
        dialog.lead_in,
        dialog.change_lead_in,
        dialog.weekly_goal,
        dialog.theme,
        dialog.limited_side,
    ):
        assert field in buddies
        label = next(lb for lb in dialog.findChildren(QLabel) if lb.buddy() is field)
        assert "&" in label.text()
    for box in (dialog.muted, dialog.voice, dialog.self_paced):
        assert "&" in box.text()


def test_reminder_days_follow_the_weekly_goal_until_picked(qtbot) -> None:
    settings = Settings(weekly_goal=3)
    dialog = _dialog(qtbot, settings)
    checked = [day for day, box in dialog.day_boxes.items() if box.isChecked()]
    assert checked == ["mon", "wed", "fri"]
    dialog.weekly_goal.setValue(2)
    assert [d for d, box in dialog.day_boxes.items() if box.isChecked()] == ["mon", "thu"]
    dialog.reminders.setChecked(True)
    dialog.accept()
    assert settings.reminders and settings.reminder_days is None  # still following the goal


def test_picked_days_time_and_snooze_are_stored(qtbot) -> None:
    from PySide6.QtCore import Qt, QTime

    settings = Settings()
    dialog = _dialog(qtbot, settings)
    dialog.reminders.setChecked(True)
    qtbot.mouseClick(dialog.day_boxes["fri"], Qt.MouseButton.LeftButton)  # off
    qtbot.mouseClick(dialog.day_boxes["sat"], Qt.MouseButton.LeftButton)  # on
    dialog.weekly_goal.setValue(5)  # picked days no longer follow the goal
    dialog.reminder_time.setTime(QTime(7, 45))
    dialog.snooze_minutes.setValue(15)
    dialog.reassess_weeks.setValue(4)
    dialog.accept()
    assert settings.reminder_days == ["mon", "wed", "sat"]
    assert (settings.reminder_time, settings.snooze_minutes, settings.reassess_weeks) == (
        "07:45",
        15,
        4,
    )


def test_no_day_checked_turns_reminders_off(qtbot) -> None:
    settings = Settings(reminders=True, reminder_days=["tue"])
    dialog = _dialog(qtbot, settings)
    assert dialog.day_boxes["tue"].isChecked() and dialog.reminder_time.isEnabled()
    dialog.day_boxes["tue"].setChecked(False)
    dialog.accept()
    assert not settings.reminders


def test_autostart_is_offered_only_with_a_tray(qtbot, app_paths) -> None:
    import os
    from pathlib import Path

    assert _dialog(qtbot, Settings()).autostart.isHidden()  # offscreen: no tray
    offered = SettingsDialog(Settings(), offer_autostart=True)
    qtbot.addWidget(offered)
    assert not offered.autostart.isHidden() and not offered.autostart.isChecked()
    offered.autostart.setChecked(True)
    offered.accept()
    entry = (
        Path(os.environ["XDG_CONFIG_HOME"]) / "autostart" / "io.github.hiptimer.Hiptimer.desktop"
    )
    assert entry.is_file()
    again = SettingsDialog(Settings(), offer_autostart=True)
    qtbot.addWidget(again)
    assert again.autostart.isChecked()
    again.autostart.setChecked(False)
    again.accept()
    assert not entry.exists()


def test_the_voice_rows_show_and_store_the_voice_its_speed_and_reading(qtbot) -> None:
    settings = Settings(voice_choice="builtin:en-us", speech_rate=-20, read_steps=True)
    dialog = _dialog(qtbot, settings)
    assert dialog.voice_picker.choice().setting == "builtin:en-us"
    assert (dialog.speech_rate.value(), dialog.speech_rate_value.text()) == (-20, "-20 %")
    assert dialog.read_steps.isChecked()
    dialog.voice_picker.set_choice(VoiceChoice())
    dialog.speech_rate.setValue(15)
    dialog.read_steps.setChecked(False)
    dialog.accept()
    assert (settings.voice_choice, settings.speech_rate, settings.read_steps) == ("auto", 15, False)


def _audio_dialog(qtbot, settings: Settings, audio) -> SettingsDialog:
    dialog = SettingsDialog(settings, audio=audio)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _voice_controls(dialog: SettingsDialog) -> list:
    return [
        dialog.voice,
        dialog.voice_picker.combo,
        dialog.speech_rate,
        dialog.read_steps,
    ]


def test_without_a_sound_device_or_voice_no_audio_control_is_offered(qtbot) -> None:
    from hiptimer.qt.session.audio_check import NO_SOUND, AudioCheck

    settings = Settings(volume=40, voice=True, read_steps=True)
    dialog = _audio_dialog(qtbot, settings, AudioCheck(False, False, NO_SOUND, ""))
    for control in (dialog.volume, dialog.muted, *_voice_controls(dialog)):
        assert not control.isVisible(), control.accessibleName()
    assert dialog.audio_note.isVisible() and dialog.audio_note.text() == NO_SOUND
    assert not dialog.voice_note.isVisible()
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.accepted.emit()
    assert (settings.volume, settings.voice, settings.read_steps) == (40, True, True)  # kept


def test_with_sound_but_no_voice_only_the_volume_is_offered(qtbot) -> None:
    from hiptimer.qt.session.audio_check import NO_VOICE, AudioCheck

    dialog = _audio_dialog(qtbot, Settings(), AudioCheck(True, False, "", NO_VOICE))
    assert dialog.volume.isVisible() and dialog.muted.isVisible()
    for control in _voice_controls(dialog):
        assert not control.isVisible(), control.accessibleName()
    assert dialog.voice_note.isVisible() and "espeak-ng" in dialog.voice_note.text()
    assert not dialog.audio_note.isVisible()


def test_with_sound_and_a_voice_everything_is_offered(qtbot) -> None:
    dialog = _dialog(qtbot, Settings())
    for control in (dialog.volume, dialog.muted, *_voice_controls(dialog)):
        assert control.isVisible(), control.accessibleName()
    assert not dialog.audio_note.isVisible() and not dialog.voice_note.isVisible()


def test_what_exists_comes_from_the_windows_player_and_voice() -> None:
    from hiptimer.qt.session.audio_check import NO_SOUND, SYSTEM_VOICE_ONLY, audio_check
    from tests.fakes import RecordingPlayer

    class FakeVoice:
        def __init__(self, available: bool, deciding: bool = False) -> None:
            self.available, self.deciding = available, deciding

    silent = audio_check(RecordingPlayer(available=False), FakeVoice(False))  # type: ignore[arg-type]
    assert (silent.sound, silent.voice, silent.why_no_sound) == (False, False, NO_SOUND)
    system = audio_check(RecordingPlayer(available=False), FakeVoice(True))  # type: ignore[arg-type]
    assert (system.sound, system.voice, system.why_no_sound) == (False, True, SYSTEM_VOICE_ONLY)
    trying = audio_check(RecordingPlayer(), FakeVoice(False, deciding=True))  # type: ignore[arg-type]
    assert (trying.sound, trying.voice, trying.why_no_voice) == (True, True, "")
