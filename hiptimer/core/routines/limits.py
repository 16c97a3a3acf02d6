"""The numbers the routine format and its readers agree on, in one place.

Plain constants with no imports, so the model, the loader, the engine, the history store and
the Qt layer can all share them without depending on each other.
"""

from __future__ import annotations

from typing import NamedTuple


class Limits(NamedTuple):
    """An inclusive range of whole numbers a value must fall in."""

    low: int
    high: int

    def __contains__(self, value: object) -> bool:
        return (
            isinstance(value, int)
            and not isinstance(value, bool)
            and self.low <= value <= self.high
        )


MAX_FILE_BYTES = 256 * 1024  # a routine or library file
MAX_ID_CHARS = 64
MAX_NAME_CHARS = 200
MAX_TEXT_CHARS = 1000
MAX_LIST_ENTRIES = 20
MAX_EXERCISES = 200
MAX_ROUTINES = 50
MAX_ITEMS = 200

SECONDS_LIMITS = Limits(1, 1800)
REPS_COUNT_LIMITS = Limits(1, 500)
CYCLES_COUNT_LIMITS = Limits(1, 100)
SHORT_SECONDS_LIMITS = Limits(1, 120)  # hold per rep, pace, work, relax
REST_LIMITS = Limits(0, 600)  # rest after an item, between exercises, between sets
SETS_LIMITS = Limits(1, 10)
#: Percent more for the limited side (a routine's ``limited_extra``).
LIMITED_EXTRA_LIMITS = Limits(0, 200)
#: Sessions a week: a routine's target, and the weekly goal in the settings.
SESSIONS_PER_WEEK_LIMITS = Limits(1, 14)
#: Weeks a routine's target runs for.
TARGET_WEEKS_LIMITS = Limits(1, 52)
#: Degrees of hip rotation: a test's normal range, a measurement typed in or stored.
DEGREE_LIMITS = Limits(0, 90)

#: Seconds of rest between exercises when a routine gives no ``rest``.
DEFAULT_REST = 15
#: Seconds of rest between the sets of an item when it gives no ``set_rest``.
DEFAULT_SET_REST = 30
