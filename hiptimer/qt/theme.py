"""Light and dark palettes; "system" leaves the desktop's palette alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "dark", "light")
# The working leg in the pictograms: orange, at least 3:1 against the window in each palette.
LIGHT_ACCENT = "#C2410C"
DARK_ACCENT = "#FB923C"


def apply_theme(app: QApplication, theme: str) -> None:
    hints = app.styleHints()
    if theme == "dark":
        hints.setColorScheme(Qt.ColorScheme.Dark)
        app.setPalette(dark_palette())
    elif theme == "light":
        hints.setColorScheme(Qt.ColorScheme.Light)
        app.setPalette(light_palette())
    else:
        hints.unsetColorScheme()
        palette = QPalette()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        palette.setColor(QPalette.ColorRole.Accent, QColor(DARK_ACCENT if dark else LIGHT_ACCENT))
        app.setPalette(palette)


def _palette(
    window: str, base: str, text: str, button: str, highlight: str, accent: str
) -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: window,
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: button,
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.ToolTipBase: base,
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.Highlight: highlight,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.PlaceholderText: "#8a8a8a",
        QPalette.ColorRole.Accent: accent,
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    # Disabled controls must look disabled: grey text halfway between text and window.
    fore, back = QColor(text), QColor(window)
    grey = QColor(
        (fore.red() + back.red()) // 2,
        (fore.green() + back.green()) // 2,
        (fore.blue() + back.blue()) // 2,
    )
    for role in (
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, grey)
    return palette


def dark_palette() -> QPalette:
    palette = _palette("#1e1f22", "#2a2c30", "#f2f2f2", "#33363b", "#0072B2", DARK_ACCENT)
    # Fusion draws frames and check-box outlines from these; the defaults vanish on dark.
    for role, colour in (
        (QPalette.ColorRole.Light, "#55585e"),
        (QPalette.ColorRole.Midlight, "#45484e"),
        (QPalette.ColorRole.Mid, "#7a7d84"),
        (QPalette.ColorRole.Dark, "#9a9da4"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def light_palette() -> QPalette:
    return _palette("#f6f6f4", "#ffffff", "#111111", "#e6e6e3", "#0072B2", LIGHT_ACCENT)


def problem_colour(palette: QPalette) -> QColor:
    """Red for problem text with at least 4.5:1 contrast on the palette's base colour."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return QColor("#FF8A80" if dark else "#B3261E")
