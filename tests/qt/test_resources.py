"""The shipped resources: pictograms, equipment icons, sounds, app icon, and their loader."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtSvg import QSvgRenderer

from hiptimer import APP_ID
from hiptimer.core.paths import resources_dir
from hiptimer.core.routines.model import EQUIPMENT, POSITIONS
from hiptimer.core.session.announcements import Sound
from hiptimer.qt import resources as res
from hiptimer.qt.widgets.pictogram import PictogramWidget

LIGHT = (QColor("#1a1a1a"), QColor("#d9480f"))  # text, accent on a light background
DARK = (QColor("#f0f0f0"), QColor("#ff922b"))  # text, accent on a dark background
MIN_INK = 400  # drawn pixels a 128 px pictogram has at the very least


@pytest.fixture(scope="module")
def resources() -> Path:
    return resources_dir()


def _image(pixmap_or_image) -> QImage:
    image = pixmap_or_image if isinstance(pixmap_or_image, QImage) else pixmap_or_image.toImage()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def _ink(image: QImage) -> int:
    """Pixels that are not fully transparent."""
    argb = _image(image)  # keep the image alive while its bits are read
    return sum(1 for a in bytes(argb.constBits())[3::4] if a)


def _pixels_near(image: QImage, colour: QColor, tolerance: int = 40) -> int:
    """Opaque pixels within ``tolerance`` of ``colour`` on every channel."""
    argb = _image(image)
    data = bytes(argb.constBits())
    target = (colour.blue(), colour.green(), colour.red())
    count = 0
    for i in range(0, len(data), 4):
        if data[i + 3] == 255 and all(abs(data[i + k] - target[k]) <= tolerance for k in range(3)):
            count += 1
    return count


# --- pictograms ---------------------------------------------------------------------------


@pytest.mark.parametrize("position_id", sorted(POSITIONS))
def test_every_position_has_a_valid_pictogram(resources: Path, position_id: str) -> None:
    file = res.pictogram_file(resources, position_id)
    assert file.is_file()
    assert QSvgRenderer(str(file)).isValid()
    raw = file.read_text(encoding="utf-8")
    assert res.FILE_FG in raw and res.FILE_ACCENT in raw  # figure plus highlighted leg


@pytest.mark.parametrize("colours", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize("position_id", sorted(POSITIONS))
def test_pictogram_renders_in_palette_colours(
    qapp, resources: Path, position_id: str, colours: tuple[QColor, QColor]
) -> None:
    fg, accent = colours
    for mirrored in (False, True):
        image = _image(res.pictogram_pixmap(resources, position_id, 128, fg, accent, mirrored))
        assert image.size() == QSize(128, 128)
        assert _ink(image) > MIN_INK
        assert _pixels_near(image, fg) > 50
        assert _pixels_near(image, accent) > 30


def test_recolouring_replaces_both_file_colours(resources: Path) -> None:
    data = res.pictogram_svg(resources, "on-back", QColor("#00ff00"), QColor("#0000ff"))
    text = data.decode()
    assert res.FILE_FG not in text and res.FILE_ACCENT not in text
    assert "#00ff00" in text and "#0000ff" in text


@pytest.mark.parametrize("position_id", sorted(POSITIONS))
def test_mirroring_flips_the_picture(qapp, resources: Path, position_id: str) -> None:
    fg, accent = LIGHT
    normal = _image(res.pictogram_pixmap(resources, position_id, 96, fg, accent, False))
    mirrored = _image(res.pictogram_pixmap(resources, position_id, 96, fg, accent, True))
    assert mirrored != normal  # no drawing is left-right symmetric: one leg is highlighted
    assert mirrored == normal.flipped(Qt.Orientation.Horizontal)


def test_missing_pictogram_raises(resources: Path) -> None:
    with pytest.raises(FileNotFoundError):
        res.pictogram_svg(resources, "no-such-position", *LIGHT)


def test_invalid_svg_renders_transparent(qapp) -> None:
    image = res.render_svg(b"<svg broken", QSize(32, 32))
    assert image.size() == QSize(32, 32)
    assert _ink(image) == 0


# --- equipment ----------------------------------------------------------------------------


@pytest.mark.parametrize("equipment_id", sorted(EQUIPMENT))
def test_every_equipment_has_an_icon(qapp, resources: Path, equipment_id: str) -> None:
    file = res.equipment_file(resources, equipment_id)
    assert QSvgRenderer(str(file)).isValid()
    for fg, accent in (LIGHT, DARK):
        pixmap = res.equipment_pixmap(resources, equipment_id, 64, fg, accent)
        assert _ink(pixmap.toImage()) > 150
        assert _pixels_near(pixmap.toImage(), fg) > 20


# --- sounds -------------------------------------------------------------------------------


@pytest.mark.parametrize("sound", list(Sound))
def test_sound_is_a_short_small_wav(resources: Path, sound: Sound) -> None:
    path = res.sound_path(resources, sound)
    assert path.is_file()
    assert path.stat().st_size < 100_000
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 44_100)
        seconds = wav.getnframes() / wav.getframerate()
        frames = wav.readframes(wav.getnframes())
    assert 0.05 <= seconds <= 1.5
    samples = memoryview(frames).cast("h")
    assert max(abs(s) for s in samples) > 3000  # audible
    # faded in and out: no click at either end
    assert abs(samples[0]) < 500 and abs(samples[-1]) < 500


# --- app icon -----------------------------------------------------------------------------


def test_app_icon_files_exist_at_every_size(qapp, resources: Path) -> None:
    for n in res.ICON_SIZES:
        png = resources / "icons" / "hicolor" / f"{n}x{n}" / "apps" / f"{APP_ID}.png"
        image = QImage(str(png))
        assert image.size() == QSize(n, n), png
        assert _ink(image) > n * n // 3
    scalable = resources / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert scalable.read_bytes() == (resources / "icons" / "hiptimer.svg").read_bytes()


def test_app_icon_offers_svg_and_png_sizes(qapp, resources: Path) -> None:
    files = res.app_icon_files(resources)
    assert files[0].suffix == ".svg"
    assert len(files) == 1 + len(res.ICON_SIZES)
    icon = res.app_icon(resources)
    assert not icon.isNull()
    assert not icon.pixmap(48, 48).isNull()


def test_app_icon_of_empty_dir_is_null(qapp, tmp_path: Path) -> None:
    assert res.app_icon(tmp_path).isNull()


# --- the widget ---------------------------------------------------------------------------


BACKGROUND = QColor("#808080")  # the window colour behind the widget in these tests


def _drawn(image: QImage) -> int:
    """Pixels of a grabbed widget that differ from the plain background."""
    argb = _image(image)
    data = bytes(argb.constBits())
    target = bytes((BACKGROUND.blue(), BACKGROUND.green(), BACKGROUND.red()))
    return sum(1 for i in range(0, len(data), 4) if data[i : i + 3] != target)


def _widget(qtbot, resources: Path, colours=LIGHT) -> PictogramWidget:
    widget = PictogramWidget(resources)
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.Window, BACKGROUND)
    palette.setColor(QPalette.ColorRole.WindowText, colours[0])
    palette.setColor(QPalette.ColorRole.Accent, colours[1])
    widget.setPalette(palette)
    qtbot.addWidget(widget)
    widget.resize(200, 200)
    return widget


def test_widget_renders_once_until_something_changes(qtbot, resources: Path) -> None:
    widget = _widget(qtbot, resources)
    widget.set_position("face-down")
    image = widget.grab().toImage()
    assert widget.render_count == 1
    assert _pixels_near(image, LIGHT[1]) > 50

    widget.grab()
    widget.set_position("face-down")  # same position: nothing to do
    widget.grab()
    assert widget.render_count == 1

    widget.set_position("face-down", mirrored=True)
    mirrored = widget.grab().toImage()
    assert widget.render_count == 2
    assert _image(mirrored) == _image(image).flipped(Qt.Orientation.Horizontal)

    widget.resize(120, 120)
    widget.grab()
    assert widget.render_count == 3


def test_widget_follows_palette_change(qtbot, resources: Path) -> None:
    widget = _widget(qtbot, resources)
    widget.set_position("staggered-stance")
    assert _pixels_near(widget.grab().toImage(), LIGHT[0]) > 50

    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, DARK[0])
    palette.setColor(QPalette.ColorRole.Accent, DARK[1])
    widget.setPalette(palette)
    image = widget.grab().toImage()
    assert _pixels_near(image, DARK[0], tolerance=10) > 50
    assert _pixels_near(image, DARK[1], tolerance=10) > 50
    assert _pixels_near(image, LIGHT[0], tolerance=10) == 0


def test_widget_keeps_aspect_ratio(qtbot, resources: Path) -> None:
    widget = _widget(qtbot, resources)
    widget.set_position("four-point-kneel")
    widget.resize(400, 100)
    image = _image(widget.grab().toImage())
    drawn_columns = [
        x
        for x in range(image.width())
        if any(image.pixelColor(x, y) != BACKGROUND for y in range(image.height()))
    ]
    # the 100 x 100 drawing sits centred in the wide widget
    assert drawn_columns
    assert min(drawn_columns) >= 150 and max(drawn_columns) < 250


def test_widget_empty_and_unknown_positions_draw_nothing(qtbot, resources: Path) -> None:
    widget = _widget(qtbot, resources)
    widget.set_position("no-such-position")
    assert _drawn(widget.grab().toImage()) == 0
    widget.set_position("on-back")
    assert _drawn(widget.grab().toImage()) > 1000
    widget.set_position("")
    assert _drawn(widget.grab().toImage()) == 0
    assert widget.render_count == 1


def test_every_builtin_exercise_shows_its_pictogram_and_equipment(qapp, resources: Path) -> None:
    from hiptimer.core.paths import builtin_routines_dir
    from hiptimer.core.routines.catalog import load_library

    library, problems = load_library(builtin_routines_dir())
    assert problems == [] and len(library.exercises) == 26
    fg, accent = QColor("#111111"), QColor("#C2410C")
    for exercise in library.exercises.values():
        for mirrored in (False, True):
            picture = res.pictogram_pixmap(resources, exercise.position, 128, fg, accent, mirrored)
            assert _ink(_image(picture)) > 300, (exercise.id, mirrored)
        for equipment_id in exercise.equipment:
            icon = res.equipment_pixmap(resources, equipment_id, 40, fg, accent)
            assert _ink(_image(icon)) > 20, (exercise.id, equipment_id)
