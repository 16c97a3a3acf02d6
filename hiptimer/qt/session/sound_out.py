"""Sound output that never blocks the event loop: PCM handed to a QAudioSink a little at a time.

Why not QSoundEffect: with Qt 6.10 and 6.11 on PulseAudio, a QSoundEffect that finishes playing
frees a socket notifier from the audio thread, after which the GUI thread spins at full CPU
printing "QSocketNotifier: Invalid socket" (seen with 6.10.3 and 6.11.3 after two or three
cues; 6.9 is fine).  A long-lived QAudioSink in push mode has no such problem, starts a sound
within one server period (10-20 ms on a PulseAudio null sink, see benchmarks/cue_latency.py)
and lets a new sound cut the one still playing, which is what prompts need.
"""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal

#: Seconds of sound the sink holds ahead: what is still heard of a sound a new one cuts.
BUFFER_SECONDS = 0.1
#: How often pending sound is topped up, in ms (only while a sound plays).
FEED_MS = 15


@dataclass(frozen=True)
class Pcm:
    """16-bit little-endian PCM."""

    rate: int
    channels: int
    data: bytes

    @property
    def seconds(self) -> float:
        return len(self.data) / (2 * self.channels * self.rate)


def load_wav(path: Path) -> Pcm:
    """The samples of a 16-bit PCM WAV file; ValueError when it is not one."""
    try:
        with wave.open(str(path), "rb") as wav:
            params = wav.getparams()
            data = wav.readframes(params.nframes)
    except (OSError, wave.Error, EOFError) as exc:
        raise ValueError(f"{path}: cannot be read as a WAV file ({exc})") from exc
    if params.sampwidth != 2 or params.nchannels not in (1, 2):
        raise ValueError(f"{path}: not 16-bit mono or stereo PCM")
    return Pcm(params.framerate, params.nchannels, data)


class Output(Protocol):
    """What the cue player needs of one sound output (a fake one in tests)."""

    def open(self, rate: int, channels: int) -> None: ...
    def play(self, pcm: Pcm) -> None: ...
    def stop(self) -> None: ...
    def set_volume(self, volume: float) -> None: ...
    def close(self) -> None: ...
    def problem(self) -> str | None: ...


class SinkOutput(QObject):
    """One QAudioSink on one device; a new sound replaces the one still playing.

    ``started`` is emitted with each sound as its first bytes go to the sink (benchmarks time
    the sound's onset against it).
    """

    started = Signal(object)  # Pcm

    def __init__(self, device: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6 import QtMultimedia  # only once there is sound to play

        self._mm = QtMultimedia
        self._device = device
        self._sink: Any = None
        self._io: Any = None
        self._format: tuple[int, int] | None = None
        self._volume = 1.0
        self._pending = b""
        self._feeder = QTimer(self)
        self._feeder.setInterval(FEED_MS)
        self._feeder.setTimerType(Qt.TimerType.PreciseTimer)
        self._feeder.timeout.connect(self._feed)

    def open(self, rate: int, channels: int) -> None:
        """Start a sink for this format now, so the first sound does not wait for one."""
        if self._format == (rate, channels) and self._sink is not None:
            return
        self.close()
        mm = self._mm
        fmt = mm.QAudioFormat()
        fmt.setSampleRate(rate)
        fmt.setChannelCount(channels)
        fmt.setSampleFormat(mm.QAudioFormat.SampleFormat.Int16)
        sink = mm.QAudioSink(self._device, fmt, self)
        sink.setBufferSize(int(rate * channels * 2 * BUFFER_SECONDS))
        sink.setVolume(self._volume)
        self._sink, self._format = sink, (rate, channels)
        self._io = sink.start()
        # One silent sample wakes the new stream: without it the first real sound comes
        # about 0.3 s late on PulseAudio.
        if self._io is not None:
            self._io.write(bytes(2 * channels))

    def problem(self) -> str | None:
        if self._sink is None:
            return None
        errors = self._mm.QAudio.Error
        if self._io is None or self._sink.error() in (errors.OpenError, errors.FatalError):
            return "the audio output could not be opened"
        return None

    def play(self, pcm: Pcm) -> None:
        self.open(pcm.rate, pcm.channels)
        self._pending = pcm.data
        self.started.emit(pcm)
        self._feed()

    def _feed(self) -> None:
        if self._pending and self._io is not None and self._sink is not None:
            free = self._sink.bytesFree()
            free -= free % 2
            if free > 0:
                written = self._io.write(self._pending[:free])
                self._pending = self._pending[max(int(written), 0) :]
        if not self._pending:
            self._feeder.stop()
        elif not self._feeder.isActive():
            self._feeder.start()

    def stop(self) -> None:
        self._pending = b""
        self._feeder.stop()

    def set_volume(self, volume: float) -> None:
        self._volume = volume
        if self._sink is not None:
            self._sink.setVolume(volume)

    def close(self) -> None:
        self.stop()
        sink, self._sink, self._io, self._format = self._sink, None, None, None
        if sink is not None:
            sink.stop()
            sink.deleteLater()
