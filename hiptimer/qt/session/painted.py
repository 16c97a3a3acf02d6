"""Custom-painted parts of the player that change while it counts.

Each repaints only its own rect and never asks for a new layout: the player gives them fixed
sizes on resize, and a new text or fraction is just :meth:`QWidget.update` on the widget.
A QLabel would re-run the page's layout on every new text (its size hint may have changed).
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from hiptimer.core.routines.model import EQUIPMENT
from hiptimer.qt.resources import equipment_pixmap


class PaintedText(QWidget):
    """One line of text painted in its rect; ``ink=True`` centres the glyphs' ink (digits),
    so a third of the window is digits, not the font's empty ascent and descent.

    It paints its own background (the window's colour), so nothing behind it repaints, and a
    new text repaints only the characters that changed: "1:49" to "1:48" repaints one digit,
    not the whole number.  (No glyph pixmaps are cached: at 4K one digit would take megabytes.)
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
        ink: bool = False,
    ) -> None:
        super().__init__(parent)
        self._text = ""
        self._alignment = alignment
        self._ink = ink
        self._colour: QColor | None = None
        self._chars: dict[str, tuple[int, int, int]] = {}  # advance, left, right by character
        self._inks: dict[str, QRect] = {}  # the ink of each text shown, at this font
        self._rects: dict[str, list[QRect]] = {}  # each text's character boxes, at this size
        self._metrics: QFontMetrics | None = None
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text == self._text:
            return
        old, self._text = self._text, text
        self.setAccessibleDescription(text)
        before = self._char_rects(old)
        after = self._char_rects(text)
        if not before or len(before) != len(after):
            self.update()
            return
        for index, (was, now) in enumerate(zip(before, after, strict=True)):
            if was != now or old[index] != text[index]:
                self.update(was.united(now))

    def set_colour(self, colour: QColor | None) -> None:
        """Paint in ``colour`` (None: the palette's window text)."""
        if colour != self._colour:
            self._colour = colour
            self.update()

    def sizeHint(self) -> QSize:
        metrics = self._font_metrics()
        return QSize(metrics.horizontalAdvance(self._text or "0") + 4, metrics.height())

    def text_rect(self) -> QRect:
        """Where the text's ink lands, in widget coordinates."""
        metrics = self._font_metrics()
        if self._ink:
            ink = metrics.tightBoundingRect(self._text)
            width = max(ink.width(), metrics.horizontalAdvance(self._text))
            x = self._x_for(width)
            y = (self.height() - ink.height()) // 2
            return QRect(x, y, width, ink.height())
        width = metrics.horizontalAdvance(self._text)
        return QRect(
            self._x_for(width), (self.height() - metrics.height()) // 2, width, metrics.height()
        )

    def _x_for(self, width: int) -> int:
        if self._alignment & Qt.AlignmentFlag.AlignLeft:
            return 0
        if self._alignment & Qt.AlignmentFlag.AlignRight:
            return self.width() - width
        return (self.width() - width) // 2

    def _baseline(self, text: str) -> int:
        """The baseline that puts ``text``'s ink (else its line) in the middle of the rect."""
        if not self._ink:
            metrics = self._font_metrics()
            return (self.height() - metrics.height()) // 2 + metrics.ascent()
        ink = self._ink_of(text or "0")
        return (self.height() - ink.height()) // 2 - ink.top()

    def _ink_of(self, text: str) -> QRect:
        found = self._inks.get(text)
        if found is None:
            if len(self._inks) > 256:
                self._inks.clear()
            found = self._inks[text] = self._font_metrics().tightBoundingRect(text)
        return found

    def _char_box(self, char: str) -> tuple[int, int, int]:
        """(advance, left, right) of ``char`` at this font: cached, digits repeat."""
        found = self._chars.get(char)
        if found is None:
            metrics = self._font_metrics()
            advance = metrics.horizontalAdvance(char)
            bound = metrics.boundingRect(char)
            found = (advance, min(0, bound.left()), max(advance, bound.right() + 1))
            self._chars[char] = found
        return found

    def _font_metrics(self) -> QFontMetrics:
        if self._metrics is None:
            self._metrics = QFontMetrics(self.font())
        return self._metrics

    def _char_rects(self, text: str) -> list[QRect]:
        """Each character's box: its advance (and overhang), the font's full height.  A tick
        asks for the old text's, the new one's and then paints: each is laid out once."""
        found = self._rects.get(text)
        if found is None:
            if len(self._rects) > 8:
                self._rects.clear()
            found = self._rects[text] = self._lay_out(text)
        return found

    def _lay_out(self, text: str) -> list[QRect]:
        metrics = self._font_metrics()
        boxes = [self._char_box(char) for char in text]
        x = self._x_for(sum(box[0] for box in boxes))
        top = self._baseline(text) - metrics.ascent()
        rects = []
        for advance, left, right in boxes:
            rects.append(QRect(x + left, top, right - left, metrics.height()))
            x += advance
        return rects

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.PaletteChange):
            self._chars.clear()
            self._inks.clear()
            self._rects.clear()
            self._metrics = None
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._rects.clear()  # the boxes are placed in the rect
        super().resizeEvent(event)

    def layout_texts(self) -> list[tuple[str, QRect, QSize]]:
        """For the layout checks: the text, the room it has (the whole rect), what it needs."""
        return [(self._text, self.rect(), self.text_rect().size())] if self._text else []

    def _pen(self) -> QColor:
        return self._colour or self.palette().color(QPalette.ColorRole.WindowText)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().color(QPalette.ColorRole.Window))
        if not self._text:
            painter.end()
            return
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(self.font())
        painter.setPen(self._pen())
        baseline = self._baseline(self._text)
        x = self._x_for(sum(self._char_box(char)[0] for char in self._text))
        for char, box in zip(self._text, self._char_rects(self._text), strict=True):
            if box.intersects(event.rect()) and not char.isspace():
                painter.drawText(x, baseline, char)  # only what changed is in the clip
            x += self._char_box(char)[0]
        painter.end()


class PhaseBar(QWidget):
    """How far the phase has gone: a rounded bar in the phase's colour on a quiet track.

    It repaints only when the filled part changes by a pixel or more."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fraction = 0.0
        self._shown = True
        self._colour = QColor("#0072B2")
        self._track = QColor("#DDDDD8")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Phase progress")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)

    def fraction(self) -> float:
        return self._fraction

    def set_colours(self, colour: str, track: str) -> None:
        self._colour, self._track = QColor(colour), QColor(track)
        self.update()

    def set_fraction(self, fraction: float | None) -> None:
        """0..1 done, or None for a phase with no length (nothing is drawn but the track)."""
        shown = fraction is not None
        value = min(1.0, max(0.0, fraction or 0.0))
        was, now = self._filled_width(self._fraction), self._filled_width(value)
        if shown != self._shown:
            self.update()
        elif was != now:  # only the strip between the two ends, with its rounded cap
            cap = self.height()
            self.update(QRect(min(was, now) - cap, 0, abs(now - was) + 2 * cap, self.height()))
        self._shown = shown
        self._fraction = value

    def _filled_width(self, fraction: float) -> int:
        return round(max(self.height(), self.width() * fraction)) if fraction > 0 else 0

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().color(QPalette.ColorRole.Window))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        radius = self.height() / 2
        painter.setBrush(self._track)
        painter.drawRoundedRect(QRectF(self.rect()), radius, radius)
        if self._shown and self._fraction > 0:
            filled = QRectF(0, 0, self._filled_width(self._fraction), self.height())
            painter.setBrush(self._colour)
            painter.drawRoundedRect(filled, radius, radius)
        painter.end()


class SessionStrip(QWidget):
    """The whole session as a strip of steps: done, the one at hand, still to come.  Step
    widths follow their planned lengths; it repaints when the step changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._weights: list[float] = []
        self._current = 0
        self._done = QColor("#009E73")
        self._now = QColor("#0072B2")
        self._track = QColor("#DDDDD8")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Session progress")

    def set_steps(self, weights: list[float]) -> None:
        self._weights = [max(w, 1.0) for w in weights]
        self._current = 0
        self.update()

    def set_colours(self, done: str, now: str, track: str) -> None:
        self._done, self._now, self._track = QColor(done), QColor(now), QColor(track)
        self.update()

    def current(self) -> int:
        return self._current

    def set_current(self, index: int) -> None:
        if index != self._current:
            self._current = index
            total = len(self._weights)
            self.setAccessibleDescription(f"exercise step {index + 1} of {total}")
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._weights:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        total = sum(self._weights)
        gap = 2 if self.width() > 4 * len(self._weights) else 0
        x = 0.0
        radius = self.height() / 2
        for index, weight in enumerate(self._weights):
            width = self.width() * weight / total
            if index < self._current:
                painter.setBrush(self._done)
            elif index == self._current:
                painter.setBrush(self._now)
            else:
                painter.setBrush(self._track)
            painter.drawRoundedRect(
                QRectF(x, 0, max(1.0, width - gap), self.height()), radius, radius
            )
            x += width
        painter.end()


def fit_line(label: QLabel, font: QFont, room: int) -> None:
    """Give ``label`` ``font``, shrunk just enough for its one line to fit ``room`` pixels."""
    wide = QFontMetrics(font).horizontalAdvance(label.text())
    room = max(room, 100)
    if wide > room:
        font = QFont(font)
        font.setPixelSize(max(8, int(font.pixelSize() * room / wide)))
    if font != label.font():
        label.setFont(font)


class EquipmentRow(QWidget):
    """Icons for what to have at hand (their names in the tooltip and the ready text)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(6)
        self._ids: tuple[str, ...] = ()
        self.icon_size = 40

    def set_icon_size(self, pixels: int) -> None:
        if pixels != self.icon_size:
            self.icon_size = pixels
            ids, self._ids = self._ids, ()
            self.show_equipment(ids)  # drawn again at the new size

    def show_equipment(self, ids: tuple[str, ...]) -> None:
        if ids == self._ids:
            return
        self._ids = ids
        while self._row.count():
            taken = self._row.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        palette = self.palette()
        fg = palette.color(QPalette.ColorRole.WindowText)
        accent = palette.color(QPalette.ColorRole.Accent)
        self._row.addStretch(1)
        for equipment_id in ids:
            name = EQUIPMENT.get(equipment_id, equipment_id)
            icon = QLabel()
            with contextlib.suppress(FileNotFoundError):  # the ready text names it anyway
                icon.setPixmap(equipment_pixmap(None, equipment_id, self.icon_size, fg, accent))
            icon.setAccessibleName(f"Equipment: {name}")
            icon.setToolTip(name)
            self._row.addWidget(icon)
        self._row.addStretch(1)
