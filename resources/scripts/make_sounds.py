"""Generate hiptimer's sound cues (16-bit mono 44.1 kHz WAV) into ``resources/sounds/``.

Stdlib only (``wave`` + ``math``), so anyone can rebuild the cues:

    python resources/scripts/make_sounds.py [OUTPUT_DIR]

Every cue is a sum of soft sine tones with a 5 ms fade in and out, so none starts or stops
with a click.
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

RATE = 44_100
FADE_S = 0.005
PEAK = 0.6  # of full scale, leaves headroom for the mixer


@dataclass(frozen=True)
class Note:
    """A tone from ``start`` for ``length`` seconds; ``freqs`` sound together (a chord)."""

    start: float
    length: float
    freqs: Sequence[float]
    level: float = 1.0
    decay: float = 0.0  # exponential decay rate per second (0 = flat)


def _envelope(t: float, length: float, decay: float) -> float:
    fade = min(1.0, t / FADE_S, (length - t) / FADE_S)
    return max(0.0, fade) * math.exp(-decay * t)


def render(notes: Sequence[Note]) -> list[float]:
    """Mix the notes into samples in -1..1, normalised to :data:`PEAK`."""
    total = max(n.start + n.length for n in notes)
    samples = [0.0] * (int(total * RATE) + 1)
    for note in notes:
        first = int(note.start * RATE)
        count = int(note.length * RATE)
        for i in range(min(count, len(samples) - first)):
            t = i / RATE
            env = _envelope(t, note.length, note.decay) * note.level
            value = sum(math.sin(2 * math.pi * f * t) for f in note.freqs) / len(note.freqs)
            # a little second harmonic makes the tone brighter without getting harsh
            value += 0.15 * sum(math.sin(4 * math.pi * f * t) for f in note.freqs) / len(note.freqs)
            samples[first + i] += env * value
    peak = max(abs(s) for s in samples) or 1.0
    return [s / peak * PEAK for s in samples]


def write_wav(path: Path, samples: Sequence[float]) -> None:
    frames = b"".join(struct.pack("<h", round(s * 32767)) for s in samples)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)


# Frequencies of a few notes (equal temperament, A4 = 440 Hz).
C5, D5, E5, F5, G5, A5, B5 = 523.25, 587.33, 659.25, 698.46, 783.99, 880.00, 987.77
C6, E6, G6 = 1046.50, 1318.51, 1567.98

#: One recipe per cue sound (``hiptimer.core.session.announcements.Sound``; a test checks
#: both lists match).  Short and soft, each with its own shape, so a set can be followed by
#: ear: the rep clicks, the hold hums, lower falls, drive rises, relax sighs.
CUES: dict[str, list[Note]] = {
    # bright rising two-tone: G5 then C6
    "start": [Note(0.0, 0.16, [G5], decay=3.0), Note(0.15, 0.30, [C6], decay=4.0)],
    # one short beep for 3-2-1
    "tick": [Note(0.0, 0.12, [A5], decay=6.0)],
    # two soft blips on one note
    "halfway": [Note(0.0, 0.09, [E5], decay=8.0), Note(0.14, 0.12, [E5], decay=8.0)],
    # a gentle C major chord, notes rolling in one after another
    "end": [
        Note(0.00, 0.64, [C5], level=0.8, decay=3.0),
        Note(0.08, 0.56, [E5], level=0.8, decay=3.0),
        Note(0.16, 0.48, [G5], level=0.8, decay=3.0),
    ],
    # the end chord rising to the octave and ringing longer: the session is done
    "finish": [
        Note(0.00, 1.10, [C5], level=0.8, decay=2.0),
        Note(0.10, 1.00, [E5], level=0.8, decay=2.0),
        Note(0.20, 0.90, [G5], level=0.8, decay=2.0),
        Note(0.30, 0.80, [C6], level=0.8, decay=2.0),
    ],
    # two tones going back and forth: high-low-high-low
    "switch": [
        Note(0.00, 0.12, [E6], decay=4.0),
        Note(0.13, 0.12, [A5], decay=4.0),
        Note(0.26, 0.12, [E6], decay=4.0),
        Note(0.39, 0.16, [A5], decay=5.0),
    ],
    # very short, soft click-like tick for each rep; alternating sets click low (left) and
    # high (right)
    "rep": [Note(0.0, 0.06, [C6, E6], level=0.5, decay=40.0)],
    "rep_left": [Note(0.0, 0.06, [G5, B5], level=0.5, decay=40.0)],
    "rep_right": [Note(0.0, 0.06, [E6, G6], level=0.5, decay=40.0)],
    # a steady, quiet hum: stay there
    "hold": [Note(0.0, 0.30, [E5, B5], decay=2.5)],
    # a short fall: let go, back to the start
    "lower": [Note(0.0, 0.10, [G5], decay=4.0), Note(0.10, 0.16, [D5], decay=6.0)],
    # a quick, firm rise to a bright fifth: push
    "drive": [Note(0.0, 0.07, [C5], decay=2.0), Note(0.07, 0.18, [G5, C6], decay=5.0)],
    # a slow, soft fall: let go
    "relax": [Note(0.0, 0.20, [F5], decay=2.0), Note(0.18, 0.36, [C5], decay=3.0)],
}

#: Quieter cues than the default PEAK (the ones that come every few seconds).
_LEVELS = {"rep": 0.35, "rep_left": 0.35, "rep_right": 0.35, "tick": 0.55, "hold": 0.4}


def main(argv: Sequence[str]) -> int:
    out_dir = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "sounds"
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, notes in CUES.items():
        samples = render(notes)
        scale = _LEVELS.get(name, PEAK) / PEAK
        path = out_dir / f"{name}.wav"
        write_wav(path, [s * scale for s in samples])
        print(f"{path}  {len(samples) / RATE:.2f} s  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
