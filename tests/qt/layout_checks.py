"""Layout checks for tests: is any visible text clipped, do two texts overlap, the size matrix.

Geometry and font metrics only, no screenshots: a label's text is measured with its own font
against its contents rect (wrapping and rich text included), a button's against the room its
style leaves inside the frame, and every text widget must lie inside what its ancestors show
(a scroll area's viewport excepted: its content scrolls).  A custom-painted widget takes part
by offering ``layout_texts() -> list[(text, room, needed)]``: each text it draws, the QRect
it may use and the QSize its ink needs (widget coordinates).

Use::

    @pytest.mark.parametrize(("size", "scheme"), size_matrix())
    def test_page(qtbot, size, scheme):
        with scheme_applied(scheme):
            ...show the page at size...
            assert_layout_ok(page)
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator, Sequence

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

from hiptimer.qt.style import apply_theme

SIZES: tuple[tuple[int, int], ...] = (
    (1024, 600),
    (1280, 720),
    (1366, 768),
    (1920, 1080),
    (2560, 1440),
)
SCHEMES: tuple[str, ...] = ("light", "dark")
SLACK = 1  # pixels of rounding forgiven


def size_matrix() -> list[object]:
    """pytest parameters (size, scheme) for every size and scheme, with readable ids."""
    return [
        pytest.param(QSize(w, h), scheme, id=f"{w}x{h}-{scheme}")
        for (w, h), scheme in itertools.product(SIZES, SCHEMES)
    ]


@contextlib.contextmanager
def scheme_applied(scheme: str) -> Iterator[None]:
    """Light or dark (palette and stylesheet) for the block, then back to the test default."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    palette, sheet = app.palette(), app.styleSheet()
    apply_theme(app, scheme)
    try:
        yield
    finally:
        app.setStyleSheet(sheet)
        app.setPalette(palette)
        app.styleHints().unsetColorScheme()
        app.setProperty("hiptimer_theme", None)


def _plain(text: str) -> str:
    """Button text as drawn: "&&" is an ampersand, a single "&" marks the mnemonic."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _needed_label(label: QLabel, room: QRect) -> QSize:
    text = label.text()
    rich = label.textFormat() is Qt.TextFormat.RichText or (
        label.textFormat() is Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if rich:
        doc = QTextDocument()
        doc.setDefaultFont(label.font())
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        if label.wordWrap():
            doc.setTextWidth(room.width())
        return QSize(int(doc.idealWidth() + 0.999), int(doc.size().height() + 0.999))
    if label.buddy() is not None:
        text = _plain(text)  # the mnemonic's "&" is drawn as an underline
    metrics = QFontMetrics(label.font())
    flags = int(label.alignment().value)
    if label.wordWrap():
        flags |= Qt.TextFlag.TextWordWrap.value
    bound = metrics.boundingRect(QRect(0, 0, room.width(), 100000), flags, text)
    return bound.size()


def _label_room(label: QLabel) -> QRect:
    room = label.contentsRect()
    margin = label.margin()
    return room.adjusted(margin, margin, -margin, -margin)


def _button_room(button: QAbstractButton) -> tuple[QRect, int]:
    """The rect the button's text may use and the width its text needs."""
    metrics = QFontMetrics(button.font())
    needed = metrics.horizontalAdvance(_plain(button.text()))
    if isinstance(button, QPushButton):
        option = QStyleOptionButton()
        option.initFrom(button)
        option.text = button.text()
        option.icon = button.icon()
        option.iconSize = button.iconSize()
        room = button.style().subElementRect(
            QStyle.SubElement.SE_PushButtonContents, option, button
        )
        if not button.icon().isNull():
            needed += button.iconSize().width() + 4
        return room, needed
    if isinstance(button, (QCheckBox, QRadioButton)):
        hint = button.sizeHint()
        extra = hint.width() - needed
        return QRect(0, 0, button.width() - extra, button.height()), needed
    return button.rect(), needed


def _texts(widget: QWidget) -> list[tuple[str, QRect, QSize]]:
    """(text, room, needed size) for each text a widget draws; [] for none."""
    hook = getattr(widget, "layout_texts", None)
    if callable(hook):
        return [(text, room, needed) for text, room, needed in hook() if text]
    if isinstance(widget, QLabel) and widget.text() and widget.pixmap().isNull():
        room = _label_room(widget)
        return [(widget.text(), room, _needed_label(widget, room))]
    if isinstance(widget, QAbstractButton) and widget.text():
        room, needed = _button_room(widget)
        height = QFontMetrics(widget.font()).height()
        return [(widget.text(), room, QSize(needed, height))]
    return []


def _visible_text_widgets(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if w.isVisible() and _texts(w)]


def _shown_rect(widget: QWidget, root: QWidget) -> QRect:
    """The part of ``widget`` (in root coordinates) its ancestors leave visible; a scroll
    area's viewport stops the clipping (its content is meant to scroll)."""
    rect = QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            return rect
        rect &= QRect(parent.mapTo(root, QPoint(0, 0)), parent.size())
        parent = grand
    return rect & root.rect()


def _describe(widget: QWidget, text: str) -> str:
    name = widget.accessibleName() or widget.objectName() or type(widget).__name__
    short = text if len(text) < 60 else text[:57] + "..."
    return f"{name} {short!r}"


def clipping_problems(root: QWidget) -> list[str]:
    problems = []
    for widget in _visible_text_widgets(root):
        for text, room, needed in _texts(widget):
            if needed.width() > room.width() + SLACK or needed.height() > room.height() + SLACK:
                problems.append(
                    f"{_describe(widget, text)} needs {needed.width()}x{needed.height()}"
                    f" but has {room.width()}x{room.height()}"
                )
        whole = QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())
        shown = _shown_rect(widget, root)
        if shown.width() < whole.width() - SLACK or shown.height() < whole.height() - SLACK:
            problems.append(
                f"{_describe(widget, widget.property('text') or '')} is cut by its parents:"
                f" {shown.width()}x{shown.height()} of {whole.width()}x{whole.height()} shown"
            )
    return problems


def _visible_rect(widget: QWidget, root: QWidget) -> QRect:
    """What of ``widget`` shows on screen (root coordinates): clipped by every ancestor, a
    scroll area's viewport included."""
    rect = QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        rect &= QRect(parent.mapTo(root, QPoint(0, 0)), parent.size())
        parent = parent.parentWidget()
    return rect & root.rect()


def overlap_problems(root: QWidget) -> list[str]:
    widgets = _visible_text_widgets(root)
    rects = [_visible_rect(w, root).adjusted(0, 0, -SLACK, -SLACK) for w in widgets]
    problems = []
    for (a, ra), (b, rb) in itertools.combinations(zip(widgets, rects, strict=True), 2):
        if a.isAncestorOf(b) or b.isAncestorOf(a) or ra.isEmpty() or rb.isEmpty():
            continue
        if ra.intersects(rb):
            problems.append(f"{_describe(a, '')} overlaps {_describe(b, '')}")
    return problems


def assert_layout_ok(root: QWidget) -> None:
    """No visible text clipped, none overlapping another (messages name each widget)."""
    for _ in range(3):  # layouts nested in scroll areas settle over a few posted requests
        QApplication.processEvents()
    problems = clipping_problems(root) + overlap_problems(root)
    assert not problems, "\n".join(problems)


def text_height_at_least(widgets: Sequence[QWidget], pixels: float) -> list[str]:
    """The widgets whose font is smaller than ``pixels`` (the em height, in pixels)."""
    small = []
    for widget in widgets:
        fonts = (
            [font for _text, font, _rect in widget.layout_texts()]
            if hasattr(widget, "layout_texts")
            else [widget.font()]
        )
        for font in fonts:
            size = font.pixelSize() if font.pixelSize() > 0 else QFontMetrics(font).height()
            if size + SLACK < pixels:
                small.append(f"{_describe(widget, '')} is {size} px, wants {pixels:.0f}")
    return small
