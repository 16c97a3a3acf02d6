"""'Place points for me': offered only with the camera extra, proposals wait for the person.

The flow runs a stand-in for the pose worker (a short Python script printing a known answer),
so it is tested without the extra; the real model is tried when the extra is installed.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from hiptimer.core.routines.model import Side
from hiptimer.qt.photo import auto_points, pose_worker
from hiptimer.qt.photo.auto_points import AutoPlacer
from hiptimer.qt.photo.canvas import Mark
from hiptimer.qt.photo.dialog import PhotoMeasureDialog
from tests.fakes import draw_leg_photo, draw_seated_figure


def _dialog(qtbot, test="seated", side=Side.LEFT, **options) -> PhotoMeasureDialog:
    dialog = PhotoMeasureDialog(None, test, side, cameras=lambda: [], **options)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _stand_in(answer: object) -> AutoPlacer:
    """A placer whose worker prints ``answer`` (after checking it was given a photo file)."""
    script = (
        "import sys, os; assert os.path.getsize(sys.argv[1]) > 0; "
        f"print({json.dumps(json.dumps(answer))})"
    )
    return AutoPlacer([sys.executable, "-c", script])


def _landmarks(knee: tuple[float, float], ankle: tuple[float, float]) -> list[list[float]]:
    marks = [[0.5, 0.5, 0.9] for _ in range(33)]
    marks[25], marks[27] = [*knee, 0.95], [*ankle, 0.9]  # the person's left leg
    return marks


def test_without_the_extra_no_button_is_offered(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(auto_points.importlib.util, "find_spec", lambda name: None)
    dialog = _dialog(qtbot)
    assert dialog.placer is None
    dialog.use_photo(draw_leg_photo(30, hanging=True).image)
    assert not dialog.auto_button.isVisible()
    assert not dialog.confirm_button.isVisible()


def test_with_the_extra_only_the_seated_test_offers_it(qtbot, monkeypatch) -> None:
    monkeypatch.setattr(auto_points.importlib.util, "find_spec", lambda name: object())
    seated, prone = _dialog(qtbot, "seated"), _dialog(qtbot, "prone")
    for dialog in (seated, prone):
        dialog.use_photo(draw_leg_photo(30, hanging=True).image)
    assert seated.auto_button.isVisible() and isinstance(seated.placer, AutoPlacer)
    assert not prone.auto_button.isVisible() and prone.placer is None


def test_proposed_points_are_placed_but_not_usable_until_confirmed(qtbot) -> None:
    dialog = _dialog(qtbot, placer=_stand_in({"landmarks": _landmarks((0.5, 0.3), (0.6, 0.66))}))
    photo = draw_leg_photo(30, hanging=True)
    dialog.use_photo(photo.image)
    assert dialog.auto_button.isVisible() and not dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.placer.proposed, timeout=20000):
        dialog.auto_button.click()
    assert dialog.canvas.point(Mark.KNEE) == pytest.approx((480, 216))
    assert dialog.canvas.point(Mark.ANKLE) == pytest.approx((576, 475.2))
    assert dialog.reading is not None and dialog.confirm_button.isVisible()
    assert not dialog.ok_button.isEnabled() and "check them" in dialog.prompt.text()
    dialog.accept()
    assert dialog.measurement is None and dialog.isVisible()
    dialog.canvas.place(Mark.ANKLE, (580, 470))  # the person drags the ankle...
    assert not dialog.ok_button.isEnabled()
    dialog.confirm_button.click()  # ...and confirms
    assert dialog.ok_button.isEnabled() and not dialog.confirm_button.isVisible()
    dialog.ok_button.click()
    assert dialog.measurement is not None
    assert dialog.measurement.degrees == dialog.reading.stored


def test_no_person_found_is_said_and_the_points_stay_the_persons(qtbot) -> None:
    dialog = _dialog(qtbot, placer=_stand_in({"landmarks": None}))
    dialog.use_photo(draw_leg_photo(30, hanging=True).image)
    with qtbot.waitSignal(dialog.placer.failed, timeout=20000):
        dialog.auto_button.click()
    assert "No person was found" in dialog.details.text()
    assert dialog.canvas.placed() == [] and dialog.auto_button.isEnabled()
    assert not dialog.confirm_button.isVisible()


def test_a_worker_that_fails_is_explained(qtbot) -> None:
    placer = AutoPlacer([sys.executable, "-c", "import sys; sys.exit('no model here')"])
    dialog = _dialog(qtbot, placer=placer)
    dialog.use_photo(draw_leg_photo(30, hanging=True).image)
    with qtbot.waitSignal(placer.failed, timeout=20000) as failed:
        dialog.auto_button.click()
    assert failed.args == ["The pose model stopped with an error: no model here"]


@pytest.mark.skipif(
    not auto_points.auto_points_installed(),
    reason="the optional camera extra (MediaPipe) is not installed: pip install '.[camera]'",
)
def test_the_real_model_finds_a_seated_knee_and_ankle(qtbot) -> None:
    figure = draw_seated_figure(side_degrees=30)
    dialog = _dialog(qtbot)
    dialog.use_photo(figure.image)
    with qtbot.waitSignal(dialog.placer.proposed, timeout=60000):
        dialog.auto_button.click()
    knee, ankle = dialog.canvas.point(Mark.KNEE), dialog.canvas.point(Mark.ANKLE)
    assert knee is not None and ankle is not None
    assert abs(knee[0] - figure.knee[0]) < 40 and abs(knee[1] - figure.knee[1]) < 40
    assert abs(ankle[0] - figure.ankle[0]) < 40 and abs(ankle[1] - figure.ankle[1]) < 40
    assert not dialog.ok_button.isEnabled()
    assert "mediapipe" not in sys.modules and "cv2" not in sys.modules  # its own process


def test_the_worker_says_how_to_call_it_and_what_is_missing(tmp_path, capsys) -> None:
    assert pose_worker.main([]) == 2
    assert "usage" in capsys.readouterr().err
    photo = tmp_path / "leg.png"
    assert draw_leg_photo(30).image.save(str(photo))
    if auto_points.auto_points_installed():  # in its own process, as the app runs it
        missing = str(tmp_path / "missing.png")
        ran = subprocess.run([*auto_points.WORKER, missing], capture_output=True, text=True)
        assert ran.returncode == 1 and "not readable as a photo" in ran.stderr
    else:
        assert pose_worker.main([str(photo)]) == 1
        assert "No module named" in capsys.readouterr().err
