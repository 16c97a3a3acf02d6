"""The system's voice: Qt's text to speech (speech-dispatcher and the like).

Some speech engines block for good when their service hangs (speech-dispatcher without a
working audio output does), so a real engine is first tried in a short-lived child process
(:class:`EngineProbe`, which also lists its voices); only when that answers in time is it
started here.
"""

from __future__ import annotations

import importlib
import json
import shutil
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QTimer, Signal

from hiptimer.core.speech import qt_rate

#: The engine Qt ships for tests; never offered to people.
MOCK_ENGINE = "mock"

_PROBE = """
import json, sys
from PySide6.QtCore import QCoreApplication
from PySide6.QtTextToSpeech import QTextToSpeech
app = QCoreApplication([])
speech = QTextToSpeech(sys.argv[1])
ok = speech.state() != QTextToSpeech.State.Error
voices = [voice.name() for voice in speech.availableVoices()] if ok else []
print(json.dumps({"ok": ok, "voices": voices}), flush=True)
"""


def text_to_speech() -> Any:
    """The QtTextToSpeech module; ImportError when it cannot load."""
    return importlib.import_module("PySide6.QtTextToSpeech")


#: Engines that speak through a service of their own, and the program that runs it.  Without
#: that program the engine can never answer, so the automatic choice does not wait for it:
#: probing it would hold back the first phrase until the probe gives up.
SERVICE_PROGRAMS = {"speechd": "speech-dispatcher"}


def engine_can_start(engine: str, which: Callable[[str], str | None] = shutil.which) -> bool:
    program = SERVICE_PROGRAMS.get(engine)
    return program is None or which(program) is not None


def installed_engines() -> list[str]:
    try:
        return list(text_to_speech().QTextToSpeech.availableEngines())
    except ImportError:
        return []


class EngineProbe(QObject):
    """Starts ``engine`` in a child process: ``answered(ok, voices)`` or ``timed_out()``."""

    answered = Signal(bool, list)
    timed_out = Signal()

    def __init__(self, engine: str, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        process = QProcess(self)
        process.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        env = QProcessEnvironment.systemEnvironment()
        env.insert("QT_QPA_PLATFORM", "offscreen")
        process.setProcessEnvironment(env)
        process.finished.connect(self._finished)
        self._process: QProcess | None = process
        QTimer.singleShot(timeout_ms, self, self._give_up)  # never once the probe is gone
        process.start(sys.executable, ["-c", _PROBE, engine])

    @property
    def running(self) -> bool:
        return self._process is not None

    def stop(self) -> None:
        """Give up without a signal (the asker went away)."""
        process, self._process = self._process, None
        if process is not None:
            process.finished.disconnect(self._finished)
            process.kill()
            process.waitForFinished(1000)
            process.deleteLater()

    def _give_up(self) -> None:
        if self._process is not None:
            self.stop()
            self.timed_out.emit()

    def _finished(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        output = bytes(process.readAllStandardOutput().data()).decode(errors="replace")
        process.deleteLater()
        answer: dict[str, Any] = {}
        for line in output.splitlines():
            try:
                answer = json.loads(line)
            except ValueError:
                continue
        ok = process.exitCode() == 0 and answer.get("ok") is True
        voices = [v for v in answer.get("voices", []) if isinstance(v, str)] if ok else []
        self.answered.emit(ok, voices)


class SystemVoice(QObject):
    """Speaks with a Qt engine; a newer prompt interrupts an older one.

    ``ready`` once it can speak; ``failed(message)`` when the engine does not start or answer.
    A problem found at once (the engine is not installed) is in :attr:`problem` on return.
    """

    ready = Signal()
    failed = Signal(str)

    def __init__(
        self,
        engine: str,
        voice_name: str = "",
        *,
        probe: bool,
        probe_timeout_ms: int = 5000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.voice_name = voice_name
        self.problem: str | None = None
        self._speech: Any = None
        self._volume = 0.8
        self._rate = 0.0
        self._probe: EngineProbe | None = None
        try:
            self._tts = text_to_speech()
        except ImportError as exc:
            self.problem = f"Qt Text to Speech could not load ({exc})"
            return
        if engine not in self._tts.QTextToSpeech.availableEngines():
            self.problem = f"the speech engine '{engine}' is not installed"
            return
        if probe:
            self._probe = EngineProbe(engine, probe_timeout_ms, self)
            self._probe.answered.connect(self._probe_answered)
            self._probe.timed_out.connect(
                lambda: self._fail(f"the speech engine '{engine}' did not answer")
            )
        else:
            self._create()  # at once: ``available`` tells the caller, no signal is needed

    @property
    def available(self) -> bool:
        return self._speech is not None

    @property
    def label(self) -> str:
        """'speechd, English (America)': the engine and the voice speaking."""
        name = self._speech.voice().name() if self._speech is not None else self.voice_name
        return ", ".join(part for part in (self.engine, name) if part)

    def _probe_answered(self, ok: bool, _voices: list) -> None:
        if ok:
            self._create()
        else:
            self._fail(f"the speech engine '{self.engine}' did not start")

    def _fail(self, message: str) -> None:
        self.problem = message
        self.failed.emit(message)

    def _create(self) -> None:
        speech = self._tts.QTextToSpeech(self.engine, self)
        if speech.state() == self._tts.QTextToSpeech.State.Error:
            self._fail(f"the speech engine '{self.engine}' did not start")
            return
        if self.voice_name:
            match = [v for v in speech.availableVoices() if v.name() == self.voice_name]
            if match:
                speech.setVoice(match[0])
        self._speech = speech
        self._apply()
        self.ready.emit()

    def set_volume(self, volume: float) -> None:
        self._volume = volume
        self._apply()

    def set_rate(self, rate_percent: int) -> None:
        self._rate = qt_rate(rate_percent)
        self._apply()

    def _apply(self) -> None:
        if self._speech is not None:
            self._speech.setVolume(self._volume)
            self._speech.setRate(self._rate)

    def say(self, text: str) -> bool:
        if self._speech is None:
            return False
        self._speech.stop()
        self._speech.say(text)
        return True

    def stop(self) -> None:
        if self._speech is not None:
            self._speech.stop()
