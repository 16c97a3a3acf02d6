"""Which voice speaks, and the plain parts of the built-in voice (eSpeak NG).

The choice of voice is one settings string (:class:`VoiceChoice`).  The built-in voice renders
each phrase to a WAV file with the ``espeak-ng`` program ahead of need; this module holds what
that takes without Qt: the command line, the cache key of a phrase, the reading of
``espeak-ng --voices``, and the check that a rendered file is speech of a plausible length.
"""

from __future__ import annotations

import array
import math
import sys
import wave
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from hiptimer.core.digest import sha256_hex

#: The program and the Debian/Ubuntu package that brings it.
ESPEAK_PROGRAM = "espeak-ng"
ESPEAK_PACKAGE = "espeak-ng"
#: The built-in voice when none is chosen.
DEFAULT_BUILTIN_VOICE = "en-gb"
#: Words a minute at the normal speaking rate (eSpeak NG's default; Qt's engines are close).
NORMAL_WORDS_PER_MINUTE = 175
#: A prompt that cannot start within this many seconds of its moment (its phrase still being
#: rendered, the system voice still being tried) is dropped: a late count misleads.
LATE_PROMPT_SECONDS = 1.5
#: Changes whenever a rendered phrase would sound different for the same text, voice and rate.
RENDER_VERSION = 1


class Backend(str, Enum):
    AUTO = "auto"  # the system's voice when it works, else the built-in one
    SYSTEM = "system"  # Qt's text to speech (speech-dispatcher and the like)
    BUILTIN = "builtin"  # eSpeak NG, played like the cues


@dataclass(frozen=True)
class VoiceChoice:
    """A voice as stored in the settings: ``auto``, ``system:ENGINE:NAME`` or
    ``builtin:VOICE`` (an empty NAME is the engine's own default voice)."""

    backend: Backend = Backend.AUTO
    engine: str = ""  # the Qt engine, for SYSTEM
    name: str = ""  # the Qt voice name (SYSTEM) or the eSpeak NG voice (BUILTIN)

    @classmethod
    def system(cls, engine: str, name: str = "") -> VoiceChoice:
        return cls(Backend.SYSTEM, engine, name)

    @classmethod
    def builtin(cls, name: str = DEFAULT_BUILTIN_VOICE) -> VoiceChoice:
        return cls(Backend.BUILTIN, "", name or DEFAULT_BUILTIN_VOICE)

    @property
    def setting(self) -> str:
        if self.backend is Backend.SYSTEM:
            return f"system:{self.engine}:{self.name}"
        if self.backend is Backend.BUILTIN:
            return f"builtin:{self.name}"
        return Backend.AUTO.value

    @classmethod
    def from_setting(cls, text: object) -> VoiceChoice:
        """The choice a settings string names; anything unreadable is ``auto``."""
        if not isinstance(text, str):
            return cls()
        kind, _, rest = text.partition(":")
        if kind == Backend.SYSTEM.value:
            engine, _, name = rest.partition(":")
            return cls.system(engine, name) if engine else cls()
        if kind == Backend.BUILTIN.value:
            return cls.builtin(rest)
        return cls()


def words_per_minute(rate_percent: int) -> float:
    """The speaking rate for a rate setting (-50 … +50 % of normal)."""
    return NORMAL_WORDS_PER_MINUTE * (1 + rate_percent / 100)


def qt_rate(rate_percent: int) -> float:
    """Qt's ``QTextToSpeech.rate`` (-1 … 1, 0 = normal) for a rate setting."""
    return max(-1.0, min(rate_percent / 100, 1.0))


def speakable(text: str) -> str:
    """``text`` as plain words for eSpeak NG: no control characters, and no ``[[``, which it
    would read as phoneme codes."""
    clean = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(clean.replace("[[", "[ [").split())


def phrase_key(text: str, voice: str, wpm: float) -> str:
    """The cache file name (without ``.wav``) of a phrase in a voice at a rate."""
    raw = f"{RENDER_VERSION}\0{voice}\0{round(wpm)}\0{text}".encode()
    return sha256_hex(raw)[:40]


def espeak_arguments(voice: str, wpm: float, out: Path) -> list[str]:
    """``espeak-ng``'s arguments to render the text on its standard input into ``out``."""
    return ["-v", voice, "-s", str(round(wpm)), "-w", str(out), "--stdin"]


def parse_espeak_voices(listing: str) -> list[tuple[str, str]]:
    """(voice, label) of the English voices in ``espeak-ng --voices`` output, each once.

    MBROLA voices are left out: they need separate voice packages and fail without them.
    """
    voices: dict[str, str] = {}
    for line in listing.splitlines()[1:]:
        fields = line.split()
        if len(fields) < 5:
            continue
        language, name, file = fields[1], fields[3], fields[4]
        if not language.startswith("en") or file.startswith("mb/"):
            continue
        voices.setdefault(language, name.replace("_", " "))
    return sorted(voices.items(), key=lambda item: (item[0] != DEFAULT_BUILTIN_VOICE, item[1]))


_RMS_SAMPLES = 20_000


@dataclass(frozen=True)
class WavSummary:
    seconds: float
    rms: float  # root mean square of the samples, as a fraction of full scale
    rate: int
    channels: int


def wav_summary(path: Path) -> WavSummary:
    """Length and loudness of a 16-bit PCM WAV file; ValueError when it is not one."""
    try:
        with wave.open(str(path), "rb") as wav:
            params = wav.getparams()
            frames = wav.readframes(params.nframes)
    except (wave.Error, EOFError) as exc:
        raise ValueError(f"{path}: not a WAV file ({exc})") from exc
    if params.sampwidth != 2 or params.framerate <= 0:
        raise ValueError(f"{path}: not 16-bit PCM")
    samples = array.array("h", frames[: len(frames) // 2 * 2])
    if sys.byteorder == "big":  # pragma: no cover - WAV data is little-endian
        samples.byteswap()
    # every n-th sample is plenty to tell speech from silence, and keeps this a few ms
    picked = samples[:: max(1, len(samples) // _RMS_SAMPLES)]
    rms = math.sqrt(sum(s * s for s in picked) / len(picked)) / 32768 if picked else 0.0
    return WavSummary(params.nframes / params.framerate, rms, params.framerate, params.nchannels)


#: Quieter than this (RMS of full scale) is silence, not speech.
MIN_SPEECH_RMS = 0.01


def speech_problem(summary: WavSummary, text: str, wpm: float) -> str | None:
    """Why a rendered phrase is not plausible speech of ``text``, or None when it is."""
    words = max(len(text.split()), 1)
    expected = words / wpm * 60  # eSpeak NG takes 0.8-1.1 of this (see core/session/reading)
    if summary.rms < MIN_SPEECH_RMS:
        return f"it is silent (RMS {summary.rms:.4f})"
    if summary.seconds < max(0.15, 0.4 * expected):
        return f"it lasts {summary.seconds:.2f} s, too short for {words} word(s)"
    if summary.seconds > 1.5 + 2 * expected:
        return f"it lasts {summary.seconds:.2f} s, too long for {words} word(s)"
    return None
