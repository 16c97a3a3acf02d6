"""The local time zone: found as the C library finds it, right on both sides of a clock change.

Every test hands ``local_zone`` its own ``TZ`` and ``/etc/localtime``, so none depends on the
zone of the machine running it.
"""

from __future__ import annotations

import shutil
import zoneinfo
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from hiptimer.core.history import weeks
from hiptimer.core.history.local_time import UTC, local_zone

NO_FILE = Path("/nonexistent/localtime")
HOUR = timedelta(hours=1)


def _zone_file(key: str) -> Path:
    """The system's zone file for ``key`` (the stdlib reads the same one)."""
    for folder in zoneinfo.TZPATH:
        candidate = Path(folder) / key
        if candidate.is_file():
            return candidate
    raise AssertionError(f"no zone file for {key} in {zoneinfo.TZPATH}")


def _fake_database(tmp_path: Path, key: str) -> Path:
    """A zone database of one zone outside the system's (as on macOS: /var/db/timezone/…)."""
    target = tmp_path / "db" / "zoneinfo" / key
    target.parent.mkdir(parents=True)
    shutil.copyfile(_zone_file(key), target)
    return target


def _offsets(zone, day: date) -> tuple[timedelta | None, timedelta | None]:
    """The UTC offset at 01:00 and at 04:00 local time on ``day``: either side of a change."""
    early = datetime(day.year, day.month, day.day, 1, tzinfo=zone)
    late = datetime(day.year, day.month, day.day, 4, tzinfo=zone)
    return early.utcoffset(), late.utcoffset()


BERLIN_SPRING = date(2026, 3, 29)  # 02:00 → 03:00
BERLIN_AUTUMN = date(2026, 10, 25)  # 03:00 → 02:00
NEW_YORK_SPRING = date(2026, 3, 8)  # 02:00 → 03:00
NEW_YORK_AUTUMN = date(2026, 11, 1)  # 02:00 → 01:00


@pytest.mark.parametrize("tz", ["Europe/Berlin", ":Europe/Berlin", "CET-1CEST,M3.5.0,M10.5.0/3"])
def test_tz_names_berlin_with_its_clock_changes(tz: str) -> None:
    zone = local_zone({"TZ": tz}, NO_FILE)
    assert _offsets(zone, BERLIN_SPRING) == (HOUR, 2 * HOUR)
    assert _offsets(zone, BERLIN_AUTUMN) == (2 * HOUR, HOUR)


@pytest.mark.parametrize("tz", ["America/New_York", "EST5EDT,M3.2.0,M11.1.0"])
def test_tz_names_new_york_with_its_clock_changes(tz: str) -> None:
    zone = local_zone({"TZ": tz}, NO_FILE)
    assert _offsets(zone, NEW_YORK_SPRING) == (-5 * HOUR, -4 * HOUR)
    assert _offsets(zone, NEW_YORK_AUTUMN) == (-4 * HOUR, -5 * HOUR)


def test_tz_wins_over_etc_localtime(tmp_path: Path) -> None:
    link = tmp_path / "localtime"
    link.symlink_to(_zone_file("America/New_York"))
    assert str(local_zone({"TZ": "Europe/Berlin"}, link)) == "Europe/Berlin"


def test_an_empty_tz_means_utc() -> None:
    assert local_zone({"TZ": ""}, NO_FILE) is UTC


def test_tz_may_be_the_path_of_a_zone_file(tmp_path: Path) -> None:
    zone = local_zone({"TZ": str(_zone_file("America/New_York"))}, NO_FILE)
    assert str(zone) == "America/New_York"
    outside = local_zone({"TZ": str(_fake_database(tmp_path, "Europe/Berlin"))}, NO_FILE)
    assert _offsets(outside, BERLIN_SPRING) == (HOUR, 2 * HOUR)


def test_etc_localtime_linking_into_a_zone_database_gives_that_zone(tmp_path: Path) -> None:
    link = tmp_path / "localtime"
    link.symlink_to(_zone_file("Europe/Berlin"))
    zone = local_zone({}, link)
    assert str(zone) == "Europe/Berlin"
    assert _offsets(zone, BERLIN_AUTUMN) == (2 * HOUR, HOUR)


def test_etc_localtime_as_a_plain_copy_is_read_as_a_zone_file(tmp_path: Path) -> None:
    copy = tmp_path / "localtime"
    shutil.copyfile(_zone_file("America/New_York"), copy)
    zone = local_zone({}, copy)
    assert _offsets(zone, NEW_YORK_SPRING) == (-5 * HOUR, -4 * HOUR)
    assert _offsets(zone, NEW_YORK_AUTUMN) == (-4 * HOUR, -5 * HOUR)


def test_a_macos_style_link_outside_the_system_database_still_works(tmp_path: Path) -> None:
    link = tmp_path / "localtime"
    link.symlink_to(_fake_database(tmp_path, "America/New_York"))
    zone = local_zone({}, link)
    assert str(zone) == "America/New_York"


def test_without_tz_or_etc_localtime_the_zone_is_utc() -> None:
    assert local_zone({}, NO_FILE) is UTC  # what the C library uses then


@pytest.mark.parametrize("tz", ["Nowhere/Land", "../../etc/passwd", "not a rule at all"])
def test_an_unusable_tz_falls_back_to_the_offset_the_computer_shows_now(tz: str) -> None:
    zone = local_zone({"TZ": tz}, NO_FILE)
    now = datetime.now(timezone.utc)
    assert now.astimezone(zone).utcoffset() == now.astimezone().utcoffset()


def test_a_broken_etc_localtime_falls_back_too(tmp_path: Path) -> None:
    broken = tmp_path / "localtime"
    broken.symlink_to(tmp_path / "missing")
    garbage = tmp_path / "garbage"
    garbage.write_bytes(b"not a zone file")
    now = datetime.now(timezone.utc)
    for path in (broken, garbage):
        zone = local_zone({}, path)
        assert now.astimezone(zone).utcoffset() == now.astimezone().utcoffset()


@pytest.mark.parametrize(
    ("tz", "change_week", "hours"),
    [
        ("Europe/Berlin", date(2026, 3, 23), 167),  # the week of the spring change: 1 h short
        ("Europe/Berlin", date(2026, 10, 19), 169),  # autumn: 1 h long
        ("America/New_York", date(2026, 3, 2), 167),
        ("America/New_York", date(2026, 10, 26), 169),
    ],
)
def test_weeks_in_the_local_zone_are_as_long_as_the_clock_says(
    tz: str, change_week: date, hours: int
) -> None:
    zone = local_zone({"TZ": tz}, NO_FILE)
    start, end = weeks.week_bounds_epoch(change_week, zone)
    assert end - start == hours * 3600
    before, _ = weeks.week_bounds_epoch(change_week - weeks.ONE_WEEK, zone)
    assert start - before == 168 * 3600


def test_a_sunday_night_session_stays_in_its_week_on_both_sides_of_the_change() -> None:
    zone = local_zone({"TZ": "Europe/Berlin"}, NO_FILE)
    winter_sunday = datetime(2026, 3, 22, 22, 30, tzinfo=timezone.utc)  # 23:30 in Berlin
    summer_sunday = datetime(2026, 3, 29, 21, 30, tzinfo=timezone.utc)  # 23:30 in Berlin
    assert weeks.local_date(winter_sunday, zone) == date(2026, 3, 22)
    assert weeks.local_date(summer_sunday, zone) == date(2026, 3, 29)
    lo, hi = weeks.week_bounds_epoch(date(2026, 3, 23), zone)
    assert lo <= summer_sunday.timestamp() < hi
    assert not lo <= winter_sunday.timestamp() < hi
