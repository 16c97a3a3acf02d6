"""The week at a glance on the home page: a dot for each workout of the weekly goal, filled
as they are done, the count in words, and the streak."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from hiptimer.core.history.glance import WeekGlance
from hiptimer.qt.style import SPACE, TYPE, current_tokens


class GoalDots(QWidget):
    """``goal`` rings, the first ``done`` filled (more when the goal is passed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.done, self.goal = 0, 1
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_counts(self, done: int, goal: int) -> None:
        self.done, self.goal = done, max(goal, 1)
        self.updateGeometry()
        self.update()

    def _diameter(self) -> int:
        return int(self.fontMetrics().height() * 1.5)

    def sizeHint(self) -> QSize:
        d = self._diameter()
        shown = max(self.done, self.goal)
        return QSize(shown * d + (shown - 1) * SPACE.s + 4, d + 4)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        tokens = current_tokens()
        d = self._diameter()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for n in range(max(self.done, self.goal)):
            rect = QRectF(2 + n * (d + SPACE.s), 2, d, d)
            if n < self.done:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(tokens.primary))
                painter.drawEllipse(rect)
                painter.setPen(QPen(QColor(tokens.on_primary), max(2.0, d / 10)))
                tick = [
                    (0.28, 0.52),
                    (0.44, 0.68),
                    (0.74, 0.34),
                ]  # done is not told by colour alone
                painter.drawPolyline([QPointF(rect.x() + d * x, rect.y() + d * y) for x, y in tick])
            else:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(QColor(tokens.track), max(2.0, d / 8)))
                painter.drawEllipse(rect.adjusted(d / 16, d / 16, -d / 16, -d / 16))
        painter.end()


class WeekGlanceCard(QFrame):
    """This week's workouts against the goal and the streak; hidden without a history."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.setAccessibleName("Your week")
        self.dots = GoalDots()
        self.headline = QLabel()
        self.headline.setAccessibleName("This week")
        font = QFont(self.headline.font())
        font.setPointSizeF(font.pointSizeF() * TYPE.subtitle)
        font.setBold(True)
        self.headline.setFont(font)
        self.detail = QLabel()
        self.detail.setProperty("role", "muted")
        self.detail.setWordWrap(True)
        words = QVBoxLayout()
        words.setSpacing(SPACE.xs)
        words.addWidget(self.headline)
        words.addWidget(self.detail)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(SPACE.l, SPACE.m, SPACE.l, SPACE.m)
        layout.setSpacing(SPACE.l)
        layout.addWidget(self.dots, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(words, 1)
        self.hide()

    def show_glance(self, glance: WeekGlance | None) -> None:
        if glance is None:
            self.hide()
            return
        self.dots.set_counts(glance.done, glance.goal)
        self.headline.setText(glance.headline)
        self.detail.setText(glance.detail)
        self.dots.setAccessibleName(f"{glance.headline}. {glance.detail}")
        self.show()
