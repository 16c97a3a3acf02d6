"""The cue sounds: one WAV and one recipe per Sound, as the generator makes them, short and soft."""

from __future__ import annotations

import array
import runpy
import wave
from pathlib import Path

from hiptimer.core.paths import resources_dir
from hiptimer.core.session.announcements import Sound

SCRIPT = resources_dir() / "scripts" / "make_sounds.py"


def samples(path: Path) -> tuple[wave._wave_params, array.array]:
    with wave.open(str(path), "rb") as wav:
        params = wav.getparams()
        data = array.array("h", wav.readframes(wav.getnframes()))
    return params, data


def test_every_cue_sound_has_its_wav_file_and_its_generator_recipe() -> None:
    recipes = runpy.run_path(str(SCRIPT))["CUES"]
    assert set(recipes) == {sound.value for sound in Sound}
    for sound in Sound:
        assert (resources_dir() / "sounds" / f"{sound.value}.wav").is_file()


def test_the_shipped_wavs_are_what_the_generator_makes(tmp_path: Path, capsys) -> None:
    assert runpy.run_path(str(SCRIPT))["main"]([str(tmp_path)]) == 0
    for sound in Sound:
        shipped, made = (
            samples(d / f"{sound.value}.wav") for d in (SCRIPT.parent.parent / "sounds", tmp_path)
        )
        assert shipped[0] == made[0], sound
        # a last-bit rounding difference between maths libraries is not a change
        assert max(abs(a - b) for a, b in zip(shipped[1], made[1], strict=True)) <= 1, sound


def test_cues_are_short_soft_16_bit_mono_and_each_sounds_different() -> None:
    seen: dict[bytes, Sound] = {}
    for sound in Sound:
        params, data = samples(resources_dir() / "sounds" / f"{sound.value}.wav")
        assert (params.nchannels, params.sampwidth) == (1, 2)
        seconds = params.nframes / params.framerate
        assert 0.05 <= seconds <= 1.2, sound
        peak = max(abs(s) for s in data) / 32767
        assert 0.2 <= peak <= 0.61, (sound, peak)
        assert data.tobytes() not in seen, (sound, seen.get(data.tobytes()))
        seen[data.tobytes()] = sound
    reps = [Sound.REP, Sound.REP_LEFT, Sound.REP_RIGHT]
    for sound in reps:  # the sounds that come every few seconds are the shortest
        params, _ = samples(resources_dir() / "sounds" / f"{sound.value}.wav")
        assert params.nframes / params.framerate <= 0.1
