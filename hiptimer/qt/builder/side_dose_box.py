"""The limited side's own dose in the item form: a check box, then the kind's amount and sets.

Shown only for items done one side at a time.  Off, the limited side plays what the routine's
``limited_extra`` gives it (the box says what that is); on, the rows set the limited side's
own values, starting from what it plays now.  Like the item form it only emits
``edited(item, "limited")``; the rows come from
:func:`hiptimer.core.routines.side_dose.side_dose_fields`.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QWidget

from hiptimer.core.routines.model import DoseValue, Item, Kind
from hiptimer.core.routines.schema import SIDE_DOSE_KEY, dose_text
from hiptimer.core.routines.side_dose import (
    limited_dose,
    side_dose_fields,
    with_own_side_dose,
    with_side_value,
)
from hiptimer.qt.builder.dose_rows import DoseRow, make_row


class SideDoseBox(QWidget):
    edited = Signal(object, str)  # Item, "limited"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._item: Item | None = None
        self._extra = 0
        self.toggle = QCheckBox("Own dose for the &limited side")
        self.toggle.setAccessibleName("Own dose for the limited side")
        self.toggle.toggled.connect(self._toggled)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.addRow(self.toggle)
        self.form.addRow(self.hint)
        #: The limited side's rows, by kind and key; only the shown item's kind's are visible.
        self.rows: dict[tuple[Kind, str], DoseRow] = {}
        for kind in Kind:
            for dose in side_dose_fields(kind):
                row = make_row(dose, keep_implied=True)
                row.setAccessibleName(f"Limited side: {dose.name}")
                row.changed.connect(partial(self._value_changed, dose.key))
                self.rows[(kind, dose.key)] = row
                self.form.addRow(f"Limited side {dose.label[:1].lower()}{dose.label[1:]}", row)

    def show_item(self, item: Item, extra_percent: int) -> None:
        """Show the limited side of ``item`` (callers hide the box when it has none)."""
        self._item, self._extra = item, extra_percent
        own = item.limited is not None
        played = limited_dose(item, extra_percent)
        blockers = [QSignalBlocker(w) for w in self.findChildren(QWidget)]
        self.toggle.setChecked(own)
        for (kind, _key), row in self.rows.items():
            if kind is item.kind:
                row.show_value(played)
                row.setEnabled(own)
        del blockers
        for (kind, _key), row in self.rows.items():
            self.form.setRowVisible(row, kind is item.kind)
        if own:
            self.hint.setText("Set below what the limited side does instead.")
        elif played != item:
            self.hint.setText(f"The routine gives it {extra_percent} % more: {dose_text(played)}.")
        else:
            self.hint.setText("The limited side does the same as the other side.")

    def shown_keys(self) -> tuple[str, ...]:
        return tuple(key for (_kind, key), row in self.rows.items() if row.isVisibleTo(self))

    def row(self, key: str) -> DoseRow:
        assert self._item is not None
        return self.rows[(self._item.kind, key)]

    def _toggled(self, on: bool) -> None:
        if self._item is not None:
            self.edited.emit(with_own_side_dose(self._item, on, self._extra), SIDE_DOSE_KEY)

    def _value_changed(self, key: str, value: DoseValue | None) -> None:
        if self._item is not None:
            self.edited.emit(with_side_value(self._item, key, value), SIDE_DOSE_KEY)
