"""Settings survive a round trip; a broken file costs nothing but the defaults."""

from __future__ import annotations

from pathlib import Path

from hiptimer.core.routines.model import Side
from hiptimer.core.settings import Settings, load_settings, save_settings


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
