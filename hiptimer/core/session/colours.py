"""Phase colours: distinguishable with common colour blindness, readable text on each.

Colours come from the Okabe–Ito palette, chosen to stay apart for protanopia, deuteranopia and
tritanopia.  The word is always shown too, so colour is never the only signal.
"""

from __future__ import annotations

#: The background of each phase kind (by value), and of "paused" and "done".
BACKGROUNDS: dict[str, str] = {
    "get_ready": "#0072B2",  # blue
    "work": "#D55E00",  # vermillion
    "hold": "#CC79A7",  # reddish purple
    "relax": "#009E73",  # bluish green
    "switch": "#E69F00",  # orange
    "rest": "#56B4E9",  # sky blue
    "action": "#D55E00",
    "measure": "#F0E442",  # yellow
    "count": "#D55E00",
    "paused": "#7A7A7A",
    "done": "#009E73",
}


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of ``#rrggbb``."""
    value = hex_colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(background: str) -> str:
    """Black or white, whichever contrasts more with ``background``."""
    return max(("#000000", "#FFFFFF"), key=lambda fg: contrast_ratio(fg, background))


def phase_colours(kind: str) -> tuple[str, str]:
    """(background, text) for a phase kind value, or for "paused" / "done"."""
    background = BACKGROUNDS.get(kind, "#7A7A7A")
    return background, text_on(background)
