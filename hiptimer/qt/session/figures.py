"""The player's big figures: the countdown, and beside it in held reps the rep, each labelled.

In held reps one number never switches between two meanings: the rep ("rep of 20") and the
seconds of its lift, hold or lower ("seconds to hold") are two figures of the same size.  Every
other phase shows the countdown alone.  The words come from :mod:`hiptimer.core.session.display`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from hiptimer.core.session.display import (
    countdown_caption,
    countdown_text,
    rep_figure,
    widest_countdown,
)
from hiptimer.core.session.events import Snapshot


class BigFigures(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.countdown = QLabel()
        self.countdown.setAccessibleName("Countdown")
        self.countdown_caption = QLabel()
        self.rep_figure = QLabel()
        self.rep_figure.setAccessibleName("Rep")
        self.rep_caption = QLabel()
        self._widest = "000"  # the widest text the countdown shows in this phase
        self._widest_rep = ""  # ... and the rep figure beside it ("": not shown)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        columns = []
        for figure, caption in (
            (self.rep_figure, self.rep_caption),
            (self.countdown, self.countdown_caption),
        ):
            figure.setAlignment(Qt.AlignmentFlag.AlignCenter)
            figure.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column = QWidget()
            column_layout = QVBoxLayout(column)
            column_layout.setContentsMargins(0, 0, 0, 0)
            column_layout.addWidget(figure, 1)
            column_layout.addWidget(caption)
            row.addWidget(column, 1)
            columns.append(column)
        self.rep_column = columns[0]
        self.rep_column.hide()
        self.countdown_caption.hide()

    def show_phase(self, snapshot: Snapshot) -> bool:
        """A new phase: which figures, their words, their widest texts.  True when the digits
        must be fitted again (call :meth:`fit`)."""
        rep = rep_figure(snapshot)
        caption = countdown_caption(snapshot)
        for label, text in (
            (self.rep_caption, rep.caption if rep else ""),
            (self.countdown_caption, caption),
        ):
            label.setText(text)
            label.setVisible(bool(text))
        self.rep_column.setVisible(rep is not None)
        self.rep_figure.setAccessibleDescription(rep.caption if rep else "")
        self.countdown.setAccessibleDescription(caption)
        widest = widest_countdown(snapshot)
        widest_rep = "0" * len(str(snapshot.phase.reps or 0)) if rep is not None else ""
        changed = (widest, widest_rep) != (self._widest, self._widest_rep)
        self._widest, self._widest_rep = widest, widest_rep
        return changed

    def show_numbers(self, snapshot: Snapshot) -> None:
        self.countdown.setText(countdown_text(snapshot))
        rep = rep_figure(snapshot)
        if rep is not None:
            self.rep_figure.setText(rep.text)

    def fit(self, window_height: int) -> None:
        """Digits a third of the window high, shrunk only if the widest text won't fit."""
        digits = QFont(self.font())
        digits.setBold(True)
        digits.setPixelSize(100)
        metrics = QFontMetrics(digits)
        ink = metrics.tightBoundingRect("0").height() or 70
        by_height = 100 * (window_height / 3 + 6) / ink
        shown = 2 if self._widest_rep else 1  # the rep figure takes half the room
        room = max(self.width() // shown, 100) - 8
        widest = max(self._widest, self._widest_rep, key=metrics.horizontalAdvance)
        by_width = 100 * room / max(metrics.horizontalAdvance(widest), 1)
        digits.setPixelSize(max(24, int(min(by_height, by_width))))
        self.countdown.setFont(digits)
        self.rep_figure.setFont(digits)

    def captions(self) -> tuple[QLabel, QLabel]:
        return self.rep_caption, self.countdown_caption
