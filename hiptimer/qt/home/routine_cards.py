"""The home page's routines as cards: the positions as pictograms, the name, how long, the
gear and when it was last done.

A list view with a painting delegate, so the arrow keys, Enter and screen readers work as in
any list (each item's text says what the card shows).  The card's texts are laid out by one
function, :func:`card_texts`, for painting and for the layout checks (``layout_texts``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QPainter,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from hiptimer.core.paths import resources_dir
from hiptimer.qt.resources import equipment_svg, pictogram_svg, render_svg
from hiptimer.qt.style import RADIUS, SPACE, TYPE, current_tokens
from hiptimer.qt.widgets.layout_texts import measured

ROLE_ID = Qt.ItemDataRole.UserRole
ROLE_CARD = Qt.ItemDataRole.UserRole + 1
#: Pictograms drawn on a card: the first positions the routine takes you through.
MOST_PICTOGRAMS = 3

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Card:
    """What one card shows."""

    routine_id: str
    name: str
    badge: str  # "Main routine", "Yours", or ""
    facts: str  # "13 min · 5 exercises"
    gear: str  # "Massage ball, band" or "No gear needed"
    last: str  # "Last done 3 days ago"
    positions: tuple[str, ...]
    equipment: tuple[str, ...] = ()  # the gear's ids, drawn as icons

    @property
    def text(self) -> str:
        """Everything the card says, as the item's text (screen readers, tests)."""
        badge = f"  ({self.badge})" if self.badge else ""
        return f"{self.name}{badge}\n{self.facts} · {self.gear}\n{self.last}"


def card_fonts(base: QFont) -> tuple[QFont, QFont]:
    """The name's font and the facts' font, from the list's own font."""
    name = QFont(base)
    name.setPointSizeF(base.pointSizeF() * TYPE.subtitle)
    name.setBold(True)
    return name, QFont(base)


def pictogram_side(base: QFont) -> int:
    return int(QFontMetrics(base).lineSpacing() * 3.2)


def _gear_line(base: QFont) -> int:
    """The gear line is taller: its icons must be big enough to tell apart."""
    return int(QFontMetrics(base).lineSpacing() * 1.6)


def card_height(base: QFont) -> int:
    name, body = card_fonts(base)
    texts = QFontMetrics(name).lineSpacing() + 2 * (QFontMetrics(body).lineSpacing() + SPACE.xs)
    texts += _gear_line(base) + SPACE.xs
    return max(texts, pictogram_side(base)) + 2 * SPACE.m + 2 * SPACE.xs


def _inner(rect: QRect) -> QRect:
    """The card inside the item's rect (a gap between cards)."""
    return rect.adjusted(SPACE.xs, SPACE.xs, -SPACE.xs, -SPACE.xs)


def _pictogram_room(rect: QRect, base: QFont) -> tuple[QRect, int, int]:
    """The card's inner rect, a pictogram's side and how many fit while the texts keep at
    least two thirds of the card (every card the same, so the texts line up)."""
    side = pictogram_side(base)
    inner = _inner(rect).adjusted(SPACE.m, SPACE.m, -SPACE.m, -SPACE.m)
    fit = max(1, min(MOST_PICTOGRAMS, int(inner.width() * 0.36) // (side + SPACE.xs)))
    return inner, side, fit


def pictogram_rects(card: Card, rect: QRect, base: QFont) -> list[QRect]:
    """Where the pictograms of the first positions go."""
    inner, side, fit = _pictogram_room(rect, base)
    top = inner.top() + (inner.height() - side) // 2
    shown = min(fit, len(card.positions))
    return [QRect(inner.left() + i * (side + SPACE.xs), top, side, side) for i in range(shown)]


def card_texts(card: Card, rect: QRect, base: QFont) -> list[tuple[str, QFont, QRect]]:
    """Each text of the card with its font and rect, whole (painting elides only what the
    layout failed to make room for; the layout checks see the whole text).  The gear line is
    empty when the gear is drawn as icons."""
    name_font, body_font = card_fonts(base)
    inner, side, fit = _pictogram_room(rect, base)
    left = inner.left() + fit * (side + SPACE.xs) + SPACE.m
    width = max(inner.right() - left, 10)
    name_metrics, body_metrics = QFontMetrics(name_font), QFontMetrics(body_font)
    y = inner.top()
    texts = []
    facts = card.facts + (f" · {card.badge}" if card.badge else "")
    lines = [
        (card.name, name_font, name_metrics),
        (facts, body_font, body_metrics),
        ("" if card.equipment else card.gear, body_font, body_metrics),
        (card.last, body_font, body_metrics),
    ]
    for number, (text, font, metrics) in enumerate(lines):
        height = metrics.lineSpacing() + (SPACE.xs if metrics is body_metrics else 0)
        if number == 2:
            height = _gear_line(base)
        texts.append((text, font, QRect(left, y, width, height)))
        y += height + (SPACE.xs if font is name_font else 0)
    return texts


def gear_rects(card: Card, rect: QRect, base: QFont) -> list[QRect]:
    """The gear icons, on the line below the facts (their names are in the item's text)."""
    line = card_texts(card, rect, base)[2][2]
    side = line.height()
    room = max(1, (line.width() + SPACE.xs) // (side + SPACE.s))
    return [
        QRect(line.left() + i * (side + SPACE.s), line.top(), side, side)
        for i in range(min(len(card.equipment), room))
    ]


class CardDelegate(QStyledItemDelegate):
    def __init__(self, resources: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._resources = resources_dir() if resources is None else resources
        self._images: dict[tuple[str, int, str, str], QImage] = {}
        self.renders = 0  # drawings rendered (cached by drawing, size and colours)

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return QSize(option.rect.width() or 300, card_height(option.font))

    def _drawing(self, name: str, side: int, ratio: float, *, gear: bool = False) -> QImage:
        tokens = current_tokens()
        fg = tokens.text
        key = (("gear:" if gear else "") + name, int(side * ratio), fg, tokens.accent)
        image = self._images.get(key)
        if image is None:
            drawing = equipment_svg if gear else pictogram_svg
            try:
                svg = drawing(self._resources, name, QColor(fg), QColor(tokens.accent))
            except OSError:
                svg = b""  # a missing drawing leaves a gap, never an error
            image = render_svg(svg, QSize(key[1], key[1]))
            image.setDevicePixelRatio(ratio)
            self._images[key] = image
            self.renders += 1
        return image

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        card = index.data(ROLE_CARD)
        if not isinstance(card, Card):
            super().paint(painter, option, index)
            return
        tokens = current_tokens()
        # The chosen card is the view's current item.  (Reading option.state instead would
        # load QStyle's Python enums, 12 ms of the first paint.)
        view = self.parent()
        selected = isinstance(view, QListWidget) and view.currentIndex().row() == index.row()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = _inner(option.rect)
        painter.setBrush(QColor(tokens.surface_alt if selected else tokens.surface))
        border = QColor(tokens.primary if selected else tokens.border)
        painter.setPen(QPen(border, 2 if selected else 1))
        painter.drawRoundedRect(box.adjusted(1, 1, -1, -1), RADIUS.l, RADIUS.l)
        if selected:  # a bar as well as the colour marks the chosen card
            bar = QRect(box.left() + 1, box.top() + RADIUS.l, 5, box.height() - 2 * RADIUS.l)
            painter.fillRect(bar, border)
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        font = option.font
        for name, place in zip(
            card.positions, pictogram_rects(card, option.rect, font), strict=False
        ):
            painter.drawImage(place, self._drawing(name, place.width(), ratio))
        for name, place in zip(card.equipment, gear_rects(card, option.rect, font), strict=False):
            painter.drawImage(place, self._drawing(name, place.width(), ratio, gear=True))
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for number, (text, text_font, rect) in enumerate(card_texts(card, option.rect, font)):
            painter.setFont(text_font)
            painter.setPen(QColor(tokens.text_muted if number >= 2 else tokens.text))
            elided = QFontMetrics(text_font).elidedText(
                text, Qt.TextElideMode.ElideRight, rect.width()
            )
            painter.drawText(rect, flags, elided)
        painter.restore()


class RoutineCards(QListWidget):
    """The routines, one card each; the current item is the chosen routine."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.delegate = CardDelegate(parent=self)
        self.setItemDelegate(self.delegate)
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QListWidget.Shape.NoFrame)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # The cards sit on the window: the viewport's base is see-through.  (Reaching the
        # viewport itself, a class PySide6 does not wrap, costs 12 ms the first time.)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor(Qt.GlobalColor.transparent))
        self.setPalette(palette)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.scrollTo(self.currentIndex())  # the chosen card stays in view

    def add_card(self, card: Card) -> QListWidgetItem:
        item = QListWidgetItem(card.text)
        item.setData(ROLE_ID, card.routine_id)
        item.setData(ROLE_CARD, card)
        self.addItem(item)
        return item

    def card(self, row: int) -> Card | None:
        item = self.item(row)
        card = item.data(ROLE_CARD) if item is not None else None
        return card if isinstance(card, Card) else None

    def layout_texts(self) -> list[tuple[str, QRect, QSize]]:
        """For the layout checks: what :meth:`painted_texts` draws, measured."""
        return measured(self.painted_texts())

    def painted_texts(self) -> list[tuple[str, QFont, QRect]]:
        """The texts of the cards in view, in this widget's coordinates (layout checks)."""
        found = []
        offset = self.viewport().pos()
        for row in range(self.count()):
            rect = self.visualItemRect(self.item(row))
            if not rect.intersects(self.viewport().rect()):
                continue
            card = self.card(row)
            if card is not None:
                for text, font, place in card_texts(card, rect, self.font()):
                    found.append((text, font, place.translated(offset)))
        return found
