"""What sound and voice exist here, so Settings offers only the controls that do something.

With the window's cue player and voice (built when the first session started) their own
state says it; before that a light look: the audio outputs Qt Multimedia lists, the system's
speech engines and the eSpeak NG program.  Nothing is played or started.
"""

from __future__ import annotations

import importlib
import shutil
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hiptimer.core.speech import ESPEAK_PROGRAM

if TYPE_CHECKING:
    from hiptimer.qt.session.audio import CuePlayer
    from hiptimer.qt.session.voice import Voice

NO_SOUND = (
    "No sound device was found, so there is nothing to set here: sessions run silent, with the "
    "countdown and the colours on screen. Connect headphones or speakers and open Settings again."
)
SYSTEM_VOICE_ONLY = (
    "No sound device was found for the cue sounds; only the system's voice speaks, through "
    "its own output."
)
NO_VOICE = (
    "No voice is installed, so the counts and cues play as tones. Install espeak-ng (or "
    "speech-dispatcher for the system's voice) to hear the exercises named and counted."
)


@dataclass(frozen=True)
class AudioCheck:
    sound: bool  # an output device plays the cues
    voice: bool  # some voice can speak
    why_no_sound: str = ""
    why_no_voice: str = ""


ALL_THERE = AudioCheck(sound=True, voice=True)


def _outputs_exist() -> tuple[bool, str]:
    try:
        multimedia = importlib.import_module("PySide6.QtMultimedia")
    except ImportError as exc:
        return False, f"Sound is off: Qt Multimedia could not load ({exc})."
    if not multimedia.QMediaDevices.audioOutputs():
        return False, NO_SOUND
    return True, ""


def _system_voice_exists() -> bool:
    from hiptimer.qt.session.system_voice import MOCK_ENGINE, installed_engines

    return any(engine != MOCK_ENGINE for engine in installed_engines())


def audio_check(cues: CuePlayer | None, voice: Voice | None) -> AudioCheck:
    """What exists: from ``cues`` and ``voice`` when the window has them, else a look."""
    if cues is not None:
        sound, why = cues.available, "" if cues.available else NO_SOUND
    else:
        sound, why = _outputs_exist()
    if voice is not None:
        speaks = voice.available or voice.deciding
    else:
        builtin = sound and shutil.which(ESPEAK_PROGRAM) is not None
        speaks = builtin or _system_voice_exists()
    return AudioCheck(
        sound=sound,
        voice=speaks,
        why_no_sound="" if sound else (SYSTEM_VOICE_ONLY if speaks else why),
        why_no_voice="" if speaks or not sound else NO_VOICE,
    )
