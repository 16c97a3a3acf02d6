"""What a custom-painted widget tells the layout checks: each text, its room, the ink it needs.

A widget that paints its own texts offers ``painted_texts() -> [(text, font, rect)]`` (what
it draws, with which font, into which rect) and ``layout_texts()`` built from it here, so the
checks measure exactly what is painted.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QFont, QFontMetrics


def measured(texts: Iterable[tuple[str, QFont, QRect]]) -> list[tuple[str, QRect, QSize]]:
    """(text, room, needed) for each painted (text, font, rect), empty texts left out."""
    found = []
    for text, font, rect in texts:
        if text:
            metrics = QFontMetrics(font)
            found.append((text, rect, QSize(metrics.horizontalAdvance(text), metrics.height())))
    return found
