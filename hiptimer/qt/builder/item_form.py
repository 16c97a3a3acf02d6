"""The dose form of one routine item: only the fields its kind uses are shown.

The dose rows are built from :data:`hiptimer.core.routines.schema.KIND_SPECS`, one row per dose
key of each kind (sets and the rest between them included), and only the selected item's
kind's rows are shown.  The sides offered follow the exercise's sidedness; an item done one side
at a time may give its limited side its own dose (:mod:`hiptimer.qt.builder.side_dose_box`).
The form never changes the draft itself: it emits ``edited(item, field)`` with the changed item
and the editor turns that into an undoable edit.
"""

from __future__ import annotations

import dataclasses
from functools import partial

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from hiptimer.core.routines.drafts import kind_default, with_sides
from hiptimer.core.routines.limits import MAX_TEXT_CHARS, REST_LIMITS
from hiptimer.core.routines.model import DoseValue, Exercise, Item, Kind, Sidedness, Sides
from hiptimer.core.routines.schema import (
    KIND_SPECS,
    SECONDS,
    SIDEDNESS_WORDS,
    SIDES_LABELS,
    sides_offered,
    with_dose,
)
from hiptimer.core.routines.side_dose import has_limited_side
from hiptimer.qt.builder.dose_rows import DoseRow, make_row, spin_box
from hiptimer.qt.builder.side_dose_box import SideDoseBox


class ItemForm(QWidget):
    """The dose of one item: only the fields its kind uses are shown.

    Emits ``edited(item, field)`` with the changed item; it never changes the draft itself.
    """

    edited = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item: Item | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)

        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of exercise")
        self.sides = QComboBox()
        self.sides.setAccessibleName("Sides")
        self.sidedness = QLabel()  # when the exercise leaves nothing to choose
        self.sidedness.setWordWrap(True)
        self.side_dose = SideDoseBox()
        self.side_dose.edited.connect(self.edited)
        self.rest = spin_box(REST_LIMITS.low - 1, REST_LIMITS.high, SECONDS, "routine default")
        self.rest.setAccessibleName("Rest after this exercise")
        self.note = QLineEdit()
        self.note.setMaxLength(MAX_TEXT_CHARS)
        self.note.setPlaceholderText("a reminder shown while you play it")
        self.note.setAccessibleName("Note")

        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.addRow(self.heading)
        self.form.addRow("&Kind:", self.kind)
        #: The dose rows, by kind and key; only the shown item's kind's rows are visible.
        self.dose_rows: dict[tuple[Kind, str], DoseRow] = {}
        for spec in KIND_SPECS.values():
            for dose in spec.fields:
                row = make_row(dose)
                row.changed.connect(partial(self._dose_changed, dose.key))
                self.dose_rows[(spec.kind, dose.key)] = row
                if dose.label:
                    self.form.addRow(dose.label, row)
                else:
                    self.form.addRow(row)
        self.form.addRow("Sides:", self.sides)
        self.form.addRow("Sides:", self.sidedness)
        self.form.addRow(self.side_dose)
        self.form.addRow("Rest after:", self.rest)
        self.form.addRow("Note:", self.note)

        self.kind.activated.connect(self._kind_chosen)
        self.sides.activated.connect(self._sides_chosen)
        self.note.textEdited.connect(self._note_edited)
        self.rest.valueChanged.connect(self._rest_changed)

    def _sides_chosen(self) -> None:
        if self._item is not None:
            self.edited.emit(with_sides(self._item, Sides(self.sides.currentData())), "sides")

    def _note_edited(self, text: str) -> None:
        if self._item is not None:
            self.edited.emit(dataclasses.replace(self._item, note=text), "note")

    def _rest_changed(self, value: int) -> None:
        if self._item is not None:
            rest = None if value < REST_LIMITS.low else value
            self.edited.emit(dataclasses.replace(self._item, rest=rest), "rest")

    def _dose_changed(self, key: str, value: DoseValue | None) -> None:
        if self._item is not None:
            self.edited.emit(with_dose(self._item, {key: value}), key)

    def _kind_chosen(self) -> None:
        if self._item is None:
            return
        kind = Kind(self.kind.currentData())
        if kind is not self._item.kind:
            item = kind_default(self._item.exercise, kind, self._item.sides)
            item = dataclasses.replace(item, rest=self._item.rest, note=self._item.note)
            self.edited.emit(item, "kind")

    def dose_row(self, key: str) -> DoseRow:
        """The row of dose key ``key`` of the shown item's kind."""
        assert self._item is not None
        return self.dose_rows[(self._item.kind, key)]

    def shown_keys(self) -> tuple[str, ...]:
        """The dose keys whose rows are shown, in order."""
        return tuple(key for (_kind, key), row in self.dose_rows.items() if row.isVisibleTo(self))

    def show_item(self, item: Item, exercise: Exercise | None, extra_percent: int = 0) -> None:
        """Show ``item`` without emitting anything (``extra_percent``: the routine's
        ``limited_extra``, what the limited side gets without its own dose)."""
        self._item = item
        blockers = [QSignalBlocker(w) for w in self.findChildren(QWidget)]
        self.heading.setText(exercise.name if exercise else item.exercise)
        self.kind.clear()
        for spec in KIND_SPECS.values():
            if not spec.needs_normal or (exercise is not None and exercise.normal is not None):
                self.kind.addItem(spec.label, spec.kind.value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(item.kind.value)))
        for (kind, _key), row in self.dose_rows.items():
            if kind is item.kind:
                row.show_value(item)
        sidedness = exercise.sidedness if exercise is not None else Sidedness.ONE_SIDE
        offered = sides_offered(item.kind, sidedness, item.sides)
        self.sides.clear()
        for sides in offered:
            self.sides.addItem(SIDES_LABELS[sides], sides.value)
        self.sides.setCurrentIndex(max(0, self.sides.findData(item.sides.value)))
        self.sidedness.setText(SIDEDNESS_WORDS[sidedness].capitalize())
        self.rest.setValue(REST_LIMITS.low - 1 if item.rest is None else item.rest)
        if self.note.text() != item.note:
            self.note.setText(item.note)
        del blockers
        for (kind, _key), row in self.dose_rows.items():
            self.form.setRowVisible(row, kind is item.kind)
        self.form.setRowVisible(self.sides, bool(offered))
        self.form.setRowVisible(self.sidedness, not offered)
        limited_side = has_limited_side(item, exercise)
        if limited_side:
            self.side_dose.show_item(item, extra_percent)
        self.form.setRowVisible(self.side_dose, limited_side)
