"""What the store keeps for the coach: what a session counts as, feedback, progression levels."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from hiptimer.core.history import commands
from hiptimer.core.history.store import HistoryStore
from hiptimer.core.history.what_helps import Rating
from hiptimer.core.routines.model import Kind
from tests.fakes import make_outcome

T0 = datetime(2026, 3, 2, 18, tzinfo=timezone.utc)


def kind_of(store: HistoryStore, session_id: int) -> str:
    return store._conn.execute("SELECT kind FROM sessions WHERE id = ?", (session_id,)).fetchone()[
        0
    ]


def test_a_session_counts_once_half_its_planned_exercise_is_done(store: HistoryStore) -> None:
    session = store.begin_session("daily", "Daily", "h", "left", T0, planned_work_seconds=750)
    hold = make_outcome(0, kind=Kind.HOLD, planned_seconds=360, actual_seconds=360)
    store.record_step(session, hold, T0 + timedelta(minutes=7))
    assert kind_of(store, session) == "short"  # 360 of 750 s: under half
    skipped = make_outcome(
        1, kind=Kind.HOLD, status="skipped", planned_seconds=60, actual_seconds=5
    )
    store.record_step(session, skipped, T0 + timedelta(minutes=8))
    more = make_outcome(2, kind=Kind.HOLD, planned_seconds=60, actual_seconds=60)
    store.record_step(session, more, T0 + timedelta(minutes=9))
    assert kind_of(store, session) == "workout"  # 425 of 750 s, a skip does not undo it
    store.finish_session(session, T0 + timedelta(minutes=10), "ended_early", 425)
    assert kind_of(store, session) == "workout"
    [row] = store.sessions()
    assert row.kind == "workout"


def test_measuring_only_is_a_check_in_and_discarding_undoes_it(store: HistoryStore) -> None:
    session = store.begin_session("assessment", "Check", "h", "both", T0, planned_work_seconds=0)
    test = make_outcome(0, "prone-ir-test", "Prone test", Kind.TEST, measurement=40)
    store.record_step(session, test, T0 + timedelta(minutes=1))
    assert kind_of(store, session) == "check_in"
    store.discard_session(session)
    assert kind_of(store, session) == "short"


def test_each_step_keeps_the_progression_level_it_was_done_at(store: HistoryStore) -> None:
    session = store.begin_session("daily", "Daily", "h", "left", T0)
    record = commands.StepRecord.of(make_outcome(0), progression_level=1)
    store.record_step(session, record, T0)
    level = store._conn.execute("SELECT progression_level FROM steps").fetchone()[0]
    assert level == 1
    with pytest.raises(ValueError, match="progression level"):
        commands.StepRecord.of(make_outcome(1), progression_level=10)


def test_exercise_feedback_is_kept_once_per_exercise_and_replays_harmlessly(
    store: HistoryStore,
) -> None:
    store.begin_session("daily", "Daily", "h", "left", T0, key="s1")
    feedback = commands.SetExerciseFeedback("s1", "piriformis-release", "helped", 2)
    feedback.apply(store)
    feedback.apply(store)  # a replay
    commands.SetExerciseFeedback("s1", "swivel-chair", Rating.NOT_FOR_ME.value).apply(store)
    rows = store._conn.execute(
        "SELECT exercise_id, rating, pain FROM exercise_feedback ORDER BY exercise_id"
    ).fetchall()
    assert rows == [("piriformis-release", "helped", 2), ("swivel-chair", "not_for_me", None)]
    commands.SetExerciseFeedback("s1", "swivel-chair", None, None).apply(store)  # taken back
    assert len(store._conn.execute("SELECT * FROM exercise_feedback").fetchall()) == 1
    with pytest.raises(ValueError):
        commands.SetExerciseFeedback("s1", "x", "loved it", None)
    with pytest.raises(ValueError):
        commands.SetExerciseFeedback("s1", "x", None, 11)


def test_commands_round_trip_through_the_pending_file_format() -> None:
    begin = commands.BeginSession("k", "daily", "Daily", "h", "left", T0, planned_work_seconds=750)
    feedback = commands.SetExerciseFeedback("k", "swivel-chair", "neutral", 3)
    step = commands.RecordStep("k", commands.StepRecord.of(make_outcome(0), 2), T0)
    for command in (begin, feedback, step):
        assert commands.from_json(commands.to_json(command)) == command
