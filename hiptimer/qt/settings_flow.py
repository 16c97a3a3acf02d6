"""Settings opened from the window: the dialog, then everything a change touches.

Kept out of the window's module, and imported only when Settings first opens (issue 16).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QDialog

from hiptimer.core.speech import VoiceChoice
from hiptimer.qt.session.audio_check import audio_check
from hiptimer.qt.settings_dialog import SettingsDialog
from hiptimer.qt.style import apply_theme

if TYPE_CHECKING:
    from hiptimer.qt.main_window import MainWindow


def edit_settings(window: MainWindow) -> None:
    """Show Settings; on OK save them and apply the voice, theme, sound and durations."""
    settings = window.ctx.settings
    voice_before = settings.voice_choice
    dialog = SettingsDialog(
        settings,
        window,
        voice_in_use=window.voice.description if window.voice is not None else "",
        cache_dir=window.ctx.paths.cache_dir,
        player=window.cues,
        audio=audio_check(window.cues, window.voice),
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    window.save_settings()
    if window.voice is not None and settings.voice_choice != voice_before:
        window.voice.choose(VoiceChoice.from_setting(settings.voice_choice))
    app = QApplication.instance()
    if isinstance(app, QApplication):
        apply_theme(app, settings.theme)
    window.mute_action.setChecked(settings.muted)
    window.apply_audio_settings()
    window.picker.reload()  # the get-ready time changes the estimated durations
    window.picker.show_limited_side()
