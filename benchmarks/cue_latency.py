"""How late each cue and phrase sounds, and how exactly phases end while they play.

Run from the repository root:  python benchmarks/cue_latency.py [--quick]

Needs pulseaudio, pulseaudio-utils (parecord, pactl) and espeak-ng.  The script starts a
private PulseAudio server with a null sink, records the sink's monitor with parecord (a reader
thread stamps each chunk with ``time.monotonic()`` as it arrives), and runs itself as a child
on that server: the child plays a routine at speed 1 through the real session runner, the
cue player and the built-in voice (reading the steps unless ``--quick``), and prints, for each
sound, the moment it was due and when it was handed to the audio sink, and for each phase end,
when the runner handed it out.  ``time.monotonic`` is one clock for both processes.

Measured:

* timer error with cues playing: when the runner handed out each phase change minus its
  planned deadline (start + sum of the planned phase lengths before it);
* cue to sink: when a sound was handed to the sink minus the moment it was due;
* sink to sound: the onset in the recording (first 50 ms window above the noise after 30 ms of
  quiet) minus when it was handed over.  A chunk's samples are dated back from its arrival,
  so this is good to about the recorder's 5 ms latency; sounds that start together (a rep's
  click and its count) share one onset.

Target (PRODUCT.md): a cue sounds within 50 ms of its moment; steps end within 2 ms idle.
"""

from __future__ import annotations

import argparse
import array
import bisect
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RATE = 44100
TARGET_MS = 50.0


# The child: plays the routine --------------------------------------------------------------
def child(quick: bool, cache_dir: Path) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from hiptimer.core.paths import builtin_routines_dir
    from hiptimer.core.routines.catalog import load_library
    from hiptimer.core.routines.model import Item, Kind, Range, Routine, Section, SideChoice, Sides
    from hiptimer.core.session.announcements import spoken_phrases
    from hiptimer.core.session.events import Event, EventKind
    from hiptimer.core.session.plan import build_plan
    from hiptimer.core.speech import VoiceChoice
    from hiptimer.qt.session.audio import CuePlayer
    from hiptimer.qt.session.controller import SessionController
    from hiptimer.qt.session.sound_out import Pcm, SinkOutput
    from hiptimer.qt.session.voice import Voice

    app = QApplication([sys.argv[0]])
    due: dict[str, float] = {"at": 0.0}

    def open_output(device: object) -> SinkOutput:
        output = SinkOutput(device)
        output.started.connect(
            lambda pcm: emit(
                kind="sound",
                what=names.get(pcm.data, "?"),
                due=due["at"],
                seconds=pcm.seconds,
                rate=pcm.rate,
            )
        )
        return output

    def emit(**fields: object) -> None:
        print(json.dumps({"now": time.monotonic(), **fields}), flush=True)

    cues = CuePlayer(open_output=open_output)
    if not cues.available:
        emit(kind="error", problem=cues.problem)
        return 1
    names: dict[bytes, str] = {pcm.data: s.value for s, pcm in cues._sounds.items()}
    routine = Routine(
        "bench",
        "Bench",
        (
            Section(
                "S",
                (
                    Item("figure-four-supine", Kind.HOLD, seconds=Range(6, 6)),
                    Item("sitting-knee-drop", Kind.REPS, count=4, pace=2, sides=Sides.ALTERNATE),
                    Item("seated-hip-ir", Kind.REPS, count=2, pace=1, hold=Range(3, 3)),
                    Item("femoral-head-centration", Kind.CYCLES, work=3, relax=2, count=3),
                ),
            ),
        ),
        rest=0,
    )
    library, _ = load_library(builtin_routines_dir())
    plan = build_plan(
        routine, library, SideChoice.LEFT, lead_in=5, reading_wpm=None if quick else 175
    )
    voice = Voice(VoiceChoice.builtin(), player=cues, cache_dir=cache_dir)
    voice.prepare(spoken_phrases(plan))
    play_speech = cues.play_speech

    def speak(pcm: Pcm, text: str = "") -> bool:
        names[pcm.data] = f"say: {text}"
        return play_speech(pcm, text)

    cues.play_speech = speak  # type: ignore[method-assign]
    start = {"at": 0.0}
    reads: list[float] = []

    def clock() -> float:
        """The runner's clock; its first read after start() is the session's start."""
        now = time.monotonic()
        reads.append(now)
        if len(reads) == 1:
            start["at"] = now
        return now

    controller = SessionController(
        plan, speed=1.0, clock=clock, writes=None, cues=cues, voice=voice
    )

    def events(batch: list[Event]) -> None:
        now = time.monotonic()
        for event in batch:
            due["at"] = start["at"] + event.at
            if event.kind is EventKind.PHASE_STARTED and event.at > 0:
                emit(kind="phase", due=due["at"], handed=now)
            if event.kind is EventKind.SESSION_FINISHED:
                QTimer.singleShot(1500, app.quit)

    # Connected before the controller's slot, so `due` is set before each sound is handed over.
    controller.runner.events.disconnect(controller._on_events)
    controller.runner.events.connect(events)
    controller.runner.events.connect(controller._on_events)

    def begin() -> None:
        while voice._builtin is not None and voice._builtin.renderer.busy:
            app.processEvents()
        reads.clear()
        controller.start()

    QTimer.singleShot(500, begin)
    app.exec()
    return 0


# The parent: server, recorder, figures -----------------------------------------------------
class Recorder:
    def __init__(self, env: dict[str, str]) -> None:
        self.chunks: list[tuple[float, bytes]] = []
        self.process = subprocess.Popen(
            [
                *("parecord", "--raw", "--format=s16le", "--channels=1", f"--rate={RATE}"),
                *("--latency-msec=5", "-d", "null.monitor"),
            ],
            env=env,
            stdout=subprocess.PIPE,
        )
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        while chunk := self.process.stdout.read1(4096):
            self.chunks.append((time.monotonic(), chunk))

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)
        self.thread.join(5)

    def onsets(self) -> list[float]:
        samples = array.array("h")
        ends: list[int] = []
        times: list[float] = []
        for arrived, chunk in self.chunks:
            samples.frombytes(chunk[: len(chunk) // 2 * 2])
            ends.append(len(samples))
            times.append(arrived)
        window = RATE // 200  # 5 ms
        quiet_needed = 6  # 30 ms of quiet before an onset
        found: list[float] = []
        quiet = quiet_needed
        for start in range(0, len(samples) - window, window):
            loud = max(abs(s) for s in samples[start : start + window]) > 300
            if loud and quiet >= quiet_needed:
                first = next(i for i in range(start, start + window) if abs(samples[i]) > 300)
                k = bisect.bisect_right(ends, first)
                found.append(times[k] - (ends[k] - first) / RATE)
            quiet = 0 if loud else quiet + 1
        return found


def parent(quick: bool) -> int:
    for tool in ("pulseaudio", "pactl", "parecord", "espeak-ng"):
        if shutil.which(tool) is None:
            raise SystemExit(
                f"{tool} is missing (packages pulseaudio, pulseaudio-utils, espeak-ng)"
            )
    home = Path(tempfile.mkdtemp(prefix="hiptimer-bench-"))
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "HOME": str(home)}
    env["QT_LOGGING_RULES"] = "qt.multimedia*=false;qt.speech*=false"
    server = subprocess.Popen(
        [
            *("pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1"),
            "--load=module-null-sink sink_name=null",
            "--load=module-native-protocol-unix",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode:
            time.sleep(0.05)
        recorder = Recorder(env)
        time.sleep(0.5)
        print("Playing the routine at speed 1 on a PulseAudio null sink ...", flush=True)
        run = subprocess.run(
            [sys.executable, __file__, "--child", str(home / "cache")]
            + (["--quick"] if quick else []),
            env=env,
            capture_output=True,
            text=True,
        )
        recorder.stop()
    finally:
        server.terminate()
        server.wait(10)
    rows = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    if run.returncode or not rows:
        print(run.stdout, run.stderr)
        return 1
    return report(rows, recorder.onsets())


def report(rows: list[dict], onsets: list[float]) -> int:
    phases = [r for r in rows if r["kind"] == "phase"]
    sounds = [r for r in rows if r["kind"] == "sound"]
    timer = [1000 * (p["handed"] - p["due"]) for p in phases]
    print(f"\n{len(phases)} phase ends, {len(sounds)} sounds handed to the sink")
    print(
        f"Timer error with cues playing: max {max(timer):.2f} ms, median "
        f"{statistics.median(timer):.2f} ms, min {min(timer):.2f} ms"
    )
    handed = [1000 * (s["now"] - s["due"]) for s in sounds]
    print(
        f"Cue due -> handed to the sink: max {max(handed):.2f} ms, "
        f"median {statistics.median(handed):.2f} ms"
    )
    delays: list[tuple[str, float, float]] = []
    playing_until: dict[int, float] = {}  # per output (cues 44.1 kHz, speech 22.05 kHz)
    masked = 0
    for sound in sounds:
        now = sound["now"]
        # An onset shows only out of quiet: a sound handed over while another still plays
        # (a tick under a long prompt) cannot be timed from the recording.
        busy = any(end > now - 0.03 for end in playing_until.values())
        playing_until[sound["rate"]] = now + sound["seconds"]
        if busy:
            masked += 1
            continue
        k = bisect.bisect_left(onsets, now - 0.005)
        if k < len(onsets) and onsets[k] - now < 0.3:
            late = 1000 * (onsets[k] - now), 1000 * (onsets[k] - sound["due"])
            delays.append((sound["what"], *late))
    to_sound = [d for _, d, _ in delays]
    total = [t for _, _, t in delays]
    print(
        f"Handed -> sound in the recording: median {statistics.median(to_sound):.1f} ms, "
        f"90th percentile {sorted(to_sound)[int(0.9 * len(to_sound))]:.1f} ms, "
        f"max {max(to_sound):.1f} ms ({len(delays)} sounds that began out of quiet; "
        f"{masked} began while another played and are not timed)"
    )
    print(f"Cue due -> sound: median {statistics.median(total):.1f} ms, max {max(total):.1f} ms")
    print("\nThe latest sounds:")
    for what, d, t in sorted(delays, key=lambda row: -row[2])[:6]:
        print(f"  {what[:60]:<60} {d:6.1f} ms after handing over, {t:6.1f} ms after due")
    ok = max(total) <= TARGET_MS and max(timer) <= 10
    print(f"\nTarget: every cue within {TARGET_MS:.0f} ms of its moment.")
    print("RESULT:", "all targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="no readings (about a minute)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        return child(args.quick, args.child)
    return parent(args.quick)


if __name__ == "__main__":
    sys.exit(main())
