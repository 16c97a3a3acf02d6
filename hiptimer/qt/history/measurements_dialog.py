"""Every measurement, newest first, and how it was taken; delete one, or just its photo.

Deleting a measurement deletes the photo kept with it (see :mod:`core.history.photos`);
deleting only the photo keeps the degrees, still marked as measured from a photo.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hiptimer.core.history.commands import DeleteMeasurement
from hiptimer.core.history.measurements import TEST_TITLES
from hiptimer.core.history.photos import photo_path
from hiptimer.core.history.rows import MeasurementRow
from hiptimer.core.history.store import HistoryStore

if TYPE_CHECKING:
    from hiptimer.qt.history.writes import HistoryWrites

COLUMNS = ("Date", "Test", "Side", "Degrees", "How", "Note")
#: How long a deletion waits for the history writer (the person waits with the list open).
ANSWER_WAIT_SECONDS = 3.0


def how_measured(row: MeasurementRow) -> str:
    if not row.from_photo:
        return "typed in"
    return "on a photo (kept)" if row.photo else "on a photo"


class MeasurementsDialog(QDialog):
    """The measurements table; emits ``changed`` after a deletion."""

    changed = Signal()

    def __init__(
        self, store: HistoryStore, writes: HistoryWrites | None, parent: QWidget | None = None
    ) -> None:
        """``store`` to read; deletions go through the history writer ``writes`` (None: the
        history cannot be written, so nothing can be deleted)."""
        super().__init__(parent)
        self.store = store
        self.writes = writes
        self.rows: list[MeasurementRow] = []
        self.setWindowTitle("Measurements")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Measurements, newest first")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("font-weight: bold")
        self.problem.hide()
        self.show_button = QPushButton("&Show the photo…")
        self.show_button.clicked.connect(self.show_photo)
        self.forget_button = QPushButton("Delete the &photo")
        self.forget_button.setToolTip("Delete the kept photo; keep the measurement")
        self.forget_button.clicked.connect(self.forget_photo)
        self.delete_button = QPushButton("&Delete the measurement…")
        self.delete_button.clicked.connect(self.delete_measurement)
        actions = QHBoxLayout()
        for button in (self.show_button, self.forget_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addLayout(actions)
        layout.addWidget(close)
        self.resize(760, 420)
        self.reload()

    def reload(self) -> None:
        self.rows = list(reversed(self.store.measurements()))
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            cells = (
                row.taken_at.strftime("%d %b %Y %H:%M"),
                TEST_TITLES.get(row.test, row.test),
                row.side.value,
                f"{row.degrees}°",
                how_measured(row),
                row.note,
            )
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))
        if self.rows:
            self.table.selectRow(0)
        self._selection_changed()

    def selected_row(self) -> MeasurementRow | None:
        chosen = self.table.selectionModel().selectedRows()
        return self.rows[chosen[0].row()] if chosen else None

    def _selection_changed(self) -> None:
        row = self.selected_row()
        kept = row is not None and row.photo is not None
        self.show_button.setEnabled(kept)
        self.forget_button.setEnabled(kept and self.writes is not None)
        self.delete_button.setEnabled(row is not None and self.writes is not None)

    def show_photo(self) -> QDialog | None:
        row = self.selected_row()
        if row is None or row.photo is None:
            return None
        pixmap = QPixmap(str(photo_path(self.store.photos_dir, row.photo)))
        if pixmap.isNull():
            self._say("The kept photo could not be read; it may have been moved or deleted.")
            return None
        viewer = QDialog(self)
        viewer.setWindowTitle(f"{TEST_TITLES.get(row.test, row.test)}, {row.side.value}")
        picture = QLabel()
        picture.setPixmap(
            pixmap.scaled(
                900,
                640,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        QVBoxLayout(viewer).addWidget(picture)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.open()
        return viewer

    def forget_photo(self) -> None:
        row = self.selected_row()
        if row is not None:
            self._change(DeleteMeasurement(row.id, photo_only=True), row.photo)

    def delete_measurement(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        photo = " and the photo kept with it" if row.photo else ""
        answer = QMessageBox.question(
            self,
            "Delete the measurement",
            f"Delete {row.degrees}° ({TEST_TITLES.get(row.test, row.test)}, {row.side.value}, "
            f"{row.taken_at:%d %b %Y}){photo}? This cannot be undone.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._change(DeleteMeasurement(row.id), row.photo)

    def _change(self, command: DeleteMeasurement, photo: str | None) -> None:
        """Have the writer delete, wait for it, and say so if the file stayed busy or the
        photo file is still there."""
        if self.writes is None:
            return
        answered, _ = self.writes.writer.ask(command, ANSWER_WAIT_SECONDS)
        if not answered:
            self._say("The history file is busy (another copy of hiptimer?): try again soon.")
        elif photo is not None and photo_path(self.store.photos_dir, photo).exists():
            self._say(
                f"The photo file could not be deleted: delete {self.store.photos_dir / photo}"
            )
        else:
            self.problem.hide()
        self.reload()
        self.changed.emit()

    def _say(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()
