"""The summary shown when a session ends: what was done, and an optional pain rating and note."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hiptimer.core.history.rows import PAIN_LIMITS
from hiptimer.core.session.display import STOP_ADVICE, outcome_line, steps_done, summary_title
from hiptimer.core.session.events import StepOutcome
from hiptimer.core.session.status import SessionStatus
from hiptimer.core.text import duration_text


class SummaryPage(QWidget):
    """Emits ``feedback(pain or None, note)`` then ``closed`` or ``again``."""

    feedback = Signal(object, str)
    closed = Signal()
    again = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        self.title.setFont(font)
        self.report = QTextBrowser()
        self.report.setAccessibleName("Session summary")
        self.rate_pain = QCheckBox("Rate pain during this session")
        self.pain = QSpinBox()
        self.pain.setRange(*PAIN_LIMITS)
        self.pain.setSuffix(" / 10")
        self.pain.setAccessibleName("Pain from 0 (none) to 10 (worst)")
        self.pain.setEnabled(False)
        self.rate_pain.toggled.connect(self.pain.setEnabled)
        self.note = QLineEdit()
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("How did it feel? (optional)")
        self.note.setMaxLength(1000)
        form = QFormLayout()
        form.addRow(self.rate_pain, self.pain)
        form.addRow("&Note:", self.note)
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
        layout.addLayout(form)
        layout.addLayout(buttons)

    def show_summary(
        self,
        routine_name: str,
        status: SessionStatus,
        active_seconds: float,
        outcomes: list[StepOutcome],
        total_steps: int,
    ) -> None:
        self.title.setText(summary_title(routine_name, status))
        lines = "<br>".join(escape(outcome_line(o)) for o in outcomes)
        self.report.setHtml(
            f"<p><b>{steps_done(outcomes)}</b> of {total_steps} steps done · active time "
            f"<b>{duration_text(active_seconds)}</b></p><p>{lines}</p>"
            f"<p>{escape(STOP_ADVICE)}</p>"
        )
        self.rate_pain.setChecked(False)
        self.pain.setValue(0)
        self.note.clear()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter saves and closes, from the page or the note (which passes Enter on)."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not self.again_button.hasFocus():
            self._save_and_close()
            return
        super().keyPressEvent(event)

    def _emit_feedback(self) -> None:
        pain = self.pain.value() if self.rate_pain.isChecked() else None
        self.feedback.emit(pain, self.note.text().strip())

    def _save_and_close(self) -> None:
        self._emit_feedback()
        self.closed.emit()

    def _again(self) -> None:
        self._emit_feedback()
        self.again.emit()
