"""The voice: the first that works speaks (system → built-in → tones only), and says which.

The system voice is Qt's ``mock`` engine; the built-in one is eSpeak NG for real (see
test_builtin_voice.py for why a missing espeak-ng fails rather than skips).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hiptimer.core.speech import ESPEAK_PACKAGE, Backend, VoiceChoice
from hiptimer.qt.session import system_voice
from hiptimer.qt.session import voice as voice_module
from hiptimer.qt.session.voice import TONES_ONLY, Voice
from tests.fakes import RecordingPlayer

HANGS = "import time\ntime.sleep(60)\n"


@pytest.fixture
def player() -> RecordingPlayer:
    return RecordingPlayer()


def builtin_said(qtbot, player: RecordingPlayer, text: str) -> None:
    qtbot.waitUntil(lambda: text in player.said, timeout=20_000)


def test_mock_voice_speaks_and_respects_mute_and_off(qtbot) -> None:
    voice = Voice("mock")
    assert voice.available and voice.problem is None and voice.backend is Backend.SYSTEM
    voice.say("Halfway")
    voice.set_muted(True)
    voice.say("muted")
    voice.set_muted(False)
    voice.set_enabled(False)
    voice.say("off")
    assert list(voice.spoken) == ["Halfway"]
    assert voice.description == "the system voice (mock, Bob)"


def test_a_named_system_voice_is_used(qtbot) -> None:
    voice = Voice(VoiceChoice.system("mock", "Anne"))
    assert voice.description == "the system voice (mock, Anne)"


# The fallback order, one step at a time ---------------------------------------------------
def test_1_a_system_engine_that_works_speaks(qtbot, player, tmp_path: Path) -> None:
    voice = Voice("mock", player=player, cache_dir=tmp_path, probe=True, probe_timeout_ms=20000)
    voice.say("Next: Figure four. Get ready.")  # asked while the engine is tried
    assert voice.description == "the system voice (still being tried)"
    qtbot.waitUntil(lambda: voice.available, timeout=20000)
    assert voice.backend is Backend.SYSTEM
    assert list(voice.spoken) == ["Next: Figure four. Get ready."]
    assert player.said == []  # the built-in voice kept quiet
    assert voice.notice == "Speaking with the system voice (mock, Bob)."


def test_2_a_system_engine_that_hangs_gives_way_to_the_built_in_voice(
    qtbot, player, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(system_voice, "_PROBE", HANGS)
    messages: list[str] = []
    voice = Voice("mock", player=player, cache_dir=tmp_path, probe=True, probe_timeout_ms=300)
    voice.problem_found.connect(messages.append)
    voice.prepare(["Next: Figure four. Get ready.", "Go."])
    voice.say("Next: Figure four. Get ready.")
    qtbot.waitUntil(lambda: bool(messages), timeout=10000)
    assert messages == [
        "Speaking with the built-in voice (eSpeak NG) (the speech engine 'mock' did not answer)."
    ]
    assert voice.backend is Backend.BUILTIN
    builtin_said(qtbot, player, "Next: Figure four. Get ready.")
    voice.say("Go.")
    builtin_said(qtbot, player, "Go.")
    assert voice.description == "the built-in voice (eSpeak NG, en-gb)"


def test_2_an_engine_that_is_not_installed_gives_way_at_once(qtbot, player, tmp_path) -> None:
    voice = Voice("no-such-engine", player=player, cache_dir=tmp_path)
    assert voice.backend is Backend.BUILTIN
    assert voice.problem == "the speech engine 'no-such-engine' is not installed"
    voice.say("Rest.")
    builtin_said(qtbot, player, "Rest.")


def test_3_without_espeak_ng_only_the_tones_are_left(qtbot, player, tmp_path) -> None:
    voice = Voice("no-such-engine", player=player, cache_dir=tmp_path, espeak="no-espeak-here")
    assert not voice.available and voice.backend is None
    assert voice.problem is not None
    assert voice.problem.startswith("Voice is off: the speech engine 'no-such-engine'")
    assert ESPEAK_PACKAGE in voice.problem and voice.problem.endswith(TONES_ONLY)
    voice.say("Go.")
    assert list(voice.skipped) == ["Go."] and player.said == []
    assert voice.description == "no voice (counts and cues play as tones)"


def test_3_a_hanging_engine_and_no_espeak_ng_say_so_once(qtbot, player, tmp_path, monkeypatch):
    monkeypatch.setattr(system_voice, "_PROBE", HANGS)
    messages: list[str] = []
    voice = Voice(
        "mock",
        player=player,
        cache_dir=tmp_path,
        probe=True,
        probe_timeout_ms=300,
        espeak="no-espeak-here",
    )
    voice.problem_found.connect(messages.append)
    qtbot.waitUntil(lambda: bool(messages), timeout=10000)
    qtbot.wait(100)
    assert len(messages) == 1
    assert "'mock' did not answer" in messages[0] and messages[0].endswith(TONES_ONLY)
    voice.say("nothing happens")
    assert list(voice.spoken) == []


def test_automatic_without_a_real_engine_uses_the_built_in_voice(
    qtbot, player, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(voice_module, "installed_engines", lambda: ["mock"])
    voice = Voice(player=player, cache_dir=tmp_path)
    assert voice.backend is Backend.BUILTIN
    assert voice.notice == (
        "Speaking with the built-in voice (eSpeak NG) (no system speech engine is installed)."
    )


def test_automatic_does_not_wait_for_speech_dispatcher_when_it_is_not_installed(
    qtbot, player, tmp_path, monkeypatch
) -> None:
    """Qt's speechd engine without the speech-dispatcher program could only time out, holding
    back the first phrase meanwhile; the built-in voice speaks from the start instead."""
    monkeypatch.setattr(voice_module, "installed_engines", lambda: ["speechd"])
    real_which = system_voice.shutil.which
    monkeypatch.setattr(
        system_voice.shutil,
        "which",
        lambda name, *a, **k: None if name == "speech-dispatcher" else real_which(name, *a, **k),
    )
    voice = Voice(player=player, cache_dir=tmp_path)
    assert voice.backend is Backend.BUILTIN
    assert voice.notice.endswith("(speech-dispatcher is not installed).")
    voice.say("Get ready")
    assert list(voice.spoken) == ["Get ready"]  # at once: nothing waits for a probe
    builtin_said(qtbot, player, "Get ready")


def test_a_service_engine_is_tried_when_its_program_is_there() -> None:
    assert system_voice.engine_can_start("speechd", lambda name: "/usr/bin/" + name)
    assert not system_voice.engine_can_start("speechd", lambda name: None)
    assert system_voice.engine_can_start("flite", lambda name: None)  # no service needed


def test_choosing_the_built_in_voice_skips_the_system_one(qtbot, player, tmp_path) -> None:
    voice = Voice(VoiceChoice.builtin("en-us"), player=player, cache_dir=tmp_path, rate=20)
    assert voice.backend is Backend.BUILTIN and voice.problem is None
    assert voice.description == "the built-in voice (eSpeak NG, en-us)"
    voice.say("Drive")
    builtin_said(qtbot, player, "Drive")
    voice.choose(VoiceChoice.system("mock"))
    assert voice.backend is Backend.SYSTEM
    voice.say("Relax")
    assert list(voice.spoken)[-1] == "Relax" and "Relax" not in player.said


def test_a_prompt_asked_too_long_before_the_voice_is_chosen_is_dropped(
    qtbot, player, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(voice_module, "LATE_PROMPT_SECONDS", -1.0)
    voice = Voice("mock", player=player, cache_dir=tmp_path, probe=True, probe_timeout_ms=20000)
    voice.say("Next: Figure four. Get ready.")
    qtbot.waitUntil(lambda: voice.available, timeout=20000)
    assert list(voice.spoken) == [] and list(voice.skipped) == ["Next: Figure four. Get ready."]
