"""Ranking exercises by what helped, and the progression suggestion (no Qt, no files)."""

from __future__ import annotations

from datetime import date, timedelta

from hiptimer.core.history.progressions import DoneAt, suggest_next_level
from hiptimer.core.history.what_helps import (
    ExerciseRecord,
    Rating,
    movement_while_done,
    personal_choice,
    rank,
)
from hiptimer.core.routines.progression import progression_line, progression_text

DAY = date(2026, 3, 2)


def days(count: int, start: date = DAY) -> tuple[date, ...]:
    return tuple(start + timedelta(days=2 * n) for n in range(count))


def test_helped_ranks_first_and_not_for_me_last_and_never_chosen() -> None:
    records = [
        ExerciseRecord("a", "A", days(6), (Rating.NEUTRAL,)),
        ExerciseRecord("b", "B", days(3), (Rating.HELPED, Rating.HELPED)),
        ExerciseRecord("c", "C", days(8), (Rating.NOT_FOR_ME,)),
        ExerciseRecord("d", "D", days(2)),
    ]
    ranked = rank(records, [])
    assert [r.record.exercise_id for r in ranked] == ["b", "a", "d", "c"]
    assert ranked[0].reasons == ("helped 2×", "done 3×")
    assert personal_choice(ranked) == ["b", "a", "d"]


def test_a_personal_routine_keeps_at_most_five_helped_ones() -> None:
    records = [ExerciseRecord(f"e{n}", f"E{n}", days(3), (Rating.HELPED,)) for n in range(7)]
    assert len(personal_choice(rank(records, []))) == 5


def test_movement_counts_only_beyond_the_noise() -> None:
    measurements = [(DAY - timedelta(days=1), 30.0), (DAY + timedelta(days=20), 37.0)]
    moved = ExerciseRecord("m", "Moved", days(12))
    still = ExerciseRecord("s", "Still", days(12))
    assert movement_while_done(moved.days_done, measurements) == 7.0
    ranked = rank([still, moved], measurements)
    assert all(r.movement == 7.0 for r in ranked)  # same weeks, same movement: a hint only
    assert movement_while_done(days(3), measurements[:1]) is None
    small = [(DAY - timedelta(days=1), 30.0), (DAY + timedelta(days=3), 33.0)]
    assert rank([moved], small)[0].movement is None  # 3° is noise


def test_progression_is_suggested_after_four_painless_sessions_at_a_level() -> None:
    calm = [DoneAt(day, 0, 2) for day in days(4)]
    assert suggest_next_level(calm, levels=1) == 1
    assert suggest_next_level(calm[:3], levels=1) is None  # not yet four
    sore = [*calm[:3], DoneAt(DAY + timedelta(days=9), 0, 5)]
    assert suggest_next_level(sore, levels=1) is None
    unrated = [DoneAt(day, 0, None) for day in days(4)]
    assert suggest_next_level(unrated, levels=1) == 1
    at_top = [DoneAt(day, 1, 0) for day in days(4)]
    assert suggest_next_level(at_top, levels=1) is None
    mixed = [DoneAt(DAY, 0, 0), *[DoneAt(day, 1, 0) for day in days(3, DAY + timedelta(1))]]
    assert suggest_next_level(mixed, levels=2) is None  # three at level 1 so far


def test_progression_text() -> None:
    steps = ("Tie a band around both ankles.",)
    assert progression_text(steps, 0) == "As written"
    assert progression_text(steps, 1) == "Tie a band around both ankles."
    assert progression_text((), 1) == "As written"


def test_progression_line() -> None:
    steps = ("Tie a band around both ankles.",)
    assert progression_line(steps, 0) == "When it gets easy: Tie a band around both ankles."
    assert progression_line(steps, 1) == "You do: Tie a band around both ankles."
    assert progression_line((), 0) == ""
