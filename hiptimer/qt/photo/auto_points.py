"""Behind "Place points for me": the optional pose model proposes the knee and ankle.

Offered only when the ``camera`` extra (MediaPipe) is installed, and only for the tests in
:data:`core.history.photo_auto.AUTO_TESTS`.  The model runs in its own process
(:mod:`hiptimer.qt.photo.pose_worker`) on a copy of the photo in a temporary folder, so the
app never imports it and stays responsive while it runs.
"""

from __future__ import annotations

import importlib.util
import sys

from PySide6.QtCore import QObject, QProcess, QTemporaryDir, Signal
from PySide6.QtGui import QImage

from hiptimer.core.history.photo_angle import Point
from hiptimer.core.history.photo_auto import AutoPointsError, proposal_from
from hiptimer.core.routines.model import Side

WORKER = [sys.executable, "-m", "hiptimer.qt.photo.pose_worker"]


def auto_points_installed() -> bool:
    """Whether the ``camera`` extra is there (looked up without importing it)."""
    return importlib.util.find_spec("mediapipe") is not None


class AutoPlacer(QObject):
    """Runs ``command + [photo file]`` and emits the proposed points or why there are none."""

    proposed = Signal(tuple, tuple)  # knee, ankle in photo pixels
    failed = Signal(str)

    def __init__(self, command: list[str] | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.command = list(WORKER if command is None else command)
        self._process: QProcess | None = None
        self._folder: QTemporaryDir | None = None
        self._side = Side.LEFT
        self._size = (0, 0)

    def running(self) -> bool:
        return self._process is not None

    def start(self, image: QImage, side: Side) -> None:
        if self._process is not None or image.isNull():
            return
        folder = QTemporaryDir()
        path = folder.filePath("photo.png")
        if not folder.isValid() or not image.save(path):
            self.failed.emit("The photo could not be handed to the pose model.")
            return
        self._folder, self._side, self._size = folder, side, (image.width(), image.height())
        process = QProcess(self)
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._error)
        self._process = process
        process.start(self.command[0], [*self.command[1:], path])

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._done()
            self.failed.emit("The pose model could not be started.")

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        process = self._process
        if process is None:
            return
        answer = bytes(process.readAllStandardOutput().data()).decode("utf-8", "replace")
        problem = bytes(process.readAllStandardError().data()).decode("utf-8", "replace")
        self._done()
        if status != QProcess.ExitStatus.NormalExit or code != 0:
            last = problem.strip().splitlines()[-1:] or ["no message"]
            self.failed.emit(f"The pose model stopped with an error: {last[0]}")
            return
        try:
            proposal = proposal_from(answer, self._side, *self._size)
        except AutoPointsError as error:
            self.failed.emit(str(error))
            return
        knee: Point = proposal.knee
        ankle: Point = proposal.ankle
        self.proposed.emit(knee, ankle)

    def _done(self) -> None:
        if self._process is not None:
            self._process.deleteLater()
        self._process, self._folder = None, None
