"""The built-in voice: eSpeak NG renders every phrase ahead, for real, as audible speech.

These tests need the espeak-ng program (Debian/Ubuntu package ``espeak-ng``; ``.ci/run``
installs it).  Without it they fail, naming the package: a skipped test would hide a machine
where the built-in voice cannot work.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from hiptimer.core.routines.model import Side, SideChoice, Sidedness
from hiptimer.core.session.announcements import spoken_phrases
from hiptimer.core.session.plan import build_plan
from hiptimer.core.session.reading import reading_seconds, reading_text
from hiptimer.core.speech import (
    ESPEAK_PACKAGE,
    ESPEAK_PROGRAM,
    MIN_SPEECH_RMS,
    speech_problem,
    wav_summary,
    words_per_minute,
)
from hiptimer.qt.session import builtin_voice
from hiptimer.qt.session.builtin_voice import BuiltinVoice, PhraseRenderer, trim_cache
from tests.fakes import RecordingPlayer, builtin_catalog


@pytest.fixture(autouse=True)
def espeak() -> str:
    found = shutil.which(ESPEAK_PROGRAM)
    assert found, (
        f"{ESPEAK_PROGRAM} is missing: install the {ESPEAK_PACKAGE} package "
        f"(apt-get install {ESPEAK_PACKAGE}) to run the built-in voice's tests"
    )
    return found


def render_all(qtbot, renderer: PhraseRenderer, texts: list[str]) -> None:
    done: list[str] = []
    renderer.rendered.connect(done.append)
    renderer.prepare(texts)
    qtbot.waitUntil(lambda: not renderer.busy, timeout=60_000)
    assert renderer.problem is None, renderer.problem
    assert renderer.rejected == {}
    assert set(done) == set(texts)


def test_every_phrase_of_a_routine_renders_as_audible_speech_of_plausible_length(
    qtbot, tmp_path: Path
) -> None:
    catalog = builtin_catalog()
    routine = catalog.find("daily")
    assert routine is not None
    plan = build_plan(routine, catalog.library, SideChoice.BOTH, Side.LEFT, reading_wpm=175)
    phrases = spoken_phrases(plan)
    assert len(phrases) > 30  # names, readings, counts 1-20, hold, release, rest, switch…
    renderer = PhraseRenderer(tmp_path, "en-gb", 175)
    render_all(qtbot, renderer, phrases)
    for text in phrases:
        summary = wav_summary(renderer.path(text))
        assert summary.channels == 1 and summary.rate > 8000
        assert summary.rms > MIN_SPEECH_RMS, text
        assert speech_problem(summary, text, 175) is None, text
        assert summary.seconds >= 0.2, text


def test_the_reading_estimate_covers_every_built_in_reading_as_rendered(
    qtbot, tmp_path: Path
) -> None:
    library = builtin_catalog().library
    for rate in (-50, 50):
        wpm = words_per_minute(rate)
        texts = {
            exercise.id: reading_text(
                exercise, Side.LEFT if exercise.sidedness is Sidedness.ONE_SIDE else None
            )
            for exercise in library.exercises.values()
        }
        renderer = PhraseRenderer(tmp_path / str(rate), "en-gb", wpm)
        render_all(qtbot, renderer, list(texts.values()))
        for exercise_id, text in texts.items():
            spoken = wav_summary(renderer.path(text)).seconds
            estimate = reading_seconds(text, wpm)
            assert spoken <= estimate <= 1.6 * spoken, (exercise_id, rate, spoken, estimate)


def test_rendered_phrases_are_kept_by_text_voice_and_rate(qtbot, tmp_path: Path) -> None:
    first = PhraseRenderer(tmp_path, "en-gb", 175)
    render_all(qtbot, first, ["Go.", "Rest."])
    again = PhraseRenderer(tmp_path, "en-gb", 175)
    assert again.ready("Go.") and again.ready("Rest.")
    assert not PhraseRenderer(tmp_path, "en-gb", 200).ready("Go.")
    assert not PhraseRenderer(tmp_path, "en-us", 175).ready("Go.")
    assert not list(tmp_path.glob("*.part"))  # no half-written file is left


def test_a_prompt_plays_from_its_file_and_one_not_yet_rendered_plays_once_ready(
    qtbot, tmp_path: Path
) -> None:
    player = RecordingPlayer()
    voice = BuiltinVoice(player, tmp_path)
    voice.prepare(["Next: Figure four. Get ready.", "1", "2"])
    qtbot.waitUntil(lambda: not voice.renderer.busy, timeout=20_000)
    assert voice.say("1")
    assert not voice.say("Halfway")  # not prepared: rendered first, then said
    qtbot.waitUntil(lambda: "Halfway" in player.said, timeout=20_000)
    assert player.said == ["1", "Halfway"]


def test_a_prompt_that_would_come_too_late_is_dropped(qtbot, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(builtin_voice, "LATE_PROMPT_SECONDS", -1.0)
    player = RecordingPlayer()
    voice = BuiltinVoice(player, tmp_path)
    assert not voice.say("Halfway")
    qtbot.waitUntil(lambda: voice.renderer.ready("Halfway"), timeout=20_000)
    qtbot.wait(50)
    assert player.said == []  # rendered for next time, never said late
    assert voice.say("Halfway") and player.said == ["Halfway"]


def test_a_missing_program_is_a_problem_naming_the_package(qtbot, tmp_path: Path) -> None:
    voice = BuiltinVoice(RecordingPlayer(), tmp_path, program="no-such-espeak")
    assert voice.problem is not None and ESPEAK_PACKAGE in voice.problem
    assert not voice.say("Go.")


def test_a_program_that_fails_stops_the_voice_with_its_message(qtbot, tmp_path: Path) -> None:
    broken = tmp_path / "espeak-ng"
    broken.write_text("#!/bin/sh\necho 'cannot find voice' >&2\nexit 3\n")
    broken.chmod(0o755)
    voice = BuiltinVoice(RecordingPlayer(), tmp_path / "cache", program=str(broken))
    messages: list[str] = []
    voice.failed.connect(messages.append)
    voice.prepare(["Go."])
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert messages == [f"{ESPEAK_PROGRAM} failed (cannot find voice)"]


def test_the_cache_is_trimmed_oldest_first(tmp_path: Path) -> None:
    for age, name in enumerate(["old", "mid", "new"]):
        path = tmp_path / f"{name}.wav"
        path.write_bytes(b"x" * 100)
        os.utime(path, (1000 + age, 1000 + age))
    trim_cache(tmp_path, limit=250)
    assert sorted(p.stem for p in tmp_path.iterdir()) == ["mid", "new"]
