"""Settings survive a round trip; a broken file costs nothing but the defaults."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from hiptimer.core.routines.model import Side
from hiptimer.core.settings import (
    Settings,
    load_settings,
    main_routine,
    save_settings,
    weekly_goal,
)


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "settings.json"
    settings = Settings(limited_side=Side.RIGHT, lead_in_seconds=15, muted=True, theme="dark")
    save_settings(path, settings)
    loaded, problem = load_settings(path)
    assert problem is None
    assert loaded == settings


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "none.json") == (Settings(), None)


def test_broken_file_is_kept_aside_and_defaults_are_used(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json")
    settings, problem = load_settings(path)
    assert settings == Settings()
    assert problem is not None and str(path) in problem
    assert (tmp_path / "settings.json.broken").read_text() == "{not json"


def test_out_of_range_values_are_clamped_and_unknown_keys_ignored(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(
        '{"volume": 400, "lead_in_seconds": -5, "weekly_goal": 0, '
        '"theme": "neon", "future_option": 1}'
    )
    settings, problem = load_settings(path)
    assert problem is None
    assert (settings.volume, settings.lead_in_seconds, settings.weekly_goal, settings.theme) == (
        100,
        0,
        1,
        "system",
    )


def test_a_bad_side_value_is_a_clear_problem(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"limited_side": "middle"}')
    settings, problem = load_settings(path)
    assert settings.limited_side is None and problem is not None


def test_values_of_the_wrong_type_get_their_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(
        '{"muted": "false", "voice": 0, "volume": Infinity, "lead_in_seconds": NaN,'
        ' "weekly_goal": "3", "welcome_done": null}'
    )
    settings, problem = load_settings(path)
    assert problem is None
    assert settings == Settings()


def test_every_number_setting_is_declared_once_with_its_limits() -> None:
    from dataclasses import fields

    from hiptimer.core.settings import CHOICES, NUMBER_LIMITS

    numbers = {f.name for f in fields(Settings) if f.type in ("int", int)}
    assert numbers == set(NUMBER_LIMITS)
    defaults = Settings()
    for name, (low, high) in NUMBER_LIMITS.items():
        assert low <= getattr(defaults, name) <= high
        too_high = Settings(**{name: high + 1000}).validated()
        assert getattr(too_high, name) == high
    for name, values in CHOICES.items():
        assert getattr(defaults, name) == values[0]


def test_settings_nested_deeper_than_any_real_file_are_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("[" * 100_000 + "]" * 100_000)  # too large, and far too deep
    settings, problem = load_settings(path)
    assert settings == Settings() and problem is not None and "too large" in problem
    path.write_text('{"a": ' * 30 + "1" + "}" * 30)
    settings, problem = load_settings(path)
    assert problem is not None and "nested more than 4 levels" in problem
    assert (tmp_path / "settings.json.broken.2").exists()  # the first copy is kept


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_something_other_than_a_file_never_hangs_and_is_left_alone(
    tmp_path: Path, kind: str
) -> None:
    path = tmp_path / "settings.json"
    if kind == "fifo":
        os.mkfifo(path)  # no writer: a plain open() would block forever
    elif kind == "device":
        path.symlink_to("/dev/zero")  # a plain read() would never end
    else:
        path.mkdir()
    settings, problem = load_settings(path)
    assert settings == Settings()
    assert problem is not None and "is not a regular file" in problem
    assert os.path.lexists(path) and not list(tmp_path.glob("*.broken*"))


def test_a_second_broken_file_never_replaces_the_first_kept_copy(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{first")
    load_settings(path)
    path.write_text("{second")
    _, problem = load_settings(path)
    assert (tmp_path / "settings.json.broken").read_text() == "{first"
    assert (tmp_path / "settings.json.broken.2").read_text() == "{second"
    assert problem is not None and "settings.json.broken.2" in problem


def test_an_unreadable_settings_file_is_never_saved_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"volume": 10}')
    monkeypatch.setattr(os, "access", lambda *_args: False)  # as if not readable (root reads all)
    with pytest.raises(PermissionError, match="cannot be read, so it is not overwritten"):
        save_settings(path, Settings())
    assert path.read_text() == '{"volume": 10}'


def test_reminder_days_and_time_are_checked(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"reminder_days": ["fri", "mon", "fri"], "reminder_time": "07:30"}')
    settings, _ = load_settings(path)
    assert (settings.reminder_days, settings.reminder_time) == (["mon", "fri"], "07:30")
    for days, clock in ((["funday"], "25:00"), ("mon", "7:30"), ([], "18:60"), ([1], None)):
        path.write_text(json.dumps({"reminder_days": days, "reminder_time": clock}))
        settings, problem = load_settings(path)
        assert problem is None
        assert (settings.reminder_days, settings.reminder_time) == (None, "18:00"), days


def test_the_main_routine_and_the_longer_get_ready_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    save_settings(path, Settings(main_routine="daily", change_lead_in_seconds=35))
    loaded, _ = load_settings(path)
    assert (loaded.main_routine, loaded.change_lead_in_seconds) == ("daily", 35)
    assert loaded.lead_ins() == {"lead_in": 10, "change_lead_in": 35}


def test_a_main_routine_of_the_wrong_type_and_an_odd_get_ready_get_fixed(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"main_routine": 12, "change_lead_in_seconds": 9999}')
    loaded, problem = load_settings(path)
    assert problem is None
    assert (loaded.main_routine, loaded.change_lead_in_seconds) == ("", 180)


def _catalog_with_target(per_week: int | None):
    from hiptimer.core.routines.catalog import Catalog
    from hiptimer.core.routines.model import Item, Kind, Library, Range, Routine, Section, Target

    item = Item("x", Kind.HOLD, seconds=Range(30, 30))
    target = None if per_week is None else Target(per_week, 6)
    routine = Routine("mine", "Mine", (Section("S", (item,)),), target=target)
    return Catalog(library=Library({}), routines=[routine])


def test_the_weekly_goal_is_the_main_routines_target_when_it_has_one() -> None:
    with_target = _catalog_with_target(2)
    assert weekly_goal(Settings(weekly_goal=4, main_routine="mine"), with_target) == 2
    assert main_routine(Settings(main_routine="mine"), with_target) is with_target.routines[0]
    # no main routine, a main routine without a target, or one that is gone: the setting
    assert weekly_goal(Settings(weekly_goal=4), with_target) == 4
    assert (
        weekly_goal(Settings(weekly_goal=4, main_routine="mine"), _catalog_with_target(None)) == 4
    )
    assert weekly_goal(Settings(weekly_goal=4, main_routine="gone"), with_target) == 4
    assert main_routine(Settings(main_routine="gone"), with_target) is None


def test_voice_settings_are_kept_clamped_or_reset_to_their_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"voice_choice": "builtin:en-us", "speech_rate": 90, "read_steps": true}')
    settings, _ = load_settings(path)
    assert (settings.voice_choice, settings.speech_rate, settings.read_steps) == (
        "builtin:en-us",
        50,
        True,
    )
    path.write_text('{"voice_choice": 7, "speech_rate": "fast", "read_steps": "yes"}')
    settings, _ = load_settings(path)
    assert (settings.voice_choice, settings.speech_rate, settings.read_steps) == ("auto", 0, False)
