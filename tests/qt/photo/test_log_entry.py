"""Log measurement from a photo: marked, the photo kept only when asked, the mark honest."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QDialog

from hiptimer.core.history.measurements import normal_ranges
from hiptimer.core.history.store import HistoryStore
from hiptimer.qt.history.dialogs import LogMeasurementDialog
from hiptimer.qt.photo.canvas import Mark
from tests.fakes import builtin_catalog, draw_leg_photo

TZ = ZoneInfo("Europe/Berlin")


def _log(qtbot, store: HistoryStore, save) -> LogMeasurementDialog:
    normals = normal_ranges(builtin_catalog().library)
    dialog = LogMeasurementDialog(
        None, save, photos=store.photos_dir, normals=normals, tz=TZ, today=date(2026, 5, 28)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _measure(dialog: LogMeasurementDialog, degrees: float, *, keep: bool) -> None:
    photo_dialog = dialog.photo.open_dialog()
    photo = draw_leg_photo(degrees, lean=-1)  # the left leg, face down: foot to the left
    photo_dialog.use_photo(photo.image)
    photo_dialog.canvas.place(Mark.KNEE, photo.knee)
    photo_dialog.canvas.place(Mark.ANKLE, photo.ankle)
    photo_dialog.keep.setChecked(keep)
    photo_dialog.ok_button.click()


@pytest.mark.parametrize("keep", [False, True])
def test_a_photo_reading_is_logged_as_measured_from_a_photo(
    qtbot, store: HistoryStore, writes, keep: bool
) -> None:
    dialog = _log(qtbot, store, writes.submit)
    _measure(dialog, 37, keep=keep)
    assert dialog.degrees.value() == 37 and dialog.photo.how.isVisible()
    assert ("is kept" if keep else "not kept") in dialog.photo.how.text()
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.measurement is not None and dialog.measurement.from_photo
    assert writes.wait_until_saved()
    [row] = store.measurements()
    assert (row.test, row.side, row.degrees, row.from_photo) == ("prone", "left", 37, True)
    assert (row.photo is not None) is keep
    kept = sorted(p.name for p in store.photos_dir.iterdir()) if keep else []
    assert kept == ([row.photo] if keep else [])
    assert keep or not store.photos_dir.exists()  # nothing written unless asked


def test_typing_other_degrees_or_another_side_takes_the_mark_away(
    qtbot, store: HistoryStore, writes
) -> None:
    dialog = _log(qtbot, store, writes.submit)
    _measure(dialog, 37, keep=True)
    dialog.degrees.setValue(38)
    assert dialog.photo.measurement is None and not dialog.photo.how.isVisible()
    _measure(dialog, 37, keep=True)
    dialog.side.setCurrentIndex(1)
    assert dialog.photo.measurement is None
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert writes.wait_until_saved()
    [row] = store.measurements()
    assert (row.degrees, row.from_photo, row.photo) == (37, False, None)
    assert not store.photos_dir.exists() or not any(store.photos_dir.iterdir())


def test_a_failed_save_leaves_no_photo_behind(qtbot, store: HistoryStore) -> None:
    def refuse(measurement):
        raise RuntimeError("the disk said no")

    dialog = _log(qtbot, store, refuse)
    _measure(dialog, 37, keep=True)
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "the disk said no" in dialog.error.text()
    assert not any(store.photos_dir.iterdir())
