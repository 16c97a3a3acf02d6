"""The player's big figures: the countdown, and beside it in held reps the rep, each labelled.

In held reps one number never switches between two meanings: the rep ("rep of 20") and the
seconds of its lift, hold or lower ("seconds to hold") are two figures of the same size.  Every
other phase shows the countdown alone, with the detail line ("rep 3 of 12", "cycle 2 of 5")
in the caption row under it.  The words come from :mod:`hiptimer.core.session.display`.

The digits are painted (:class:`PaintedText`): a new second repaints the digits' own rect and
never re-runs a layout.  Fonts change only on resize and when a phase's widest text changes.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from hiptimer.core.session.display import (
    countdown_caption,
    countdown_text,
    rep_figure,
    set_text,
    widest_countdown,
)
from hiptimer.core.session.events import Snapshot
from hiptimer.qt.session.painted import PaintedText


class BigFigures(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.countdown = PaintedText(ink=True)
        self.countdown.setAccessibleName("Countdown")
        self.rep_figure = PaintedText(ink=True)
        self.rep_figure.setAccessibleName("Rep")
        self.countdown_caption = QLabel()
        self.rep_caption = QLabel()
        self.detail_label = QLabel()  # outside held reps: the line under the countdown
        self.detail_label.setAccessibleName("Detail")
        self._widest = "000"  # the widest text the countdown shows in this phase
        self._widest_rep = ""  # ... and the rep figure beside it ("": not shown)
        self._ink = 100  # the digits' height in pixels
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        row = QHBoxLayout()
        row.setSpacing(0)
        self._row = row
        column.addLayout(row)
        columns = []
        for figure, caption in (
            (self.rep_figure, self.rep_caption),
            (self.countdown, self.countdown_caption),
        ):
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            figure_column = QWidget()
            figure_layout = QVBoxLayout(figure_column)
            figure_layout.setContentsMargins(0, 0, 0, 0)
            figure_layout.setSpacing(0)
            figure_layout.addWidget(figure)
            figure_layout.addWidget(caption)
            row.addWidget(figure_column, 1)
            columns.append(figure_column)
        self.rep_column = columns[0]
        self.rep_column.hide()
        self.countdown_caption.hide()
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        column.addWidget(self.detail_label)

    def show_phase(self, snapshot: Snapshot) -> bool:
        """A new phase: which figures, their words, their widest texts.  True when the digits
        must be fitted again (call :meth:`fit`)."""
        rep = rep_figure(snapshot)
        caption = countdown_caption(snapshot)
        sets = set_text(snapshot.step) if rep is not None else ""
        self.rep_caption.setText(" · ".join(filter(None, [rep.caption if rep else "", sets])))
        self.countdown_caption.setText(caption)
        held = rep is not None
        self.rep_column.setVisible(held)
        self.countdown_caption.setVisible(bool(caption))
        self.detail_label.setVisible(not held)
        self.rep_figure.setAccessibleDescription(rep.caption if rep else "")
        self.countdown.setAccessibleDescription(caption)
        widest = widest_countdown(snapshot)
        widest_rep = "0" * len(str(snapshot.phase.reps or 0)) if held else ""
        changed = (widest, widest_rep) != (self._widest, self._widest_rep)
        self._widest, self._widest_rep = widest, widest_rep
        return changed

    def show_numbers(self, snapshot: Snapshot) -> None:
        self.countdown.setText(countdown_text(snapshot))
        rep = rep_figure(snapshot)
        if rep is not None:
            self.rep_figure.setText(rep.text)

    def set_sizes(self, ink: int, caption_px: int) -> None:
        """The digits' height in pixels (a third of the window) and the captions' font; the
        figures' slot is fixed at that height, so a new number never moves anything."""
        self._ink = ink
        font = QFont(self.font())
        font.setPixelSize(caption_px)
        line = QFontMetrics(font).lineSpacing() + 2
        for label in (self.rep_caption, self.countdown_caption, self.detail_label):
            label.setFont(font)
            label.setFixedHeight(line)
        for figure in (self.rep_figure, self.countdown):
            figure.setFixedHeight(ink + max(4, ink // 20))
        self.fit()

    def fit(self) -> None:
        """Digits ``ink`` pixels high, shrunk only if the widest text won't fit the width."""
        digits = QFont(self.font())
        digits.setBold(True)
        digits.setPixelSize(100)
        metrics = QFontMetrics(digits)
        ink = metrics.tightBoundingRect("0").height() or 70
        by_height = math.ceil(100 * self._ink / ink)
        # side by side, each figure gets room in proportion to its widest text
        widths = [metrics.horizontalAdvance(t) for t in (self._widest_rep, self._widest) if t]
        room = max(self.width(), 100) - 8 * len(widths)
        by_width = int(100 * room / max(sum(widths), 1))
        self._row.setStretch(0, widths[0] if self._widest_rep else 0)
        self._row.setStretch(1, widths[-1])
        pixels = max(24, min(by_height, by_width))
        digits.setPixelSize(pixels)
        while (
            pixels < by_width and QFontMetrics(digits).tightBoundingRect("0").height() < self._ink
        ):
            pixels += 1  # hinting rounds the ink down at some sizes
            digits.setPixelSize(pixels)
        if digits != self.countdown.font():
            self.countdown.setFont(digits)
            self.rep_figure.setFont(digits)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def captions(self) -> tuple[QLabel, QLabel]:
        return self.rep_caption, self.countdown_caption
