"""Opening a photo to measure on, safely: size limits, EXIF rotation, one clear message.

A phone photo arrives as a file the person picks.  It may be huge (a 200-megapixel camera),
not an image at all, cut off by a failed copy, or a crafted file claiming enormous dimensions;
each gets one sentence saying what is wrong and what to do, and nothing is decoded that could
exhaust memory.  Photos are decoded at most :data:`MEASURING_SIDE` pixels on their long side
(plenty for a 1° reading: a shin spans hundreds of pixels) and turned upright by their EXIF
orientation, as the phone showed them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMessageLogContext,
    QSize,
    Qt,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QImage, QImageReader, QImageWriter

#: Formats a camera or phone saves photos in, as Qt's image readers name them.
PHOTO_FORMATS = ("jpeg", "jpg", "jfif", "png", "webp", "tiff", "tif", "bmp")
MOST_FILE_BYTES = 100 * 1024 * 1024
MOST_PIXELS = 250_000_000  # a 200-megapixel phone photo still opens, decoded smaller
MOST_SIDE = 40_000
#: The long side of the image the person marks points on.
MEASURING_SIDE = 3000
KEPT_QUALITY = 90

_KEEP_ASPECT = Qt.AspectRatioMode.KeepAspectRatio
_SMOOTH = Qt.TransformationMode.SmoothTransformation


class PhotoFileError(ValueError):
    """A file that cannot be measured on; the message is for the person."""


def photo_file_filter() -> str:
    """The file dialog's filter: photos in the formats this Qt can read, then any file."""
    readable = {bytes(name.data()).decode() for name in QImageReader.supportedImageFormats()}
    patterns = " ".join(f"*.{fmt} *.{fmt.upper()}" for fmt in PHOTO_FORMATS if fmt in readable)
    return f"Photos ({patterns});;All files (*)"


def load_photo(path: Path | str) -> QImage:
    """The photo at ``path``, upright and at most :data:`MEASURING_SIDE` pixels long.

    Raises :class:`PhotoFileError` with a message for the person.
    """
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise PhotoFileError(f"{name} is not a file.")
    except OSError as exc:
        raise PhotoFileError(f"{name} cannot be opened: {exc.strerror or exc}.") from exc
    if size > MOST_FILE_BYTES:
        raise PhotoFileError(
            f"{name} is {size // (1024 * 1024)} MB, too big for a photo "
            f"(at most {MOST_FILE_BYTES // (1024 * 1024)} MB). Save a smaller copy and open that."
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PhotoFileError(f"{name} cannot be read: {exc.strerror or exc}.") from exc
    return decode_photo(data, name)


def decode_photo(data: bytes, name: str = "The photo") -> QImage:
    """Decode photo bytes (see :func:`load_photo`); ``name`` is used in messages."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)  # EXIF orientation: upright, as the phone showed it
    reader.setDecideFormatFromContent(True)
    fmt = bytes(reader.format().data()).decode()
    if not reader.canRead() or fmt not in PHOTO_FORMATS:
        raise PhotoFileError(
            f"{name} is not a photo hiptimer can read. Open a JPEG or PNG (on a phone, share "
            "or export the photo as JPEG)."
        )
    size = reader.size()
    if size.isValid():
        if size.width() > MOST_SIDE or size.height() > MOST_SIDE or _pixels(size) > MOST_PIXELS:
            raise PhotoFileError(
                f"{name} says it is {size.width()} × {size.height()} pixels, far larger than "
                "any camera's photo. Open the photo itself, or a smaller copy."
            )
        longest = max(size.width(), size.height())
        if longest > MEASURING_SIDE:  # JPEG decodes straight to the smaller size
            reader.setScaledSize(size.scaled(MEASURING_SIDE, MEASURING_SIDE, _KEEP_ASPECT))
    with _decoder_complaints() as complaints:
        image = reader.read()
    if image.isNull() or complaints:
        raise PhotoFileError(
            f"{name} is damaged or incomplete (perhaps cut off while copying): "
            f"{complaints[0] if complaints else reader.errorString()}. Copy it again and retry."
        )
    return fit_for_measuring(image)


def fit_for_measuring(image: QImage) -> QImage:
    """``image`` in an opaque 32-bit format, its long side at most :data:`MEASURING_SIDE`."""
    if max(image.width(), image.height()) > MEASURING_SIDE:
        image = image.scaled(MEASURING_SIDE, MEASURING_SIDE, _KEEP_ASPECT, _SMOOTH)
    return image.convertToFormat(QImage.Format.Format_RGB32)


def jpeg_bytes(image: QImage, quality: int = KEPT_QUALITY) -> bytes:
    """The photo as JPEG data, for keeping it with a measurement (no EXIF, no location)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"jpeg"))
    writer.setQuality(quality)
    if not writer.write(image):
        raise ValueError(f"the photo could not be encoded: {writer.errorString()}")
    return bytes(buffer.data().data())


def _pixels(size: QSize) -> int:
    return size.width() * size.height()


@contextmanager
def _decoder_complaints() -> Iterator[list[str]]:
    """Collect what Qt's image decoders warn about while reading (a truncated JPEG decodes
    with grey where the data ran out, and says so only as a warning)."""
    complaints: list[str] = []

    def handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        category = context.category or ""
        if category.startswith("qt.gui.imageio") and kind != QtMsgType.QtDebugMsg:
            complaints.append(message.strip().rstrip("."))
        elif previous is not None:
            previous(kind, context, message)

    previous = qInstallMessageHandler(handler)
    try:
        yield complaints
    finally:
        qInstallMessageHandler(previous)
