"""The editor's exercise library: search, pick, read the instructions, add to the routine.

Typing filters the list (:func:`hiptimer.core.routines.search.search`) and highlights the best
match; Up and Down in the search field move through what is shown; Enter (there, or in the
list) and the Add button emit ``add_requested(exercise)``.
"""

from __future__ import annotations

from html import escape
from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hiptimer.core.routines.model import EQUIPMENT, POSITIONS, Exercise, Library
from hiptimer.core.routines.search import search
from hiptimer.qt.widgets.pictogram import PictogramWidget

ROLE_ID = Qt.ItemDataRole.UserRole


def exercise_html(exercise: Exercise) -> str:
    equipment = ", ".join(EQUIPMENT.get(e, e) for e in exercise.equipment) or "nothing"
    parts = [
        f"<h3>{escape(exercise.name)}</h3>",
        f"<p><b>{escape(exercise.section)}</b> · {escape(POSITIONS.get(exercise.position, ''))}"
        f"<br>You need: {escape(equipment)}</p>",
        "<ol>" + "".join(f"<li>{escape(s)}</li>" for s in exercise.steps) + "</ol>",
    ]
    if exercise.feel:
        parts.append(f"<p><i>Feel:</i> {escape(exercise.feel)}</p>")
    if exercise.cautions:
        parts.append(
            "<p><i>Take care:</i></p><ul>"
            + "".join(f"<li>{escape(c)}</li>" for c in exercise.cautions)
            + "</ul>"
        )
    if exercise.progressions:
        parts.append(
            "<p><i>When it gets easy:</i></p><ul>"
            + "".join(f"<li>{escape(p)}</li>" for p in exercise.progressions)
            + "</ul>"
        )
    return "".join(parts)


class LibraryPane(QGroupBox):
    """Every exercise of the library, searchable; emits ``add_requested(exercise)``."""

    add_requested = Signal(object)  # Exercise

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__("Exercise library", parent)
        self.exercises = list(library.exercises.values())
        self.search_edit = QLineEdit()
        self.search_edit.setAccessibleName("Search exercises")
        self.search_edit.setPlaceholderText("name, section, position or equipment")
        self.search_edit.setToolTip(
            "Type to find an exercise; Up/Down picks another; Enter adds the highlighted one"
        )
        self.search_edit.installEventFilter(self)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._filter)
        self.search_edit.returnPressed.connect(self._search_enter)
        search_label = QLabel("Search (Ctrl+F):")
        search_label.setBuddy(self.search_edit)

        self.library_list = QListWidget()
        self.library_list.setAccessibleName("Exercise library")
        self.library_list.setToolTip("Enter or double-click adds the exercise")
        for exercise in self.exercises:
            entry = QListWidgetItem(f"{exercise.name}\n    {exercise.section}")
            entry.setData(ROLE_ID, exercise.id)
            entry.setToolTip(POSITIONS.get(exercise.position, ""))
            self.library_list.addItem(entry)
        self.library_list.currentItemChanged.connect(self._show_exercise)
        self.library_list.itemActivated.connect(lambda _entry: self.add_selected())
        self.add_button = QPushButton("&Add to routine →")
        self.add_button.setAccessibleName("Add the exercise to the routine")
        self.add_button.clicked.connect(self.add_selected)

        self.pictogram = PictogramWidget()
        self.pictogram.setMinimumSize(120, 120)  # large enough to read the position at a glance
        self.pictogram.setMaximumSize(200, 200)
        self.pictogram.setAccessibleName("Starting position picture")
        self.exercise_details = QTextBrowser()
        self.exercise_details.setAccessibleName("Exercise instructions")
        self.exercise_details.setOpenLinks(False)
        details = QHBoxLayout()
        details.addWidget(self.pictogram, 0, Qt.AlignmentFlag.AlignTop)
        details.addWidget(self.exercise_details, 1)

        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(search_label)
        row.addWidget(self.search_edit)
        layout.addLayout(row)
        layout.addWidget(self.library_list, 2)
        layout.addWidget(self.add_button)
        layout.addLayout(details, 3)
        self.library_list.setCurrentRow(0)

    def focus_search(self) -> None:
        self.search_edit.setFocus()

    def selected_exercise(self) -> Exercise | None:
        entry = self.library_list.currentItem()
        if entry is None or entry.isHidden():
            return None
        row = self.library_list.row(entry)
        return self.exercises[row] if 0 <= row < len(self.exercises) else None

    def add_selected(self) -> None:
        exercise = self.selected_exercise()
        if exercise is not None:
            self.add_requested.emit(exercise)

    def _filter(self, text: str) -> None:
        matches = search(self.exercises, text)
        shown = set(matches.shown)
        for row in range(self.library_list.count()):
            self.library_list.item(row).setHidden(row not in shown)
        if matches.best is not None:
            self.library_list.setCurrentRow(matches.best)

    def _search_enter(self) -> None:
        """Enter in the search field adds the highlighted exercise; type again for the next."""
        self.add_selected()
        self.search_edit.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the search field move through the library list."""
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            key = cast(QKeyEvent, event).key()
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                rows = [
                    r
                    for r in range(self.library_list.count())
                    if not self.library_list.item(r).isHidden()
                ]
                if rows:
                    current = self.library_list.currentRow()
                    at = rows.index(current) if current in rows else -1
                    step = -1 if key == Qt.Key.Key_Up else 1
                    self.library_list.setCurrentRow(rows[max(0, min(len(rows) - 1, at + step))])
                return True
        return super().eventFilter(watched, event)

    def _show_exercise(self, entry: QListWidgetItem | None) -> None:
        exercise = self.selected_exercise() if entry is not None else None
        self.add_button.setEnabled(exercise is not None)
        if exercise is None:
            self.exercise_details.setHtml("")
            self.pictogram.set_position("")
            return
        self.exercise_details.setHtml(exercise_html(exercise))
        self.pictogram.set_position(exercise.position)
