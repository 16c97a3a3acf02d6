"""Run by test_real_sound.py in a child process on a private PulseAudio server.

Qt Multimedia connects to the sound server once per process, so a real-sound run needs its
own process.  This one starts with no sink, prints ``ready``, waits for the parent to add a
null sink (sound must come back by itself), then plays a short routine with the built-in voice
reading the steps, and prints one JSON line per sound handed to the audio sink and a last line
with what the player and the voice reported.

    python sound_child.py SPEED CACHE_DIR
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from hiptimer.core.routines.model import (
    Item,
    Kind,
    Range,
    Routine,
    Section,
    SideChoice,
    Sides,
)
from hiptimer.core.session.announcements import spoken_phrases
from hiptimer.core.session.events import EventKind
from hiptimer.core.session.plan import build_plan
from hiptimer.core.speech import VoiceChoice
from hiptimer.qt.session.audio import CuePlayer, QtDevices
from hiptimer.qt.session.controller import SessionController
from hiptimer.qt.session.sound_out import Pcm, SinkOutput
from hiptimer.qt.session.voice import Voice
from tests.fakes import builtin_catalog

ROUTINE = Routine(
    "sound",
    "Sound check",
    (
        Section(
            "S",
            (
                Item("figure-four-supine", Kind.HOLD, seconds=Range(6, 6)),
                Item("sitting-knee-drop", Kind.REPS, count=2, pace=2, sides=Sides.ALTERNATE),
                Item("seated-hip-ir", Kind.REPS, count=1, pace=1, hold=Range(3, 3)),
                Item("femoral-head-centration", Kind.CYCLES, work=2, relax=1, count=2),
            ),
        ),
    ),
    rest=0,
)


def say(**fields: object) -> None:
    print(json.dumps(fields), flush=True)


def main(speed: float, cache_dir: Path) -> int:
    app = QApplication([sys.argv[0]])
    import PySide6.QtMultimedia as multimedia

    def open_output(device: object) -> SinkOutput:
        output = SinkOutput(device)

        def started(pcm: Pcm) -> None:
            say(kind="started", what=names.get(pcm.data, "?"), rate=pcm.rate)

        output.started.connect(started)
        return output

    cues = CuePlayer(devices=QtDevices(multimedia), open_output=open_output)
    names = {pcm.data: sound.value for sound, pcm in cues._sounds.items()}
    say(kind="start", problem=cues.problem, available=cues.available)
    catalog = builtin_catalog()
    plan = build_plan(ROUTINE, catalog.library, SideChoice.LEFT, lead_in=5, reading_wpm=175)
    voice = Voice(VoiceChoice.builtin(), player=cues, cache_dir=cache_dir)
    voice.prepare(spoken_phrases(plan))
    original = cues.play_speech

    def play_speech(pcm: Pcm, text: str = "") -> bool:
        names[pcm.data] = f"say: {text}"
        return original(pcm, text)

    cues.play_speech = play_speech  # type: ignore[method-assign]
    restored: list[str] = []
    cues.restored.connect(restored.append)
    controller = SessionController(
        plan, speed=speed, clock=__import__("time").monotonic, writes=None, cues=cues, voice=voice
    )

    def finished(events: list) -> None:
        if any(e.kind is EventKind.SESSION_FINISHED for e in events):
            QTimer.singleShot(1500, app.quit)  # let the last sound play out

    controller.runner.events.connect(finished)

    def begin() -> None:
        say(kind="playing", restored=restored, problem=cues.problem)
        controller.start()

    def wait_for_sound() -> None:
        if cues.available:
            QTimer.singleShot(300, begin)
        else:
            QTimer.singleShot(50, wait_for_sound)

    say(kind="ready")
    wait_for_sound()
    QTimer.singleShot(120_000, app.quit)
    app.exec()
    say(kind="end", spoken=list(voice.spoken), skipped=list(voice.skipped), voice=voice.description)
    return 0


if __name__ == "__main__":
    sys.exit(main(float(sys.argv[1]), Path(sys.argv[2])))
