"""The reminder state survives a round trip; a damaged file gives a blank state."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

from hiptimer.core.reminders.rules import ReminderKind, ReminderState
from hiptimer.core.reminders.state_file import load_state, save_state


def test_round_trip(tmp_path: Path) -> None:
    state = ReminderState(
        served=datetime(2026, 3, 2, 17, 0, tzinfo=timezone.utc),
        snoozed_until=datetime(2026, 3, 2, 17, 30, tzinfo=timezone.utc),
        repeats=1,
        skipped_day=date(2026, 3, 1),
        kind=ReminderKind.ASSESSMENT,
    )
    path = tmp_path / "data" / "reminders.json"
    save_state(path, state)
    assert load_state(path) == state


def test_missing_or_damaged_files_give_a_blank_state(tmp_path: Path) -> None:
    assert load_state(tmp_path / "none.json") == ReminderState()
    for text in ("{", "[]", '{"served": 5}', '{"served": "2026-03-02T17:00"}', '{"kind": "x"}'):
        path = tmp_path / "reminders.json"
        path.write_text(text)
        assert load_state(path) == ReminderState(), text


def test_a_state_file_nested_too_deep_starts_afresh(tmp_path) -> None:
    from hiptimer.core.reminders.rules import ReminderState
    from hiptimer.core.reminders.state_file import load_state

    path = tmp_path / "reminders.json"
    path.write_text("[" * 4000)
    assert load_state(path) == ReminderState()
