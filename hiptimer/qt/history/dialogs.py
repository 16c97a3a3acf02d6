"""Dialogs around the history: log a measurement, export the history, a session's steps."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, tzinfo
from html import escape
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hiptimer.core.atomic_file import atomic_write
from hiptimer.core.history import export as history_export
from hiptimer.core.history import measurements
from hiptimer.core.history.commands import AddMeasurement
from hiptimer.core.history.errors import HistoryError
from hiptimer.core.history.local_time import local_zone
from hiptimer.core.history.measurements import (
    TEST_TITLES,
    TESTS,
    NormalRanges,
    entry_problem,
    normal_text,
)
from hiptimer.core.history.rows import SessionRow, StepRow
from hiptimer.core.history.store import HistoryStore
from hiptimer.core.history.view_text import STEP_COLUMNS, session_summary, step_cells
from hiptimer.core.routines.limits import DEGREE_LIMITS
from hiptimer.core.routines.model import Side
from hiptimer.qt.photo.log_entry import PhotoEntry

NO_DEGREES = DEGREE_LIMITS.low - 1  # the spin box's "not entered yet" value


class LogMeasurementDialog(QDialog):
    """Record a range-of-motion measurement taken outside a session; OK hands it to ``save``
    (the history writer's ``submit``), which saves it off the window's thread.

    After ``exec()`` returns Accepted, ``measurement`` is the write that was handed over.
    ``photos``: where a photo measured on is kept when the person asks (None: never kept).
    """

    def __init__(
        self,
        parent: QWidget | None,
        save: Callable[[AddMeasurement], None],
        *,
        photos: Path | None = None,
        normals: NormalRanges,
        tz: tzinfo | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.save = save
        self.measurement: AddMeasurement | None = None
        self._normals = normals
        self._tz = tz or local_zone()
        self._today = today or datetime.now(self._tz).date()
        self.setWindowTitle("Log measurement")

        self.test = QComboBox()
        for test in TESTS:
            self.test.addItem(TEST_TITLES[test], test)
        self.side = QComboBox()
        self.side.addItem("Left hip", Side.LEFT.value)
        self.side.addItem("Right hip", Side.RIGHT.value)
        self.degrees = QSpinBox()
        self.degrees.setRange(NO_DEGREES, DEGREE_LIMITS.high)
        self.degrees.setSpecialValueText("enter degrees")
        self.degrees.setSuffix("°")
        self.degrees.setValue(NO_DEGREES)
        self.degrees.setAccessibleName("Degrees")
        self.taken_on = QDateEdit(QDate(self._today.year, self._today.month, self._today.day))
        self.taken_on.setCalendarPopup(True)
        self.taken_on.setMaximumDate(QDate(self._today.year, self._today.month, self._today.day))
        self.taken_on.setDisplayFormat("d MMM yyyy")
        self.note = QLineEdit()
        self.note.setPlaceholderText("optional, e.g. measured with a phone app")
        self.normal = QLabel()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("font-weight: bold")
        self.error.hide()
        self.photo = PhotoEntry(self.degrees, self.test, self.side, photos)  # or on a photo

        form = QFormLayout()
        form.addRow("&Test:", self.test)
        form.addRow("", self.normal)
        form.addRow("&Side:", self.side)
        form.addRow("&Degrees:", self.photo)
        form.addRow("", self.photo.how)
        form.addRow("D&ate:", self.taken_on)
        form.addRow("&Note:", self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.test.currentIndexChanged.connect(self._show_normal)
        self._show_normal()

    def _show_normal(self) -> None:
        normal = self._normals.get(self.test.currentData())
        self.normal.setText("" if normal is None else normal_text(normal))
        self.normal.setVisible(normal is not None)

    def _day(self) -> date:
        day = self.taken_on.date().toPython()
        assert isinstance(day, date)
        return day

    def problem(self) -> str | None:
        """Why the entries cannot be stored yet, or None."""
        degrees = self.degrees.value()
        return entry_problem(None if degrees == NO_DEGREES else degrees, self._day(), self._today)

    def taken_at(self) -> datetime:
        """Now when the chosen day is today, otherwise midday of that day, in local time."""
        return measurements.taken_at(self._day(), datetime.now(self._tz))

    def accept(self) -> None:
        problem = self.problem()
        if problem is None:
            try:
                measurement = AddMeasurement(
                    self.test.currentData(),
                    self.side.currentData(),
                    self.degrees.value(),
                    self.taken_at(),
                    self.note.text().strip(),
                )
                self.measurement = self.photo.save(measurement, self.save)
            except (ValueError, RuntimeError, OSError) as exc:
                problem = f"The measurement could not be saved: {exc}"
            else:
                super().accept()
                return
        self.error.setText(problem)
        self.error.show()


CSV_FILTER = "CSV spreadsheet (*.csv)"
JSON_FILTER = "JSON (*.json)"


def _format_for(path: str, chosen_filter: str) -> tuple[Path, str]:
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix in (".csv", ".json"):
        return target, suffix[1:]
    fmt = "json" if chosen_filter == JSON_FILTER else "csv"
    return target.with_name(f"{target.name}.{fmt}"), fmt


def export_history_dialog(parent: QWidget | None, store: HistoryStore) -> Path | None:
    """Ask where to save, then write the whole history as CSV or JSON; return the file.

    The format follows the file's extension, or the chosen filter when there is none.
    """
    folder = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation
    ) or str(Path.home())
    suggested = str(Path(folder) / f"hiptimer-history-{date.today().isoformat()}.csv")
    path, chosen = QFileDialog.getSaveFileName(
        parent, "Export history", suggested, f"{CSV_FILTER};;{JSON_FILTER}", CSV_FILTER
    )
    if not path:
        return None
    target, fmt = _format_for(path, chosen)
    try:
        atomic_write(target, history_export.export(store, fmt))
    except (OSError, HistoryError) as exc:
        QMessageBox.warning(
            parent, "Export failed", f"The history could not be saved to {target}:\n{exc}"
        )
        return None
    return target


class SessionDetailsDialog(QDialog):
    """One session and its steps, read only."""

    COLUMNS = STEP_COLUMNS

    def __init__(
        self,
        session: SessionRow,
        steps: list[StepRow],
        parent: QWidget | None = None,
        progressions: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Session — {session.routine_name}")
        self.resize(760, 520)
        header = QLabel(
            f"<b>{escape(session.routine_name)}</b><br>{escape(session_summary(session))}"
            + (f"<br>Note: {escape(session.note)}" if session.note else "")
        )
        header.setWordWrap(True)
        header.setTextFormat(Qt.TextFormat.RichText)
        self.header = header

        self.table = QTableWidget(len(steps), len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAccessibleName("Steps of the session")
        for row, step in enumerate(steps):
            cells = step_cells(step, progressions)
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header_view = self.table.horizontalHeader()
        header_view.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header_view.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        empty = QLabel("No steps were recorded for this session.")
        empty.setVisible(not steps)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
