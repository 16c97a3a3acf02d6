"""Log measurement, export history, a session's steps."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from hiptimer.core.history.measurements import normal_ranges
from hiptimer.core.history.store import HistoryStore
from hiptimer.core.routines.model import Kind, Library, Side
from hiptimer.qt.history.dialogs import (
    CSV_FILTER,
    JSON_FILTER,
    LogMeasurementDialog,
    SessionDetailsDialog,
    export_history_dialog,
)
from tests.fakes import builtin_catalog, make_outcome

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TZ = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 5, 28)


Outcome = partial(make_outcome, actual_seconds=62.0)


@pytest.fixture
def store(store: HistoryStore) -> HistoryStore:
    """The shared empty store with one session of three steps."""
    history = store
    started = datetime(2026, 5, 25, 19, 0, tzinfo=TZ)
    session = history.begin_session("full", "Full program", "h", "both", started)
    history.record_step(session, Outcome(0, "prone-ir-test", "Prone test", Kind.TEST, Side.LEFT,
                                         planned_seconds=0, measurement=31),
                        started + timedelta(minutes=1))  # fmt: skip
    history.record_step(session, Outcome(1, "swivel-chair", "Swivel chair", Kind.REPS, Side.RIGHT,
                                         planned_reps=20, actual_reps=18),
                        started + timedelta(minutes=3))  # fmt: skip
    history.record_step(session, Outcome(2, "figure-four", "Figure 4", Kind.HOLD, None,
                                         status="skipped", actual_seconds=3),
                        started + timedelta(minutes=4))  # fmt: skip
    history.finish_session(session, started + timedelta(minutes=30), "completed", 1500)
    history.set_feedback(session, 2, "felt fine")
    return history


def _log_dialog(qtbot, store: HistoryStore, library: Library | None = None) -> LogMeasurementDialog:
    """The dialog, handing its measurement straight to ``store`` (the app hands it to the
    history writer, which saves it the same way on its thread)."""
    normals = normal_ranges(library or builtin_catalog().library)
    dialog = LogMeasurementDialog(
        None, lambda write: write.apply(store), normals=normals, tz=TZ, today=TODAY
    )
    qtbot.addWidget(dialog)
    return dialog


def test_ok_without_degrees_stores_nothing_and_says_why(qtbot, store: HistoryStore) -> None:
    dialog = _log_dialog(qtbot, store)
    before = len(store.measurements())
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not dialog.error.isHidden()
    assert "Enter the degrees" in dialog.error.text()
    assert len(store.measurements()) == before


def test_ok_stores_the_measurement_as_entered(qtbot, store: HistoryStore) -> None:
    dialog = _log_dialog(qtbot, store)
    dialog.test.setCurrentIndex(dialog.test.findData("seated"))
    dialog.side.setCurrentIndex(dialog.side.findData("right"))
    dialog.degrees.setValue(38)
    dialog.taken_on.setDate(QDate(2026, 5, 20))
    dialog.note.setText("  with a phone app ")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.measurement is not None
    stored = [m for m in store.measurements() if m.note == "with a phone app"]
    assert len(stored) == 1
    m = stored[0]
    assert (m.test, m.side, m.degrees, m.note) == ("seated", Side.RIGHT, 38, "with a phone app")
    assert m.taken_at == datetime(2026, 5, 20, 12, 0, tzinfo=TZ)  # midday of a past day
    assert m.session_id is None
    assert store.measurement_series()[("seated", Side.RIGHT)] == [(date(2026, 5, 20), 38)]


def test_degrees_stay_within_0_to_90_and_the_date_not_after_today(qtbot, store) -> None:
    dialog = _log_dialog(qtbot, store)
    dialog.degrees.setValue(120)
    assert dialog.degrees.value() == 90
    dialog.taken_on.setDate(QDate(2026, 6, 10))
    assert dialog.taken_on.date() == QDate(2026, 5, 28)
    assert dialog.taken_on.date() == QDate.fromString(TODAY.isoformat(), "yyyy-MM-dd")


def test_the_normal_range_follows_the_chosen_test(qtbot, store: HistoryStore) -> None:
    dialog = _log_dialog(qtbot, store)
    dialog.test.setCurrentIndex(dialog.test.findData("prone"))
    assert "45°" in dialog.normal.text()
    dialog.test.setCurrentIndex(dialog.test.findData("seated"))
    assert "30–45°" in dialog.normal.text()
    assert dialog.test.currentText() == "Hip in flexion — seated"


def test_without_the_test_exercise_no_normal_range_is_shown(qtbot, store: HistoryStore) -> None:
    dialog = _log_dialog(qtbot, store, Library({}))
    assert dialog.normal.text() == "" and dialog.normal.isHidden()


def _choose_file(monkeypatch: pytest.MonkeyPatch, path: Path, chosen: str) -> list[tuple]:
    calls: list[tuple] = []

    def fake(*args, **kwargs):
        calls.append(args)
        return str(path), chosen

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return calls


def test_export_csv_writes_a_file_that_parses_back(qtbot, store, tmp_path, monkeypatch) -> None:
    target = tmp_path / "out" / "history.csv"
    target.parent.mkdir()
    calls = _choose_file(monkeypatch, target, CSV_FILTER)
    assert export_history_dialog(None, store) == target
    assert calls and "*.json" in calls[0][3]
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [row["record"] for row in rows].count("session") == 1
    assert [row["record"] for row in rows].count("step") == 3
    assert [row["record"] for row in rows].count("measurement") == 1
    assert not list(tmp_path.glob("out/*.tmp"))  # nothing left over from the atomic write


def test_export_json_follows_the_filter_when_there_is_no_extension(
    qtbot, store, tmp_path, monkeypatch
) -> None:
    _choose_file(monkeypatch, tmp_path / "history", JSON_FILTER)
    written = export_history_dialog(None, store)
    assert written == tmp_path / "history.json"
    document = json.loads(written.read_text(encoding="utf-8"))
    assert len(document["sessions"]) == 1
    assert len(document["sessions"][0]["steps"]) == 3
    assert document["measurements"][0]["degrees"] == 31


def test_export_extension_wins_over_the_filter(qtbot, store, tmp_path, monkeypatch) -> None:
    _choose_file(monkeypatch, tmp_path / "history.json", CSV_FILTER)
    written = export_history_dialog(None, store)
    assert written is not None
    json.loads(written.read_text(encoding="utf-8"))


def test_export_cancelled_writes_nothing(qtbot, store, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    before = set(tmp_path.iterdir())
    assert export_history_dialog(None, store) is None
    assert set(tmp_path.iterdir()) == before


def test_export_to_an_unwritable_place_says_so(qtbot, store, tmp_path, monkeypatch) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    _choose_file(monkeypatch, tmp_path / "a-file" / "history.csv", CSV_FILTER)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: warnings.append(a[2])))
    assert export_history_dialog(None, store) is None
    assert len(warnings) == 1 and "could not be saved" in warnings[0]


def test_session_details_list_every_step(qtbot, store: HistoryStore) -> None:
    session = store.sessions()[0]
    dialog = SessionDetailsDialog(session, store.session_steps(session.id))
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 3
    columns = SessionDetailsDialog.COLUMNS
    rows = [
        {name: dialog.table.item(r, c).text() for c, name in enumerate(columns)} for r in range(3)
    ]
    assert (rows[0]["Exercise"], rows[0]["Side"], rows[0]["Version"]) == ("Prone test", "Left", "")
    assert rows[0]["Degrees"] == "31°"
    assert rows[1]["Reps"] == "18 of 20"
    assert rows[2]["Status"] == "Skipped"
    assert rows[2]["Time"] == "0:03 of 1:00"
    assert rows[1]["Time"] == "1:02 of 1:00"
    assert "pain 2/10" in dialog.header.text()
    assert "felt fine" in dialog.header.text()
