"""The history store: recording a session as it happens and the queries the history view needs."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from functools import partial
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hiptimer.core.history import weeks
from hiptimer.core.history.errors import UnknownSessionError
from hiptimer.core.history.store import HistoryStore
from hiptimer.core.history.trends import MeasurementTrend
from hiptimer.core.routines.model import Kind, Side, SideChoice
from hiptimer.core.session.status import SessionStatus
from tests.core.history.oracles import monthly_means, trends_of
from tests.fakes import add_session, make_outcome, open_store

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
UTC = timezone.utc
T0 = datetime(2026, 1, 5, 18, 0, tzinfo=BERLIN)  # a Monday evening


Outcome = partial(make_outcome, actual_seconds=75.5)


def _session(
    store: HistoryStore, started: datetime, status: SessionStatus | str = SessionStatus.COMPLETED
) -> int:
    return add_session(store, started, status, side="left")


def test_a_session_round_trips_with_its_steps_and_feedback(store: HistoryStore) -> None:
    session_id = store.begin_session("full", "Full program", "sha256:abc", SideChoice.BOTH, T0)
    store.record_step(session_id, Outcome(0), T0 + timedelta(seconds=80))
    store.record_step(
        session_id,
        Outcome(
            1,
            "swivel-chair",
            "Swivel chair",
            "reps",
            "right",
            "skipped",
            60.0,
            4.0,
            planned_reps=20,
            actual_reps=3,
        ),
        T0 + timedelta(seconds=90),
    )
    store.finish_session(session_id, T0 + timedelta(minutes=2), "ended_early", 84.25)
    store.set_feedback(session_id, 3, "tight on the left")

    [row] = store.sessions()
    assert (row.id, row.routine_id, row.routine_name, row.routine_hash) == (
        session_id,
        "full",
        "Full program",
        "sha256:abc",
    )
    assert row.side_choice is SideChoice.BOTH
    assert row.started_at == T0 and row.started_at.utcoffset() == timedelta(hours=1)
    assert row.ended_at == T0 + timedelta(minutes=2)
    assert (row.active_seconds, row.status, row.pain, row.note) == (
        84.25,
        "ended_early",
        3,
        "tight on the left",
    )
    assert (row.steps_done, row.steps_skipped) == (1, 1)

    first, second = store.session_steps(session_id)
    assert (first.exercise_id, first.kind, first.side, first.status) == (
        "piriformis-release",
        Kind.RELEASE,
        Side.LEFT,
        "done",
    )
    assert (first.planned_seconds, first.actual_seconds) == (60.0, 75.5)
    assert first.ended_at == T0 + timedelta(seconds=80)
    assert (second.kind, second.side, second.status) == (Kind.REPS, Side.RIGHT, "skipped")
    assert (second.planned_reps, second.actual_reps) == (20, 3)


def test_times_keep_their_offset_and_sort_by_instant(store: HistoryStore) -> None:
    later_but_smaller_text = datetime(2026, 1, 4, 23, 45, tzinfo=UTC)
    earlier = datetime(2026, 1, 5, 0, 30, tzinfo=BERLIN)  # 23:30 UTC
    first = _session(store, earlier)
    second = _session(store, later_but_smaller_text)
    assert [s.id for s in store.sessions()] == [second, first]
    assert store.session(first).started_at.isoformat() == "2026-01-05T00:30:00+01:00"


def test_naive_datetimes_are_refused(store: HistoryStore) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        store.begin_session("full", "Full", "h", "left", datetime(2026, 1, 5, 18, 0))
    assert store.session_count() == 0


def test_unknown_sessions_are_reported(store: HistoryStore) -> None:
    with pytest.raises(UnknownSessionError):
        store.record_step(42, Outcome(0), T0)
    with pytest.raises(UnknownSessionError):
        store.finish_session(42, T0, "completed", 1.0)
    with pytest.raises(UnknownSessionError):
        store.set_feedback(42, 1)
    with pytest.raises(UnknownSessionError):
        store.discard_session(42)
    assert list(store.all_steps()) == []


@pytest.mark.parametrize("status", ["discarded", "done", ""])
def test_finish_status_is_checked(store: HistoryStore, status: str) -> None:
    session_id = _session(store, T0, "incomplete")
    with pytest.raises(ValueError, match="completed, incomplete, ended_early"):
        store.finish_session(session_id, T0, status, 1.0)


@pytest.mark.parametrize("pain", [-1, 11, 2.5, True])
def test_pain_must_be_0_to_10(store: HistoryStore, pain: object) -> None:
    session_id = _session(store, T0)
    with pytest.raises(ValueError, match="0 to 10"):
        store.set_feedback(session_id, pain, "x")  # type: ignore[arg-type]
    assert store.session(session_id).pain is None


def test_feedback_can_be_cleared(store: HistoryStore) -> None:
    session_id = _session(store, T0)
    store.set_feedback(session_id, 0, "fine")
    store.set_feedback(session_id, None, "")
    assert (store.session(session_id).pain, store.session(session_id).note) == (None, "")


def test_incomplete_sessions_offer_where_to_resume(store: HistoryStore) -> None:
    done = _session(store, T0)
    open_one = store.begin_session("quick", "Quick", "sha256:q", "right", T0 + timedelta(days=1))
    for index in (0, 1, 2):
        store.record_step(open_one, Outcome(index), T0 + timedelta(days=1, minutes=index))
    fresh = store.begin_session("full", "Full", "sha256:1", "both", T0 + timedelta(days=2))

    offers = store.incomplete_sessions()
    assert [o.session_id for o in offers] == [fresh, open_one]
    assert offers[1].routine_id == "quick" and offers[1].routine_hash == "sha256:q"
    assert offers[1].side_choice is SideChoice.RIGHT
    assert offers[1].started_at == T0 + timedelta(days=1)
    assert (offers[1].last_step_index, offers[1].steps_recorded) == (2, 3)
    assert (offers[0].last_step_index, offers[0].steps_recorded) == (None, 0)
    assert done not in [o.session_id for o in offers]


def test_discarding_keeps_the_rows_but_hides_the_session(store: HistoryStore) -> None:
    kept = _session(store, T0)
    dropped = _session(store, T0 + timedelta(days=1), "incomplete")
    store.record_step(dropped, Outcome(0), T0 + timedelta(days=1, minutes=1))
    store.discard_session(dropped)

    assert store.incomplete_sessions() == []
    assert [s.id for s in store.sessions()] == [kept]
    assert store.session_count() == 1
    everything = store.sessions(include_discarded=True)
    assert [(s.id, s.status) for s in everything] == [(dropped, "discarded"), (kept, "completed")]
    assert len(store.session_steps(dropped)) == 1
    assert store.totals().sessions == 1


def test_a_test_step_with_degrees_also_records_a_measurement(store: HistoryStore) -> None:
    session_id = _session(store, T0, "incomplete")
    test_step = Outcome(0, "seated-ir-test", "Seated test", Kind.TEST, Side.RIGHT, measurement=38)
    store.record_step(session_id, test_step, T0 + timedelta(minutes=1))
    # degrees on a non-test exercise stay with the step only
    store.record_step(session_id, replace(test_step, step_index=1, exercise_id="my-test"), T0)

    [measurement] = store.measurements()
    assert (measurement.test, measurement.side, measurement.degrees) == ("seated", Side.RIGHT, 38)
    assert measurement.session_id == session_id
    assert measurement.taken_at == T0 + timedelta(minutes=1)
    assert [s.measurement for s in store.session_steps(session_id)] == [38, 38]


@pytest.mark.parametrize("degrees", [-1, 91, 45.5, True])
def test_invalid_step_degrees_write_nothing(store: HistoryStore, degrees: object) -> None:
    session_id = store.begin_session("full", "Full program", "h", "left", T0)
    outcome = Outcome(0, "prone-ir-test", "Prone test", Kind.TEST, measurement=degrees)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="0 to 90"):
        store.record_step(session_id, outcome, T0)
    assert store.session_steps(session_id) == [] and store.measurements() == []


def test_a_test_measurement_needs_a_side(store: HistoryStore) -> None:
    session_id = store.begin_session("full", "Full program", "h", "left", T0)
    outcome = Outcome(0, "prone-ir-test", "Prone test", Kind.TEST, None, measurement=30)
    with pytest.raises(ValueError, match="needs a side"):
        store.record_step(session_id, outcome, T0)
    assert store.session_steps(session_id) == []


def test_add_measurement_maps_exercise_ids_and_checks_its_input(store: HistoryStore) -> None:
    store.add_measurement("prone-ir-test", "left", 0, T0, note="cold")
    store.add_measurement("seated", Side.LEFT, 90, T0)
    assert [(m.test, m.degrees, m.note) for m in store.measurements()] == [
        ("prone", 0, "cold"),
        ("seated", 90, ""),
    ]
    with pytest.raises(ValueError, match="degrees from 0 to 90, got 91"):
        store.add_measurement("prone", "left", 91, T0)
    with pytest.raises(ValueError, match="unknown range-of-motion test 'supine'"):
        store.add_measurement("supine", "left", 30, T0)
    with pytest.raises(ValueError):
        store.add_measurement("prone", "middle", 30, T0)
    with pytest.raises(UnknownSessionError):
        store.add_measurement("prone", "left", 30, T0, session_id=99)
    assert len(store.measurements()) == 2


def test_measurement_series_per_test_and_side_oldest_first(store: HistoryStore) -> None:
    store.add_measurement("prone", "left", 30, T0 + timedelta(days=7))
    store.add_measurement("prone", "left", 25, T0)
    late_evening = datetime(2026, 1, 6, 23, 30, tzinfo=NEW_YORK)  # Jan 7 in UTC
    store.add_measurement("seated", "right", 41, late_evening)
    series = store.measurement_series()
    assert set(series) == {(t, s) for t in ("prone", "seated") for s in Side}
    assert series[("prone", Side.LEFT)] == [(date(2026, 1, 5), 25), (date(2026, 1, 12), 30)]
    assert series[("seated", Side.RIGHT)] == [(date(2026, 1, 6), 41)]
    assert series[("prone", Side.RIGHT)] == []
    assert store.measurement_series(UTC)[("seated", Side.RIGHT)] == [(date(2026, 1, 7), 41)]


def test_sessions_page_newest_first(store: HistoryStore) -> None:
    ids = [_session(store, T0 + timedelta(days=day)) for day in range(7)]
    assert [s.id for s in store.sessions(limit=3)] == ids[::-1][:3]
    assert [s.id for s in store.sessions(limit=3, offset=3)] == ids[::-1][3:6]
    assert [s.id for s in store.sessions(limit=None, offset=6)] == [ids[0]]
    assert store.session_count() == 7


def test_week_counts_use_the_local_week_and_count_workouts(store: HistoryStore) -> None:
    sunday_night = datetime(2026, 1, 4, 23, 30, tzinfo=NEW_YORK)  # Monday 04:30 UTC
    _session(store, sunday_night)
    _session(store, datetime(2026, 1, 6, 9, 0, tzinfo=NEW_YORK), "ended_early")  # enough done
    add_session(store, datetime(2026, 1, 7, 9, 0, tzinfo=NEW_YORK), work_seconds=60)  # short
    _session(store, datetime(2026, 1, 8, 9, 0, tzinfo=NEW_YORK), "discarded")

    in_new_york = store.week_counts(date(2025, 12, 29), date(2026, 1, 11), NEW_YORK)
    assert [(w.label, w.count) for w in in_new_york] == [("2026-W01", 1), ("2026-W02", 1)]
    in_utc = store.week_counts(date(2025, 12, 29), date(2026, 1, 11), UTC)
    assert [(w.label, w.count) for w in in_utc] == [("2026-W01", 0), ("2026-W02", 2)]


def test_week_counts_across_week_53(store: HistoryStore) -> None:
    for day in (date(2026, 12, 27), date(2026, 12, 31), date(2027, 1, 1), date(2027, 1, 4)):
        _session(store, datetime.combine(day, datetime.min.time(), BERLIN) + timedelta(hours=8))
    counts = store.week_counts(date(2026, 12, 21), date(2027, 1, 10), BERLIN)
    assert [(w.week, w.label, w.count) for w in counts] == [
        (date(2026, 12, 21), "2026-W52", 1),
        (date(2026, 12, 28), "2026-W53", 2),
        (date(2027, 1, 4), "2027-W01", 1),
    ]


def test_week_counts_span_more_weeks_than_one_query_holds(store: HistoryStore) -> None:
    first = date(2020, 1, 6)
    for week in range(0, 700, 100):
        start = datetime.combine(first + timedelta(weeks=week), datetime.min.time(), BERLIN)
        _session(store, start + timedelta(hours=12))
    counts = store.week_counts(first, first + timedelta(weeks=699), BERLIN)
    assert len(counts) == 700
    assert [i for i, w in enumerate(counts) if w.count] == list(range(0, 700, 100))


def _weekly(store: HistoryStore, mondays: list[date], per_week: int = 1) -> None:
    for monday in mondays:
        for n in range(per_week):
            when = datetime.combine(monday, datetime.min.time(), BERLIN) + timedelta(days=n)
            _session(store, when + timedelta(hours=19))


def test_streak_reads_back_through_long_runs(store: HistoryStore) -> None:
    this_monday = date(2026, 6, 1)
    run = [this_monday - timedelta(weeks=w) for w in range(1, 41)]  # 40 weeks up to last week
    _weekly(store, run)
    _weekly(store, [this_monday - timedelta(weeks=45)])  # before a gap
    assert store.streak(1, this_monday + timedelta(days=2), BERLIN) == 40
    _weekly(store, [this_monday])
    assert store.streak(1, this_monday + timedelta(days=2), BERLIN) == 41
    assert store.streak(2, this_monday + timedelta(days=2), BERLIN) == 0


def test_streak_across_new_year_and_with_a_higher_goal(store: HistoryStore) -> None:
    _weekly(store, [date(2026, 12, 21), date(2026, 12, 28), date(2027, 1, 4)], per_week=3)
    _weekly(store, [date(2027, 1, 11)], per_week=1)  # current week, goal not met yet
    assert store.streak(3, date(2027, 1, 12), BERLIN) == 3
    assert store.streak(1, date(2027, 1, 12), BERLIN) == 4


def test_streak_of_an_empty_history_is_zero(store: HistoryStore) -> None:
    add_session(store, T0, work_seconds=60)  # too short to count
    assert store.streak(1, date(2026, 1, 5), BERLIN) == 0
    with pytest.raises(ValueError):
        store.streak(0, date(2026, 1, 5), BERLIN)


STREAK_FIRST_DAY = date(2025, 3, 3)


@settings(derandomize=True, max_examples=50, deadline=None, database=None)
@given(
    sessions=st.lists(
        st.tuples(
            st.integers(0, 420),  # days after the first day
            st.sampled_from([7, 19, 23]),  # 23:30 on a Sunday is still that week in Berlin
            st.sampled_from([SessionStatus.COMPLETED, SessionStatus.ENDED_EARLY]),
        ),
        max_size=120,
    ),
    today=st.integers(0, 440),
)
def test_streak_agrees_with_counting_every_week(
    tmp_path_factory: pytest.TempPathFactory,
    sessions: list[tuple[int, int, SessionStatus]],
    today: int,
) -> None:
    """The newest-first walk gives what counting each week and walking back gives."""
    first = STREAK_FIRST_DAY
    with open_store(tmp_path_factory.mktemp("streak") / "history.sqlite3") as store:
        with store.batch():
            for day, hour, status in sessions:
                when = datetime.combine(first + timedelta(days=day), datetime.min.time(), BERLIN)
                _session(store, when + timedelta(hours=hour, minutes=30), status)
        on = first + timedelta(days=today)
        counts = store.week_counts(first - weeks.ONE_WEEK, on, BERLIN)
        mapping = {wc.week: wc.count for wc in counts}
        for goal in (1, 2, 3, 5):
            expected = weeks.current_streak(mapping, goal, on)
            assert store.streak(goal, on, BERLIN) == expected, goal


def test_streak_ignores_sessions_after_this_week(store: HistoryStore) -> None:
    monday = date(2026, 1, 5)
    _weekly(store, [monday - timedelta(weeks=1), monday + timedelta(weeks=1)])
    assert store.streak(1, monday, BERLIN) == 1  # the later session does not fill this week


def test_measurement_trends_are_the_points_or_monthly_means(store: HistoryStore) -> None:
    values: list[tuple[date, int]] = []
    for n in range(40):  # weekly, some late in the evening (the stored local date counts)
        when = datetime(2025, 1, 6, 23, 30, tzinfo=NEW_YORK) + timedelta(weeks=n)
        store.add_measurement("prone", "left", 20 + n % 7, when)
        values.append((when.date(), 20 + n % 7))
    store.add_measurement("seated", "right", 41, T0)
    trends = store.measurement_trends(most_points=30)
    prone_left = trends[("prone", Side.LEFT)]
    assert prone_left.averaged_by == "month" and prone_left.count == 40
    assert prone_left.points == monthly_means(values)
    assert prone_left.latest == values[-1]
    assert trends[("seated", Side.RIGHT)] == MeasurementTrend(
        [(T0.date(), 41.0)], None, 1, (T0.date(), 41)
    )
    assert trends[("prone", Side.RIGHT)] == MeasurementTrend([], None, 0, None)
    assert trends == trends_of(store.measurement_series(), 30)
    assert store.measurement_trends(most_points=40) == trends_of(store.measurement_series(), 40)
    assert store.measurement_trends(most_points=40)[("prone", Side.LEFT)].averaged_by is None
    by_quarter = store.measurement_trends(most_points=30, most_months=5)[("prone", Side.LEFT)]
    assert by_quarter == trends_of(store.measurement_series(), 30, 5)[("prone", Side.LEFT)]
    assert by_quarter.averaged_by == "quarter"
    first_quarter = [deg for day, deg in values if day < date(2025, 4, 1)]
    assert by_quarter.points[0] == (date(2025, 2, 15), round(sum(first_quarter) / 13, 1))
    assert len(first_quarter) == 13 and len(by_quarter.points) == 4


def test_the_monthly_summary_follows_every_change_to_measurements(store: HistoryStore) -> None:
    first = store.add_measurement("prone", "left", 30, T0)
    store.add_measurement("prone", "left", 34, T0 + timedelta(days=40))
    conn = store._conn
    with store.batch():  # nothing in the app edits or deletes measurements; the summary copes
        conn.execute("UPDATE measurements SET degrees = 20, side = 'right' WHERE id = ?", (first,))
        store.add_measurement("prone", "right", 25, T0 + timedelta(days=1))
    assert store.measurement_trends(0) == trends_of(store.measurement_series(), 0)
    conn.execute("DELETE FROM measurements WHERE id = ?", (first,))
    assert store.measurement_trends(0) == trends_of(store.measurement_series(), 0)
    rows = conn.execute("SELECT test, side, month, total, n FROM measurement_months").fetchall()
    assert sorted(rows) == [
        ("prone", "left", "2026-02", 34, 1),
        ("prone", "right", "2026-01", 25, 1),
    ]


def test_the_data_stamp_changes_with_every_write_from_any_connection(
    store: HistoryStore,
) -> None:
    stamp = store.data_stamp()
    store.sessions(), store.totals(), store.streak(1, T0.date(), BERLIN)
    assert store.data_stamp() == stamp  # reading changes nothing
    _session(store, T0)
    assert store.data_stamp() != stamp
    stamp = store.data_stamp()
    with HistoryStore.open(store.path, verify=False) as other:
        other.add_measurement("prone", "left", 30, T0)
    assert store.data_stamp() != stamp


def test_totals_and_first_session_date(store: HistoryStore) -> None:
    assert store.totals().sessions == 0 and store.totals().first_session_date is None
    assert store.first_session_date() is None
    first = datetime(2025, 12, 31, 23, 30, tzinfo=NEW_YORK)  # Jan 1 in UTC
    _session(store, first)
    _session(store, T0, "ended_early")
    _session(store, T0 + timedelta(days=1), "incomplete")
    discarded = _session(store, datetime(2025, 1, 1, 9, 0, tzinfo=UTC), "incomplete")
    store.discard_session(discarded)

    store.begin_session("full", "Full", "h", "left", T0 + timedelta(days=2))  # no step: not one
    totals = store.totals()
    assert (totals.sessions, totals.workouts) == (3, 3)  # each did 25 minutes of exercise
    assert totals.active_minutes == pytest.approx(50.0)  # 2 × 1500 s; the open one has 0
    assert totals.first_session_date == date(2025, 12, 31)
    assert store.first_session_date(UTC) == date(2026, 1, 1)


def test_view_queries_use_indexes(store: HistoryStore) -> None:
    """Every query the history view runs reads tables through an index, never a full scan."""
    _weekly(store, [date(2026, 1, 5), date(2026, 1, 12)])
    session_id = store.sessions()[0].id
    store.add_measurement("prone", "left", 30, T0)
    statements: list[str] = []
    conn = store._conn
    conn.set_trace_callback(statements.append)
    store.sessions()
    store.session_steps(session_id)
    store.week_counts(date(2026, 1, 5), date(2026, 3, 2), BERLIN)
    store.streak(1, date(2026, 1, 14), BERLIN)
    store.totals()
    store.measurement_series()
    store.measurement_trends(0)
    store.measurement_trends(150)
    store.incomplete_sessions()
    conn.set_trace_callback(None)

    assert len(statements) >= 8
    for sql in statements:
        plan = [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
        full_scans = [
            line
            for line in plan
            if re.match(r"SCAN (sessions|steps|measurements|s)\b", line) and "INDEX" not in line
        ]
        assert full_scans == [], (sql, plan)


# -- keys: every write idempotent, one row per step, claims --------------------------------------


def test_beginning_again_with_the_same_key_adds_nothing(store: HistoryStore) -> None:
    first = store.begin_session("full", "Full", "h", "left", T0, key="k1", planned_steps=8)
    again = store.begin_session("full", "Full", "h", "left", T0, key="k1", planned_steps=8)
    assert first == again == store.session_id_for("k1")
    assert store.sessions() == []  # no step saved yet: not listed as a session
    store.record_step(first, Outcome(0), T0)
    [row] = store.sessions()
    assert (row.key, row.planned_steps, row.steps_of) == ("k1", 8, 8)
    assert store.session_by_key("k1") == row and store.session_by_key("k2") is None
    with pytest.raises(UnknownSessionError, match="'k2'"):
        store.session_id_for("k2")


def test_a_step_recorded_twice_keeps_its_last_outcome(store: HistoryStore) -> None:
    session_id = store.begin_session("full", "Full", "h", "left", T0, planned_steps=3)
    first = store.record_step(session_id, Outcome(0, status="skipped"), T0)
    store.record_step(session_id, Outcome(1), T0 + timedelta(minutes=1))
    again = store.record_step(
        session_id, Outcome(0, actual_seconds=61.0), T0 + timedelta(minutes=2)
    )
    assert first == again
    steps = store.session_steps(session_id)
    assert [(s.step_index, s.status, s.actual_seconds) for s in steps] == [
        (0, "done", 61.0),
        (1, "done", 75.5),
    ]
    assert steps[0].ended_at == T0 + timedelta(minutes=2)
    row = store.session(session_id)
    assert (row.steps_done, row.steps_skipped, row.steps_of) == (2, 0, 3)


def test_a_test_step_replayed_keeps_one_measurement_with_its_last_degrees(
    store: HistoryStore,
) -> None:
    session_id = store.begin_session("full", "Full", "h", "left", T0)
    step = Outcome(0, "prone-ir-test", "Prone test", Kind.TEST, Side.LEFT, measurement=30)
    store.record_step(session_id, step, T0)
    store.record_step(session_id, step, T0)  # the same write again (a retry, a replay)
    store.record_step(session_id, replace(step, measurement=33), T0 + timedelta(minutes=5))
    [measurement] = store.measurements()
    assert (measurement.degrees, measurement.taken_at) == (33, T0 + timedelta(minutes=5))
    assert store.measurement_trends(0) == trends_of(store.measurement_series(), 0)
    month = store._conn.execute("SELECT total, n FROM measurement_months").fetchall()
    assert month == [(33, 1)]


def test_a_measurement_added_again_with_its_key_is_kept_once(store: HistoryStore) -> None:
    first = store.add_measurement("prone", "left", 30, T0, key="m1")
    assert store.add_measurement("prone", "left", 30, T0, key="m1") == first
    assert [m.id for m in store.measurements()] == [first]


def test_each_step_carries_the_active_time_so_far(store: HistoryStore) -> None:
    """A session that never finishes (a crash) still shows the time of its saved steps."""
    session_id = store.begin_session("full", "Full", "h", "left", T0)
    store.record_step(session_id, Outcome(0, actual_seconds=60.0), T0, active_seconds=560.0)
    store.record_step(session_id, Outcome(1, actual_seconds=60.0), T0, active_seconds=620.0)
    assert store.session(session_id).active_seconds == 620.0
    assert store.totals().active_minutes == pytest.approx(620 / 60)
    with pytest.raises(ValueError, match="negative"):
        store.record_step(session_id, Outcome(2), T0, active_seconds=-1.0)
    assert len(store.session_steps(session_id)) == 2


@pytest.mark.parametrize("planned", [-1, 2.5, True, "8"])
def test_planned_steps_must_be_a_count(store: HistoryStore, planned: object) -> None:
    with pytest.raises(ValueError, match="planned steps"):
        store.begin_session("full", "Full", "h", "left", T0, planned_steps=planned)  # type: ignore[arg-type]
    assert store.session_count() == 0


def test_a_claim_is_taken_only_from_the_claim_seen(store: HistoryStore) -> None:
    session_id = store.begin_session("full", "Full", "h", "left", T0, claim="old")
    assert store.claim_session(session_id, "mine", replacing=None) is False
    assert store.claim_session(session_id, "mine", replacing="old") is True
    assert store.claim_session(session_id, "theirs", replacing="old") is False  # lost the race
    [left] = store.incomplete_sessions()
    assert left.claimed_by == "mine"
    store.finish_session(session_id, T0, "incomplete", 10.0)  # left to resume: let go
    [left] = store.incomplete_sessions()
    assert left.claimed_by is None
    store.finish_session(session_id, T0, "completed", 10.0)
    assert store.claim_session(session_id, "late", replacing=None) is False  # not unfinished
    with pytest.raises(UnknownSessionError):
        store.claim_session(999, "mine", replacing=None)


def test_resumable_sessions_leave_out_those_a_running_hiptimer_has(store: HistoryStore) -> None:
    from hiptimer.core.history import claims

    playing = store.begin_session("a", "A", "h", "left", T0, claim=claims.this_process())
    crashed = store.begin_session("b", "B", "h", "left", T0, claim="elsewhere:x:1:1")
    left = store.begin_session("c", "C", "h", "left", T0)
    assert [s.session_id for s in store.incomplete_sessions()] == [left, crashed, playing]
    assert [s.session_id for s in store.resumable_sessions()] == [left, crashed]
    assert store.resumable_sessions()[1].session_key == store.session(crashed).key


def test_each_set_of_each_side_is_its_own_step_row(store: HistoryStore) -> None:
    when = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)
    session = store.begin_session("sets", "Sets", "h", "both", when)
    played = [(Side.RIGHT, 1, 3), (Side.RIGHT, 2, 3), (Side.RIGHT, 3, 3), (Side.LEFT, 1, 2)]
    for index, (side, number, count) in enumerate(played):
        outcome = make_outcome(index, side=side, set_number=number, set_count=count)
        store.record_step(session, outcome, when + timedelta(minutes=index))
    rows = store.session_steps(session)
    assert [(r.side, r.set_number, r.set_count) for r in rows] == played
    assert [r.set_number for r in store.all_steps()] == [1, 2, 3, 1]


@pytest.mark.parametrize(("number", "count"), [(11, 11), (0, 1), (3, 2), (True, 1)])
def test_a_set_number_outside_the_limits_is_refused(store: HistoryStore, number, count) -> None:
    when = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)
    session = store.begin_session("sets", "Sets", "h", "left", when)
    with pytest.raises(ValueError, match="set"):
        store.record_step(session, make_outcome(set_number=number, set_count=count), when)
    assert store.session_steps(session) == []
