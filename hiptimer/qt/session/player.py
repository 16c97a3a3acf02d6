"""The player: what a person on the floor sees during a session.

It only shows snapshots handed to it by the runner and forwards clicks; all timing lives in the
engine.  Text is set only when it changes, so an idle countdown repaints once a second.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from html import escape as _esc

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hiptimer.core.routines.limits import DEGREE_LIMITS
from hiptimer.core.routines.model import EQUIPMENT
from hiptimer.core.routines.progression import progression_line
from hiptimer.core.session.colours import phase_colours
from hiptimer.core.session.display import (
    DONE_WORDS,
    banner_text,
    detail_text,
    instructions,
    measure_caption,
    side_text,
    step_view,
    time_left_text,
)
from hiptimer.core.session.events import SessionState, Snapshot
from hiptimer.core.session.plan import PhaseKind, Plan, Step
from hiptimer.qt.photo.measure_button import PhotoMeasureButton
from hiptimer.qt.resources import equipment_pixmap
from hiptimer.qt.session.figures import BigFigures
from hiptimer.qt.widgets.pictogram import PictogramWidget

# Left and right differ by colour and by letter: blue and vermillion stay apart in common
# colour blindness, and both keep 3.5:1 or more (AA for large text) on light and dark windows.
SIDE_COLOURS = {"left": "#2F80D0", "right": "#CF5A12"}

NO_DEGREES = -1  # the measurement box's "nothing typed yet" value


class PlayerPage(QWidget):
    """Signals carry the user's intent; the main window forwards them to the runner."""

    toggle_pause = Signal()
    go_next = Signal()
    go_previous = Signal()
    restart_step = Signal()
    extend = Signal()
    done = Signal()
    finish = Signal()
    measurement = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("player")
        self._plan: Plan | None = None
        self._levels: dict[str, int] = {}
        self._snapshot: Snapshot | None = None
        self._phase_key: tuple[object, ...] | None = None
        self._measure_key: tuple[int, int] | None = None  # the MEASURE phase being entered

        self.progress_label = QLabel()
        self.progress_label.setAccessibleName("Progress")
        self.speed_label = QLabel()
        self.speed_label.setAccessibleName("Speed")
        self.speed_label.setStyleSheet(
            "color: #000; background: #F0E442; padding: 2px 8px;"
            "border-radius: 4px; font-weight: bold;"
        )
        self.speed_label.hide()
        self.left_label = QLabel()
        self.left_label.setAccessibleName("Session time left")
        top = QHBoxLayout()
        top.addWidget(self.progress_label, 1)
        top.addWidget(self.speed_label)
        top.addWidget(self.left_label)

        self.phase_band = QLabel()
        self.phase_band.setAccessibleName("Phase")
        self.phase_band.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.phase_band.setAutoFillBackground(True)

        self.name_label = QLabel()
        self.name_label.setAccessibleName("Exercise")
        self.name_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name_label.setWordWrap(True)
        self.ready_label = QLabel()  # before an exercise: what to fetch, where to move
        self.ready_label.setAccessibleName("Getting ready")
        self.ready_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.ready_label.setWordWrap(True)
        self.ready_label.hide()

        self.pictogram = PictogramWidget()
        self.pictogram.setAccessibleName("Position")
        self.pictogram.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.position_label = QLabel()
        self.position_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.position_label.setWordWrap(True)
        self.equipment_row = QHBoxLayout()
        self.equipment_row.setSpacing(12)
        self._equipment_ids: tuple[str, ...] = ()
        picture = QVBoxLayout()
        picture.addWidget(self.pictogram, 1)
        picture.addWidget(self.position_label)
        picture.addLayout(self.equipment_row)

        self.figures = BigFigures()  # the countdown, and in held reps the rep beside it
        self.countdown = self.figures.countdown
        self.rep_figure = self.figures.rep_figure
        self.rep_column = self.figures.rep_column
        self.countdown_caption = self.figures.countdown_caption
        self.rep_caption = self.figures.rep_caption
        self.detail_label = QLabel()
        self.detail_label.setAccessibleName("Detail")
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.measure_box = self._build_measure_box()
        centre = QVBoxLayout()
        centre.addWidget(self.figures, 1)
        centre.addWidget(self.detail_label)
        centre.addWidget(self.measure_box)

        self.side_badge = QLabel()
        self.side_badge.setAccessibleName("Side")
        self.side_badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.side_word = QLabel()
        self.side_word.setAlignment(Qt.AlignmentFlag.AlignCenter)
        side = QVBoxLayout()
        side.addStretch(1)
        side.addWidget(self.side_badge)
        side.addWidget(self.side_word)
        side.addStretch(1)

        middle = QHBoxLayout()
        middle.addLayout(picture, 3)
        middle.addLayout(centre, 8)
        middle.addLayout(side, 2)

        self.steps_label = QLabel()
        self.steps_label.setAccessibleName("Instructions")
        self.steps_label.setWordWrap(True)
        self.steps_label.setTextFormat(Qt.TextFormat.RichText)
        self.steps_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.next_label = QLabel()
        self.next_label.setAccessibleName("Next exercise")
        self.next_label.setWordWrap(True)
        self.next_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        lower = QHBoxLayout()
        lower.addWidget(self.steps_label, 3)
        lower.addWidget(self.next_label, 1)

        self.notice_label = QLabel()
        self.notice_label.setAccessibleName("Notice")
        self.notice_label.setWordWrap(True)
        self.notice_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.phase_band)
        layout.addWidget(self.name_label)
        layout.addWidget(self.ready_label)
        layout.addLayout(middle, 1)
        layout.addLayout(lower)
        layout.addWidget(self.notice_label)
        layout.addLayout(self._build_controls())
        self._apply_fonts()

    # Building -----------------------------------------------------------------------------
    def _build_measure_box(self) -> QWidget:
        box = QFrame()
        rows = QVBoxLayout(box)
        rows.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        rows.addLayout(row)
        self.measure_caption = QLabel("Degrees:")
        self.measure_spin = QSpinBox()
        self.measure_spin.setRange(NO_DEGREES, DEGREE_LIMITS.high)
        self.measure_spin.setSpecialValueText("type degrees")  # nothing entered yet, not 0°
        self.measure_spin.setSuffix("°")
        self.measure_spin.setMinimumWidth(160)
        self.measure_spin.valueChanged.connect(self._show_degrees)
        self.measure_spin.setAccessibleName("Measured degrees")
        self.measure_caption.setBuddy(self.measure_spin)
        self.measure_save = QPushButton("Save measurement")
        self.measure_save.setAccessibleName("Save measurement")
        self.measure_save.clicked.connect(self.submit_measurement)
        self.photo_button = PhotoMeasureButton()  # alone, no goniometer: measure on a photo
        self.photo_button.measured.connect(self.measurement.emit)
        row.addStretch(1)
        row.addWidget(self.measure_caption)
        row.addWidget(self.measure_spin)
        row.addWidget(self.measure_save)
        row.addStretch(1)
        rows.addWidget(self.photo_button, 0, Qt.AlignmentFlag.AlignHCenter)
        box.hide()
        return box

    def _build_controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, tip, signal in (
            ("previous", "◀ Back", "Previous exercise (Left arrow)", self.go_previous),
            ("restart", "↺ Restart", "Restart this exercise (R)", self.restart_step),
            ("pause", "Pause", "Pause or resume (Space)", self.toggle_pause),
            ("extend", "+30 s", "Add 30 seconds to a release (+)", self.extend),
            ("done", "Done", "Rep done / Done (Enter)", self.done),
            ("next", "Next ▶", "Next exercise (Right arrow)", self.go_next),
            ("finish", "Finish", "Finish the session now", self.finish),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip.split(" (")[0])
            button.setMinimumHeight(40)
            button.clicked.connect(signal.emit)
            self.buttons[key] = button
            row.addWidget(button)
        return row

    def submit_measurement(self) -> None:
        if self.measure_spin.value() == NO_DEGREES:
            self.detail_label.setText("Type the degrees you measured, then press Enter")
            self.measure_spin.setFocus()
            return
        self.measurement.emit(self.measure_spin.value())

    def _show_degrees(self) -> None:
        """While measuring, the big number is the value being typed."""
        if self._snapshot is not None and self._snapshot.phase.kind is PhaseKind.MEASURE:
            value = self.measure_spin.value()
            self.countdown.setText("?" if value == NO_DEGREES else f"{value}°")

    # Showing ------------------------------------------------------------------------------
    def set_plan(self, plan: Plan, speed: float, levels: Mapping[str, int] | None = None) -> None:
        """Show ``plan`` at ``speed``; ``levels``: the version of each exercise the person
        does (by exercise id), named in the instructions."""
        self._plan = plan
        self._levels = dict(levels or {})
        self._phase_key = None
        self._measure_key = None  # a new session never offers the last one's degrees
        self.measure_spin.setValue(NO_DEGREES)
        self.photo_button.reset()
        self.speed_label.setVisible(speed != 1)
        self.speed_label.setText(f"×{speed:g} speed · rehearsal, not recorded")

    def set_notice(self, text: str) -> None:
        self.notice_label.setText(text)
        self.notice_label.setVisible(bool(text))

    def show_snapshot(self, snapshot: Snapshot) -> None:
        self._snapshot = snapshot
        step, phase = snapshot.step, snapshot.phase
        paused = snapshot.state is SessionState.PAUSED
        key = (step.index, snapshot.phase_index, paused)
        if key != self._phase_key:
            self._phase_key = key
            self._show_phase(snapshot, paused)
        if phase.kind is PhaseKind.MEASURE:
            self._show_degrees()
        else:
            self.figures.show_numbers(snapshot)
        self.detail_label.setText(detail_text(snapshot))
        self.left_label.setText(f"Session time left {time_left_text(snapshot)}")
        self.buttons["extend"].setEnabled(snapshot.can_extend)
        self.buttons["done"].setText(DONE_WORDS.get(phase.kind, "Done"))
        self.buttons["done"].setEnabled(phase.kind in DONE_WORDS)

    def _show_phase(self, snapshot: Snapshot, paused: bool) -> None:
        step, phase = snapshot.step, snapshot.phase
        background, text = phase_colours("paused" if paused else phase.kind.value)
        self.phase_band.setText(banner_text(snapshot).upper())
        self.phase_band.setStyleSheet(
            f"background: {background}; color: {text};border-radius: 6px; padding: 4px;"
        )
        self.buttons["pause"].setText("Resume" if paused else "Pause")
        view = step_view(self._plan, snapshot) if self._plan is not None else None
        if view is None:
            return
        exercise, side = view.step.exercise, view.side
        self.name_label.setText(view.title)
        self.ready_label.setText(view.getting_ready)
        self.ready_label.setVisible(bool(view.getting_ready))
        self.side_badge.setText(side.letter if side else "")
        if side is not None:
            colour = SIDE_COLOURS[side.value]
            self.side_badge.setStyleSheet(
                f"color: {colour}; border: 8px solid {colour}; border-radius: 24px;"
            )
        self.side_word.setText(side_text(side))
        self.side_badge.setVisible(side is not None)
        self.pictogram.set_position(exercise.position, mirrored=view.mirrored)
        self.position_label.setText(view.position)
        self._show_equipment(exercise.equipment)
        self.progress_label.setText(view.progress)
        level = self._levels.get(view.step.exercise.id, 0)
        self.steps_label.setText(instructions_html(view.step, level))
        self.next_label.setText(f"<b>Next:</b> {_esc(view.next_up)}")
        measuring = phase.kind is PhaseKind.MEASURE
        self.measure_box.setVisible(measuring)
        if self.figures.show_phase(snapshot):
            self._fit_countdown()
        if measuring and (step.index, snapshot.phase_index) != self._measure_key:
            self._measure_key = (step.index, snapshot.phase_index)
            self.measure_spin.setValue(NO_DEGREES)
            self.measure_caption.setText(measure_caption(step, side))
            self.photo_button.set_step(step.index, exercise.id, side)
            self.measure_spin.setFocus()
            self.measure_spin.selectAll()  # typing digits replaces "type degrees"

    def _show_equipment(self, ids: tuple[str, ...]) -> None:
        """Small icons with their names for what to have at hand."""
        if ids == self._equipment_ids:
            return
        self._equipment_ids = ids
        while self.equipment_row.count():
            taken = self.equipment_row.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        if not ids:
            return
        palette = self.palette()
        fg = palette.color(QPalette.ColorRole.WindowText)
        accent = palette.color(QPalette.ColorRole.Accent)
        self.equipment_row.addStretch(1)
        for equipment_id in ids:
            name = EQUIPMENT.get(equipment_id, equipment_id)
            icon = QLabel()
            with contextlib.suppress(FileNotFoundError):  # a name is enough without its icon
                icon.setPixmap(equipment_pixmap(None, equipment_id, 40, fg, accent))
            icon.setAccessibleName(f"Equipment: {name}")
            icon.setToolTip(name)
            caption = QLabel(name.split(" (")[0])
            caption.setWordWrap(True)
            self.equipment_row.addWidget(icon)
            self.equipment_row.addWidget(caption)
        self.equipment_row.addStretch(1)

    # Sizing -------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_fonts()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the system font size changed
            self._apply_fonts()

    def _fit_countdown(self) -> None:
        self.figures.fit(max(self.window().height(), self.height(), 300))

    def _apply_fonts(self) -> None:
        """Scale text with the window: the countdown digits are a third of its height."""
        height = max(self.height(), 300)
        base = self.font().pointSizeF() if self.font().pointSizeF() > 0 else 10
        self._fit_countdown()
        self.countdown.setMinimumHeight(int(height / 3) + 8)
        for label, factor, bold in (
            (self.phase_band, 0.06, True),
            (self.name_label, 0.06, True),
            (self.side_badge, 0.18, True),
            (self.detail_label, 0.03, False),
            (self.ready_label, 0.035, True),
            (self.rep_caption, 0.03, False),
            (self.countdown_caption, 0.03, False),
        ):
            font = QFont(self.font())
            font.setBold(bold)
            font.setPixelSize(max(int(base * 1.3), int(height * factor)))
            label.setFont(font)
        self.side_badge.setMinimumWidth(int(height * 0.17))
        for widgets, factor in (
            ((self.steps_label, self.next_label, self.position_label), 1.25),
            ((self.measure_caption, self.measure_spin, self.measure_save), 1.6),
            ((self.photo_button,), 1.1),
        ):
            font = QFont(self.font())
            font.setPointSizeF(base * factor)
            for widget in widgets:
                widget.setFont(font)


def instructions_html(step: Step, level: int = 0) -> str:
    text = instructions(step)
    items = "".join(f"<li>{_esc(s)}</li>" for s in text.steps)
    parts = [f"<ol style='margin:0'>{items}</ol>"]
    if text.feel:
        parts.append(f"<b>Feel:</b> {_esc(text.feel)}")
    if text.stop_if:
        parts.append(f"<b>Stop if:</b> {_esc(text.stop_if)}")
    if text.note:
        parts.append(f"<b>Note:</b> {_esc(text.note)}")
    progression = progression_line(step.exercise.progressions, level)
    if progression:
        said, _, what = progression.partition(": ")
        parts.append(f"<b>{_esc(said)}:</b> {_esc(what)}")
    return "<br>".join(parts)
