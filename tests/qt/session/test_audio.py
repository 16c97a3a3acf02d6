"""The cue player: plays or says why not, and follows audio devices as they come and go."""

from __future__ import annotations

import shutil
from pathlib import Path

from hiptimer.core.paths import resources_dir
from hiptimer.core.session.announcements import Sound
from hiptimer.qt.session.audio import NO_DEVICE, CuePlayer
from hiptimer.qt.session.sound_out import Pcm
from tests.fakes import FakeDevices, FakeOutput


def fake_player(devices: FakeDevices, *, broken: bool = False, resources: Path | None = None):
    log: list[tuple] = []
    outputs: list[FakeOutput] = []

    def open_output(device: object) -> FakeOutput:
        outputs.append(FakeOutput(device, log, broken=broken))
        return outputs[-1]

    return CuePlayer(resources, devices=devices, open_output=open_output), log, outputs


def plays(log: list[tuple]) -> list[tuple[object, float]]:
    return [(device, round(pcm.seconds, 2)) for device, event, pcm in log if event == "play"]


def test_the_real_player_plays_or_explains_why_not(qtbot) -> None:
    cues = CuePlayer()
    # Exactly one of the two: it plays, or it says why it cannot.
    assert cues.available != bool(cues.problem), (cues.available, cues.problem)
    if not cues.available:
        assert cues.problem.startswith("Sound is off:")
    for sound in Sound:
        cues.play(sound)  # never raises, with or without a device


def test_cues_and_speech_go_to_their_own_outputs_on_the_default_device(qtbot) -> None:
    cues, log, outputs = fake_player(FakeDevices("speakers", "hdmi"))
    assert cues.available and cues.problem is None
    assert [o.device for o in outputs] == ["speakers", "speakers"]
    assert (("speakers", "open", (44100, 1)) in log) and (("speakers", "open", (22050, 1)) in log)
    cues.play(Sound.REP)
    cues.play_speech(Pcm(22050, 1, b"\1\0" * 2205), "one")
    played = [(o, pcm) for o, e, pcm in log if e == "play"]
    assert played[0][1].rate == 44100 and played[1][1].rate == 22050
    cues.stop_speech()
    assert log[-1] == ("speakers", "stop", None)


def test_volume_and_mute_reach_the_outputs(qtbot) -> None:
    cues, log, outputs = fake_player(FakeDevices("speakers"))
    cues.set_volume(30)
    assert [o.volume for o in outputs] == [0.3, 0.3]
    cues.set_muted(True)
    cues.play(Sound.TICK)
    assert not cues.play_speech(Pcm(22050, 1, b"\0\0"), "x")
    assert plays(log) == []
    cues.set_muted(False)
    cues.play(Sound.TICK)
    assert plays(log) == [("speakers", 0.12)]


def test_no_device_at_start_is_silent_says_so_and_sound_returns_when_one_appears(qtbot) -> None:
    devices = FakeDevices()
    cues, log, _ = fake_player(devices)
    restored: list[str] = []
    lost: list[str] = []
    cues.restored.connect(restored.append)
    cues.problem_found.connect(lost.append)
    assert not cues.available and cues.problem == NO_DEVICE
    cues.play(Sound.START)
    assert plays(log) == []
    devices.plug("usb headset")
    assert cues.available and cues.problem is None and restored == ["Sound is back on."]
    cues.play(Sound.START)
    assert plays(log) == [("usb headset", 0.45)]
    devices.pull("usb headset")
    assert not cues.available and lost == [NO_DEVICE]
    devices.plug("speakers")
    assert restored == ["Sound is back on.", "Sound is back on."] and lost == [NO_DEVICE]


def test_a_new_default_device_takes_over_and_an_unrelated_change_changes_nothing(qtbot) -> None:
    devices = FakeDevices("speakers")
    cues, log, outputs = fake_player(devices)
    devices.names.append("hdmi")  # another device, not the default
    devices.changed.emit()
    assert len(outputs) == 2
    devices.plug("headphones")  # the new default
    assert [o.device for o in outputs[2:]] == ["headphones", "headphones"]
    assert outputs[0].closed and outputs[1].closed
    cues.play(Sound.END)
    assert plays(log)[-1][0] == "headphones"


def test_an_output_that_cannot_open_is_reported(qtbot) -> None:
    cues, _, _ = fake_player(FakeDevices("speakers"), broken=True)
    assert not cues.available
    assert cues.problem == "Sound is off: the audio output could not be opened."


def test_a_missing_cue_file_is_named(qtbot, tmp_path: Path) -> None:
    shutil.copytree(resources_dir() / "sounds", tmp_path / "sounds")
    (tmp_path / "sounds" / "rep.wav").unlink()
    cues, log, _ = fake_player(FakeDevices("speakers"), resources=tmp_path)
    assert cues.problem is not None and "rep.wav" in cues.problem
    cues.play(Sound.REP)  # silently nothing
    cues.play(Sound.TICK)
    assert plays(log) == [("speakers", 0.12)]
