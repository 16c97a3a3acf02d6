"""The summary shown when a session ends: what was done, the assessment's verdict, pain, a note.

After test steps it says what the measurements mean (:mod:`hiptimer.core.history.verdict`) and,
when one side is clearly lower, offers to make it the limited side; the person decides.
"""

from __future__ import annotations

import contextlib
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hiptimer.core.history.adherence import KIND_WORDS, SessionKind
from hiptimer.core.history.verdict import NOISE_SOURCE, NORMAL_SOURCE, Verdict
from hiptimer.core.routines.model import Side
from hiptimer.core.session.display import STOP_ADVICE, outcome_line, steps_done, summary_title
from hiptimer.core.session.events import StepOutcome
from hiptimer.core.session.status import SessionStatus
from hiptimer.core.text import duration_text
from hiptimer.qt.session.ratings import ExerciseRatings, rated_exercises
from hiptimer.qt.widgets.pain_scale import PainScale

if TYPE_CHECKING:
    from hiptimer.core.history.reads import HistoryReader
    from hiptimer.core.routines.model import Library
    from hiptimer.qt.session.controller import SessionController


class SummaryPage(QWidget):
    """Emits ``feedback(pain or None, note)`` then ``closed`` or ``again``."""

    feedback = Signal(object, str)
    closed = Signal()
    again = Signal()
    limited_side_chosen = Signal(object)  # Side
    exercise_feedback = Signal(object)  # {exercise id: (Rating or None, pain or None)}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        self.title.setFont(font)
        self.report = QTextBrowser()
        self.report.setAccessibleName("Session summary")
        self.verdict_label = QLabel()
        self.verdict_label.setAccessibleName("What the measurements say")
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setTextFormat(Qt.TextFormat.RichText)
        self.limited_button = QPushButton()
        self.limited_button.clicked.connect(self._choose_limited_side)
        self._offered_side: Side | None = None
        pain_caption = QLabel("&Pain during this session (0 none – 10 worst; number keys):")
        self.pain = PainScale()
        pain_caption.setBuddy(self.pain)
        self.note = QLineEdit()
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("How did it feel? (optional)")
        self.note.setMaxLength(1000)
        self.counts_label = QLabel()
        self.counts_label.setAccessibleName("Whether this session counts")
        self.counts_label.setWordWrap(True)
        self.ratings = ExerciseRatings()
        self.ratings_caption = QLabel(
            "Did each exercise help? (optional; it teaches hiptimer what works for you)"
        )
        self.ratings_caption.setWordWrap(True)
        form = QFormLayout()
        form.addRow(pain_caption)
        form.addRow(self.pain)
        form.addRow("&Note:", self.note)
        form.addRow(self.ratings_caption)
        form.addRow(self.ratings)
        self.save_button = QPushButton("Save and &close")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._save_and_close)
        self.again_button = QPushButton("Play &again")
        self.again_button.clicked.connect(self._again)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.again_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.limited_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(form)
        layout.addLayout(buttons)

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
    ) -> None:
        self.title.setText(summary_title(routine_name, status))
        self.counts_label.setText(KIND_WORDS[counts] if counts is not None else "")
        self.counts_label.setVisible(counts is not None)
        exercises = rated_exercises(outcomes)
        self.ratings.show_exercises(exercises)
        self.ratings_caption.setVisible(bool(exercises))
        self._show_verdict(verdict, limited_side)
        lines = "<br>".join(escape(outcome_line(o)) for o in outcomes)
        self.report.setHtml(
            f"<p><b>{steps_done(outcomes)}</b> of {total_steps} steps done · active time "
            f"<b>{duration_text(active_seconds)}</b></p><p>{lines}</p>"
            f"<p>{escape(STOP_ADVICE)}</p>"
        )
        self.pain.set_value(None)
        self.note.clear()

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

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter saves and closes, from the page or the note (which passes Enter on)."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not self.again_button.hasFocus():
            self._save_and_close()
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
