"""What the store keeps for the coach: what a session counts as, feedback, progression levels."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone

import pytest

from hiptimer.core.history import commands
from hiptimer.core.history.export import export
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
    # ... and it reads back, for History's session details and every export format.
    assert [step.progression_level for step in store.session_steps(session)] == [1]
    steps = json.loads(export(store, "json"))["sessions"][0]["steps"]
    assert [step["progression_level"] for step in steps] == [1]
    rows = csv.DictReader(io.StringIO(export(store, "csv")))
    assert [row["progression_level"] for row in rows if row["record"] == "step"] == ["1"]
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


def test_exercise_records_progressions_and_pain_come_back_oldest_first(store: HistoryStore) -> None:
    for day, level, pain, rating in ((0, 0, 2, "helped"), (3, 1, None, None), (7, 1, 5, "neutral")):
        key = f"s{day}"
        started = T0 + timedelta(days=day)
        store.begin_session("daily", "Daily", "h", "left", started, key=key)
        session = store.session_id_for(key)
        step = commands.StepRecord.of(make_outcome(0, "swivel-chair", "Swivel chair"), level)
        store.record_step(session, step, started)
        skipped = make_outcome(1, "side-lying-ir", "Side-lying", status="skipped")
        store.record_step(session, skipped, started)
        store.set_feedback(session, 4, "")
        if rating or pain is not None:
            store.set_exercise_feedback(session, "swivel-chair", rating, pain)
    [record] = store.exercise_records(timezone.utc)  # the skipped one was never done
    assert record.exercise_id == "swivel-chair" and record.times_done == 3
    assert record.ratings == (Rating.HELPED, Rating.NEUTRAL)
    history = store.progression_history("swivel-chair", timezone.utc)
    assert [(d.level, d.pain) for d in history] == [
        (0, 2),
        (1, 4),
        (1, 5),
    ]  # own pain, else the session's
    assert [pain for _, pain in store.pain_series(timezone.utc)] == [4, 4, 4]


def test_the_pain_trend_is_monthly_means_beyond_its_points(store: HistoryStore) -> None:
    for day in range(60):
        started = T0 + timedelta(days=day)
        store.begin_session("d", "D", "h", "left", started, key=f"k{day}")
        session = store.session_id_for(f"k{day}")
        store.record_step(session, make_outcome(0), started)
        store.set_feedback(session, day % 3, "")
    every = store.pain_trend(100, timezone.utc)
    assert every.averaged_by is None and len(every.points) == 60
    monthly = store.pain_trend(10, timezone.utc)
    assert monthly.averaged_by == "month" and len(monthly.points) == 2  # March and April
    assert monthly.count == 60 and monthly.latest == ((T0 + timedelta(days=59)).date(), 59 % 3)
