"""Loading the app's shipped resources: pictograms, equipment icons, sounds, the app icon.

Every function takes the resources directory as its first argument; pass
``hiptimer.core.paths.resources_dir()`` (the default when ``None``) or a test folder.

Pictograms and equipment icons are SVG files drawn with two literal colours,
:data:`FILE_FG` for the figure and :data:`FILE_ACCENT` for the working leg.  They are
swapped for the palette's colours at load time, so the drawings follow light and dark themes
while the files stay plain SVG.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from hiptimer import APP_ID
from hiptimer.core.paths import resources_dir

if TYPE_CHECKING:  # the session's modules load with the first session
    from hiptimer.core.session.announcements import Sound

FILE_FG = "#1a1a1a"
FILE_ACCENT = "#d9480f"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def _root(resources: Path | None) -> Path:
    return resources_dir() if resources is None else Path(resources)


def pictogram_file(resources: Path | None, position_id: str) -> Path:
    return _root(resources) / "pictograms" / f"{position_id}.svg"


def equipment_file(resources: Path | None, equipment_id: str) -> Path:
    return _root(resources) / "equipment" / f"{equipment_id}.svg"


def recolour_svg(data: bytes, fg: QColor, accent: QColor) -> bytes:
    """Swap the two drawing colours for ``fg`` and ``accent`` (alpha is not carried over)."""
    text = data.decode("utf-8")
    text = text.replace(FILE_FG, fg.name()).replace(FILE_ACCENT, accent.name())
    return text.encode("utf-8")


def pictogram_svg(resources: Path | None, position_id: str, fg: QColor, accent: QColor) -> bytes:
    """The pictogram of a position with the palette's colours.  Raises FileNotFoundError."""
    return recolour_svg(pictogram_file(resources, position_id).read_bytes(), fg, accent)


def equipment_svg(resources: Path | None, equipment_id: str, fg: QColor, accent: QColor) -> bytes:
    return recolour_svg(equipment_file(resources, equipment_id).read_bytes(), fg, accent)


def render_svg(data: bytes, size: QSize, mirrored: bool = False) -> QImage:
    """Render SVG into a transparent image of ``size``, centred, aspect ratio kept.

    An invalid SVG gives a transparent image rather than an exception: a missing picture
    must never stop a session.
    """
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    renderer = QSvgRenderer(QByteArray(data))
    if not renderer.isValid() or size.isEmpty():
        return image
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, _fitted(renderer, QRectF(0, 0, size.width(), size.height())))
    painter.end()
    if mirrored:
        image = image.flipped(Qt.Orientation.Horizontal)
    return image


def _fitted(renderer: QSvgRenderer, bounds: QRectF) -> QRectF:
    """The largest rect inside ``bounds`` with the drawing's aspect ratio, centred."""
    view = renderer.viewBoxF()
    if view.isEmpty():
        return bounds
    scale = min(bounds.width() / view.width(), bounds.height() / view.height())
    width, height = view.width() * scale, view.height() * scale
    return QRectF(
        bounds.x() + (bounds.width() - width) / 2,
        bounds.y() + (bounds.height() - height) / 2,
        width,
        height,
    )


def pictogram_pixmap(
    resources: Path | None,
    position_id: str,
    size: int,
    fg: QColor,
    accent: QColor,
    mirrored: bool = False,
) -> QPixmap:
    """A ``size`` x ``size`` pixmap; ``mirrored`` flips it for the right side."""
    data = pictogram_svg(resources, position_id, fg, accent)
    return QPixmap.fromImage(render_svg(data, QSize(size, size), mirrored))


def equipment_pixmap(
    resources: Path | None, equipment_id: str, size: int, fg: QColor, accent: QColor
) -> QPixmap:
    data = equipment_svg(resources, equipment_id, fg, accent)
    return QPixmap.fromImage(render_svg(data, QSize(size, size)))


def sound_path(resources: Path | None, sound: Sound) -> Path:
    """The WAV file of a cue sound."""
    return _root(resources) / "sounds" / f"{sound.value}.wav"


def app_icon_files(resources: Path | None) -> list[Path]:
    """The scalable SVG first, then the PNG sizes that exist."""
    icons = _root(resources) / "icons"
    files = [icons / "hiptimer.svg"]
    files += [icons / "hicolor" / f"{n}x{n}" / "apps" / f"{APP_ID}.png" for n in ICON_SIZES]
    return [f for f in files if f.is_file()]


def app_icon(resources: Path | None = None) -> QIcon:
    icon = QIcon()
    for file in app_icon_files(resources):
        icon.addFile(str(file))
    return icon
