"""The first-run welcome: what hiptimer does, the disclaimer, and which hip is limited.

The caller shows it only while ``settings.welcome_done`` is False, and never for a scripted
``--start``.  Accepting stores the answers in the Settings object; the caller saves them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from hiptimer.core.routines.model import Side
from hiptimer.core.settings import Settings
from hiptimer.qt.help_dialogs import DISCLAIMER_TEXT

INTRO_TEXT = (
    "hiptimer walks you through a home program for a hip that does not turn inward easily: "
    "massage-ball releases, stretches, band work, gentle movements and strengthening. It times "
    "every step, paces and counts your reps and says what comes next, so you can follow along "
    "from the floor without touching the keyboard."
)


NOT_YET_TEXT = "Tick “I understand” to continue, or close this window to quit hiptimer."


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class WelcomeDialog(QDialog):
    """After ``exec()`` is Accepted, ``limited_side`` and ``wants_assessment`` hold the answer.

    Only its two buttons accept it, and only once the disclaimer is ticked: Escape does
    nothing, and closing the window is not an answer (the caller then quits).
    """

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.limited_side: Side | None = settings.limited_side
        self.wants_assessment = False
        self.setWindowTitle("Welcome to hiptimer")

        title = QLabel("Welcome to hiptimer")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        intro = _wrapped(INTRO_TEXT)

        safety = QGroupBox("Before you start")
        safety_layout = QVBoxLayout(safety)
        safety_layout.addWidget(_wrapped(DISCLAIMER_TEXT))
        self.understood = QCheckBox("&I understand: this is information, not medical advice")
        self.understood.setAccessibleName("I understand the disclaimer")
        safety_layout.addWidget(self.understood)

        question = QGroupBox("Which hip is limited?")
        question_layout = QVBoxLayout(question)
        self.side_group = QButtonGroup(self)
        self.side_buttons: dict[Side | None, QRadioButton] = {}
        for side, text in (
            (Side.LEFT, "&Left hip"),
            (Side.RIGHT, "&Right hip"),
            (None, "&Not sure — run the assessment first"),
        ):
            button = QRadioButton(text)
            button.setAccessibleName(f"Limited hip: {text.replace('&', '')}")
            self.side_group.addButton(button)
            self.side_buttons[side] = button
            question_layout.addWidget(button)
        self.side_buttons[settings.limited_side].setChecked(True)
        question_layout.addWidget(
            _wrapped("Only the limited side needs the work. You can change this later in Settings.")
        )

        self.assessment_button = QPushButton("&Start with the assessment")
        self.assessment_button.setAccessibleName("Start with the assessment")
        self.assessment_button.clicked.connect(lambda: self._finish(wants_assessment=True))
        self.routines_button = QPushButton("&Choose a routine")
        self.routines_button.setAccessibleName("Choose a routine")
        self.routines_button.clicked.connect(lambda: self._finish(wants_assessment=False))
        for push in (self.assessment_button, self.routines_button):
            push.setMinimumHeight(36)
        self.hint = _wrapped(NOT_YET_TEXT)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.assessment_button)
        buttons.addWidget(self.routines_button)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(safety)
        layout.addWidget(question)
        layout.addStretch(1)
        layout.addWidget(self.hint)  # on its own line: beside the buttons it wrapped narrow
        layout.addLayout(buttons)

        self.understood.toggled.connect(self._update_buttons)
        self.side_group.buttonToggled.connect(self._update_buttons)
        self._update_buttons()
        em = self.fontMetrics().horizontalAdvance("M")
        self.setMinimumWidth(min(40 * em, 760))
        width = min(48 * em, 900)
        self.resize(width, max(self.sizeHint().height(), self.heightForWidth(width)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape would reject the dialog, as if the disclaimer had been seen and dismissed."""
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def chosen_side(self) -> Side | None:
        return next(side for side, button in self.side_buttons.items() if button.isChecked())

    def _update_buttons(self, *_args: object) -> None:
        ready = self.understood.isChecked()
        self.assessment_button.setEnabled(ready)
        self.routines_button.setEnabled(ready)
        self.hint.setVisible(not ready)
        not_sure = self.chosen_side() is None
        self.assessment_button.setDefault(not_sure)
        self.routines_button.setDefault(not not_sure)

    def _finish(self, *, wants_assessment: bool) -> None:
        if not self.understood.isChecked():
            return
        self.limited_side = self.chosen_side()
        self.wants_assessment = wants_assessment
        self.settings.welcome_done = True
        self.settings.limited_side = self.limited_side
        self.accept()
