"""What the report says, gathered from a history: golden values for an empty history, one
session and ten years, the period, the bars, the prescription, the flags and the notes."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from hiptimer.core.history.measurements import normal_ranges
from hiptimer.core.history.report.gather import gather
from hiptimer.core.history.report.model import ReportData
from hiptimer.core.history.report.routines import FROM_HERE, KEPT, UNREADABLE
from hiptimer.core.history.store import HistoryStore
from hiptimer.core.routines.model import Side
from tests.fakes import builtin_catalog
from tests.report_seed import prescribed_routine, record, seed_weeks, seed_years

TZ = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 2, 16)  # a Monday


def report(store: HistoryStore, **kwargs) -> ReportData:
    catalog = builtin_catalog()
    values = {
        "source": "Test history",
        "normals": normal_ranges(catalog.library),
        "library": catalog.library,
        "routines_here": {r.id: r for r in catalog.routines},
        "goal": 3,
        "goal_text": "as set in hiptimer's Settings",
        "today": TODAY,
        "tz": TZ,
        **kwargs,
    }
    return gather(store, **values)


def test_an_empty_history_reports_twelve_weeks_of_nothing(store: HistoryStore) -> None:
    data = report(store)
    assert data.period_text == "1 Dec 2025 – 16 Feb 2026 (78 days, 12 weeks)"
    assert data.summary == (
        "Sessions: 0 (0 counted as workouts, 0 check-ins, 0 ended early).",
        "Time exercising: 0 min in all.",
        "Workouts a week: 0.0 on average against a goal of 3.",
    )
    assert data.bucket_unit == "week" and len(data.buckets) == 12
    assert [b.done + b.other for b in data.buckets] == [0] * 12
    assert data.buckets[-1].label == "16 Feb*" and data.buckets[-1].planned == pytest.approx(3 / 7)
    assert data.buckets[0].planned == 3
    assert data.routines == ()
    assert data.pain_text == "No pain rated after sessions in this period."
    assert [chart.summary for chart in data.rom] == [
        (
            "Left: not measured in this period.",
            "Right: not measured in this period.",
            "Normal 45°.",
        ),
        (
            "Left: not measured in this period.",
            "Right: not measured in this period.",
            "Normal 30–45°.",
        ),
    ]
    assert (data.flags, data.notes, data.goal) == ((), (), 3)


def test_one_session_is_reported_from_its_first_day(store: HistoryStore) -> None:
    started = datetime(2026, 2, 10, 18, 0, tzinfo=TZ)
    record(store, prescribed_routine(), started, pain=6, note="Tight,\n  then easier.")
    store.add_measurement("seated", "left", 28, started - timedelta(minutes=5), note="helper")
    data = report(store)
    assert data.period_text == "10 Feb 2026 – 16 Feb 2026 (7 days, 1 week)"
    [session] = store.sessions()
    minutes = round(session.active_seconds / 60)
    assert data.summary == (
        "Sessions: 1 (1 counted as workouts, 0 check-ins, 0 ended early).",
        f"Time exercising: {minutes} min in all, {minutes} min a session on average.",
        "Workouts a week: 1.0 on average against a goal of 3.",
    )
    assert (data.goal, data.goal_text) == (
        3,
        "prescribed by Ana Ruiz, physiotherapist for “Left hip, from Ana”",
    )
    assert [(b.label, b.done, b.other) for b in data.buckets] == [
        ("9 Feb*", 1, 0),
        ("16 Feb*", 0, 0),
    ]
    [routine] = data.routines
    assert (routine.name, routine.sessions, routine.workouts, routine.origin) == (
        "Left hip, from Ana",
        1,
        1,
        KEPT,
    )
    assert [(line.exercise, line.dose) for line in routine.lines] == [
        ("Deep glute release", "60–120 s"),
        ("Lying figure 4 stretch", "2 sets: hold 60 s"),
        ("Seated internal rotation", "20 reps, hold 3–5 s each"),
    ]
    assert routine.comparison == (
        "Done 1.0 times a week over 1 finished week; 0 of 1 weeks met the 3 prescribed."
    )
    assert [(f.day, f.text) for f in data.flags] == [
        (date(2026, 2, 10), "Left hip, from Ana: pain 6/10 afterwards")
    ]
    assert [n.text for n in data.notes] == [
        "Left hip, from Ana: Tight, then easier.",
        "left seated test, 28°: helper",
    ]
    seated = data.rom[1]
    assert seated.points == {Side.LEFT: ((date(2026, 2, 10), 28),), Side.RIGHT: ()}
    assert seated.summary[0] == "Left: 28° → 28° (1 measurement); below normal."
    assert data.pain == ((date(2026, 2, 10), 6),)


def test_ten_years_report_in_years_with_every_figure_from_the_history(store: HistoryStore) -> None:
    sessions = seed_years(store, date(2026, 6, 1), 10, TZ)
    data = report(store, since=date(2016, 6, 1), today=date(2026, 6, 1))
    assert sessions == 1344
    assert data.period_text == "1 Jun 2016 – 1 Jun 2026 (3653 days, 522 weeks)"
    assert data.summary == (
        "Sessions: 1344 (1344 counted as workouts, 0 check-ins, 67 ended early).",
        "Time exercising: 145 h 37 min in all, 7 min a session on average.",
        "Workouts a week: 2.6 on average against a goal of 3.",
    )
    assert data.bucket_unit == "year"
    assert [b.label for b in data.buckets] == ["2016*", *map(str, range(2017, 2026)), "2026*"]
    assert sum(b.done for b in data.buckets) == 1344
    assert sum(b.minutes for b in data.buckets) == pytest.approx(145 * 60 + 37, abs=0.5)
    assert data.routines[0].comparison == (
        "Done 2.6 times a week over 522 finished weeks; 324 of 522 weeks met the 3 prescribed."
    )
    # every session ended early and every pain of 6 or more is a flag: 67 + 162
    assert (len(data.flags), data.flags_more) == (12, 67 + 162 - 12)
    assert data.pain_text == (
        "Pain after sessions (0–10), rated 661 times: median 4, highest 7, 162 at 6 or more."
    )
    assert data.rom[0].summary == (
        "Left: 31° → 40° (131 measurements), +9°, beyond the 5° noise; below normal.",
        "Right: 42° → 40° (131 measurements), -2°: within the 5° noise; below normal.",
        "Latest right − left: +0° (about the same).",
        "Normal 45°.",
    )


def test_a_period_given_keeps_only_its_days_and_a_long_one_is_in_months(
    store: HistoryStore,
) -> None:
    seed_weeks(store, date(2025, 9, 1), 24, TZ)
    short = report(store, since=date(2026, 1, 5), until=date(2026, 1, 18))
    assert short.period_text == "5 Jan 2026 – 18 Jan 2026 (14 days, 2 weeks)"
    in_period = [
        s
        for s in store.sessions(limit=None)
        if date(2026, 1, 5) <= s.started_at.astimezone(TZ).date() <= date(2026, 1, 18)
    ]
    assert short.summary[0].startswith(f"Sessions: {len(in_period)} (")
    assert [b.label for b in short.buckets] == ["5 Jan", "12 Jan"]
    long = report(store, since=date(2025, 9, 1), until=date(2026, 2, 15))
    assert long.bucket_unit == "week" and len(long.buckets) == 24
    longer = report(store, since=date(2025, 1, 1), until=date(2026, 2, 15))
    assert longer.bucket_unit == "month" and longer.buckets[0].label == "Jan 25"
    with pytest.raises(ValueError, match=r"starts .* after it ends"):
        report(store, since=date(2026, 2, 1), until=date(2026, 1, 1))


def test_a_session_without_its_routine_text_is_shown_from_this_computer(
    store: HistoryStore,
) -> None:
    daily = builtin_catalog().find("daily")
    started = datetime.combine(TODAY, time(8), tzinfo=TZ)
    session = store.begin_session(daily.id, daily.name, "old-hash", "left", started)
    from tests.fakes import make_outcome

    store.record_step(session, make_outcome(0), started + timedelta(minutes=2))
    [routine] = report(store).routines
    assert routine.origin == FROM_HERE
    assert routine.lines[0].exercise == "Deep glute release"
    [unknown] = report(store, routines_here={}).routines
    assert unknown.lines == () and "does not have it" in unknown.origin


def test_a_kept_text_that_does_not_read_is_said_so(store: HistoryStore) -> None:
    started = datetime.combine(TODAY, time(8), tzinfo=TZ)
    session = store.begin_session(
        "odd", "Odd one", "h-odd", "left", started, routine_text="format: 1\nroutines: [x]\n"
    )
    from tests.fakes import make_outcome

    store.record_step(session, make_outcome(0), started + timedelta(minutes=2))
    [routine] = report(store, routines_here={}).routines
    assert (routine.name, routine.lines, routine.origin) == ("Odd one", (), UNREADABLE)


def test_a_long_record_is_drawn_as_means_but_told_from_every_measurement(
    store: HistoryStore,
) -> None:
    seed_years(store, date(2026, 6, 1), 10, TZ)
    data = report(store, since=date(2016, 6, 1), today=date(2026, 6, 1))
    prone = data.rom[0]
    assert prone.averaged_by == "quarter"
    assert all(len(points) <= 41 for points in prone.points.values())
    assert prone.summary[0].startswith("Left: 31° → 40° (131 measurements)")  # raw, not means
    assert data.pain_averaged_by == "quarter" and len(data.pain) <= 41
    year = report(store, since=date(2025, 6, 2), today=date(2026, 6, 1))
    assert year.pain_averaged_by == "" and len(year.pain) > 60  # a year of ratings, as they are
    assert year.rom[0].averaged_by == ""
