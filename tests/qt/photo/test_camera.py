"""The camera dialog and its self-timer: spoken, shown, then one photo in memory."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtWidgets import QDialog

from hiptimer.qt.photo.camera import CameraDialog, SelfTimer, camera_names
from tests.fakes import draw_leg_photo, fake_camera


def test_the_self_timer_says_the_countdown_and_fires_once(qtbot) -> None:
    said: list[str] = []
    timer = SelfTimer("prone", said.append, interval_ms=5)
    shown: list[int] = []
    timer.tick.connect(shown.append)
    with qtbot.waitSignal(timer.fired, timeout=2000):
        timer.start(5)
    assert said == ["Photo in 5 seconds", "Lie still", "3", "2", "1"]
    assert shown == [5, 4, 3, 2, 1, 0]
    assert not timer.running


def test_a_cancelled_self_timer_stays_silent(qtbot) -> None:
    said: list[str] = []
    timer = SelfTimer("seated", said.append, interval_ms=5)
    timer.start(10)
    timer.cancel()
    qtbot.wait(40)
    assert said == ["Photo in 10 seconds"] and not timer.running


def _dialog(qtbot, camera, said: list[str]) -> CameraDialog:
    dialog = CameraDialog(
        None, "prone", ["Built-in"], say=said.append, backend=camera, interval_ms=5
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_photo_comes_after_the_countdown_and_can_be_retaken(qtbot) -> None:
    photo = draw_leg_photo(40).image
    camera = fake_camera(photo)
    said: list[str] = []
    dialog = _dialog(qtbot, camera, said)
    assert camera.started == [0] and dialog.screens.currentIndex() == 0
    dialog.delay.setCurrentIndex(dialog.delay.findData(5))
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.image is not None, timeout=2000)
    assert said[-4:] == ["Lie still", "3", "2", "1"] and camera.captures == 1
    assert dialog.screens.currentIndex() == 1 and dialog.use_button.isVisible()
    dialog.again_button.click()
    assert dialog.image is None and dialog.start_button.isVisible()
    dialog.start_button.click()
    qtbot.waitUntil(lambda: dialog.image is not None, timeout=2000)
    dialog.use_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.image.size() == photo.size() and camera.stopped


def test_a_camera_failure_is_explained_and_offers_the_phone(qtbot) -> None:
    camera = fake_camera(fail="The device is busy.")
    dialog = _dialog(qtbot, camera, [])
    dialog.delay.setCurrentIndex(dialog.delay.findData(5))
    dialog.start_button.click()
    qtbot.waitUntil(lambda: "busy" in dialog.message.text(), timeout=2000)
    assert "phone" in dialog.message.text() and dialog.image is None
    assert dialog.start_button.isVisible()


def test_no_camera_on_this_machine_means_none_is_offered(qapp) -> None:
    assert camera_names() == []  # the test machine has no camera device


def test_opening_the_photo_dialog_does_not_load_the_camera_parts() -> None:
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from hiptimer.core.routines.model import Side\n"
        "from hiptimer.qt.photo.dialog import PhotoMeasureDialog\n"
        "PhotoMeasureDialog(None, 'prone', Side.LEFT, cameras=lambda: [])\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6.QtMultimedia')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
