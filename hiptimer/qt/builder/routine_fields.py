"""The editor's routine fields: name, description, rest, the limited side's extra and the plan.

They show a routine (:meth:`RoutineFields.show_routine`, emitting nothing) and emit
``edited(text, routine)``: the undo step's words and the routine with the one field changed
(through the pure edits of :mod:`hiptimer.core.routines.drafts` where there is one).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from hiptimer.core.routines import drafts
from hiptimer.core.routines.limits import (
    LIMITED_EXTRA_LIMITS,
    MAX_NAME_CHARS,
    MAX_TEXT_CHARS,
    REST_LIMITS,
    SESSIONS_PER_WEEK_LIMITS,
    TARGET_WEEKS_LIMITS,
)
from hiptimer.core.routines.model import Routine
from hiptimer.core.routines.schema import SECONDS
from hiptimer.qt.builder.dose_rows import spin_box

NO_PLAN = SESSIONS_PER_WEEK_LIMITS.low - 1  # the "times a week" box's "no plan" value
NO_END = TARGET_WEEKS_LIMITS.low - 1  # the "weeks" box's "no end" value


class RoutineFields(QWidget):
    edited = Signal(str, object)  # the undo text, the changed Routine

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._routine: Routine | None = None
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(MAX_NAME_CHARS)
        self.name_edit.setAccessibleName("Routine name")
        self.name_edit.setPlaceholderText("e.g. My quick hips")
        self.description_edit = QLineEdit()
        self.description_edit.setMaxLength(MAX_TEXT_CHARS)
        self.description_edit.setAccessibleName("Routine description")
        self.description_edit.setPlaceholderText("optional: what it is for")
        self.rest_spin = spin_box(REST_LIMITS.low, REST_LIMITS.high, SECONDS, "no rest")
        self.rest_spin.setAccessibleName("Rest between exercises")
        self.extra_spin = spin_box(*LIMITED_EXTRA_LIMITS, " %", "the same")
        self.extra_spin.setPrefix("+")
        self.extra_spin.setSingleStep(10)
        self.extra_spin.setAccessibleName("Limited side: percent more")
        self.extra_spin.setToolTip(
            "How much more the limited side does, on every exercise without its own dose"
        )
        self.per_week_spin = spin_box(NO_PLAN, SESSIONS_PER_WEEK_LIMITS.high, " a week", "no plan")
        self.per_week_spin.setAccessibleName("Plan: times a week")
        self.weeks_spin = spin_box(NO_END, TARGET_WEEKS_LIMITS.high, " weeks", "no end")
        self.weeks_spin.setAccessibleName("Plan: for how many weeks")

        self.name_edit.textChanged.connect(lambda text: self._edit("Rename routine", name=text))
        self.description_edit.textChanged.connect(
            lambda text: self._edit("Change description", description=text)
        )
        self.rest_spin.valueChanged.connect(lambda value: self._edit("Change rest", rest=value))
        self.extra_spin.valueChanged.connect(self._extra_changed)
        self.per_week_spin.valueChanged.connect(self._plan_changed)
        self.weeks_spin.valueChanged.connect(self._plan_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for fields in (
            (("&Name:", self.name_edit, 2), ("D&escription:", self.description_edit, 3)),
            (
                ("Rest &between:", self.rest_spin, 0),
                ("Limited side &more:", self.extra_spin, 0),
                ("Plan: times a &week:", self.per_week_spin, 0),
                ("Lastin&g:", self.weeks_spin, 0),
            ),
        ):
            row = QHBoxLayout()
            for text, widget, stretch in fields:
                caption = QLabel(text)
                caption.setBuddy(widget)
                row.addWidget(caption)
                row.addWidget(widget, stretch)
            if fields[0][2] == 0:
                row.addStretch(1)
            layout.addLayout(row)

    def widgets(self) -> tuple[QWidget, ...]:
        """In tab order."""
        return (
            self.name_edit,
            self.description_edit,
            self.rest_spin,
            self.extra_spin,
            self.per_week_spin,
            self.weeks_spin,
        )

    def field(self, key: str) -> QWidget:
        """The control of a routine key a problem names (the name field for any other)."""
        fields: dict[str, QWidget] = {
            "description": self.description_edit,
            "rest": self.rest_spin,
            "limited_extra": self.extra_spin,
            "target": self.per_week_spin,
        }
        return fields.get(key, self.name_edit)

    def show_routine(self, routine: Routine) -> None:
        self._routine = routine
        for widget, text in (
            (self.name_edit, routine.name),
            (self.description_edit, routine.description),
        ):
            if widget.text() != text:
                with QSignalBlocker(widget):
                    widget.setText(text)
        target = routine.target
        for spin, value in (
            (self.rest_spin, routine.rest),
            (self.extra_spin, routine.limited_extra),
            (self.per_week_spin, NO_PLAN if target is None else target.per_week),
            (self.weeks_spin, NO_END if target is None or target.weeks is None else target.weeks),
        ):
            with QSignalBlocker(spin):
                spin.setValue(value)
        self.weeks_spin.setEnabled(target is not None)

    def _edit(self, text: str, **changes: object) -> None:
        if self._routine is not None:
            self.edited.emit(text, dataclasses.replace(self._routine, **changes))  # type: ignore[arg-type]

    def _extra_changed(self, value: int) -> None:
        if self._routine is not None:
            self.edited.emit("Change limited side", drafts.set_limited_extra(self._routine, value))

    def _plan_changed(self) -> None:
        if self._routine is None:
            return
        per_week = self.per_week_spin.value()
        weeks = self.weeks_spin.value()
        after = drafts.set_target(
            self._routine,
            None if per_week == NO_PLAN else per_week,
            None if weeks == NO_END else weeks,
        )
        self.edited.emit("Change plan", after)
