"""The voice row of Settings: the voices that exist, Hear it (a test), and which one speaks.

The list fills in while the dialog is open: eSpeak NG's English voices (``espeak-ng
--voices``) and each system engine's voices (asked in a child process, as the engine may
hang).  Hear it speaks a sample with the voice and rate chosen, through the same fallback as a
session, and says which voice answered.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QProcess, Qt
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hiptimer.core.speech import ESPEAK_PROGRAM, Backend, VoiceChoice, parse_espeak_voices
from hiptimer.qt.session.system_voice import MOCK_ENGINE, EngineProbe, installed_engines

if TYPE_CHECKING:
    from hiptimer.qt.session.audio import CuePlayer
    from hiptimer.qt.session.voice import Voice

AUTOMATIC = "Automatic: the system voice if it works, else the built-in one"
SAMPLE = "This is how your coach sounds. Three, two, one. Go."
PROBE_TIMEOUT_MS = 5000


def choice_words(choice: VoiceChoice) -> str:
    if choice.backend is Backend.SYSTEM:
        return f"System: {choice.name or 'default voice'} ({choice.engine})"
    if choice.backend is Backend.BUILTIN:
        return f"Built-in: {choice.name} (eSpeak NG)"
    return AUTOMATIC


class VoicePicker(QWidget):
    """A combo box of voices (``choice()``/``set_choice()``), a Hear it button and a status line.

    Hear it speaks through ``player`` (the window's, or one made then) at ``rate()``; the
    built-in voice renders into ``cache_dir``.  ``in_use`` names the voice speaking now.
    """

    def __init__(
        self,
        *,
        cache_dir: Path | None = None,
        player: CuePlayer | None = None,
        rate: Callable[[], int] = lambda: 0,
        in_use: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._cache_dir, self._player, self._rate = cache_dir, player, rate
        self.test_voice: Voice | None = None
        self.combo = QComboBox()
        self.combo.setAccessibleName("Voice")
        self.combo.addItem(AUTOMATIC, VoiceChoice().setting)
        self.test_button = QPushButton("&Hear it")
        self.test_button.setAccessibleName("Test the voice")
        self.test_button.clicked.connect(self.test)
        self.status = QLabel(f"Now speaking: {in_use}." if in_use else "")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        row.addWidget(self.test_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self._listing: QProcess | None = None
        self._probes: list[EngineProbe] = []
        self._listed = False

    # The list ------------------------------------------------------------------------------
    def choice(self) -> VoiceChoice:
        return VoiceChoice.from_setting(self.combo.currentData())

    def set_choice(self, choice: VoiceChoice) -> None:
        self._add(choice)
        self.combo.setCurrentIndex(self.combo.findData(choice.setting))

    def _add(self, choice: VoiceChoice) -> None:
        if self.combo.findData(choice.setting) < 0:
            self.combo.addItem(choice_words(choice), choice.setting)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._listed:
            self._listed = True
            self.find_voices()

    def hideEvent(self, event: QHideEvent) -> None:
        self.stop_finding()
        super().hideEvent(event)

    def find_voices(self) -> None:
        """Ask eSpeak NG and each system engine for their voices (answers come later)."""
        program = shutil.which(ESPEAK_PROGRAM)
        if program is not None:
            listing = QProcess(self)
            listing.finished.connect(self._espeak_listed)
            self._listing = listing
            listing.start(program, ["--voices=en"])
        for engine in installed_engines():
            if engine != MOCK_ENGINE:
                probe = EngineProbe(engine, PROBE_TIMEOUT_MS, self)
                probe.answered.connect(
                    lambda ok, voices, engine=engine: self._engine_listed(engine, ok, voices)
                )
                self._probes.append(probe)

    @property
    def finding(self) -> bool:
        return self._listing is not None or any(p.running for p in self._probes)

    def _espeak_listed(self) -> None:
        listing, self._listing = self._listing, None
        if listing is None:
            return
        text = bytes(listing.readAllStandardOutput().data()).decode(errors="replace")
        listing.deleteLater()
        for voice, _label in parse_espeak_voices(text):
            self._add(VoiceChoice.builtin(voice))

    def _engine_listed(self, engine: str, ok: bool, voices: list) -> None:
        if ok:
            self._add(VoiceChoice.system(engine))
            for name in voices:
                self._add(VoiceChoice.system(engine, name))

    def stop_finding(self) -> None:
        listing, self._listing = self._listing, None
        if listing is not None:
            listing.finished.disconnect(self._espeak_listed)
            listing.kill()
            listing.waitForFinished(1000)
        for probe in self._probes:
            probe.stop()
        self._probes.clear()

    # Test ----------------------------------------------------------------------------------
    def test(self) -> None:
        """Say a sample with the chosen voice (a new test voice each time)."""
        from hiptimer.qt.session.audio import CuePlayer  # Qt Multimedia, only when asked
        from hiptimer.qt.session.voice import Voice

        if self._player is None:
            self._player = CuePlayer(parent=self)
        if self.test_voice is not None:
            self.test_voice.set_enabled(False)
            self.test_voice.setParent(None)
        voice = Voice(
            self.choice(), player=self._player, cache_dir=self._cache_dir, rate=self._rate()
        )
        voice.setParent(self)
        voice.changed.connect(self._show_test)
        self.test_voice = voice
        voice.say(SAMPLE)
        self._show_test()

    def _show_test(self) -> None:
        voice = self.test_voice
        if voice is None:
            return
        text = f"Testing {voice.description}."
        if voice.problem:
            text += f" {voice.notice}"
        if self._player is not None and self._player.problem:
            text += f" {self._player.problem}"
        self.status.setText(text)
