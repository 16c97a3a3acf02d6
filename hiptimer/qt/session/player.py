"""The player: what a person on the floor sees during a session.

It only shows snapshots handed to it by the runner and forwards clicks; all timing lives in the
engine.  The page is a column of fixed slots sized from the window on resize (see
:mod:`player_sizes`): the session strip, a header (progress, the phase word, time left), the
exercise name, the big figures between the position picture and the side badge, the phase
bar, then the instructions and what comes next, and the controls.  A tick changes only the
painted digits, the phase bar and the time left, each repainting its own rect; nothing is laid
out again until the window is resized.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape as _esc

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hiptimer.core.session.colours import phase_colours
from hiptimer.core.session.display import (
    DONE_WORDS,
    banner_text,
    detail_text,
    side_text,
    step_view,
    time_left_text,
)
from hiptimer.core.session.events import SessionState, Snapshot
from hiptimer.core.session.plan import PhaseKind, Plan, Step
from hiptimer.qt.actions import tooltip
from hiptimer.qt.session.figures import BigFigures
from hiptimer.qt.session.measure_box import NO_DEGREES, MeasureBox
from hiptimer.qt.session.painted import EquipmentRow, PaintedText, PhaseBar, SessionStrip, fit_line
from hiptimer.qt.session.player_sizes import PlayerSizes, player_sizes
from hiptimer.qt.session.steps_card import FittedLabel, StepsCard, instruction_items
from hiptimer.qt.style import SPACE, current_tokens
from hiptimer.qt.widgets.pictogram import PictogramWidget

# Left and right differ by colour and by letter: blue and vermillion stay apart in common
# colour blindness, and both keep 3.5:1 or more (AA for large text) on light and dark windows.
SIDE_COLOURS = {"left": "#2F80D0", "right": "#CF5A12"}

__all__ = ["NO_DEGREES", "SIDE_COLOURS", "PlayerPage", "instructions_html"]


def _set(label: QLabel, text: str) -> None:
    if label.text() != text:
        label.setText(text)


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
        self._sizes: PlayerSizes | None = None
        self._band_colours = ("#7A7A7A", "#FFFFFF")

        self.strip = SessionStrip()
        self.progress_label = QLabel()
        self.progress_label.setAccessibleName("Progress")
        self.progress_label.setWordWrap(True)
        self.speed_label = QLabel()
        self.speed_label.setAccessibleName("Speed")
        self.speed_label.setStyleSheet(
            "color: #000; background: #F0E442; padding: 0px 6px; border-radius: 4px;"
            "font-weight: bold;"
        )
        self.speed_label.hide()
        self.left_label = PaintedText(alignment=Qt.AlignmentFlag.AlignRight)
        self.left_label.setAccessibleName("Session time left")
        self.phase_band = QLabel()
        self.phase_band.setAccessibleName("Phase")
        self.phase_band.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for widget in (self.progress_label, self.speed_label):
            widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        left = QVBoxLayout()
        left.setSpacing(0)
        left.addWidget(self.progress_label)
        right = QVBoxLayout()
        right.setSpacing(0)
        right.addWidget(self.speed_label, 0, Qt.AlignmentFlag.AlignRight)
        right.addWidget(self.left_label)
        self.header = QHBoxLayout()
        self.header.addLayout(left, 1)
        self.header.addWidget(self.phase_band)
        self.header.addLayout(right, 1)

        self.name_label = QLabel()
        self.name_label.setAccessibleName("Exercise")
        self.name_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

        self.pictogram = PictogramWidget()
        self.pictogram.setAccessibleName("Position")
        self.position_label = QLabel()
        self.position_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.position_label.setWordWrap(True)
        self.position_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.equipment_row = EquipmentRow()
        self.picture_column = QWidget()
        picture = QVBoxLayout(self.picture_column)
        picture.setContentsMargins(0, 0, 0, 0)
        picture.addWidget(self.pictogram, 1)
        picture.addWidget(self.position_label)
        picture.addWidget(self.equipment_row)

        self.figures = BigFigures()  # the countdown, and in held reps the rep beside it
        self.countdown = self.figures.countdown
        self.rep_figure = self.figures.rep_figure
        self.rep_column = self.figures.rep_column
        self.countdown_caption = self.figures.countdown_caption
        self.rep_caption = self.figures.rep_caption
        self.detail_label = self.figures.detail_label
        self.phase_bar = PhaseBar()
        centre = QVBoxLayout()
        centre.setSpacing(0)
        centre.addWidget(self.figures)
        centre.addWidget(self.phase_bar)

        self.side_badge = QLabel()
        self.side_badge.setAccessibleName("Side")
        self.side_badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        policy = self.side_badge.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # no side: the column keeps its place
        self.side_badge.setSizePolicy(policy)
        self.side_word = QLabel()
        self.side_word.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.side_column = QWidget()
        side = QVBoxLayout(self.side_column)
        side.setContentsMargins(0, 0, 0, 0)
        side.addStretch(1)
        side.addWidget(self.side_badge, 0, Qt.AlignmentFlag.AlignHCenter)
        side.addWidget(self.side_word)
        side.addStretch(1)

        middle = QHBoxLayout()
        middle.addWidget(self.picture_column)
        middle.addLayout(centre, 1)
        middle.addWidget(self.side_column)

        self.steps_card = StepsCard()
        self.steps_label = self.steps_card.steps_label
        self.ready_label = self.steps_card.ready_label
        self.next_card = QFrame()
        self.next_card.setProperty("role", "card")
        self.next_label = FittedLabel()
        self.next_label.setAccessibleName("Next exercise")
        self.measure_box = MeasureBox()
        self.measure_box.hide()
        self.measure_box.measured.connect(self.measurement.emit)
        self.measure_box.asked.connect(self._ask_for_degrees)
        self.measure_spin = self.measure_box.spin
        self.measure_spin.valueChanged.connect(self._show_degrees)
        self.measure_caption = self.measure_box.caption
        self.measure_save = self.measure_box.save
        self.photo_button = self.measure_box.photo_button
        next_layout = QVBoxLayout(self.next_card)
        next_layout.addWidget(self.next_label)
        next_layout.addWidget(self.measure_box)
        self.lower_row = QHBoxLayout()
        self.lower_row.addWidget(self.steps_card)
        self.lower_row.addWidget(self.next_card)

        self.notice_label = QLabel()
        self.notice_label.setAccessibleName("Notice")
        self.notice_label.setWordWrap(True)
        self.notice_label.hide()

        self.page_layout = QVBoxLayout(self)
        self.page_layout.addWidget(self.strip)
        self.page_layout.addLayout(self.header)
        self.page_layout.addWidget(self.name_label)
        self.page_layout.addLayout(middle, 1)
        self.page_layout.addLayout(self.lower_row)
        self.page_layout.addWidget(self.notice_label)
        self.page_layout.addLayout(self._build_controls())
        self._apply_colours()
        self._apply_fonts()

    def _build_controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, action, text, signal in (
            ("previous", "previous", "◀ Back", self.go_previous),
            ("restart", "restart_step", "↺ Restart", self.restart_step),
            ("pause", "toggle_pause", "Pause", self.toggle_pause),
            ("extend", "extend", "+30 s", self.extend),
            ("done", "done", "Done", self.done),
            ("next", "next", "Next ▶", self.go_next),
            ("finish", "finish", "Finish", self.finish),
        ):
            button = QPushButton(text)
            button.setToolTip(tooltip(action))  # words and keys from the one action table
            button.setAccessibleName(tooltip(action).split(" (")[0])
            button.setMinimumHeight(40)
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.clicked.connect(signal.emit)
            self.buttons[key] = button
            row.addWidget(button)
        return row

    def submit_measurement(self) -> None:
        self.measure_box.submit()

    def _ask_for_degrees(self) -> None:
        self.detail_label.setText("Type the degrees you measured, then press Enter")

    def _show_degrees(self) -> None:
        """While measuring, the big number is the value being typed."""
        if self._snapshot is not None and self._snapshot.phase.kind is PhaseKind.MEASURE:
            self.countdown.setText(self.measure_box.degrees_text())

    # Showing ------------------------------------------------------------------------------
    def set_plan(self, plan: Plan, speed: float, levels: Mapping[str, int] | None = None) -> None:
        """Show ``plan`` at ``speed``; ``levels``: the version of each exercise the person
        does (by exercise id), named in the instructions."""
        self._plan = plan
        self._levels = dict(levels or {})
        self._phase_key = None
        self.measure_box.reset()  # a new session never offers the last one's degrees
        self.speed_label.setVisible(speed != 1)
        self.speed_label.setText(f"×{speed:g} speed · rehearsal, not recorded")
        self._fit_speed()
        self.strip.set_steps([step.planned_seconds for step in plan.steps])

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
        self.phase_bar.set_fraction(_phase_fraction(snapshot))
        detail = detail_text(snapshot)
        if detail != self.detail_label.text():
            self.detail_label.setText(detail)
            self._fit_detail()
        self.left_label.setText(f"{time_left_text(snapshot)} left")
        self.buttons["extend"].setEnabled(snapshot.can_extend)
        done = self.buttons["done"]
        if done.text() != DONE_WORDS.get(phase.kind, "Done"):
            done.setText(DONE_WORDS.get(phase.kind, "Done"))
        done.setEnabled(phase.kind in DONE_WORDS)

    def _show_phase(self, snapshot: Snapshot, paused: bool) -> None:
        step, phase = snapshot.step, snapshot.phase
        self._band_colours = phase_colours("paused" if paused else phase.kind.value)
        self.phase_band.setText(banner_text(snapshot).upper())
        self._style_band()
        self._fit_band()
        self.phase_bar.set_colours(self._band_colours[0], current_tokens().track)
        self.strip.set_current(step.index)
        self.steps_card.set_running(not paused)
        self.buttons["pause"].setText("Resume" if paused else "Pause")
        view = step_view(self._plan, snapshot) if self._plan is not None else None
        if view is None:
            return
        exercise, side = view.step.exercise, view.side
        _set(self.name_label, view.title)
        self._fit_name()
        self.side_badge.setText(side.letter if side else "")
        if side is not None:
            colour = SIDE_COLOURS[side.value]
            radius = self.side_badge.width() // 2
            self.side_badge.setStyleSheet(
                f"color: {colour}; border: 6px solid {colour}; border-radius: {radius}px;"
            )
        self.side_word.setText(side_text(side))
        self.side_badge.setVisible(side is not None)
        self.pictogram.set_position(exercise.position, mirrored=view.mirrored)
        _set(self.position_label, view.position)
        self.equipment_row.show_equipment(exercise.equipment)
        _set(self.progress_label, view.progress.replace(" · ", "\n"))
        level = self._levels.get(view.step.exercise.id, 0)
        items, feel = instruction_items(view.step, level)
        self.steps_card.set_content(items, feel, view.getting_ready)
        measuring = phase.kind is PhaseKind.MEASURE
        self.next_label.set_fitted(f"<b>Next:</b> {_esc(view.next_up)}")
        self.next_label.setVisible(not measuring)
        self.measure_box.setVisible(measuring)
        if self.figures.show_phase(snapshot):
            self.figures.fit()
        if measuring:
            self.measure_box.enter(step, snapshot.phase_index, side)

    def _style_band(self) -> None:
        background, text = self._band_colours
        radius = self._sizes.gap * 2 if self._sizes else 8
        self.phase_band.setStyleSheet(
            f"background: {background}; color: {text}; border-radius: {radius}px;padding: 0px 12px;"
        )

    def _fit_band(self) -> None:
        """The band is a third of the width or as wide as its word needs, whichever is more;
        the columns beside it share the rest, so it stays centred."""
        if self._sizes is None:
            return
        needed = QFontMetrics(self.phase_band.font()).horizontalAdvance(self.phase_band.text())
        width = max(self.width() // 3, needed + 4 * self._sizes.gap + 24)
        if width != self.phase_band.width():
            self.phase_band.setFixedWidth(min(width, max(self.width() - 2 * self._sizes.side, 100)))
        self._fit_speed()

    def _fit_speed(self) -> None:
        """The rehearsal badge fits its column beside the band (smaller on a small window)."""
        if self._sizes is not None:
            spacing = max(self.header.spacing(), 0)
            column = (self.width() - self.phase_band.width()) // 2 - self._sizes.margin - spacing
            badge = _font(self.font(), self._sizes.small, bold=True)  # as its style sheet
            fit_line(self.speed_label, badge, column - 16)  # 6 px padding each side

    # Sizing -------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_fonts()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the system font size changed
            self._apply_fonts()
        elif event.type() == QEvent.Type.PaletteChange:  # light or dark
            self._apply_colours()

    def _apply_colours(self) -> None:
        tokens = current_tokens()
        self.strip.set_colours("#009E73", tokens.primary, tokens.track)
        self.phase_bar.set_colours(self._band_colours[0], tokens.track)

    def _apply_fonts(self) -> None:
        """Every size from the window's height (see :mod:`player_sizes`); only on resize."""
        base = self.font()
        points = base.pointSizeF() if base.pointSizeF() > 0 else 10
        sizes = player_sizes(
            self.window().height(), max(self.width(), 600), points, QFontMetrics(base).height()
        )
        if sizes == self._sizes:
            return
        self._sizes = sizes
        self.page_layout.setContentsMargins(sizes.margin, sizes.gap, sizes.margin, sizes.gap)
        self.page_layout.setSpacing(sizes.gap)
        self.strip.setFixedHeight(sizes.strip)
        self.phase_bar.setFixedHeight(sizes.bar)
        small = _font(base, sizes.small)
        for widget in (self.progress_label, self.speed_label, self.left_label):
            widget.setFont(small)
        line = QFontMetrics(small).lineSpacing() + 1
        self.left_label.setFixedHeight(line)
        band = _font(base, sizes.band, bold=True)
        self.phase_band.setFont(band)
        band_height = max(QFontMetrics(band).lineSpacing() + 2 * sizes.gap, 2 * line)
        self.phase_band.setFixedHeight(band_height)
        self._fit_band()
        self.progress_label.setFixedHeight(band_height)
        self._style_band()
        self.name_label.setFixedHeight(
            QFontMetrics(_font(base, sizes.title, bold=True)).lineSpacing() + 2
        )
        self._fit_name()
        self.figures.set_sizes(sizes.ink, sizes.unit)
        self._fit_detail()
        for column in (self.picture_column, self.side_column):
            column.setFixedWidth(sizes.side)
        self.position_label.setFont(_font(base, max(sizes.small, base.pixelSize())))
        self.equipment_row.set_icon_size(sizes.icon)
        badge = round(sizes.ink * 0.55)
        self.side_badge.setFont(_font(base, round(badge * 0.6), bold=True))
        self.side_badge.setFixedSize(badge, badge)
        self.side_word.setFont(_font(base, sizes.unit))
        self.lower_row.setSpacing(sizes.gap)
        # fixed widths, 3 : 2: the degrees box must not widen its card
        room = self.width() - 2 * sizes.margin - sizes.gap
        self.steps_card.setFixedSize(room * 3 // 5, sizes.card_height)
        self.next_card.setFixedSize(room - room * 3 // 5, sizes.card_height)
        self.steps_card.set_margin(sizes.gap * 2)
        next_layout = self.next_card.layout()
        if next_layout is not None:
            next_layout.setContentsMargins(sizes.gap * 2, sizes.gap, sizes.gap * 2, sizes.gap)
        self.steps_card.set_range(sizes.unit, sizes.upper)
        self.next_label.set_range(sizes.unit, sizes.upper)
        self.measure_box.set_pixels(sizes.small)
        buttons = _font(base, sizes.button)
        for button in self.buttons.values():
            button.setFont(buttons)
            # the stylesheet's padding (8 px above and below) and border fit around the text
            button.setFixedHeight(max(40, QFontMetrics(buttons).height() + 2 * SPACE.s + 8))
        if self._snapshot is not None:
            self._phase_key = None  # the side badge's radius and the band follow the size
            self.show_snapshot(self._snapshot)

    def _fit_detail(self) -> None:
        """The line under the figures; smaller only when too long (a stall's explanation)."""
        if self._sizes is not None:
            fit_line(
                self.detail_label, _font(self.font(), self._sizes.unit), self.detail_label.width()
            )

    def _fit_name(self) -> None:
        """The name as large as its size allows, smaller only for a name too long to fit."""
        if self._sizes is not None:
            font = _font(self.font(), self._sizes.title, bold=True)
            fit_line(self.name_label, font, self.width() - 2 * self._sizes.margin)


def _font(base: QFont, pixels: int, *, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPixelSize(max(1, pixels))
    font.setBold(bold)
    return font


def _phase_fraction(snapshot: Snapshot) -> float | None:
    """How much of the phase is done: by time, or by reps counted; None for no length."""
    phase = snapshot.phase
    if phase.kind is PhaseKind.COUNT and phase.reps:
        return snapshot.reps_counted / phase.reps
    if snapshot.remaining is None or not snapshot.phase_seconds:
        return None
    return 1 - snapshot.remaining / snapshot.phase_seconds


def instructions_html(step: Step, level: int = 0) -> str:
    """Every instruction of ``step`` at once (the card shows them one at a time)."""
    items, feel = instruction_items(step, level)
    return "<br>".join([*items, feel] if feel else items)
