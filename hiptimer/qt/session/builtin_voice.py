"""The built-in voice: eSpeak NG phrases rendered ahead of need and played like the cues.

Why the ``espeak-ng`` program rather than a wheel bundling its library (``espeakng-loader``):
it is a plain system package on every Linux distribution, kept up to date there, speaks from
a child process so a crash or a hang in it can never take the app's timer with it (the same
reason the system voice is first tried in a child), and renders a phrase straight to a WAV
file in about 10 ms; a ctypes binding would run the synthesiser inside the app.

Each phrase is rendered once per voice and rate into the user cache folder, in the order the
session will need them (:func:`~hiptimer.core.session.announcements.spoken_phrases`), so a
prompt plays from a file at its moment.  A prompt whose phrase is not ready yet is rendered
first and said if that takes less than ``LATE_PROMPT_SECONDS``; otherwise it is dropped (the
cue sound has already told the moment).
"""

from __future__ import annotations

import os
import shutil
import time
from collections import OrderedDict, deque
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QTimer, Signal

from hiptimer.core.speech import (
    DEFAULT_BUILTIN_VOICE,
    ESPEAK_PACKAGE,
    ESPEAK_PROGRAM,
    LATE_PROMPT_SECONDS,
    espeak_arguments,
    phrase_key,
    speakable,
    speech_problem,
    wav_summary,
    words_per_minute,
)
from hiptimer.qt.session.audio import CuePlayer
from hiptimer.qt.session.sound_out import Pcm, load_wav

#: A phrase that takes longer than this to render is given up.
RENDER_TIMEOUT_MS = 15_000
#: The cache folder is trimmed to about this size, oldest phrases first.
CACHE_LIMIT_BYTES = 64 * 1024 * 1024
#: Phrases kept loaded in memory (counts and short prompts come back again and again).
LOADED_PHRASES = 48


def trim_cache(folder: Path, limit: int = CACHE_LIMIT_BYTES) -> None:
    """Delete the least recently used phrases until the folder holds at most ``limit`` bytes."""
    try:
        files = [(e.stat().st_mtime, e.stat().st_size, e.path) for e in os.scandir(folder)]
    except OSError:
        return
    total = sum(size for _, size, _ in files)
    for _, size, path in sorted(files):
        if total <= limit:
            break
        try:
            os.unlink(path)
            total -= size
        except OSError:
            continue


class PhraseRenderer(QObject):
    """Renders phrases to WAV files in ``cache_dir`` with espeak-ng, one child process at a
    time, in the order asked; ``hurry`` puts a phrase first.

    ``rendered(text)`` for each phrase on disk; ``failed(message)`` when the program cannot
    run at all (then nothing more is rendered).  A phrase whose audio is not plausible speech
    is left out and listed in :attr:`rejected`.
    """

    rendered = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        cache_dir: Path,
        voice: str,
        wpm: float,
        *,
        program: str = ESPEAK_PROGRAM,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.voice, self.wpm = voice, wpm
        self.problem: str | None = None
        self.rejected: dict[str, str] = {}
        self._dir = cache_dir
        self._queue: deque[str] = deque()
        self._process: QProcess | None = None
        self._current: str | None = None
        self._tmp: Path | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._timed_out)
        found = shutil.which(program)
        if found is None:
            self.problem = (
                f"the built-in voice needs the {program} program (package {ESPEAK_PACKAGE})"
            )
            return
        self._program = found
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.problem = f"the voice cache {cache_dir} cannot be made ({exc.strerror or exc})"
            return
        trim_cache(cache_dir)

    def path(self, text: str) -> Path:
        return self._dir / f"{phrase_key(text, self.voice, self.wpm)}.wav"

    def ready(self, text: str) -> bool:
        return self.path(text).is_file()

    @property
    def busy(self) -> bool:
        return self._process is not None or bool(self._queue)

    def prepare(self, texts: Iterable[str]) -> None:
        for text in texts:
            if text not in self._queue and text != self._current and not self.ready(text):
                self._queue.append(text)
        self._next()

    def hurry(self, text: str) -> None:
        if text == self._current or self.ready(text):
            return
        if text in self._queue:
            self._queue.remove(text)
        self._queue.appendleft(text)
        self._next()

    def _next(self) -> None:
        while self.problem is None and self._process is None and self._queue:
            text = self._queue.popleft()
            if self.ready(text):
                self.rendered.emit(text)
                continue
            self._start(text)

    def _start(self, text: str) -> None:
        self._current = text
        self._tmp = self.path(text).with_suffix(f".{os.getpid()}.part")
        process = QProcess(self)
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._error)
        self._process = process
        self._timer.start(RENDER_TIMEOUT_MS)
        process.start(self._program, espeak_arguments(self.voice, self.wpm, self._tmp))
        process.write(speakable(text).encode())
        process.closeWriteChannel()

    def _error(self, error: QProcess.ProcessError) -> None:
        if error is QProcess.ProcessError.FailedToStart:
            self._end_process()
            self._fail(f"{ESPEAK_PROGRAM} could not start")

    def _timed_out(self) -> None:
        self._end_process()
        self._fail(f"{ESPEAK_PROGRAM} did not finish a phrase in {RENDER_TIMEOUT_MS // 1000} s")

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        process = self._process
        if process is None:
            return
        errors = bytes(process.readAllStandardError().data()).decode(errors="replace").strip()
        text, tmp = self._current, self._tmp
        self._tmp = None  # kept: _keep checks it and moves it into place
        self._end_process()
        if status is not QProcess.ExitStatus.NormalExit or code != 0:
            detail = errors.splitlines()[-1] if errors else f"exit code {code}"
            self._fail(f"{ESPEAK_PROGRAM} failed ({detail})")
            return
        if text is not None and tmp is not None:
            self._keep(text, tmp)
        self._next()

    def _keep(self, text: str, tmp: Path) -> None:
        try:
            problem = speech_problem(wav_summary(tmp), text, self.wpm)
        except (ValueError, OSError) as exc:
            problem = str(exc)
        if problem is None:
            try:
                os.replace(tmp, self.path(text))
            except OSError as exc:
                problem = f"it could not be saved ({exc.strerror or exc})"
        if problem is not None:
            self.rejected[text] = problem
            tmp.unlink(missing_ok=True)
            return
        self.rendered.emit(text)

    def _end_process(self) -> None:
        self._timer.stop()
        process, self._process, self._current = self._process, None, None
        if process is not None:
            process.finished.disconnect(self._finished)
            process.errorOccurred.disconnect(self._error)
            if process.state() is not QProcess.ProcessState.NotRunning:
                process.kill()
                process.waitForFinished(1000)
            process.deleteLater()
        if self._tmp is not None:
            self._tmp.unlink(missing_ok=True)
            self._tmp = None

    def _fail(self, message: str) -> None:
        self.problem = message
        self._queue.clear()
        self.failed.emit(message)

    def stop(self) -> None:
        self._queue.clear()
        self._end_process()


class BuiltinVoice(QObject):
    """Speaks rendered phrases through the cue player.  ``failed(message)`` when eSpeak NG
    stops working; a problem found at once (no espeak-ng) is in :attr:`problem`."""

    failed = Signal(str)

    def __init__(
        self,
        player: CuePlayer,
        cache_dir: Path,
        voice: str = DEFAULT_BUILTIN_VOICE,
        rate_percent: int = 0,
        *,
        program: str = ESPEAK_PROGRAM,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.player = player
        self.voice = voice or DEFAULT_BUILTIN_VOICE
        self._cache_dir, self._program = cache_dir, program
        self._loaded: OrderedDict[str, Pcm] = OrderedDict()
        self._wanted: tuple[str, float] | None = None  # asked before it was rendered
        self._prepared: list[str] = []
        self.renderer = self._renderer(rate_percent)

    def _renderer(self, rate_percent: int) -> PhraseRenderer:
        renderer = PhraseRenderer(
            self._cache_dir / "voice",
            self.voice,
            words_per_minute(rate_percent),
            program=self._program,
            parent=self,
        )
        renderer.rendered.connect(self._rendered)
        renderer.failed.connect(self.failed.emit)
        return renderer

    @property
    def problem(self) -> str | None:
        return self.renderer.problem

    @property
    def label(self) -> str:
        return f"eSpeak NG, {self.voice}"

    def set_rate(self, rate_percent: int) -> None:
        if words_per_minute(rate_percent) == self.renderer.wpm:
            return
        self.renderer.stop()
        self.renderer.setParent(None)
        self._loaded.clear()
        self.renderer = self._renderer(rate_percent)
        self.renderer.prepare(self._prepared)

    def prepare(self, texts: Iterable[str]) -> None:
        """Render these phrases ahead, in this order (the order they will be needed)."""
        self._prepared = list(dict.fromkeys(texts))
        self.renderer.prepare(self._prepared)

    def say(self, text: str) -> bool:
        """Play ``text`` now if it is rendered; otherwise render it first and play it if that
        is quick (see ``LATE_PROMPT_SECONDS``).  True when it played at once."""
        if self.renderer.ready(text):
            self._wanted = None
            return self._play(text)
        self._wanted = (text, time.monotonic())
        self.player.stop_speech()  # an older prompt must not talk over this moment
        self.renderer.hurry(text)
        return False

    def _rendered(self, text: str) -> None:
        wanted = self._wanted
        if wanted is not None and wanted[0] == text:
            self._wanted = None
            if time.monotonic() - wanted[1] <= LATE_PROMPT_SECONDS:
                self._play(text)

    def _play(self, text: str) -> bool:
        pcm = self._loaded.pop(text, None)
        if pcm is None:
            path = self.renderer.path(text)
            try:
                pcm = load_wav(path)
                os.utime(path)  # recently used: kept when the cache is trimmed
            except (ValueError, OSError):
                return False
        self._loaded[text] = pcm
        while len(self._loaded) > LOADED_PHRASES:
            self._loaded.popitem(last=False)
        return self.player.play_speech(pcm, text)

    def stop(self) -> None:
        self._wanted = None
        self.player.stop_speech()

    def close(self) -> None:
        self.renderer.stop()
