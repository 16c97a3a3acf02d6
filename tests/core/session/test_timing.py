"""Session-time arithmetic: the clock, shown seconds, cue times (plain numbers, no sleeping)."""

from __future__ import annotations

import pytest

from hiptimer.core.session.timing import SessionClock, check_speed, shown_seconds


def test_the_clock_scales_real_time_and_freezes_while_stopped() -> None:
    clock = SessionClock(speed=2)
    assert clock.read(50.0) == 0.0  # not running yet
    clock.run(100.0, at=0.0)
    assert clock.read(103.0) == 6.0
    clock.stop(103.0, 6.0)
    assert clock.read(500.0) == 6.0  # paused: frozen
    clock.run(600.0)
    assert clock.read(601.0) == 8.0
    assert clock.real_time(10.0) == 602.0


def test_a_speed_change_keeps_the_time_so_far() -> None:
    clock = SessionClock(speed=1)
    clock.run(0.0, at=0.0)
    clock.set_speed(10.0, clock.read(10.0), 100)
    assert clock.read(11.0) == pytest.approx(110.0)


@pytest.mark.parametrize("speed", [0, -1, float("inf"), float("nan")])
def test_a_speed_must_be_a_positive_finite_number(speed: float) -> None:
    with pytest.raises(ValueError, match="speed must be a positive number"):
        check_speed(speed)


def test_shown_seconds_round_up_and_absorb_float_noise() -> None:
    assert shown_seconds(59.2) == 60
    assert shown_seconds(59.0 + 1e-12) == 59
    assert shown_seconds(-0.5) == 0
