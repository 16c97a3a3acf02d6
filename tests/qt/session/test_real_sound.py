"""Real sound on a private PulseAudio server with a null sink (what CI has instead of speakers).

The server starts with no sink at all; a child process (sound_child.py) opens the cue player,
finds no device and says so; then a null sink is added, as when headphones are plugged in,
and sound must come back by itself.  The child then plays a short routine with the built-in
voice reading the steps, while the sink's monitor is recorded: every cue and every phrase must
reach the sink, in the order the session announces them, and the recording must hold sound.

Needs ``pulseaudio`` and ``pulseaudio-utils`` (parecord, pactl) and ``espeak-ng``; ``.ci/run``
installs them.  Without them the test fails naming the packages.  It never asserts times:
benchmarks/cue_latency.py measures those.
"""

from __future__ import annotations

import array
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hiptimer.core.routines.model import SideChoice
from hiptimer.core.session.announcements import announce
from hiptimer.core.session.engine import Session
from hiptimer.core.session.plan import build_plan
from hiptimer.qt.session.audio import NO_DEVICE
from tests.fakes import builtin_catalog
from tests.qt.session.sound_child import ROUTINE

CHILD = Path(__file__).with_name("sound_child.py")
SPEED = 20
RATE = 22050


@pytest.fixture
def pulse(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A PulseAudio server of our own, with no sink yet; its environment for clients."""
    for tool, package in (("pulseaudio", "pulseaudio"), ("pactl", "pulseaudio-utils")):
        assert shutil.which(tool), f"{tool} is missing: install the {package} package"
    assert shutil.which("parecord"), "parecord is missing: install the pulseaudio-utils package"
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = {
        **os.environ,
        "XDG_RUNTIME_DIR": str(runtime),
        "HOME": str(tmp_path),
        "QT_LOGGING_RULES": "qt.multimedia*=false;qt.speech*=false",
    }
    env.pop("PULSE_SERVER", None)
    server = subprocess.Popen(
        [
            "pulseaudio",
            "-n",
            "--daemonize=no",
            "--exit-idle-time=-1",
            "--load=module-native-protocol-unix",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode != 0:
            assert server.poll() is None and time.monotonic() < deadline, "pulseaudio did not start"
            time.sleep(0.05)
        yield env
    finally:
        server.terminate()
        server.wait(10)


def expected_sounds() -> list[str]:
    """What the session hands the sink, in order: each cue, then its phrase."""
    catalog = builtin_catalog()
    plan = build_plan(ROUTINE, catalog.library, SideChoice.LEFT, lead_in=5, reading_wpm=175)
    session = Session(plan)
    events = session.start(0.0)
    t = 0.0
    while session.state.value != "finished":
        t += 0.05
        events += session.update(t)
    out: list[str] = []
    for event in events:
        cue = announce(event, plan)
        if cue is not None:
            out += [cue.sound.value] if cue.sound else []
            out += [f"say: {cue.speech}"] if cue.speech else []
    return out


def loud_windows(raw: bytes, window_s: float = 0.05) -> int:
    samples = array.array("h", raw[: len(raw) // 2 * 2])
    size = int(RATE * window_s)
    return sum(
        1
        for start in range(0, len(samples) - size, size)
        if max(abs(s) for s in samples[start : start + size : 8]) > 500
    )


def test_sound_comes_back_by_itself_and_a_whole_routine_reaches_the_sink_in_order(
    pulse: dict[str, str], tmp_path: Path
) -> None:
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(SPEED), str(tmp_path / "cache")],
        env=pulse,
        stdout=subprocess.PIPE,
        text=True,
    )
    recorder = None
    try:
        assert child.stdout is not None
        lines = (json.loads(line) for line in child.stdout if line.startswith("{"))
        first = next(lines)
        assert first == {"kind": "start", "problem": NO_DEVICE, "available": False}
        assert next(lines) == {"kind": "ready"}
        subprocess.run(
            ["pactl", "load-module", "module-null-sink", "sink_name=null"], env=pulse, check=True
        )
        recording = tmp_path / "monitor.raw"
        recorder = subprocess.Popen(
            [
                *("parecord", "--raw", "--format=s16le", "--channels=1", f"--rate={RATE}"),
                *("-d", "null.monitor", str(recording)),
            ],
            env=pulse,
        )
        rest = list(lines)
        assert child.wait(120) == 0
    finally:
        if recorder is not None:
            recorder.terminate()
            recorder.wait(10)
        if child.poll() is None:
            child.kill()
            child.wait(10)
        if child.stdout is not None:
            child.stdout.close()
    playing = next(r for r in rest if r["kind"] == "playing")
    assert playing == {"kind": "playing", "restored": ["Sound is back on."], "problem": None}
    started = [r["what"] for r in rest if r["kind"] == "started"]
    expected = expected_sounds()
    assert started == expected
    assert sum(s.startswith("say: Next:") for s in started) == 4  # every reading
    end = rest[-1]
    assert end["voice"] == "the built-in voice (eSpeak NG, en-gb)" and end["skipped"] == []
    assert loud_windows(recording.read_bytes()) > 40  # it was heard, not only handed over
