"""The dose form of one routine item: only the fields its kind uses are shown.

The form never changes the draft itself: it emits ``edited(item, field)`` with the changed item
and the editor turns that into an undoable edit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from hiptimer.core.routines import user_files as ur
from hiptimer.core.routines.limits import MAX_TEXT_CHARS
from hiptimer.core.routines.model import Exercise, Item, Kind, Range, Sides
from hiptimer.core.session.plan import DEFAULT_HELD_PACE, DEFAULT_ONCE_SECONDS, DEFAULT_PACE

KIND_LABELS = {
    Kind.HOLD: "Hold (a countdown)",
    Kind.RELEASE: "Release (a time range)",
    Kind.REPS: "Reps",
    Kind.CYCLES: "Cycles (drive and relax)",
    Kind.ONCE: "Once (do it, then Done)",
    Kind.TEST: "Test (measure degrees)",
}
SIDES_LABELS = {
    Sides.LIMITED: "The side chosen at start (your limited side)",
    Sides.BOTH: "Both sides, limited side first",
    Sides.ALTERNATE: "Alternate left and right every rep",
}


def spin_box(low: int, high: int, suffix: str = "", special: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    spin.setKeyboardTracking(True)
    spin.setAccelerated(True)
    if special:
        spin.setSpecialValueText(special)
    return spin


class ItemForm(QWidget):
    """The dose of one item: only the fields its kind uses are shown.

    Emits ``edited(item, field)`` with the changed item; it never changes the draft itself.
    """

    edited = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item: Item | None = None
        self._exercise: Exercise | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)

        self.kind = QComboBox()
        self.seconds = spin_box(1, 1800, " s")
        self.release_low = spin_box(1, 1800, " s")
        self.release_high = spin_box(1, 1800, " s")
        self.count = spin_box(1, 500)
        self.held = QCheckBox("Hold each rep")
        self.hold_low = spin_box(1, 120, " s")
        self.hold_high = spin_box(1, 120, " s")
        self.pace = spin_box(0, 120, " s")
        self.work = spin_box(1, 120, " s")
        self.relax = spin_box(1, 120, " s")
        self.sides = QComboBox()
        for sides in Sides:
            self.sides.addItem(SIDES_LABELS[sides], sides.value)
        self.rest = spin_box(-1, 600, " s", "routine default")
        self.note = QLineEdit()
        self.note.setMaxLength(MAX_TEXT_CHARS)
        self.note.setPlaceholderText("a reminder shown while you play it")

        release = QWidget()
        release_row = QHBoxLayout(release)
        release_row.setContentsMargins(0, 0, 0, 0)
        release_row.addWidget(self.release_low)
        release_row.addWidget(QLabel("to"))
        release_row.addWidget(self.release_high)
        hold = QWidget()
        hold_row = QHBoxLayout(hold)
        hold_row.setContentsMargins(0, 0, 0, 0)
        hold_row.addWidget(self.held)
        hold_row.addWidget(self.hold_low)
        hold_row.addWidget(QLabel("to"))
        hold_row.addWidget(self.hold_high)

        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.addRow(self.heading)
        self.rows: dict[str, QWidget] = {}
        for key, label, widget, name in (
            ("kind", "&Kind:", self.kind, "Kind of exercise"),
            ("seconds", "Seconds:", self.seconds, "Seconds"),
            ("release", "Time range:", release, "Release time range"),
            ("count", "Count:", self.count, "Count"),
            ("hold", "", hold, "Hold per rep"),
            ("pace", "Pace:", self.pace, "Seconds per rep"),
            ("work", "Drive:", self.work, "Drive seconds"),
            ("relax", "Relax:", self.relax, "Relax seconds"),
            ("sides", "Sides:", self.sides, "Sides"),
            ("rest", "Rest after:", self.rest, "Rest after this exercise"),
            ("note", "Note:", self.note, "Note"),
        ):
            widget.setAccessibleName(name)
            self.rows[key] = widget
            if label:
                self.form.addRow(label, widget)
            else:
                self.form.addRow(widget)
        self.release_low.setAccessibleName("Release: shortest seconds")
        self.release_high.setAccessibleName("Release: longest seconds")
        self.hold_low.setAccessibleName("Hold per rep: shortest seconds")
        self.hold_high.setAccessibleName("Hold per rep: longest seconds")
        self.held.setAccessibleName("Hold each rep")

        self.kind.activated.connect(self._kind_chosen)
        self.sides.activated.connect(
            lambda: self._emit(sides=Sides(self.sides.currentData()), field="sides")
        )
        self.held.toggled.connect(self._held_toggled)
        self.note.textEdited.connect(lambda text: self._emit(note=text, field="note"))
        self._connect_spin(self.seconds, lambda v: {"seconds": Range(v, v)}, "seconds")
        self._connect_spin(
            self.release_low,
            lambda v: {"seconds": Range(v, self.release_high.value())},
            "seconds",
        )
        self._connect_spin(
            self.release_high,
            lambda v: {"seconds": Range(self.release_low.value(), v)},
            "seconds",
        )
        self._connect_spin(self.count, lambda v: {"count": v}, "count")
        self._connect_spin(
            self.hold_low, lambda v: {"hold": Range(v, self.hold_high.value())}, "hold"
        )
        self._connect_spin(
            self.hold_high, lambda v: {"hold": Range(self.hold_low.value(), v)}, "hold"
        )
        self._connect_spin(self.pace, lambda v: {"pace": v or None}, "pace")
        self._connect_spin(self.work, lambda v: {"work": v}, "work")
        self._connect_spin(self.relax, lambda v: {"relax": v}, "relax")
        self._connect_spin(self.rest, lambda v: {"rest": None if v < 0 else v}, "rest")

    def _connect_spin(
        self, spin: QSpinBox, change: Callable[[int], dict[str, object]], field: str
    ) -> None:
        spin.valueChanged.connect(lambda value: self._emit(field=field, **change(value)))

    def _emit(self, field: str, **changes: object) -> None:
        if self._item is None:
            return
        self.edited.emit(dataclasses.replace(self._item, **changes), field)

    def _kind_chosen(self) -> None:
        if self._item is None:
            return
        kind = Kind(self.kind.currentData())
        if kind is not self._item.kind:
            item = ur.kind_default(self._item.exercise, kind, self._item.sides)
            item = dataclasses.replace(item, rest=self._item.rest, note=self._item.note)
            self.edited.emit(item, "kind")

    def _held_toggled(self, on: bool) -> None:
        hold = Range(self.hold_low.value(), self.hold_high.value()) if on else None
        self._emit(hold=hold, field="hold")

    def show_item(self, item: Item, exercise: Exercise | None) -> None:
        """Show ``item`` without emitting anything."""
        self._item = item
        self._exercise = exercise
        blockers = [QSignalBlocker(w) for w in self.findChildren(QWidget)]
        self.heading.setText(exercise.name if exercise else item.exercise)
        self.kind.clear()
        for kind in Kind:
            if kind is not Kind.TEST or (exercise is not None and exercise.normal is not None):
                self.kind.addItem(KIND_LABELS[kind], kind.value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(item.kind.value)))
        seconds = item.seconds or Range(DEFAULT_ONCE_SECONDS, DEFAULT_ONCE_SECONDS)
        self.seconds.setValue(seconds.low)
        self.release_low.setValue(seconds.low)
        self.release_high.setValue(seconds.high)
        self.count.setMaximum(500 if item.kind is Kind.REPS else 100)
        self.count.setValue(item.count or 1)
        self.held.setChecked(item.hold is not None)
        hold = item.hold or Range(3, 5)
        self.hold_low.setValue(hold.low)
        self.hold_high.setValue(hold.high)
        self.hold_low.setEnabled(item.hold is not None)
        self.hold_high.setEnabled(item.hold is not None)
        default_pace = DEFAULT_HELD_PACE if item.hold is not None else DEFAULT_PACE
        self.pace.setSpecialValueText(f"default ({default_pace} s)")
        self.pace.setValue(item.pace or 0)
        self.work.setValue(item.work or 1)
        self.relax.setValue(item.relax or 1)
        self.sides.setCurrentIndex(self.sides.findData(item.sides.value))
        self.rest.setValue(-1 if item.rest is None else item.rest)
        if self.note.text() != item.note:
            self.note.setText(item.note)
        del blockers
        one_sided = exercise is None or exercise.one_sided
        shown = {
            Kind.HOLD: {"seconds"},
            Kind.RELEASE: {"release"},
            Kind.REPS: {"count", "hold", "pace"},
            Kind.CYCLES: {"work", "relax", "count"},
            Kind.ONCE: {"seconds"},
            Kind.TEST: set(),
        }[item.kind]
        for key, widget in self.rows.items():
            visible = key in shown or key in ("kind", "rest", "note")
            visible = visible or (key == "sides" and one_sided)
            self.form.setRowVisible(widget, visible)
        label = self.form.labelForField(self.seconds)
        if isinstance(label, QLabel):
            label.setText("Wait:" if item.kind is Kind.ONCE else "Seconds:")
        self.count.setAccessibleName("Cycles" if item.kind is Kind.CYCLES else "Reps")
