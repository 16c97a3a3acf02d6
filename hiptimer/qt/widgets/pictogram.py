"""The position pictogram as a widget: scaled to fit, in the palette's colours, cached."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from hiptimer.core.paths import resources_dir
from hiptimer.qt.resources import pictogram_svg, render_svg


class PictogramWidget(QWidget):
    """Shows one position pictogram, scaled to fit, in the palette's text and accent colours.

    The rendered image is cached and rebuilt only when the position, side, size or palette
    changes, so a repaint during a countdown costs one blit.
    """

    def __init__(self, resources: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._resources = resources_dir() if resources is None else Path(resources)
        self._position_id = ""
        self._mirrored = False
        self._svg: bytes | None = None
        self._cache: QImage | None = None
        self.render_count = 0  # how often the SVG was rendered; for tests and benchmarks
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(48, 48)

    def position(self) -> tuple[str, bool]:
        return self._position_id, self._mirrored

    def set_position(self, position_id: str, mirrored: bool = False) -> None:
        """Show ``position_id`` (empty: nothing); ``mirrored`` for the right side."""
        if (position_id, mirrored) == (self._position_id, self._mirrored):
            return
        self._position_id = position_id
        self._mirrored = mirrored
        self._reload()

    def colours(self) -> tuple[QColor, QColor]:
        palette = self.palette()
        return (
            palette.color(QPalette.ColorRole.WindowText),
            palette.color(QPalette.ColorRole.Accent),
        )

    def sizeHint(self) -> QSize:
        return QSize(300, 300)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._reload()
        super().changeEvent(event)

    def _reload(self) -> None:
        self._svg = None
        self._cache = None
        if self._position_id:
            fg, accent = self.colours()
            try:
                self._svg = pictogram_svg(self._resources, self._position_id, fg, accent)
            except OSError:
                self._svg = None
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._svg is None:
            return
        ratio = self.devicePixelRatioF()
        pixels = QSize(round(self.width() * ratio), round(self.height() * ratio))
        if self._cache is None or self._cache.size() != pixels:
            self._cache = render_svg(self._svg, pixels, self._mirrored)
            self._cache.setDevicePixelRatio(ratio)
            self.render_count += 1
        painter = QPainter(self)
        painter.drawImage(0, 0, self._cache)
        painter.end()
