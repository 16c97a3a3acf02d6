"""The player's sizes, from the window: what can be read from the floor, 2–3 m away.

Every text is at least 1/25 of the window's height and the countdown's digits a third; the
other sizes are in proportion, so the same layout holds from 1024×600 to 4K.  The system font
size counts too: a larger one makes the instructions as large as their card allows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hiptimer.qt.style import TYPE

#: The desktop font size the proportions were drawn for; a larger one scales text up.
REFERENCE_POINTS = 10.0


@dataclass(frozen=True)
class PlayerSizes:
    unit: int  # the smallest readable text: 1/25 of the window height, in pixels
    small: int  # progress and time left
    band: int  # the phase word
    title: int  # the exercise name
    ink: int  # the countdown digits' height
    upper: int  # the largest instruction text (grows with the system font)
    strip: int  # the session strip's height
    bar: int  # the phase bar's height
    side: int  # each side column's width (picture left, side badge right)
    gap: int  # between rows
    margin: int  # around the page
    icon: int  # equipment icons
    button: int  # the control buttons' text
    width: int  # the page's width the sizes are for

    @property
    def card_height(self) -> int:
        """Three lines of the smallest text, and the card's padding."""
        return math.ceil(3 * self.unit * 1.2) + 2 * self.gap


def player_sizes(
    window_height: int, width: int, base_points: float, base_pixels: int
) -> PlayerSizes:
    height = max(window_height, 300)
    unit = math.ceil(height * TYPE.player_min)
    grow = max(base_points, 1.0) / REFERENCE_POINTS
    return PlayerSizes(
        unit=unit,
        small=max(base_pixels, round(height * 0.03)),
        band=max(unit, round(height * TYPE.player_label)),
        title=max(unit, round(height * TYPE.player_title)),
        ink=math.ceil(height * TYPE.player_countdown) + 1,
        upper=max(unit, round(unit * 1.3 * grow)),
        strip=max(6, round(height * 0.01)),
        bar=max(8, round(height * 0.016)),
        side=max(120, round(width * 0.15)),
        gap=max(4, round(height * 0.008)),
        margin=max(8, round(height * 0.012)),
        icon=max(24, round(height * 0.06)),
        button=max(base_pixels, round(height * 0.026)),
        width=width,
    )
