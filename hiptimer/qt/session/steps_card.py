"""The player's instructions, one at a time in large type, with what to feel.

A card of fixed height shows one item: what to fetch before an exercise, then each numbered
step, then when to stop and the item's note.  What to feel rides along under each step when
it fits at the size the window allows, else it is an item of its own.  Items turn over every
few seconds while the session runs (its own slow timer: a step read from the floor needs
time, and the countdown's ticks must not pay for it).  The text is as large as fits between
the player's smallest size (1/25 of the window) and a larger one that grows with the system
font.
"""

from __future__ import annotations

from html import escape as _esc

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QHideEvent, QResizeEvent, QShowEvent, QTextDocument
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from hiptimer.core.routines.progression import progression_line
from hiptimer.core.session.display import instructions
from hiptimer.core.session.plan import Step

#: How long each instruction stays before the next one shows.
TURN_MS = 7000


def instruction_items(step: Step, level: int = 0) -> tuple[list[str], str]:
    """(the items as rich text, what to feel as rich text) for ``step``."""
    text = instructions(step)
    count = len(text.steps)
    items = [
        f"<b>{number} of {count}</b>&nbsp;&nbsp;{_esc(line)}"
        for number, line in enumerate(text.steps, 1)
    ]
    if text.stop_if:
        items.append(f"<b>Stop if:</b> {_esc(text.stop_if)}")
    if text.note:
        items.append(f"<b>Note:</b> {_esc(text.note)}")
    progression = progression_line(step.exercise.progressions, level)
    if progression:
        said, _, what = progression.partition(": ")
        items.append(f"<b>{_esc(said)}:</b> {_esc(what)}")
    feel = f"<b>Feel:</b> {_esc(text.feel)}" if text.feel else ""
    return items, feel


#: Sizes found, by (text, font, room, range): the card asks again at every turn of its items,
#: and a search lays the text out up to a dozen times (10-20 ms on the GUI thread).
_FITTED: dict[tuple[str, str, int, int, int, int], int] = {}
MOST_FITTED = 256


def fitting_pixels(html: str, font: QFont, width: int, height: int, low: int, high: int) -> int:
    """The largest pixel size in ``low..high`` at which ``html`` wraps into ``width`` x
    ``height``; ``low`` - 1 .. 8 when even ``low`` does not fit (smaller, never clipped)."""
    base = QFont(font)
    base.setPixelSize(low)  # the size it has now does not matter: the search sets its own
    key = (html, base.key(), width, height, low, high)
    found = _FITTED.get(key)
    if found is None:
        if len(_FITTED) >= MOST_FITTED:
            _FITTED.clear()
        found = _FITTED[key] = _search_pixels(html, font, width, height, low, high)
    return found


def _search_pixels(html: str, font: QFont, width: int, height: int, low: int, high: int) -> int:
    """The search, starting at ``font``'s own size: the card's items are mostly alike, so the
    size the last one had usually fits this one too and two layouts settle it."""
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setTextWidth(width)
    doc.setHtml(html)  # parsed once; each new default font lays it out again

    def fits(pixels: int) -> bool:
        sized = QFont(font)
        sized.setPixelSize(pixels)
        doc.setDefaultFont(sized)
        return doc.size().height() <= height and doc.idealWidth() <= width

    hint = font.pixelSize() if low <= font.pixelSize() <= high else high
    if fits(hint):
        if hint == high or not fits(hint + 1):
            return hint
        if fits(high):
            return high
        lo, hi = hint + 1, high  # fits(lo), not fits(hi)
    elif hint > low and fits(hint - 1):
        return hint - 1
    elif hint == low or not fits(low):
        size = low - 1
        while size > 8 and not fits(size):
            size -= 1
        return size
    else:
        lo, hi = low, hint - 1
    while hi - lo > 1:
        middle = (lo + hi) // 2
        lo, hi = (middle, hi) if fits(middle) else (lo, middle)
    return lo


class FittedLabel(QLabel):
    """Rich text in a fixed rect, its font the largest that fits (set on change and resize)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self._range = (16, 20)

    def set_range(self, low: int, high: int) -> None:
        self._range = (low, max(low, high))
        self.refit()

    def low(self) -> int:
        return self._range[0]

    def set_fitted(self, html: str) -> None:
        if html != self.text():
            self.setText(html)
            self.refit()

    def fits_at(self, html: str, pixels: int) -> bool:
        return fitting_pixels(html, self.font(), *self._room(), pixels, pixels) == pixels

    def _room(self) -> tuple[int, int]:
        room = self.contentsRect()
        return max(room.width(), 1), max(room.height(), 1)

    def refit(self) -> None:
        low, high = self._range
        pixels = (
            fitting_pixels(self.text(), self.font(), *self._room(), low, high)
            if self.text()
            else high
        )
        if self.font().pixelSize() != pixels:
            font = QFont(self.font())
            font.setPixelSize(pixels)
            self.setFont(font)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.refit()


class StepsCard(QFrame):
    """``steps_label`` shows the item at hand; ``ready_label`` what to fetch, first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.steps_label = FittedLabel()
        self.steps_label.setAccessibleName("Instructions")
        self.ready_label = FittedLabel()  # before an exercise: what to fetch, where to move
        self.ready_label.setAccessibleName("Getting ready")
        self.ready_label.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.ready_label)
        layout.addWidget(self.steps_label)
        self._items: list[str] = []
        self._feel = ""
        self._ready = ""
        self._index = 0
        self._running = False
        self._timer = QTimer(self)
        self._timer.setInterval(TURN_MS)
        self._timer.timeout.connect(self.turn)

    def set_margin(self, pixels: int) -> None:
        layout = self.layout()
        if layout is not None:
            layout.setContentsMargins(pixels, pixels // 2, pixels, pixels // 2)

    def set_range(self, low: int, high: int) -> None:
        self.ready_label.set_range(low, high)
        self.steps_label.set_range(low, high)
        self._show()

    def set_content(self, items: list[str], feel: str, ready: str) -> None:
        """A new exercise (or its get-ready): start again at the first item."""
        if (items, feel, ready) == (self._items, self._feel, self._ready):
            return
        self._items, self._feel, self._ready = items, feel, ready
        self._index = 0
        self._show()
        if self._timer.isActive():
            self._timer.start()  # the first item gets its full time

    def set_running(self, running: bool) -> None:
        """Turn the items over while the session runs and the card shows; never otherwise (a
        closed window's card must not keep waking up)."""
        self._running = running
        if running and self.isVisible():
            if not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.set_running(self._running)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def _sequence(self) -> list[str]:
        """Every item in turn; what to feel rides with each step where it fits."""
        low = self.steps_label.low()
        items, feel = self._items, self._feel
        together = [f"{item}<br>{feel}" for item in items] if feel else items
        if not all(self.steps_label.fits_at(item, low) for item in together):
            together = [*items, feel]  # what to feel as an item of its own
        shown = [_esc(self._ready)] if self._ready else []
        shown += together if items else [feel] if feel else []
        return shown or [""]

    def turn(self) -> None:
        if not self.isVisible():
            self._timer.stop()
            return
        self._index += 1
        self._show()

    def _show(self) -> None:
        sequence = self._sequence()
        index = self._index % len(sequence)
        ready = bool(self._ready) and index == 0
        self.ready_label.setVisible(ready)
        self.steps_label.setVisible(not ready)
        if ready:
            self.ready_label.set_fitted(sequence[0])
        else:
            self.steps_label.set_fitted(sequence[index])

    def shown_html(self) -> str:
        return self.ready_label.text() if self.ready_label.isVisible() else self.steps_label.text()
