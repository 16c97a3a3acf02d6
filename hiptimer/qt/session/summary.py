"""The summary shown when a session ends: a calm word that it is done, what was done (each
exercise with its pictogram), the week's goal and streak after it, pain, a note.

After test steps it says what the measurements mean (:mod:`hiptimer.core.history.verdict`) and,
when one side is clearly lower, offers to make it the limited side; the person decides.  The
pain scale takes the digit keys wherever the focus is, except in the note.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontInfo, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hiptimer.core.history.adherence import KIND_WORDS, SessionKind
from hiptimer.core.history.glance import WeekGlance
from hiptimer.core.history.verdict import NOISE_SOURCE, NORMAL_SOURCE, Verdict
from hiptimer.core.routines.model import Side
from hiptimer.core.session.display import STOP_ADVICE, outcome_line, steps_done, summary_title
from hiptimer.core.session.events import StepOutcome
from hiptimer.core.session.status import SessionStatus
from hiptimer.core.text import duration_text
from hiptimer.qt.session.ratings import ExerciseRatings, done_exercises
from hiptimer.qt.style import SPACE
from hiptimer.qt.widgets.pain_scale import PainScale

if TYPE_CHECKING:
    from hiptimer.core.history.reads import HistoryReader
    from hiptimer.core.routines.model import Library
    from hiptimer.qt.context import AppContext
    from hiptimer.qt.session.controller import SessionController

#: A quiet word for each ending: what happened, and what to do now.
ACKNOWLEDGEMENTS = {
    SessionStatus.COMPLETED: "Done. Take a breath, and get up slowly.",
    SessionStatus.ENDED_EARLY: "Ended early. What you did is kept.",
    SessionStatus.INCOMPLETE: "Not finished. You can resume it from the start page.",
    SessionStatus.DISCARDED: "Discarded.",
}


class SummaryReport(QLabel):
    """The line of figures under the title; :meth:`toPlainText` is the whole session in
    words (every step's line and the advice), for readers and tests."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setAccessibleName("Session summary")
        self._plain = ""

    def show_report(self, figures: str, lines: list[str]) -> None:
        self.setText(figures)
        self._plain = "\n".join([figures, *lines, STOP_ADVICE])
        self.setAccessibleDescription(self._plain)

    def toPlainText(self) -> str:
        return self._plain


def _card() -> tuple[QFrame, QVBoxLayout]:
    card = QFrame()
    card.setProperty("role", "card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(SPACE.l, SPACE.m, SPACE.l, SPACE.m)
    return card, layout


def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


class SummaryPage(QWidget):
    """Emits ``feedback(pain or None, note)`` then ``closed`` or ``again``."""

    feedback = Signal(object, str)
    closed = Signal()
    again = Signal()
    limited_side_chosen = Signal(object)  # Side
    exercise_feedback = Signal(object)  # {exercise id: (Rating or None, pain or None)}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summary")
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setAccessibleName("Session")
        self.acknowledgement = QLabel()
        self.acknowledgement.setWordWrap(True)
        self.report = SummaryReport()

        self.ratings = ExerciseRatings()
        self.ratings_caption = QLabel(
            "What you did. Did each exercise help? (optional; it teaches hiptimer what works"
            " for you)"
        )
        self.ratings_caption.setWordWrap(True)
        done_box = QWidget()
        done_layout = QVBoxLayout(done_box)
        done_layout.setContentsMargins(0, 0, SPACE.s, 0)
        done_layout.addWidget(self.ratings_caption)
        done_layout.addWidget(self.ratings)
        done_layout.addStretch(1)
        self.done_area = _scrolled(done_box)

        self.week_card, week_layout = _card()
        self.week_label = QLabel()
        self.week_label.setAccessibleName("This week")
        self.week_label.setWordWrap(True)
        self.week_dots = QLabel()
        self.week_dots.setAccessibleName("Sessions this week against the goal")
        self.streak_label = QLabel()
        self.streak_label.setAccessibleName("Streak")
        self.streak_label.setWordWrap(True)
        self.counts_label = QLabel()
        self.counts_label.setAccessibleName("Whether this session counts")
        self.counts_label.setWordWrap(True)
        self.counts_label.setProperty("role", "muted")
        for widget in (self.week_label, self.week_dots, self.streak_label, self.counts_label):
            week_layout.addWidget(widget)
        self.verdict_label = QLabel()
        self.verdict_label.setAccessibleName("What the measurements say")
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setTextFormat(Qt.TextFormat.RichText)
        self.limited_button = QPushButton()
        self.limited_button.clicked.connect(self._choose_limited_side)
        self._offered_side: Side | None = None
        side_box = QWidget()
        side_layout = QVBoxLayout(side_box)
        side_layout.setContentsMargins(0, 0, SPACE.s, 0)
        side_layout.addWidget(self.week_card)
        side_layout.addWidget(self.verdict_label)
        side_layout.addWidget(self.limited_button, 0, Qt.AlignmentFlag.AlignLeft)
        side_layout.addStretch(1)
        self.side_area = _scrolled(side_box)

        middle = QHBoxLayout()
        middle.addWidget(self.done_area, 3)
        middle.addWidget(self.side_area, 2)

        self.pain_card, pain_layout = _card()
        pain_caption = QLabel("&Pain during this session: 0 none to 10 worst (number keys)")
        pain_caption.setWordWrap(True)
        self.pain = PainScale(button_size=48)
        pain_caption.setBuddy(self.pain)
        pain_layout.addWidget(pain_caption)
        pain_layout.addWidget(self.pain)
        self.note = QLineEdit()
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("How did it feel? (optional)")
        self.note.setMaxLength(1000)
        note_caption = QLabel("&Note:")
        note_caption.setBuddy(self.note)
        self.save_button = QPushButton("Save and &close")
        self.save_button.setDefault(True)
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self._save_and_close)
        self.again_button = QPushButton("Play &again")
        self.again_button.clicked.connect(self._again)
        bottom = QHBoxLayout()
        bottom.addWidget(note_caption)
        bottom.addWidget(self.note, 1)
        bottom.addSpacing(SPACE.l)
        bottom.addWidget(self.again_button)
        bottom.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE.xl, SPACE.l, SPACE.xl, SPACE.l)
        layout.setSpacing(SPACE.m)
        layout.addWidget(self.title)
        layout.addWidget(self.acknowledgement)
        layout.addWidget(self.report)
        layout.addLayout(middle, 1)
        layout.addWidget(self.pain_card)
        layout.addLayout(bottom)
        self._apply_fonts()

    def show_summary(
        self,
        routine_name: str,
        status: SessionStatus,
        active_seconds: float,
        outcomes: list[StepOutcome],
        total_steps: int,
        *,
        verdict: Verdict | None = None,
        limited_side: Side | None = None,
        counts: SessionKind | None = None,
        week: WeekGlance | None = None,
        positions: Mapping[str, str] | None = None,
    ) -> None:
        """``week``: the person's week after this session (None: not known, not shown);
        ``positions``: each exercise's position id, for its pictogram."""
        self.title.setText(summary_title(routine_name, status))
        self.acknowledgement.setText(ACKNOWLEDGEMENTS[status])
        self.counts_label.setText(KIND_WORDS[counts] if counts is not None else "")
        self.counts_label.setVisible(counts is not None)
        exercises = done_exercises(outcomes)
        self.ratings.show_exercises(exercises, positions)
        self.ratings_caption.setVisible(bool(exercises))
        self._show_week(week)
        self._show_verdict(verdict, limited_side)
        figures = (
            f"{steps_done(outcomes)} of {total_steps} steps done · active time "
            f"{duration_text(active_seconds)}"
        )
        self.report.show_report(figures, [outcome_line(o) for o in outcomes])
        self.pain.set_value(None)
        self.note.clear()
        self._apply_fonts()  # the new rows at the page's size

    def _show_week(self, week: WeekGlance | None) -> None:
        self.week_label.setVisible(week is not None)
        self.week_dots.setVisible(week is not None)
        self.streak_label.setVisible(week is not None)
        if week is not None:
            self.week_label.setText(week.headline)  # in the home page's words
            shown = max(week.goal, week.done)
            self.week_dots.setText("●" * min(week.done, shown) + "○" * (shown - week.done))
            self.week_dots.setAccessibleDescription(f"{week.done} of {week.goal}")
            self.streak_label.setText(week.detail)
        self.week_card.setVisible(week is not None or not self.counts_label.isHidden())

    def _show_verdict(self, verdict: Verdict | None, limited_side: Side | None) -> None:
        shown = verdict is not None and bool(verdict.tests)
        self.verdict_label.setVisible(shown)
        self._offered_side = None
        if verdict is not None and shown:
            lines = "<br>".join(
                escape(line).replace("  ", "&nbsp;&nbsp;") for line in verdict.lines()
            )
            sources = escape(f"{NORMAL_SOURCE} {NOISE_SOURCE}")
            self.verdict_label.setText(
                f"<p><b>What the measurements say</b><br>{lines}</p><p><small>{sources}</small></p>"
            )
            suggested = verdict.suggested_limited_side
            if suggested is not None and suggested is not limited_side:
                self._offered_side = suggested
        if self._offered_side is not None:
            self.limited_button.setText(f"&Make the {self._offered_side.value} hip my limited side")
        self.limited_button.setVisible(self._offered_side is not None)

    def _choose_limited_side(self) -> None:
        side = self._offered_side
        if side is None:
            return
        self.limited_side_chosen.emit(side)
        self._offered_side = None
        self.limited_button.hide()
        self.verdict_label.setText(
            self.verdict_label.text()
            + f"<p><b>The {side.value} hip is now your limited side.</b> Routines work it "
            "first (or only it); Settings can change it.</p>"
        )

    # Sizes --------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_fonts()

    def _apply_fonts(self) -> None:
        """Read standing up: the text grows with the window, the title and the week most."""
        height = max(self.window().height(), 400)
        app_font = QApplication.font()
        base_pixels = QFontInfo(app_font).pixelSize()
        body = QFont(app_font)
        body.setPixelSize(max(base_pixels, round(height * 0.02)))
        # Set on each part: with an application stylesheet, a parent's font does not reach
        # its children.  The scale's numbers and the big labels below keep their own sizes.
        sized = {self.title, self.acknowledgement, self.week_label, self.week_dots}
        for widget in self.findChildren(QWidget):
            if widget not in sized and widget.parentWidget() is not self.pain:
                widget.setFont(body)
        for label, share, bold in (
            (self.title, 0.05, True),
            (self.acknowledgement, 0.032, False),
            (self.week_label, 0.028, True),
            (self.week_dots, 0.045, False),
        ):
            font = QFont(app_font)
            font.setPixelSize(max(round(height * share), round(base_pixels * 1.1)))
            font.setBold(bold)
            if font != label.font():
                label.setFont(font)
        primary = QFont(body)
        primary.setBold(True)
        self.save_button.setFont(primary)
        self.ratings.set_icon_size(max(40, round(height * 0.06)))

    # Keys ---------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter saves and closes, from the page or the note (which passes Enter on); digits,
        Backspace and Delete rate the pain from anywhere but the note."""
        key = event.key()
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not self.again_button.hasFocus():
            self._save_and_close()
            return
        pain_keys = Qt.Key.Key_0 <= key <= Qt.Key.Key_9 or key in (
            Qt.Key.Key_Backspace,
            Qt.Key.Key_Delete,
        )
        if pain_keys and not self.note.hasFocus() and not event.modifiers():
            self.pain.keyPressEvent(event)
            return
        super().keyPressEvent(event)

    def _emit_feedback(self) -> None:
        self.feedback.emit(self.pain.value(), self.note.text().strip())
        said = self.ratings.feedback()
        if said:
            self.exercise_feedback.emit(said)

    def _save_and_close(self) -> None:
        self._emit_feedback()
        self.closed.emit()

    def _again(self) -> None:
        self._emit_feedback()
        self.again.emit()


def session_extras(controller: SessionController, ctx: AppContext) -> dict[str, Any]:
    """What the summary shows besides the steps: whether the session counts, the week after
    it, and each exercise's position (for its pictogram)."""
    from hiptimer.qt.session.week_after import session_week

    counts = controller.counts_as() if controller.writes is not None else None
    return {
        "counts": counts,
        "week": session_week(controller, ctx, counts),
        "positions": {step.exercise.id: step.exercise.position for step in controller.plan.steps},
    }


def session_verdict(
    controller: SessionController, history: HistoryReader | None, library: Library
) -> Verdict | None:
    """What a session's measurements say, against the last ones before it (None: it
    measured nothing)."""
    from hiptimer.core.history.errors import HistoryError  # with the first summary only
    from hiptimer.core.history.measurements import normal_ranges
    from hiptimer.core.history.verdict import assess, latest_before, results_of

    results = results_of([(o.exercise_id, o.side, o.measurement) for o in controller.all_outcomes])
    if not results:
        return None
    previous: dict[tuple[str, Side], int] = {}
    if history is not None and controller.started_at is not None:
        with contextlib.suppress(HistoryError):
            this = history.session_by_key(controller.session_key or "")
            mine = None if this is None else this.id  # None: not in the file yet
            previous = latest_before(
                history.measurements(), controller.started_at, not_session=mine
            )
    return assess(results, previous, normal_ranges(library))
