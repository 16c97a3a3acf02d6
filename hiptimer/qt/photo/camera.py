"""Taking the photo with the computer's camera: a live preview and a spoken self-timer.

Qt Multimedia is imported only here, and only when the person opens the camera, so the app
starts without it.  The photo goes straight into memory (``QImageCapture.capture``), never to
a file.  :class:`CameraDialog` works with any :class:`CameraBackend`; :class:`QtCamera` is the
real one, tests pass a stand-in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QFont, QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hiptimer.core.history.photo_protocols import SELF_TIMER_SECONDS, self_timer_words
from hiptimer.qt.photo.image_file import fit_for_measuring

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QCamera

Say = Callable[[str], None]


def camera_names() -> list[str]:
    """The cameras Qt Multimedia finds (loaded on first use); empty when there is none."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:  # a Qt without Multimedia: opening a photo still works
        return []
    return [device.description() for device in QMediaDevices.videoInputs()]


class CameraBackend(Protocol):
    """What the dialog needs from a camera: a preview, one still on request, errors."""

    @property
    def captured(self) -> SignalInstance: ...  # emits the QImage
    @property
    def failed(self) -> SignalInstance: ...  # emits a message for the person

    def preview(self) -> QWidget: ...
    def start(self, index: int) -> None: ...
    def capture(self) -> None: ...
    def stop(self) -> None: ...


class QtCamera(QObject):
    """The real camera through Qt Multimedia (imported when this is made)."""

    captured = Signal(QImage)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtMultimedia import QImageCapture, QMediaCaptureSession
        from PySide6.QtMultimediaWidgets import QVideoWidget

        self._session = QMediaCaptureSession(self)
        self._capture = QImageCapture(self)
        self._session.setImageCapture(self._capture)
        self._video = QVideoWidget()
        self._video.setAccessibleName("Camera preview")
        self._session.setVideoOutput(self._video)
        self._camera: QCamera | None = None
        self._capture.imageCaptured.connect(lambda _id, image: self.captured.emit(image))
        self._capture.errorOccurred.connect(lambda _id, _error, text: self.failed.emit(text))

    def preview(self) -> QWidget:
        return self._video

    def start(self, index: int) -> None:
        from PySide6.QtMultimedia import QCamera, QMediaDevices

        self.stop()
        devices = QMediaDevices.videoInputs()
        if not 0 <= index < len(devices):
            self.failed.emit("That camera is no longer connected.")
            return
        camera = QCamera(devices[index], self)
        camera.errorOccurred.connect(lambda _error, text: self.failed.emit(text))
        self._session.setCamera(camera)
        self._camera = camera
        camera.start()

    def capture(self) -> None:
        if self._capture.isReadyForCapture():
            self._capture.capture()
        else:
            self.failed.emit("The camera is not ready yet: try again in a moment.")

    def stop(self) -> None:
        if self._camera is not None:
            self._camera.stop()
            self._camera.deleteLater()
            self._camera = None


class SelfTimer(QObject):
    """Counts down once a second, saying what :func:`self_timer_words` gives, then fires."""

    tick = Signal(int)  # seconds left
    fired = Signal()

    def __init__(
        self, test: str, say: Say | None, parent: QObject | None = None, interval_ms: int = 1000
    ) -> None:
        super().__init__(parent)
        self.test = test
        self._say = say
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._step)
        self._seconds = 0
        self.left = 0

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def start(self, seconds: int) -> None:
        self._seconds = self.left = seconds
        self._timer.start()
        self._announce()

    def cancel(self) -> None:
        self._timer.stop()
        self.left = 0

    def _step(self) -> None:
        self.left -= 1
        if self.left <= 0:
            self._timer.stop()
            self.tick.emit(0)
            self.fired.emit()
        else:
            self._announce()

    def _announce(self) -> None:
        self.tick.emit(self.left)
        words = self_timer_words(self.test, self.left, self._seconds)
        if words and self._say is not None:
            self._say(words)


class CameraDialog(QDialog):
    """Preview, self-timer and the still; ``image`` holds the photo after Accepted."""

    def __init__(
        self,
        parent: QWidget | None,
        test: str,
        cameras: list[str],
        *,
        say: Say | None = None,
        backend: CameraBackend | None = None,
        interval_ms: int = 1000,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Take the photo")
        self.image: QImage | None = None
        self.backend: CameraBackend = backend if backend is not None else QtCamera(self)
        self.backend.captured.connect(self._captured)
        self.backend.failed.connect(self._failed)
        self.timer = SelfTimer(test, say, self, interval_ms)
        self.timer.tick.connect(self._show_left)
        self.timer.fired.connect(self.backend.capture)

        self.camera_choice = QComboBox()
        self.camera_choice.addItems(cameras)
        self.camera_choice.setAccessibleName("Camera")
        self.camera_choice.setVisible(len(cameras) > 1)
        self.camera_choice.currentIndexChanged.connect(self.backend.start)
        self.delay = QComboBox()
        for seconds in SELF_TIMER_SECONDS:
            self.delay.addItem(f"{seconds} s", seconds)
        self.delay.setAccessibleName("Self-timer")
        delay_label = QLabel("Self-&timer:")
        delay_label.setBuddy(self.delay)
        self.countdown = QLabel()
        self.countdown.setAccessibleName("Self-timer countdown")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(56)
        self.countdown.setFont(font)
        self.message = QLabel(
            "Check the preview: the knees and ankles in view, the camera upright. Then start "
            "the self-timer and get into position; it counts down aloud."
        )
        self.message.setWordWrap(True)
        self.still = QLabel()
        self.still.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.still.setAccessibleName("The photo taken")
        self.screens = QStackedWidget()
        preview = self.backend.preview()
        preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        preview.setMinimumSize(320, 200)
        self.screens.addWidget(preview)
        self.screens.addWidget(self.still)

        self.start_button = QPushButton("&Start the self-timer")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start_timer)
        self.again_button = QPushButton("Take it &again")
        self.again_button.clicked.connect(self.retake)
        self.use_button = QPushButton("&Use this photo")
        self.use_button.clicked.connect(self.accept)
        cancel = QPushButton("Cancel")
        cancel.clicked.connect(self.reject)
        controls = QHBoxLayout()
        controls.addWidget(self.camera_choice)
        controls.addWidget(delay_label)
        controls.addWidget(self.delay)
        controls.addStretch(1)
        for button in (self.start_button, self.again_button, self.use_button, cancel):
            controls.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.countdown)
        layout.addWidget(self.screens, 1)
        layout.addLayout(controls)
        self._show_taking()
        self.backend.start(0)

    def start_timer(self) -> None:
        if not self.timer.running:
            self.start_button.setText("&Stop the self-timer")
            self.timer.start(int(self.delay.currentData()))
        else:
            self.timer.cancel()
            self._show_taking()

    def retake(self) -> None:
        self.image = None
        self._show_taking()

    def _show_left(self, seconds: int) -> None:
        self.countdown.setText(f"{seconds}" if seconds else "Now")

    def _show_taking(self) -> None:
        self.screens.setCurrentIndex(0)
        self.countdown.setText("")
        self.start_button.setText("&Start the self-timer")
        self.start_button.show()
        self.again_button.hide()
        self.use_button.hide()

    def _captured(self, image: QImage) -> None:
        self.image = fit_for_measuring(image)
        self.countdown.setText("")
        self.still.setPixmap(
            QPixmap.fromImage(self.image).scaled(
                self.screens.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        self.screens.setCurrentIndex(1)
        self.start_button.hide()
        self.again_button.show()
        self.use_button.show()
        self.use_button.setFocus()

    def _failed(self, message: str) -> None:
        self.timer.cancel()
        self._show_taking()
        self.message.setText(
            f"The camera could not take the photo: {message} You can also take it with a "
            "phone's self-timer and open it instead."
        )

    def done(self, result: int) -> None:
        self.timer.cancel()
        self.backend.stop()
        super().done(result)
