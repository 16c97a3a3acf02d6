"""Design tokens: the colours of light and dark, the type scale, spacing and radii.

Phase colours are not repeated here: they come from :mod:`hiptimer.core.session.colours`
(Okabe–Ito, colour-blind safe), the one source the player and the tests share.
"""

from __future__ import annotations

from dataclasses import dataclass

# The working leg in the pictograms: orange, at least 3:1 against the window in each palette.
LIGHT_ACCENT = "#C2410C"
DARK_ACCENT = "#FB923C"


@dataclass(frozen=True)
class Tokens:
    """The colours of one scheme, by role (``#rrggbb``)."""

    dark: bool
    window: str  # the page behind everything
    surface: str  # cards, inputs, the player's panels
    surface_alt: str  # a card on a card, hovered rows
    button: str
    border: str  # hairlines around cards and inputs
    text: str
    text_muted: str  # captions and hints: still 4.5:1 on window and surface
    placeholder: str
    primary: str  # the primary action and selection (Okabe–Ito blue)
    on_primary: str
    accent: str  # the working leg in pictograms
    problem: str  # problem text: 4.5:1 on surface
    track: str  # the empty part of progress rings and strips
    focus: str  # the keyboard focus ring


LIGHT = Tokens(
    dark=False,
    window="#F6F6F4",
    surface="#FFFFFF",
    surface_alt="#EEEEEA",
    button="#E6E6E3",
    border="#CFCFCA",
    text="#111111",
    text_muted="#55575C",
    placeholder="#6E7076",
    primary="#0072B2",
    on_primary="#FFFFFF",
    accent=LIGHT_ACCENT,
    problem="#B3261E",
    track="#DDDDD8",
    focus="#0072B2",
)

DARK = Tokens(
    dark=True,
    window="#1E1F22",
    surface="#2A2C30",
    surface_alt="#33363B",
    button="#33363B",
    border="#4A4D53",
    text="#F2F2F2",
    text_muted="#B4B7BD",
    placeholder="#9A9DA4",
    primary="#0072B2",
    on_primary="#FFFFFF",
    accent=DARK_ACCENT,
    problem="#FF8A80",
    track="#3C3F45",
    focus="#56B4E9",
)


def tokens_for(dark: bool) -> Tokens:
    return DARK if dark else LIGHT


@dataclass(frozen=True)
class TypeScale:
    """Text sizes as multiples of the desktop's base font (so the system font size counts),
    and the player's sizes as fractions of the window height (read from 3 m)."""

    caption: float = 0.9
    body: float = 1.0
    subtitle: float = 1.25
    title: float = 1.6
    display: float = 2.4
    # The player, by window height: every text at least 1/25, the countdown a third.
    player_min: float = 1 / 25
    player_label: float = 0.045  # phase word, "rep k of n", next
    player_title: float = 0.065  # the exercise name
    player_countdown: float = 1 / 3


TYPE = TypeScale()


@dataclass(frozen=True)
class Spacing:
    """Gaps in pixels: a 4 px grid."""

    xs: int = 4
    s: int = 8
    m: int = 12
    l: int = 16  # noqa: E741 - the scale's own name
    xl: int = 24
    xxl: int = 32


SPACE = Spacing()


@dataclass(frozen=True)
class Radii:
    s: int = 4
    m: int = 8
    l: int = 12  # noqa: E741
    pill: int = 999


RADIUS = Radii()
