"""Opening a phone photo: upright by its EXIF orientation, and one clear message for bad files."""

from __future__ import annotations

import struct
import zlib

import pytest
from PySide6.QtGui import QColor, QImage, QTransform

from hiptimer.qt.photo import image_file
from hiptimer.qt.photo.image_file import (
    MEASURING_SIDE,
    PhotoFileError,
    decode_photo,
    jpeg_bytes,
    load_photo,
    photo_file_filter,
)
from tests.fakes import KNEE_STICKER, draw_leg_photo, sticker_at


def _with_orientation(jpeg: bytes, orientation: int) -> bytes:
    """``jpeg`` with an EXIF block saying how the phone held the camera (tag 0x0112)."""
    ifd = struct.pack(">H", 1) + struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0)
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + ifd + struct.pack(">I", 0)
    payload = b"Exif\x00\x00" + tiff
    segment = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    return jpeg[:2] + segment + jpeg[2:]


def test_a_phone_photo_held_sideways_opens_upright(qapp, tmp_path) -> None:
    photo = draw_leg_photo(30, size=(640, 480))
    stored = photo.image.transformed(QTransform().rotate(-90))  # what the sensor recorded
    path = tmp_path / "phone.jpg"
    path.write_bytes(_with_orientation(jpeg_bytes(stored), 6))  # 6: show turned 90° right
    image = load_photo(path)
    assert (image.width(), image.height()) == (640, 480)
    sticker_at(image, photo.knee, KNEE_STICKER)  # the knee is where it was drawn


def test_big_photos_are_decoded_at_a_measuring_size(qapp, tmp_path) -> None:
    big = QImage(4800, 3600, QImage.Format.Format_RGB32)
    big.fill(QColor("#808080"))
    path = tmp_path / "big.jpg"
    assert big.save(str(path), "JPEG", 80)
    image = load_photo(path)
    assert (image.width(), image.height()) == (MEASURING_SIDE, MEASURING_SIDE * 3 // 4)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` and whose pixels stop after a row."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    row = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", row) + _chunk(b"IEND", b"")
    )


def _truncated_jpeg() -> bytes:
    data = jpeg_bytes(draw_leg_photo(20, size=(640, 480)).image)
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not a photo"),
        (b"hello, this is a text file\n" * 40, "not a photo"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>', "not a photo"),
        (_png_claiming(100_000, 100_000), "far larger than any camera"),
        (_png_claiming(30_000, 30_000), "far larger than any camera"),
        (_truncated_jpeg(), "damaged or incomplete"),
        (_png_claiming(800, 600), "damaged or incomplete"),  # a header and no pixels
    ],
    ids=["empty", "text", "svg", "huge", "huge-area", "cut-off-jpeg", "no-pixels"],
)
def test_hostile_files_get_one_clear_message(qapp, tmp_path, data: bytes, message: str) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(data)
    with pytest.raises(PhotoFileError, match=message) as caught:
        load_photo(path)
    assert "photo.jpg" in str(caught.value)


def test_files_too_big_or_missing_are_refused_before_reading(qapp, tmp_path, monkeypatch) -> None:
    with pytest.raises(PhotoFileError, match="cannot be opened"):
        load_photo(tmp_path / "gone.jpg")
    with pytest.raises(PhotoFileError, match="not a file"):
        load_photo(tmp_path)
    path = tmp_path / "big.jpg"
    path.write_bytes(b"\xff\xd8" + b"\x00" * 2000)
    monkeypatch.setattr(image_file, "MOST_FILE_BYTES", 1000)
    with pytest.raises(PhotoFileError, match="too big for a photo"):
        load_photo(path)


def test_the_kept_copy_is_a_plain_jpeg(qapp) -> None:
    data = jpeg_bytes(draw_leg_photo(10, size=(320, 240)).image)
    assert data.startswith(b"\xff\xd8") and b"Exif" not in data
    assert decode_photo(data).width() == 320


def test_the_open_dialog_offers_photos(qapp) -> None:
    assert "*.jpg" in photo_file_filter() and "*.svg" not in photo_file_filter()
