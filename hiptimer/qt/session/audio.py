"""Cue sounds (QSoundEffect) and voice prompts (QTextToSpeech).

Both are optional: when QtMultimedia cannot load (no libpulse), no audio device exists, or no
speech engine starts, the session still runs silent and :attr:`problems` says why, once.
"""

from __future__ import annotations

import importlib
import sys
from collections import deque
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer, Signal

from hiptimer.core.session.announcements import Sound


class CuePlayer(QObject):
    """Plays the short WAV cues from ``sounds_dir``."""

    def __init__(self, sounds_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.problem: str | None = None
        self._effects: dict[str, Any] = {}  # QSoundEffect, imported only when there is sound
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

        for sound in Sound:
            name = sound.value
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

    def play(self, sound: Sound | str) -> None:
        effect = self._effects.get(Sound(sound).value)
        if effect is not None and not self._muted:
            effect.play()


_PROBE = """
import sys
from PySide6.QtCore import QCoreApplication
from PySide6.QtTextToSpeech import QTextToSpeech
app = QCoreApplication([])
speech = QTextToSpeech(sys.argv[1])
print("error" if speech.state() == QTextToSpeech.State.Error else "ok", flush=True)
"""


class Voice(QObject):
    """Speaks prompts; newer prompts interrupt older ones so the voice never lags the timer.

    Some speech engines block for good when their service hangs (speech-dispatcher without a
    working audio output does), so a real engine is first tried in a short-lived child process;
    only when that answers in time is it started here.  ``problem_found`` reports a failure.
    """

    problem_found = Signal(str)

    def __init__(
        self,
        engine: str | None = None,
        *,
        probe: bool | None = None,
        probe_timeout_ms: int = 5000,
        parent: QObject | None = None,
    ) -> None:
        """``engine`` None picks the first real engine; ``probe`` (default: when picking)
        tries it in a child process first."""
        super().__init__(parent)
        self.problem: str | None = None
        self._speech = None
        self._engine: str | None = None
        self._enabled = True
        self._muted = False
        self._volume = 0.8
        self._probe: QProcess | None = None
        self._pending: str | None = None  # the latest prompt asked for while probing
        self.spoken: deque[str] = deque(maxlen=100)  # recent prompts, for the window and tests
        try:
            self._tts = importlib.import_module("PySide6.QtTextToSpeech")
        except ImportError as exc:
            self.problem = f"Voice is off: Qt Text to Speech could not load ({exc})."
            return
        engines = self._tts.QTextToSpeech.availableEngines()
        if probe is None:
            probe = engine is None
        if engine is None:
            engine = next((e for e in engines if e != "mock"), None)
            if engine is None:
                self.problem = (
                    "Voice is off: no speech engine is installed (for example speech-dispatcher)."
                )
                return
        if engine not in engines:
            self.problem = f"Voice is off: the speech engine '{engine}' is not installed."
            return
        self._engine = engine
        if probe:
            self._start_probe(engine, probe_timeout_ms)
        else:
            self._create(engine)

    def _start_probe(self, engine: str, timeout_ms: int) -> None:
        probe = QProcess(self)
        probe.setProcessChannelMode(QProcess.ProcessChannelMode.MergedChannels)
        env = QProcessEnvironment.systemEnvironment()
        env.insert("QT_QPA_PLATFORM", "offscreen")
        probe.setProcessEnvironment(env)
        probe.finished.connect(self._probe_finished)
        QTimer.singleShot(timeout_ms, self._probe_timed_out)
        self._probe = probe
        probe.start(sys.executable, ["-c", _PROBE, engine])

    def _probe_timed_out(self) -> None:
        probe, self._probe = self._probe, None
        if probe is None:
            return
        probe.finished.disconnect(self._probe_finished)
        probe.kill()
        probe.waitForFinished(1000)
        probe.deleteLater()
        self._fail(f"Voice is off: the speech engine '{self._engine}' did not answer.")

    def _probe_finished(self) -> None:
        probe, self._probe = self._probe, None
        if probe is None:
            return
        output = bytes(probe.readAll().data()).decode(errors="replace")
        if probe.exitCode() == 0 and "ok" in output.split() and self._engine is not None:
            self._create(self._engine)
        elif self.problem is None:
            self._fail(f"Voice is off: the speech engine '{self._engine}' did not start.")
        probe.deleteLater()

    def _fail(self, message: str) -> None:
        self.problem = message
        self.problem_found.emit(message)

    def _create(self, engine: str) -> None:
        speech = self._tts.QTextToSpeech(engine, self)
        if speech.state() == self._tts.QTextToSpeech.State.Error:
            self._fail(f"Voice is off: the speech engine '{engine}' did not start.")
            return
        self._speech = speech
        self._apply()
        pending, self._pending = self._pending, None
        if pending:
            self.say(pending)

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
        if not self._enabled or self._muted:
            return
        if self._speech is None:
            if self._probe is not None:
                self._pending = text  # said as soon as the engine answers
            return
        self.spoken.append(text)
        self._speech.stop()
        self._speech.say(text)
