"""The measurements list: how each was taken; deleting one deletes its kept photo."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QMessageBox

from hiptimer.core.history.photos import keep_photo, photo_path
from hiptimer.core.history.store import HistoryStore
from hiptimer.qt.history.measurements_dialog import MeasurementsDialog
from hiptimer.qt.photo.image_file import jpeg_bytes
from tests.fakes import draw_leg_photo

T0 = datetime(2026, 5, 20, 19, 0, tzinfo=ZoneInfo("Europe/Berlin"))


@pytest.fixture
def photo_store(store: HistoryStore, qapp) -> HistoryStore:
    kept = keep_photo(store.photos_dir, jpeg_bytes(draw_leg_photo(40).image))
    store.add_measurement("prone", "left", 40, T0, from_photo=True, photo=kept)
    store.add_measurement("prone", "right", 44, T0.replace(day=21), from_photo=True)
    store.add_measurement("seated", "left", 33, T0.replace(day=22), note="goniometer")
    return store


def _dialog(qtbot, store: HistoryStore, writes=None) -> MeasurementsDialog:
    dialog = MeasurementsDialog(store, writes)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _how(dialog: MeasurementsDialog) -> list[str]:
    return [dialog.table.item(row, 4).text() for row in range(dialog.table.rowCount())]


def test_the_list_says_how_each_was_measured(qtbot, photo_store: HistoryStore) -> None:
    dialog = _dialog(qtbot, photo_store)  # no writer: the history cannot be written
    assert not dialog.delete_button.isEnabled()
    assert _how(dialog) == ["typed in", "on a photo", "on a photo (kept)"]  # newest first
    assert not dialog.show_button.isEnabled()
    dialog.table.selectRow(2)
    assert dialog.show_button.isEnabled() and not dialog.forget_button.isEnabled()
    viewer = dialog.show_photo()
    assert viewer is not None and viewer.isVisible()


def test_deleting_a_measurement_deletes_its_photo(
    qtbot, photo_store: HistoryStore, writes, monkeypatch
) -> None:
    kept = photo_store.measurements()[0].photo
    assert kept is not None
    dialog = _dialog(qtbot, photo_store, writes)
    changed = []
    dialog.changed.connect(lambda: changed.append(True))
    asked = []

    def answer(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    dialog.table.selectRow(2)
    dialog.delete_button.click()
    assert "the photo kept with it" in asked[0]
    assert not photo_path(photo_store.photos_dir, kept).exists()
    assert [m.degrees for m in photo_store.measurements()] == [44, 33]
    assert _how(dialog) == ["typed in", "on a photo"] and changed == [True]


def test_a_no_keeps_the_measurement(qtbot, photo_store: HistoryStore, writes, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    dialog = _dialog(qtbot, photo_store, writes)
    dialog.delete_button.click()
    assert len(photo_store.measurements()) == 3


def test_deleting_only_the_photo_keeps_the_degrees(
    qtbot, photo_store: HistoryStore, writes
) -> None:
    kept = photo_store.measurements()[0].photo
    dialog = _dialog(qtbot, photo_store, writes)
    dialog.table.selectRow(2)
    dialog.forget_button.click()
    assert not photo_path(photo_store.photos_dir, kept).exists()
    first = photo_store.measurements()[0]
    assert (first.degrees, first.from_photo, first.photo) == (40, True, None)
    assert _how(dialog)[2] == "on a photo"


def test_a_photo_gone_from_the_folder_is_said_so(qtbot, photo_store: HistoryStore) -> None:
    kept = photo_store.measurements()[0].photo
    photo_path(photo_store.photos_dir, kept).unlink()
    dialog = _dialog(qtbot, photo_store)
    dialog.table.selectRow(2)
    assert dialog.show_photo() is None and "could not be read" in dialog.problem.text()


def test_the_history_tab_opens_the_list_and_redraws_after_a_deletion(
    qtbot, app_paths, photo_store: HistoryStore, writes, monkeypatch
) -> None:
    from hiptimer.qt.history.page import HistoryPage
    from tests.fakes import make_ctx

    page = HistoryPage(make_ctx(app_paths, history=photo_store, writes=writes))
    qtbot.addWidget(page)
    page.measurements_button.click()
    dialog = page.findChild(MeasurementsDialog)
    assert dialog is not None and dialog.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    dialog.delete_button.click()  # the newest: seated left
    series = {s.objectName(): s for s in page.chart.chart("seated").series()}
    assert series["seated-left"].count() == 0
