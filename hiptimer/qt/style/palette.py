"""QPalettes built from the tokens, for widgets that paint with the palette (Fusion, charts)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from hiptimer.qt.style.tokens import DARK, LIGHT, Tokens


def palette_for(tokens: Tokens) -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: tokens.window,
        QPalette.ColorRole.WindowText: tokens.text,
        QPalette.ColorRole.Base: tokens.surface,
        QPalette.ColorRole.AlternateBase: tokens.window,
        QPalette.ColorRole.Text: tokens.text,
        QPalette.ColorRole.Button: tokens.button,
        QPalette.ColorRole.ButtonText: tokens.text,
        QPalette.ColorRole.ToolTipBase: tokens.surface,
        QPalette.ColorRole.ToolTipText: tokens.text,
        QPalette.ColorRole.Highlight: tokens.primary,
        QPalette.ColorRole.HighlightedText: tokens.on_primary,
        QPalette.ColorRole.PlaceholderText: tokens.placeholder,
        QPalette.ColorRole.Accent: tokens.accent,
        QPalette.ColorRole.Link: tokens.focus if tokens.dark else tokens.primary,
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    # Disabled controls must look disabled: grey text halfway between text and window.
    fore, back = QColor(tokens.text), QColor(tokens.window)
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
    if tokens.dark:
        # Fusion draws frames and check-box outlines from these; the defaults vanish on dark.
        for role, colour in (
            (QPalette.ColorRole.Light, "#55585e"),
            (QPalette.ColorRole.Midlight, "#45484e"),
            (QPalette.ColorRole.Mid, "#7a7d84"),
            (QPalette.ColorRole.Dark, "#9a9da4"),
        ):
            palette.setColor(role, QColor(colour))
    return palette


def dark_palette() -> QPalette:
    return palette_for(DARK)


def light_palette() -> QPalette:
    return palette_for(LIGHT)


def problem_colour(palette: QPalette) -> QColor:
    """Red for problem text with at least 4.5:1 contrast on the palette's base colour."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return QColor(DARK.problem if dark else LIGHT.problem)
