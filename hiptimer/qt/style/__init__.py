"""The design system: colour tokens, type scale, spacing and radii, and the one stylesheet.

Every colour, size and gap the pages use comes from here, so light and dark stay consistent
and a change is made once.  :func:`apply_theme` follows the desktop's colour scheme unless the
``theme`` setting picks dark or light.
"""

from hiptimer.qt.style import apply
from hiptimer.qt.style.apply import THEMES, apply_theme, current_tokens, resolve_dark
from hiptimer.qt.style.palette import dark_palette, light_palette, palette_for, problem_colour
from hiptimer.qt.style.tokens import (
    DARK,
    DARK_ACCENT,
    LIGHT,
    LIGHT_ACCENT,
    RADIUS,
    SPACE,
    TYPE,
    Tokens,
    tokens_for,
)

__all__ = [
    "DARK",
    "DARK_ACCENT",
    "LIGHT",
    "LIGHT_ACCENT",
    "RADIUS",
    "SPACE",
    "THEMES",
    "TYPE",
    "Tokens",
    "apply",
    "apply_theme",
    "current_tokens",
    "dark_palette",
    "light_palette",
    "palette_for",
    "problem_colour",
    "resolve_dark",
    "tokens_for",
]
