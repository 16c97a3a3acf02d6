"""The routine picker: choose a routine and a side, then Start.

Before you start it shows what the routine needs: its gear, the positions it takes you
through in order, and how often it is meant to be done.  One routine can be your main routine:
its target is your weekly goal.
"""

from __future__ import annotations

from html import escape as _esc

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hiptimer.core.routines.model import Routine, SideChoice
from hiptimer.core.routines.overview import (
    gear,
    gear_names,
    limited_extra_text,
    position_names,
    positions,
    target_text,
)
from hiptimer.core.routines.prescription import prescription_text
from hiptimer.core.routines.schema import dose_text
from hiptimer.core.session.plan import estimate_seconds
from hiptimer.core.text import minutes_text
from hiptimer.qt.context import AppContext

SIDE_TEXTS = {
    SideChoice.LEFT: "&Left hip",
    SideChoice.RIGHT: "Ri&ght hip",
    SideChoice.BOTH: "&Both (limited side first)",
}


class PickerPage(QWidget):
    """Lists routines; emits ``start_requested(routine, side_choice)``."""

    start_requested = Signal(object, object)  # Routine, SideChoice
    main_routine_changed = Signal(str)  # the routine id, "" for none (the window saves it)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.routine_list = QListWidget()
        self.routine_list.setAccessibleName("Routines")
        self.routine_list.setStyleSheet("QListWidget::item { padding: 8px 6px; }")
        self._scale_list_font()
        self.routine_list.currentItemChanged.connect(self._show_details)
        self.routine_list.itemActivated.connect(lambda _item: self._start())
        self.details = QTextBrowser()
        self.details.setAccessibleName("Routine details")
        self.details.setOpenLinks(False)

        self.side_buttons: dict[SideChoice, QRadioButton] = {}
        side_box = QGroupBox("Side to work")
        side_column = QVBoxLayout(side_box)
        side_layout = QHBoxLayout()
        self.side_group = QButtonGroup(self)
        for choice in SideChoice:
            button = QRadioButton()
            button.setAccessibleName(f"Side: {choice.value}")
            self.side_group.addButton(button)
            self.side_buttons[choice] = button
            side_layout.addWidget(button)
        side_column.addLayout(side_layout)
        self.limited_label = QLabel()
        self.limited_label.setAccessibleName("Your limited hip")
        self.limited_label.setWordWrap(True)
        side_column.addWidget(self.limited_label)
        self.show_limited_side(select=True)

        self.main_box = QCheckBox("&My main routine (its plan sets my weekly goal)")
        self.main_box.setAccessibleName("My main routine")
        self.main_box.toggled.connect(self._main_toggled)

        self.start_button = QPushButton("S&tart")
        self.start_button.setDefault(True)
        self.start_button.setAccessibleName("Start the routine")
        self.start_button.setMinimumHeight(48)
        self.start_button.clicked.connect(self._start)
        self.side_group.buttonToggled.connect(self._show_details)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.details, 1)
        right_layout.addWidget(self.main_box)
        right_layout.addWidget(side_box)
        right_layout.addWidget(self.start_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Routines")
        heading.setBuddy(self.routine_list)
        left_layout.addWidget(heading)
        left_layout.addWidget(self.routine_list)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.reload()

    def show_limited_side(self, *, select: bool = True) -> None:
        """Mark the limited hip (the person's choice, never changed by playing a side) and,
        with ``select``, pick it to work."""
        limited = self.ctx.settings.limited_side
        for choice, text in SIDE_TEXTS.items():
            mark = " (limited)" if limited is not None and choice.value == limited.value else ""
            self.side_buttons[choice].setText(text + mark)
        if limited is None:
            self.limited_label.setText(
                "Your limited hip is not set yet: run the assessment, or choose it in Settings."
            )
        else:
            self.limited_label.setText(
                f"Your limited hip: {limited.value} (change it in Settings). “Both” works it first."
            )
        if select:
            default = SideChoice(limited.value) if limited else SideChoice.LEFT
            self.side_buttons[default].setChecked(True)

    def _scale_list_font(self) -> None:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.routine_list.setFont(font)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # follow the system font size
            self._scale_list_font()
        elif event.type() == QEvent.Type.PaletteChange:
            # A widget with a style sheet keeps its old colours until it is polished again.
            self.routine_list.setStyleSheet(self.routine_list.styleSheet())

    def reload(self) -> None:
        """Refill the list from the catalog, keeping the selection when possible."""
        current = self.selected_routine()
        self.routine_list.clear()
        for routine in self.ctx.catalog.routines:
            seconds = estimate_seconds(
                routine,
                self.ctx.catalog.library,
                SideChoice.LEFT,
                **self.ctx.settings.lead_ins(),
            )
            origin = "" if routine.builtin else "  (yours)"
            origin += "  ★ main" if routine.id == self.ctx.settings.main_routine else ""
            item = QListWidgetItem(
                f"{routine.name}{origin}\n{minutes_text(seconds)} · {len(routine.items)} exercises"
            )
            item.setData(Qt.ItemDataRole.UserRole, routine.id)
            self.routine_list.addItem(item)
        self.select(current.id if current else None)

    def select(self, routine_id: str | None, side: SideChoice | None = None) -> None:
        for row in range(self.routine_list.count()):
            item = self.routine_list.item(row)
            if routine_id is None or item.data(Qt.ItemDataRole.UserRole) == routine_id:
                self.routine_list.setCurrentRow(row)
                break
        if side is not None:
            self.side_buttons[side].setChecked(True)

    def selected_routine(self) -> Routine | None:
        item = self.routine_list.currentItem()
        return self.ctx.catalog.find(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def side_choice(self) -> SideChoice:
        return next(c for c, b in self.side_buttons.items() if b.isChecked())

    def _main_toggled(self, on: bool) -> None:
        routine = self.selected_routine()
        if routine is None:
            return
        main = routine.id if on else ("" if routine.id == self.ctx.settings.main_routine else None)
        if main is not None and main != self.ctx.settings.main_routine:
            self.ctx.settings.main_routine = main
            self.main_routine_changed.emit(main)
            self.reload()

    def _show_details(self) -> None:
        routine = self.selected_routine()
        self.start_button.setEnabled(routine is not None)
        self.main_box.setEnabled(routine is not None)
        with QSignalBlocker(self.main_box):
            self.main_box.setChecked(
                routine is not None and routine.id == self.ctx.settings.main_routine
            )
        if routine is None:
            self.details.setHtml("<p>No routine selected.</p>")
            return
        library = self.ctx.catalog.library
        seconds = estimate_seconds(
            routine, library, self.side_choice(), **self.ctx.settings.lead_ins()
        )
        parts = [
            f"<h2>{_esc(routine.name)}</h2>",
            f"<p>{_esc(routine.description)}</p>" if routine.description else "",
            f"<p><b>{minutes_text(seconds)}</b> with the side chosen below "
            "(lead-ins and rests included).</p>",
        ]
        if routine.prescription is not None:
            parts.append(f"<p><b>{_esc(prescription_text(routine.prescription))}.</b></p>")
        if routine.target is not None:
            parts.append(f"<p><b>Plan:</b> {_esc(target_text(routine.target))}.</p>")
        if routine.limited_extra:
            parts.append(f"<p>{_esc(limited_extra_text(routine.limited_extra))}</p>")
        needed = gear_names(gear(routine, library))
        parts.append(
            f"<p><b>You need:</b> {_esc(', '.join(needed))}.</p>"
            if needed
            else "<p><b>You need:</b> nothing but a little floor space.</p>"
        )
        places = position_names(positions(routine, library))
        parts.append(f"<p><b>Positions, in order:</b> {_esc(' → '.join(places))}.</p>")
        for section in routine.sections:
            parts.append(f"<h3>{_esc(section.name)}</h3><ol>")
            for item in section.items:
                exercise = library.exercises.get(item.exercise)
                name = exercise.name if exercise else item.exercise
                parts.append(f"<li>{_esc(name)} — {_esc(dose_text(item))}</li>")
            parts.append("</ol>")
        self.details.setHtml("".join(parts))

    def _start(self) -> None:
        routine = self.selected_routine()
        if routine is not None:
            self.start_requested.emit(routine, self.side_choice())
