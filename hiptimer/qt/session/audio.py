"""The cue sounds and the built-in voice's phrases, on whatever audio device there is.

Sound is optional: when Qt Multimedia cannot load (no libpulse) or no output device exists,
the session runs silent and :attr:`CuePlayer.problem` says why.  When a device appears later
(headphones plugged in, a sound server's sink added) sound comes back by itself, and when it
goes away the player says so once; both through signals the window shows.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from hiptimer.core.session.announcements import Sound
from hiptimer.qt.resources import sound_path
from hiptimer.qt.session.sound_out import Output, Pcm, SinkOutput, load_wav

#: The format the built-in voice's phrases come in (eSpeak NG writes 22.05 kHz mono); its
#: output is opened in it at once so the first phrase does not wait for a stream.
SPEECH_FORMAT = (22050, 1)

NO_DEVICE = (
    "Sound is off: no audio output device was found; it comes back by itself when one is connected."
)


class Devices(Protocol):
    """The audio outputs there are, and a signal when that changes (a fake one in tests)."""

    changed: Any  # a signal (or anything with connect(slot))

    def outputs(self) -> list[Any]: ...
    def default_output(self) -> Any: ...


class QtDevices(QObject):
    """:class:`Devices` from QMediaDevices."""

    changed = Signal()

    def __init__(self, multimedia: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._mm = multimedia
        self._watch = multimedia.QMediaDevices(self)
        self._watch.audioOutputsChanged.connect(self.changed.emit)

    def outputs(self) -> list[Any]:
        return list(self._mm.QMediaDevices.audioOutputs())

    def default_output(self) -> Any:
        return self._mm.QMediaDevices.defaultAudioOutput()


OutputFactory = Callable[[Any], Output]


class CuePlayer(QObject):
    """Plays the cue WAVs of ``resources`` (default: the shipped ones) and speech PCM, each on
    its own output so a count can sound over a rep's click; a new phrase cuts the one still
    speaking."""

    problem_found = Signal(str)  # sound went off while running
    restored = Signal(str)  # sound came back

    def __init__(
        self,
        resources: Path | None = None,
        *,
        devices: Devices | None = None,
        open_output: OutputFactory | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``devices`` and ``open_output`` default to Qt's; tests pass fakes."""
        super().__init__(parent)
        self.problem: str | None = None
        self._sounds: dict[Sound, Pcm] = {}
        self._volume = 0.8
        self._muted = False
        self._device: Any = None
        self._cues: Output | None = None
        self._speech: Output | None = None
        missing = []
        for sound in Sound:
            try:
                self._sounds[sound] = load_wav(sound_path(resources, sound))
            except ValueError:
                missing.append(sound_path(resources, sound))
        if devices is None or open_output is None:
            try:
                multimedia = importlib.import_module("PySide6.QtMultimedia")
            except ImportError as exc:
                self.problem = f"Sound is off: Qt Multimedia could not load ({exc})."
                return
        self._devices: Devices = devices or QtDevices(multimedia, self)
        self._open_output: OutputFactory = open_output or (lambda d: SinkOutput(d, self))
        self._devices.changed.connect(self._devices_changed)
        self._connect()
        if missing and self.problem is None:
            self.problem = f"Sound is off for some cues: {missing[0]} is missing."

    @property
    def available(self) -> bool:
        return self._cues is not None

    def _connect(self) -> bool:
        """Open the outputs on the default device; False (and the problem set) when none."""
        self._close()
        if not self._devices.outputs():
            self.problem = NO_DEVICE
            return False
        self._device = self._devices.default_output()
        self._cues = self._open_output(self._device)
        self._speech = self._open_output(self._device)
        first = next(iter(self._sounds.values()), None)
        if first is not None:
            self._cues.open(first.rate, first.channels)
        self._speech.open(*SPEECH_FORMAT)
        problem = self._cues.problem()
        if problem:
            self._close()
            self.problem = f"Sound is off: {problem}."
            return False
        self.problem = None
        self._apply()
        return True

    def _close(self) -> None:
        for output in (self._cues, self._speech):
            if output is not None:
                output.close()
        self._cues = self._speech = None
        self._device = None

    def _devices_changed(self) -> None:
        ours = self._device
        still_there = self._cues is not None and ours in self._devices.outputs()
        if still_there and self._devices.default_output() == ours:
            return  # another device came or went; ours is still there and the default
        was_off = self._cues is None
        if self._connect():
            if was_off:
                self.restored.emit("Sound is back on.")
        elif not was_off:
            self.problem_found.emit(self.problem or NO_DEVICE)

    def set_volume(self, percent: int) -> None:
        self._volume = max(0, min(percent, 100)) / 100
        self._apply()

    def set_muted(self, muted: bool) -> None:
        self._muted = muted
        if muted:
            self.stop_speech()

    def _apply(self) -> None:
        for output in (self._cues, self._speech):
            if output is not None:
                output.set_volume(self._volume)

    def play(self, sound: Sound | str) -> None:
        pcm = self._sounds.get(Sound(sound))
        if pcm is not None and self._cues is not None and not self._muted:
            self._cues.play(pcm)

    def play_speech(self, pcm: Pcm, text: str = "") -> bool:
        """Speak rendered ``pcm`` of ``text`` (cutting any phrase still playing); False when
        there is no sound."""
        if self._speech is None or self._muted:
            return False
        self._speech.play(pcm)
        return True

    def stop_speech(self) -> None:
        if self._speech is not None:
            self._speech.stop()
