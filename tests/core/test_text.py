"""The one set of duration and count formatters the CLI and every page share."""

from __future__ import annotations

import pytest

from hiptimer.core import text


@pytest.mark.parametrize(
    ("seconds", "clock", "minutes", "table", "total"),
    [
        (0, "0", "about 1 min", "0 s", "0 min"),
        (45.4, "45", "about 1 min", "45 s", "1 min"),
        (60, "1:00", "about 1 min", "1 min 00 s", "1 min"),
        (750, "12:30", "about 12 min", "12 min 30 s", "12 min"),
        (7500, "2:05:00", "about 125 min", "125 min 00 s", "2 h 05 min"),
    ],
)
def test_each_formatter(seconds: float, clock: str, minutes: str, table: str, total: str) -> None:
    assert text.clock_text(seconds) == clock
    assert text.minutes_text(seconds) == minutes
    assert text.min_sec_text(seconds) == table
    assert text.hours_minutes_text(seconds) == total


def test_duration_text_is_always_m_ss_or_h_mm_ss_and_never_negative() -> None:
    assert text.duration_text(-3) == "0:00"
    assert text.duration_text(59.6) == "1:00"
    assert text.duration_text(3600) == "1:00:00"


def test_plural() -> None:
    assert (text.plural(1, "step"), text.plural(0, "step"), text.plural(2, "step")) == (
        "1 step",
        "0 steps",
        "2 steps",
    )
