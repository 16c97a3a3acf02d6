"""The voice row of Settings: the voices that exist, and Try it speaking with the one chosen."""

from __future__ import annotations

from pathlib import Path

from hiptimer.core.speech import VoiceChoice
from hiptimer.qt.session import voice_picker
from hiptimer.qt.session.voice_picker import AUTOMATIC, SAMPLE, VoicePicker
from tests.fakes import RecordingPlayer


def shown(qtbot, picker: VoicePicker) -> VoicePicker:
    qtbot.addWidget(picker)
    picker.show()
    return picker


def test_the_list_offers_automatic_then_espeak_voices_and_working_system_voices(
    qtbot, monkeypatch
) -> None:
    monkeypatch.setattr(voice_picker, "installed_engines", lambda: ["mock", "pretend"])
    monkeypatch.setattr(
        voice_picker.EngineProbe, "__init__", fake_probe_init(ok=True, voices=["Bob", "Anne"])
    )
    picker = shown(qtbot, VoicePicker())
    qtbot.waitUntil(lambda: not picker.finding, timeout=10_000)
    items = [picker.combo.itemData(i) for i in range(picker.combo.count())]
    assert picker.combo.itemText(0) == AUTOMATIC and items[0] == "auto"
    assert "builtin:en-gb" in items and "builtin:en-us" in items
    assert {"system:pretend:", "system:pretend:Bob", "system:pretend:Anne"} <= set(items)
    assert not any(item.startswith("system:mock") for item in items)  # the test engine


def fake_probe_init(*, ok: bool, voices: list[str]):
    """An EngineProbe that answers at once instead of starting a child process."""
    from PySide6.QtCore import QObject, QTimer

    def init(self, engine, timeout_ms, parent=None) -> None:
        QObject.__init__(self, parent)
        self.engine = engine
        self._process = None
        QTimer.singleShot(0, self, lambda: self.answered.emit(ok, voices))

    return init


def test_a_stored_voice_not_found_is_still_shown_and_kept(qtbot) -> None:
    picker = VoicePicker()
    qtbot.addWidget(picker)
    picker.set_choice(VoiceChoice.system("speechd", "Mbrola Lucy"))
    assert picker.choice() == VoiceChoice.system("speechd", "Mbrola Lucy")
    assert picker.combo.currentText() == "System: Mbrola Lucy (speechd)"


def test_try_it_speaks_the_sample_with_the_chosen_voice_and_rate(qtbot, tmp_path: Path) -> None:
    player = RecordingPlayer()
    picker = VoicePicker(cache_dir=tmp_path, player=player, rate=lambda: 30, in_use="x")
    qtbot.addWidget(picker)
    assert picker.status.text() == "Now speaking: x."
    picker.set_choice(VoiceChoice.builtin("en-us"))
    picker.test()
    qtbot.waitUntil(lambda: SAMPLE in player.said, timeout=20_000)
    assert picker.status.text() == "Testing the built-in voice (eSpeak NG, en-us)."
    assert picker.test_voice is not None and picker.test_voice.choice.name == "en-us"
    assert list(tmp_path.glob("voice/*.wav"))  # rendered into the cache like a session's
    picker.set_choice(VoiceChoice.system("mock"))
    picker.test()
    assert picker.status.text() == "Testing the system voice (mock, Bob)."
