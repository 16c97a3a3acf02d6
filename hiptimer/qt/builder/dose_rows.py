"""The controls of one dose key, built from its :class:`~hiptimer.core.routines.schema.DoseField`.

One class per :class:`~hiptimer.core.routines.schema.Row`: a number, a range, a range switched
on by a check box, and a number whose blank means the player's fallback.  A row shows the
key's value with :meth:`DoseRow.show` (emitting nothing) and emits ``changed(value)`` with the
key's new value (an ``int``, a ``Range`` or ``None``) when the user changes it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from hiptimer.core.routines.model import Item, Range
from hiptimer.core.routines.schema import DoseField, DoseValue, Row, Value


def spin_box(low: int, high: int, suffix: str = "", special: str = "") -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    spin.setKeyboardTracking(True)
    spin.setAccelerated(True)
    if special:
        spin.setSpecialValueText(special)
    return spin


class DoseRow(QWidget):
    """The controls of one dose key of one kind."""

    changed = Signal(object)  # the key's new value: int, Range or None

    def __init__(self, dose: DoseField, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dose = dose
        self.setAccessibleName(dose.name)
        self.row_layout = QHBoxLayout(self)
        self.row_layout.setContentsMargins(0, 0, 0, 0)

    def show_value(self, item: Item) -> None:
        """Show the key's value in ``item`` (callers block signals)."""
        raise NotImplementedError

    def _spin(self, low: int, name: str) -> QSpinBox:
        spin = spin_box(low, self.dose.limits.high, self.dose.unit)
        spin.setAccessibleName(name)
        self.row_layout.addWidget(spin)
        return spin


class NumberRow(DoseRow):
    """One whole number (kept as an int, or as a fixed Range for `seconds`); at the value a
    missing key means (one set) the key is left out, unless ``keep_implied`` (the limited side's
    dose, where a missing key means "as the other side")."""

    def __init__(
        self, dose: DoseField, parent: QWidget | None = None, *, keep_implied: bool = False
    ) -> None:
        super().__init__(dose, parent)
        self.implied = None if keep_implied else dose.implied
        self.spin = self._spin(dose.limits.low, dose.name)
        self.setFocusProxy(self.spin)
        self.spin.valueChanged.connect(lambda value: self.changed.emit(self._value(value)))

    def _value(self, number: int) -> DoseValue | None:
        if number == self.implied:
            return None
        return Range(number, number) if self.dose.value is Value.FIXED else number

    def show_value(self, item: Item) -> None:
        shown = self.dose.shown_value(item)
        self.spin.setValue(shown.low if isinstance(shown, Range) else shown)


class NumberOrDefaultRow(DoseRow):
    """An optional number: its lowest value, shown as "default (N s)", leaves the key out."""

    def __init__(self, dose: DoseField, parent: QWidget | None = None) -> None:
        super().__init__(dose, parent)
        self.spin = self._spin(dose.limits.low - 1, dose.name)
        self.setFocusProxy(self.spin)
        self.spin.valueChanged.connect(
            lambda value: self.changed.emit(None if value < dose.limits.low else value)
        )

    def show_value(self, item: Item) -> None:
        self.spin.setSpecialValueText(self.dose.blank_text(item))
        value = getattr(item, self.dose.key)
        self.spin.setValue(self.spin.minimum() if value is None else value)


class RangeRow(DoseRow):
    """``low`` to ``high``."""

    def __init__(self, dose: DoseField, parent: QWidget | None = None) -> None:
        super().__init__(dose, parent)
        self._add_toggle()
        self.low = self._spin(dose.limits.low, dose.low_name)
        self.row_layout.addWidget(QLabel("to"))
        self.high = self._spin(dose.limits.low, dose.high_name)
        self.setFocusProxy(self.low)
        self.low.valueChanged.connect(self._emit)
        self.high.valueChanged.connect(self._emit)

    def _add_toggle(self) -> None:
        pass

    def _emit(self) -> None:
        self.changed.emit(Range(self.low.value(), self.high.value()))

    def show_value(self, item: Item) -> None:
        shown = self.dose.shown_value(item)
        assert isinstance(shown, Range)
        self.low.setValue(shown.low)
        self.high.setValue(shown.high)


class ToggledRangeRow(RangeRow):
    """An optional range: a check box turns it on (at its usual value) and off."""

    def _add_toggle(self) -> None:
        self.toggle = QCheckBox(self.dose.toggle)
        self.toggle.setAccessibleName(self.dose.toggle)
        self.row_layout.addWidget(self.toggle)
        self.toggle.toggled.connect(self._emit)

    def _emit(self) -> None:
        on = self.toggle.isChecked()
        self.changed.emit(Range(self.low.value(), self.high.value()) if on else None)

    def show_value(self, item: Item) -> None:
        value = getattr(item, self.dose.key)
        self.toggle.setChecked(value is not None)
        shown = value if value is not None else self.dose.switched_on
        assert isinstance(shown, Range)
        self.low.setValue(shown.low)
        self.high.setValue(shown.high)
        self.low.setEnabled(value is not None)
        self.high.setEnabled(value is not None)


ROWS: dict[Row, type[DoseRow]] = {
    Row.NUMBER: NumberRow,
    Row.NUMBER_OR_DEFAULT: NumberOrDefaultRow,
    Row.RANGE: RangeRow,
    Row.TOGGLED_RANGE: ToggledRangeRow,
}


def make_row(dose: DoseField, *, keep_implied: bool = False) -> DoseRow:
    if dose.row is Row.NUMBER:
        return NumberRow(dose, keep_implied=keep_implied)
    return ROWS[dose.row](dose)
