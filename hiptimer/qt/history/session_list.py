"""The history's sessions as a list people read: two lines per session, newest first.

The first line says when and what ("Tue 1 Dec 2026, 18:05 · Daily hip routine"), the
second how it went ("12:00 active · left · completed · pain 2/10 · 6 of 6 steps").  The
words come from :func:`session_lines`; the model is the paged :class:`SessionsModel`.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from hiptimer.core.history.rows import SessionRow
from hiptimer.core.history.view_text import pain_text, status_text
from hiptimer.core.text import duration_text
from hiptimer.qt.history.sessions_model import SessionsModel
from hiptimer.qt.style import SPACE, current_tokens
from hiptimer.qt.widgets.layout_texts import measured

_Index = QModelIndex | QPersistentModelIndex


def session_lines(session: SessionRow) -> tuple[str, str]:
    """What the list says of one session, on two lines."""
    started = session.started_at
    first = f"{started:%a} {started.day} {started:%b %Y, %H:%M} · {session.routine_name}"
    pain = pain_text(session.pain)
    parts = [
        f"{duration_text(session.active_seconds)} active",
        session.side_choice.value,
        status_text(session).lower(),
        f"pain {pain}" if pain else "",
        f"{session.steps_done} of {session.steps_of} steps",
    ]
    return first, " · ".join(part for part in parts if part)


def _fonts(base: QFont) -> tuple[QFont, QFont]:
    bold = QFont(base)
    bold.setBold(True)
    return bold, QFont(base)


def _rects(rect: QRect, base: QFont) -> tuple[QRect, QRect]:
    bold, body = _fonts(base)
    top = rect.adjusted(SPACE.m, SPACE.s, -SPACE.m, 0)
    first = QRect(top.left(), top.top(), top.width(), QFontMetrics(bold).lineSpacing())
    second = QRect(top.left(), first.bottom() + 3, top.width(), QFontMetrics(body).lineSpacing())
    return first, second


class SessionDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        bold, body = _fonts(option.font)
        height = QFontMetrics(bold).lineSpacing() + QFontMetrics(body).lineSpacing()
        return QSize(option.rect.width() or 400, height + 3 + 2 * SPACE.s)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        model = index.model()
        if not isinstance(model, SessionsModel):
            super().paint(painter, option, index)
            return
        tokens = current_tokens()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        if selected:
            painter.fillRect(option.rect, QColor(tokens.primary))
        elif index.row() % 2:
            painter.fillRect(option.rect, QColor(tokens.surface_alt))
        first, second = session_lines(model.session_at(index.row()))
        bold, body = _fonts(option.font)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for text, font, rect, muted in zip(
            (first, second),
            (bold, body),
            _rects(option.rect, option.font),
            (False, True),
            strict=True,
        ):
            painter.setFont(font)
            colour = tokens.on_primary if selected else tokens.text_muted if muted else tokens.text
            painter.setPen(QColor(colour))
            shown = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(rect, flags, shown)
        painter.restore()


class SessionList(QListView):
    """Sessions newest first; more are read as the list scrolls (the model pages)."""

    def __init__(self, model: SessionsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(SessionDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setUniformItemSizes(True)

    def select_row(self, row: int) -> None:
        self.setCurrentIndex(self.model().index(row, 0))

    def layout_texts(self) -> list[tuple[str, QRect, QSize]]:
        """For the layout checks: what :meth:`painted_texts` draws, measured."""
        return measured(self.painted_texts())

    def painted_texts(self) -> list[tuple[str, QFont, QRect]]:
        """The lines of the sessions in view (for the layout checks)."""
        model = self.model()
        found: list[tuple[str, QFont, QRect]] = []
        if not isinstance(model, SessionsModel):
            return found
        offset = self.viewport().pos()
        bold, body = _fonts(self.font())
        for row in range(model.rowCount()):
            rect = self.visualRect(model.index(row, 0))
            if not rect.intersects(self.viewport().rect()):
                continue
            lines = session_lines(model.session_at(row))
            for text, font, place in zip(
                lines, (bold, body), _rects(rect, self.font()), strict=True
            ):
                found.append((text, font, place.translated(offset)))
        return found
