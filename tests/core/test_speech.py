"""The voice choice setting and the plain parts of the built-in voice."""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

import pytest

from hiptimer.core.speech import (
    DEFAULT_BUILTIN_VOICE,
    Backend,
    VoiceChoice,
    espeak_arguments,
    parse_espeak_voices,
    phrase_key,
    qt_rate,
    speakable,
    speech_problem,
    wav_summary,
    words_per_minute,
)


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        ("auto", VoiceChoice()),
        ("system:speechd:English (America)", VoiceChoice.system("speechd", "English (America)")),
        ("system:speechd:", VoiceChoice.system("speechd")),
        ("builtin:en-us", VoiceChoice.builtin("en-us")),
        ("builtin:", VoiceChoice.builtin(DEFAULT_BUILTIN_VOICE)),
    ],
)
def test_a_voice_choice_round_trips_through_its_setting(text: str, choice: VoiceChoice) -> None:
    assert VoiceChoice.from_setting(text) == choice
    assert VoiceChoice.from_setting(choice.setting) == choice


@pytest.mark.parametrize("text", ["", "system:", "robot:x", 5, None, "espeak"])
def test_an_unreadable_voice_setting_is_automatic(text: object) -> None:
    assert VoiceChoice.from_setting(text).backend is Backend.AUTO


def test_rates_map_to_words_a_minute_and_to_qt_rate() -> None:
    assert words_per_minute(0) == 175
    assert words_per_minute(-50) == 87.5 and words_per_minute(50) == 262.5
    assert (qt_rate(-50), qt_rate(0), qt_rate(50)) == (-0.5, 0.0, 0.5)


def test_speakable_text_has_no_control_characters_or_phoneme_brackets() -> None:
    assert speakable("Hold\x07 it [[h@'loU]]\n now") == "Hold it [ [h@'loU]] now"


def test_the_cache_key_changes_with_text_voice_and_rate_only() -> None:
    key = phrase_key("Go.", "en-gb", 175)
    assert key == phrase_key("Go.", "en-gb", 175.2)
    assert len({key, phrase_key("Go!", "en-gb", 175), phrase_key("Go.", "en-us", 175)}) == 3
    assert phrase_key("Go.", "en-gb", 200) != key
    assert all(c in "0123456789abcdef" for c in key)


def test_espeak_reads_the_text_from_stdin_so_no_text_is_taken_for_an_option() -> None:
    args = espeak_arguments("en-gb", 174.6, Path("/tmp/x.wav"))
    assert args == ["-v", "en-gb", "-s", "175", "-w", "/tmp/x.wav", "--stdin"]


LISTING = """Pty Language       Age/Gender VoiceName          File                 Other Languages
 2  en-gb           --/M      English_(Great_Britain) gmw/en               (en 2)
 3  en-uk           --/M      english-mb-en1     mb/mb-en1            (en-gb 3)(en 2)
 2  en-us           --/M      English_(America)  gmw/en-US            (en 3)
 5  en-us           --/M      us-mbrola-2        mb/mb-us2            (en 7)
 5  de              --/M      German             gmw/de
 5  en-029          --/M      English_(Caribbean) gmw/en-029
"""


def test_the_espeak_voice_list_keeps_english_non_mbrola_voices_default_first() -> None:
    assert parse_espeak_voices(LISTING) == [
        ("en-gb", "English (Great Britain)"),
        ("en-us", "English (America)"),
        ("en-029", "English (Caribbean)"),
    ]
    assert parse_espeak_voices("") == []


def write_wav(path: Path, seconds: float, amplitude: float, rate: int = 22050) -> Path:
    frames = b"".join(
        struct.pack("<h", round(amplitude * 32767 * math.sin(2 * math.pi * 220 * i / rate)))
        for i in range(int(seconds * rate))
    )
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames)
    return path


def test_a_wav_summary_gives_length_and_loudness(tmp_path: Path) -> None:
    summary = wav_summary(write_wav(tmp_path / "a.wav", 0.5, 0.5))
    assert summary.seconds == pytest.approx(0.5)
    assert summary.rms == pytest.approx(0.5 / math.sqrt(2), rel=0.02)
    assert (summary.rate, summary.channels) == (22050, 1)
    (tmp_path / "b.wav").write_bytes(b"RIFF nonsense")
    with pytest.raises(ValueError, match="not a WAV"):
        wav_summary(tmp_path / "b.wav")


def test_speech_must_be_audible_and_about_as_long_as_its_words(tmp_path: Path) -> None:
    loud = wav_summary(write_wav(tmp_path / "a.wav", 1.0, 0.3))
    assert speech_problem(loud, "Next: figure four", 175) is None
    silent = wav_summary(write_wav(tmp_path / "b.wav", 1.0, 0.001))
    assert "silent" in (speech_problem(silent, "Go", 175) or "")
    assert "too short" in (speech_problem(loud, " ".join(["word"] * 20), 175) or "")
    long = wav_summary(write_wav(tmp_path / "c.wav", 3.0, 0.3))
    assert "too long" in (speech_problem(long, "Go", 175) or "")
