"""Sound and voice never block or stop a session: they work, or they say why once."""

from __future__ import annotations

import runpy

from hiptimer.core.paths import resources_dir
from hiptimer.core.session.announcements import Sound
from hiptimer.qt.session import audio
from hiptimer.qt.session.audio import CuePlayer, Voice


def test_mock_voice_speaks_and_respects_mute_and_off(qtbot) -> None:
    voice = Voice("mock")
    assert voice.available and voice.problem is None
    voice.say("Halfway")
    voice.set_muted(True)
    voice.say("muted")
    voice.set_muted(False)
    voice.set_enabled(False)
    voice.say("off")
    assert list(voice.spoken) == ["Halfway"]


def test_an_engine_that_is_not_installed_is_reported(qtbot) -> None:
    voice = Voice("no-such-engine")
    assert not voice.available
    assert "no-such-engine" in voice.problem


def test_a_probed_engine_that_answers_is_used_and_speaks_what_was_asked_meanwhile(qtbot) -> None:
    voice = Voice("mock", probe=True, probe_timeout_ms=20000)
    voice.say("Next: Figure four. Get ready.")  # asked while the probe runs
    qtbot.waitUntil(lambda: voice.available, timeout=20000)
    assert list(voice.spoken) == ["Next: Figure four. Get ready."]


def test_a_probed_engine_that_hangs_is_given_up_with_one_message(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(audio, "_PROBE", "import time\ntime.sleep(60)\n")
    messages: list[str] = []
    voice = Voice("mock", probe=True, probe_timeout_ms=300)
    voice.problem_found.connect(messages.append)
    qtbot.waitUntil(lambda: bool(messages), timeout=10000)
    qtbot.wait(100)
    assert messages == ["Voice is off: the speech engine 'mock' did not answer."]
    assert not voice.available
    voice.say("nothing happens")
    assert list(voice.spoken) == []


def test_cue_player_plays_or_explains_why_not(qtbot, tmp_path) -> None:
    cues = CuePlayer(resources_dir() / "sounds")
    # Exactly one of the two: it plays, or it says why it cannot.
    assert cues.available != bool(cues.problem), (cues.available, cues.problem)
    if not cues.available:
        assert cues.problem.startswith("Sound is off:")
    for sound in Sound:
        cues.play(sound)  # never raises, with or without a device


def test_every_cue_sound_has_its_wav_file_and_its_generator_recipe() -> None:
    recipes = runpy.run_path(str(resources_dir() / "scripts" / "make_sounds.py"))["CUES"]
    assert set(recipes) == {sound.value for sound in Sound}
    for sound in Sound:
        assert (resources_dir() / "sounds" / f"{sound.value}.wav").is_file()
