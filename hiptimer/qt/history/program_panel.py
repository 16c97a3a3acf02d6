"""The program at a glance on the History tab: the week you are in, what to expect, when to
measure again, and what the latest measurements say."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from hiptimer.core.history.adherence import (
    EXPECTATION,
    WORKOUT_RULE,
    program_week_words,
    reassess_words,
    reassessment_due,
)
from hiptimer.core.history.verdict import NOISE_SOURCE, NORMAL_SOURCE, Verdict


class ProgramPanel(QWidget):
    """Emits ``assessment_requested`` when the person asks to measure again."""

    assessment_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.week_label = QLabel()
        self.week_label.setAccessibleName("Week of the program")
        self.week_label.setWordWrap(True)
        self.reassess_label = QLabel()
        self.reassess_label.setAccessibleName("Next assessment")
        self.reassess_label.setWordWrap(True)
        self.assess_button = QPushButton("Run the &assessment")
        self.assess_button.setAccessibleName("Run the assessment")
        self.assess_button.clicked.connect(self.assessment_requested.emit)
        self.offers_assessment = True  # False for someone else's history, read-only
        self.verdict_label = QLabel()
        self.verdict_label.setAccessibleName("What the latest measurements say")
        self.verdict_label.setTextFormat(Qt.TextFormat.RichText)
        self.verdict_label.setWordWrap(True)
        self.rule_label = QLabel(f"<small>{escape(WORKOUT_RULE)}</small>")
        self.rule_label.setAccessibleName("What counts as a workout")
        self.rule_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.week_label, self.reassess_label):
            layout.addWidget(widget)
        layout.addWidget(self.assess_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.rule_label)

    def show_program(
        self,
        today: date,
        first_session: date | None,
        last_assessment: date | None,
        reassess_weeks: int,
        verdict: Verdict | None,
    ) -> None:
        self.week_label.setText(f"{program_week_words(first_session, today)} {EXPECTATION}")
        due = reassessment_due(last_assessment, first_session, today, reassess_weeks)
        self.reassess_label.setText(reassess_words(due, last_assessment, today))
        self.assess_button.setVisible(self.offers_assessment and (due is None or due <= today))
        lines = verdict.lines() if verdict is not None and verdict.tests else []
        self.verdict_label.setVisible(bool(lines))
        if lines:
            body = "<br>".join(escape(line).replace("  ", "&nbsp;&nbsp;") for line in lines)
            sources = escape(f"{NORMAL_SOURCE} {NOISE_SOURCE}")
            self.verdict_label.setText(
                f"<p><b>Your latest measurements</b><br>{body}</p><p><small>{sources}</small></p>"
            )
