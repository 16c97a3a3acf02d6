"""Which paper the report is laid out for: the locale's, unless the person says.

North and Central America and a few other countries use US Letter; everyone else A4.  The
locale's measurement system decides first (US customary units mean Letter), then its country.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtGui import QPageSize

PAGE_SIZES: dict[str, QPageSize.PageSizeId] = {
    "a4": QPageSize.PageSizeId.A4,
    "letter": QPageSize.PageSizeId.Letter,
}

_C = QLocale.Country
#: Countries whose paper is US Letter.
LETTER_COUNTRIES = frozenset(
    {
        _C.UnitedStates,
        _C.Canada,
        _C.Mexico,
        _C.Philippines,
        _C.Chile,
        _C.Colombia,
        _C.Venezuela,
        _C.Guatemala,
        _C.CostaRica,
        _C.Panama,
        _C.DominicanRepublic,
        _C.PuertoRico,
        _C.ElSalvador,
        _C.Nicaragua,
        _C.Honduras,
        _C.Belize,
        _C.UnitedStatesOutlyingIslands,
        _C.UnitedStatesVirginIslands,
    }
)


def locale_page_size(locale: QLocale | None = None) -> str:
    """``"letter"`` or ``"a4"`` for ``locale`` (the system's by default)."""
    locale = locale or QLocale.system()
    if locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return "letter"
    return "letter" if locale.territory() in LETTER_COUNTRIES else "a4"
