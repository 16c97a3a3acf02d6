"""The voice prompts: the first voice that works speaks, and the app says which.

Fallback order: the system's voice (a Qt text-to-speech engine, tried in a child process
first) → the built-in voice (eSpeak NG, played like the cues) → none, when the cue sounds
alone carry the count.  A choice in Settings may skip the system voice or name a voice.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from hiptimer.core.settings import Settings
from hiptimer.core.speech import (
    ESPEAK_PROGRAM,
    LATE_PROMPT_SECONDS,
    Backend,
    VoiceChoice,
    words_per_minute,
)
from hiptimer.qt.session.audio import CuePlayer
from hiptimer.qt.session.builtin_voice import BuiltinVoice
from hiptimer.qt.session.system_voice import (
    MOCK_ENGINE,
    SERVICE_PROGRAMS,
    SystemVoice,
    engine_can_start,
    installed_engines,
)

TONES_ONLY = "Counts and cues play as tones."


class Voice(QObject):
    """Speaks prompts; a newer prompt interrupts an older one so the voice never lags.

    ``problem_found(message)`` when the voice changes after start (the system voice failed and
    the built-in one speaks, or none is left).  :attr:`notice` is the sentence to show once
    about the voice in use, :attr:`description` names it (Settings).
    """

    problem_found = Signal(str)
    changed = Signal()

    def __init__(
        self,
        choice: VoiceChoice | str | None = None,
        *,
        player: CuePlayer | None = None,
        cache_dir: Path | None = None,
        rate: int = 0,
        probe: bool | None = None,
        probe_timeout_ms: int = 5000,
        espeak: str = ESPEAK_PROGRAM,
        parent: QObject | None = None,
    ) -> None:
        """``choice`` may be a Qt engine's name (``Voice("mock")``).  The built-in voice
        needs ``player`` (it plays through it) and ``cache_dir`` (its phrases go there)."""
        super().__init__(parent)
        if isinstance(choice, str):
            choice = VoiceChoice.system(choice)
        self.choice = choice or VoiceChoice()
        self.player, self.cache_dir, self.espeak = player, cache_dir, espeak
        self.problem: str | None = None  # why the voice asked for does not speak
        self.notice = ""
        self.spoken: deque[str] = deque(maxlen=100)  # prompts said, for the window and tests
        self.skipped: deque[str] = deque(maxlen=100)  # prompts dropped: too late, or no voice
        self._enabled = True
        self._muted = False
        self._volume = 0.8
        self._rate = rate
        self._system: SystemVoice | None = None
        self._builtin: BuiltinVoice | None = None
        self._speaker: SystemVoice | BuiltinVoice | None = None
        self._deciding = False
        self._pending: tuple[str, float] | None = None
        self._prepared: list[str] = []
        self._start(probe, probe_timeout_ms)

    # Choosing ----------------------------------------------------------------------------------
    def choose(self, choice: VoiceChoice) -> None:
        """Use another voice from now on (Settings changed it)."""
        self._stop()
        for speaker in (self._system, self._builtin):
            if speaker is not None:
                if isinstance(speaker, BuiltinVoice):
                    speaker.close()
                speaker.setParent(None)  # Python frees it (a deleteLater here crashed PySide)
        self._system = self._builtin = self._speaker = None
        self.choice, self.problem, self.notice = choice, None, ""
        self._start(None, 5000)
        if self._prepared and self._builtin is not None:
            self._builtin.prepare(self._prepared)

    def _start(self, probe: bool | None, probe_timeout_ms: int) -> None:
        choice = self.choice
        if choice.backend is Backend.BUILTIN:
            self._fall_back("")
            return
        engine = choice.engine
        if choice.backend is Backend.AUTO:
            engines = [e for e in installed_engines() if e != MOCK_ENGINE]
            engine = next((e for e in engines if engine_can_start(e)), "")
            if not engine:
                missing = [SERVICE_PROGRAMS[e] for e in engines if e in SERVICE_PROGRAMS]
                why = f"{missing[0]} is not installed" if missing else ""
                self._fall_back(why or "no system speech engine is installed")
                return
        if probe is None:
            probe = engine != MOCK_ENGINE
        system = SystemVoice(
            engine, choice.name, probe=probe, probe_timeout_ms=probe_timeout_ms, parent=self
        )
        if system.problem:
            system.setParent(None)
            self._fall_back(system.problem)
            return
        self._system = system
        system.set_volume(self._volume)
        system.set_rate(self._rate)
        if system.available:
            self._use(system)
            return
        self._deciding = True
        system.ready.connect(lambda: self._use(system))
        system.failed.connect(lambda message: self._fall_back(message, later=True))
        self._builtin = self._make_builtin()  # ready at once should the system voice fail

    def _make_builtin(self) -> BuiltinVoice | None:
        if self.player is None or self.cache_dir is None:
            return None
        builtin = BuiltinVoice(
            self.player,
            self.cache_dir,
            self.choice.name if self.choice.backend is Backend.BUILTIN else "",
            self._rate,
            program=self.espeak,
            parent=self,
        )
        builtin.failed.connect(lambda message: self._no_voice(message, later=True))
        if self._prepared:
            builtin.prepare(self._prepared)
        return builtin

    def _use(self, speaker: SystemVoice | BuiltinVoice) -> None:
        self._deciding = False
        self._speaker = speaker
        if speaker is self._system and self._builtin is not None:
            self._builtin.close()
            self._builtin.setParent(None)
            self._builtin = None
        if not self.notice:
            self.notice = f"Speaking with {self.description}."
        self.changed.emit()
        self._say_pending()

    def _fall_back(self, reason: str, *, later: bool = False) -> None:
        """The system voice is not there or failed: the built-in one speaks, if it can."""
        builtin = self._builtin or self._make_builtin()
        if builtin is None or builtin.problem:
            why = builtin.problem if builtin is not None else "there is no built-in voice here"
            self._no_voice("; ".join(filter(None, [reason, why])), later=later)
            return
        self._builtin = builtin
        self.problem = reason or None
        because = f" ({reason})" if reason else ""
        self.notice = f"Speaking with the built-in voice (eSpeak NG){because}."
        self._use(builtin)
        if later:
            self.problem_found.emit(self.notice)

    def _no_voice(self, reason: str, *, later: bool = False) -> None:
        self._deciding = False
        self._speaker = None
        self._pending = None
        self.problem = f"Voice is off: {reason}. {TONES_ONLY}"
        self.notice = self.problem
        self.changed.emit()
        if later:
            self.problem_found.emit(self.problem)

    # What is in use ----------------------------------------------------------------------------
    @property
    def available(self) -> bool:
        return self._speaker is not None

    @property
    def backend(self) -> Backend | None:
        """Which voice speaks: SYSTEM, BUILTIN, or None (tones only, or still deciding)."""
        if self._speaker is None:
            return None
        return Backend.SYSTEM if self._speaker is self._system else Backend.BUILTIN

    @property
    def description(self) -> str:
        if self._deciding:
            return "the system voice (still being tried)"
        if isinstance(self._speaker, SystemVoice):
            return f"the system voice ({self._speaker.label})"
        if isinstance(self._speaker, BuiltinVoice):
            return f"the built-in voice ({self._speaker.label})"
        return "no voice (counts and cues play as tones)"

    # Speaking ----------------------------------------------------------------------------------
    def prepare(self, phrases: Iterable[str]) -> None:
        """A session starts: render its phrases ahead (the built-in voice needs that)."""
        self._prepared = list(dict.fromkeys(phrases))
        if self._builtin is not None:
            self._builtin.prepare(self._prepared)

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled
        if not enabled:
            self._stop()

    def set_muted(self, muted: bool) -> None:
        self._muted = muted
        if muted:
            self._stop()

    def set_volume(self, percent: int) -> None:
        self._volume = max(0, min(percent, 100)) / 100
        if self._system is not None:
            self._system.set_volume(self._volume)

    def set_rate(self, rate: int) -> None:
        self._rate = rate
        if self._system is not None:
            self._system.set_rate(rate)
        if self._builtin is not None:
            self._builtin.set_rate(rate)

    def say(self, text: str) -> None:
        if not self._enabled or self._muted:
            return
        if self._speaker is None:
            if self._deciding:
                self._pending = (text, time.monotonic())  # said once the voice is chosen
            else:
                self.skipped.append(text)
            return
        self.spoken.append(text)
        self._speaker.say(text)

    def _say_pending(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None and time.monotonic() - pending[1] <= LATE_PROMPT_SECONDS:
            self.say(pending[0])
        elif pending is not None:
            self.skipped.append(pending[0])

    def _stop(self) -> None:
        self._pending = None
        if self._speaker is not None:
            self._speaker.stop()


def make_audio(cache_dir: Path, settings: Settings) -> tuple[CuePlayer, Voice]:
    """The cue player and the voice the settings ask for (built with the first session)."""
    cues = CuePlayer()
    voice = Voice(
        VoiceChoice.from_setting(settings.voice_choice),
        player=cues,
        cache_dir=cache_dir,
        rate=settings.speech_rate,
    )
    return cues, voice


def apply_audio_settings(cues: CuePlayer | None, voice: Voice | None, settings: Settings) -> None:
    if cues is not None:
        cues.set_volume(settings.volume)
        cues.set_muted(settings.muted)
    if voice is not None:
        voice.set_volume(settings.volume)
        voice.set_muted(settings.muted)
        voice.set_enabled(settings.voice)
        voice.set_rate(settings.speech_rate)


def reading_wpm(settings: Settings) -> float | None:
    """The speaking rate when get-readies read the steps aloud, else None."""
    if not (settings.read_steps and settings.voice):
        return None
    return words_per_minute(settings.speech_rate)


def audio_notice(cues: CuePlayer | None, voice: Voice | None) -> str:
    """The one-time notice: why sound is off, and which voice speaks (or why none)."""
    parts = [cues.problem] if cues is not None and cues.problem else []
    if voice is not None and voice.notice:
        parts.append(voice.notice)
    system_speaks = voice is not None and voice.backend is Backend.SYSTEM
    if cues is not None and not cues.available and not system_speaks:
        parts.append("The session runs silent.")
    return " ".join(parts)


def audio_changes(cues: CuePlayer | None, voice: Voice | None) -> list:
    """The signals that bring a message when sound or voice change after start-up (the system
    voice failed, a device went or came)."""
    signals = [voice.problem_found] if voice is not None else []
    return signals + ([cues.problem_found, cues.restored] if cues is not None else [])
