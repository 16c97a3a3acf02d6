"""Cue sounds (QSoundEffect) and voice prompts (QTextToSpeech).

Both are optional: when QtMultimedia cannot load (no libpulse), no audio device exists, or no
speech engine starts, the session still runs silent and :attr:`problems` says why, once.
"""

from __future__ import annotations

import importlib
from collections import deque
from pathlib import Path

from PySide6.QtCore import QObject

SOUND_NAMES = ("start", "tick", "end", "switch", "rep")


class CuePlayer(QObject):
    """Plays the short WAV cues from ``sounds_dir``."""

    def __init__(self, sounds_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.problem: str | None = None
        self._effects: dict[str, object] = {}
        self._volume = 0.8
        self._muted = False
        try:
            multimedia = importlib.import_module("PySide6.QtMultimedia")
        except ImportError as exc:
            self.problem = f"Sound is off: Qt Multimedia could not load ({exc})."
            return
        if not multimedia.QMediaDevices.audioOutputs():
            self.problem = "Sound is off: no audio output device was found."
            return
        from PySide6.QtCore import QUrl

        for name in SOUND_NAMES:
            path = sounds_dir / f"{name}.wav"
            if not path.is_file():
                self.problem = f"Sound is off for some cues: {path} is missing."
                continue
            effect = multimedia.QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            self._effects[name] = effect
        self._apply()

    @property
    def available(self) -> bool:
        return bool(self._effects)

    def set_volume(self, percent: int) -> None:
        self._volume = max(0, min(percent, 100)) / 100
        self._apply()

    def set_muted(self, muted: bool) -> None:
        self._muted = muted
        self._apply()

    def _apply(self) -> None:
        for effect in self._effects.values():
            effect.setVolume(self._volume)
            effect.setMuted(self._muted)

    def play(self, name: str) -> None:
        effect = self._effects.get(name)
        if effect is not None and not self._muted:
            effect.play()


class Voice(QObject):
    """Speaks prompts; newer prompts interrupt older ones so the voice never lags the timer."""

    def __init__(self, engine: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.problem: str | None = None
        self._speech = None
        self._enabled = True
        self._muted = False
        self._volume = 0.8
        self.spoken: deque[str] = deque(maxlen=100)  # recent prompts, for the window and tests
        try:
            tts = importlib.import_module("PySide6.QtTextToSpeech")
        except ImportError as exc:
            self.problem = f"Voice is off: Qt Text to Speech could not load ({exc})."
            return
        engines = tts.QTextToSpeech.availableEngines()
        if engine is None:
            engine = next((e for e in engines if e != "mock"), None)
        if engine is None or engine not in engines:
            self.problem = ("Voice is off: no speech engine is installed "
                            "(for example speech-dispatcher).")
            return
        speech = tts.QTextToSpeech(engine, self)
        if speech.state() == tts.QTextToSpeech.State.Error:
            self.problem = f"Voice is off: the speech engine '{engine}' did not start."
            return
        self._speech = speech
        self._apply()

    @property
    def available(self) -> bool:
        return self._speech is not None

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled

    def set_muted(self, muted: bool) -> None:
        self._muted = muted

    def set_volume(self, percent: int) -> None:
        self._volume = max(0, min(percent, 100)) / 100
        self._apply()

    def _apply(self) -> None:
        if self._speech is not None:
            self._speech.setVolume(self._volume)

    def say(self, text: str) -> None:
        if self._speech is None or not self._enabled or self._muted:
            return
        self.spoken.append(text)
        self._speech.stop()
        self._speech.say(text)
