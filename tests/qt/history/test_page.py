"""The history tab: sessions, weeks against the goal, the streak, totals, progress, problems."""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from hiptimer.core.history.store import HistoryStore, open_history
from hiptimer.core.paths import AppPaths
from hiptimer.core.routines.model import Kind, Side
from hiptimer.qt.context import AppContext
from hiptimer.qt.history.chart import EMPTY_TEXT
from hiptimer.qt.history.dialogs import LogMeasurementDialog
from hiptimer.qt.history.page import NO_HISTORY_TEXT, NO_SESSIONS_TEXT, HistoryPage
from tests.fakes import add_session, builtin_catalog, empty_catalog, make_ctx, make_outcome

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

TZ = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 5, 28)  # a Thursday; its week starts on Monday 25 May


def _session(store: HistoryStore, day: date, status: str = "completed", hour: int = 19) -> int:
    started = datetime(day.year, day.month, day.day, hour, 0, tzinfo=TZ)
    return add_session(store, started, status, work_seconds=1800)


@pytest.fixture
def store(store: HistoryStore) -> HistoryStore:
    """Workouts: W19 (4 May) 1, W20 (11 May) 4 (one ended early after enough exercise),
    W21 (18 May) 3, this week 2; plus a discarded one."""
    history = store
    for day in (date(2026, 5, 4),):
        _session(history, day)
    for day in (date(2026, 5, 11), date(2026, 5, 13), date(2026, 5, 17)):
        _session(history, day)
    _session(history, date(2026, 5, 14), "ended_early")
    _session(history, date(2026, 5, 15), "discarded")
    # Sunday 23:30 in Berlin is already Monday in UTC: it still counts for the 18 May week
    for day, hour in ((date(2026, 5, 18), 19), (date(2026, 5, 20), 19), (date(2026, 5, 24), 23)):
        _session(history, day, hour=hour)
    last = None
    for day in (date(2026, 5, 25), date(2026, 5, 27)):
        last = _session(history, day)
    history.set_feedback(last, 3, "")
    history.add_measurement("prone", "left", 22, datetime(2026, 5, 4, 20, tzinfo=TZ))
    history.add_measurement("prone", "right", 35, datetime(2026, 5, 4, 20, tzinfo=TZ))
    history.add_measurement("prone", "left", 27, datetime(2026, 5, 25, 20, tzinfo=TZ))
    return history


@pytest.fixture
def ctx(app_paths: AppPaths, store: HistoryStore, writes) -> AppContext:
    return make_ctx(app_paths, catalog=empty_catalog(), history=store, writes=writes)


def _page(qtbot, ctx: AppContext, problem: str | None = None) -> HistoryPage:
    page = HistoryPage(ctx, problem, today=lambda: TODAY, tz=TZ)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    return page


def test_lists_sessions_newest_first_without_discarded_ones(qtbot, ctx) -> None:
    page = _page(qtbot, ctx)
    model = page.sessions_model
    assert model.rowCount() == 10
    assert page.sessions_title.text() == "Sessions (10)"
    newest = [model.index(0, column).data() for column in range(model.columnCount())]
    assert newest == ["Wed 27 May 2026 19:00", "Full program", "Both", "30:00", "Completed",
                      "3/10", "1 of 1"]  # fmt: skip
    statuses = {model.index(row, 4).data() for row in range(model.rowCount())}
    assert statuses == {"Completed", "Ended early"}
    assert page.sessions_stack.currentWidget() is page.sessions_view


def test_weeks_streak_and_totals(qtbot, ctx) -> None:
    page = _page(qtbot, ctx)
    cells = [week.text for week in page.calendar.weeks]
    assert len(cells) == 4  # from the first session's week (4 May): no weeks before it
    assert cells[-1] == "This week\n2 of 3"
    assert cells[-2] == "W21\n3 of 3 ✓"
    assert cells[-3] == "W20\n4 of 3 ✓"  # ended early after enough exercise: it counts
    assert cells[-4] == "W19\n1 of 3"
    # this week is not over, so it does not break the streak: W20 and W21
    assert page.streak == 2
    assert page.streak_label.text().startswith("Streak: 2 weeks in a row")
    assert "This week: 2 of 3." in page.streak_label.text()
    assert page.totals_label.text().startswith("10 sessions · 10 workouts · 5 h 00 min")
    assert "since 4 May 2026" in page.totals_label.text()


def test_the_goal_spin_box_saves_the_setting_and_recounts(qtbot, ctx) -> None:
    page = _page(qtbot, ctx)
    assert page.goal.value() == 3
    page.goal.setValue(2)
    assert ctx.settings.weekly_goal == 2
    saved = json.loads(ctx.paths.settings_file.read_text(encoding="utf-8"))
    assert saved["weekly_goal"] == 2
    assert page.streak == 3  # this week now meets the goal too; W19 (1) ends it
    assert page.calendar.weeks[-1].text == "This week\n2 of 2 ✓"
    page.goal.setValue(4)
    assert page.streak == 0
    assert page.streak_label.text().startswith("No streak yet — complete 4 sessions")


def test_refresh_picks_up_new_sessions_measurements_and_settings(qtbot, ctx, store) -> None:
    page = _page(qtbot, ctx)
    _session(store, date(2026, 5, 28))
    store.add_measurement("seated", Side.RIGHT, 33, datetime(2026, 5, 28, 8, tzinfo=TZ))
    ctx.settings.weekly_goal = 5
    page.refresh()
    assert page.sessions_model.rowCount() == 11
    assert page.calendar.weeks[-1].text == "This week\n3 of 5"
    assert page.goal.value() == 5
    seated = {s.objectName(): s for s in page.chart.chart("seated").series()}
    assert seated["seated-right"].count() == 1


def test_refresh_reads_nothing_again_until_the_file_changes(qtbot, ctx, store) -> None:
    page = _page(qtbot, ctx)
    statements: list[str] = []
    store._conn.set_trace_callback(statements.append)
    page.refresh()
    assert not [sql for sql in statements if "data_version" not in sql]
    with HistoryStore.open(store.path, verify=False) as other:  # another copy of the app
        add_session(other, datetime(2026, 5, 28, 7, tzinfo=TZ))
    page.refresh()
    store._conn.set_trace_callback(None)
    assert page.sessions_model.rowCount() == 11
    assert page.calendar.weeks[-1].text == "This week\n3 of 3 ✓"


def test_the_chart_shows_the_measurements_from_the_first_session(qtbot, ctx) -> None:
    page = _page(qtbot, ctx)
    series = {s.objectName(): s for s in page.chart.chart("prone").series()}
    assert series["prone-left"].count() == 2
    assert series["prone-right"].count() == 1
    assert "Started 4 May 2026" in series["prone-started"].name()
    assert page.chart.difference_labels["prone"].text().startswith("Right − left: +8°")


def test_a_session_row_opens_its_steps(qtbot, ctx, store) -> None:
    session = store.sessions()[0].id
    store.record_step(
        session,
        make_outcome(
            0,
            "swivel-chair",
            "Swivel chair",
            Kind.REPS,
            planned_reps=20,
            actual_reps=20,
            actual_seconds=61.0,
        ),
        datetime(2026, 5, 27, 19, 5, tzinfo=TZ),
    )
    page = _page(qtbot, ctx)
    page.show()
    page.sessions_view.select_row(0)
    qtbot.mouseClick(page.steps_button, Qt.MouseButton.LeftButton)
    dialog = page.details_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "Swivel chair"
    dialog.close()


def test_log_measurement_stores_it_and_redraws_the_chart(qtbot, ctx, store, monkeypatch) -> None:
    page = _page(qtbot, ctx)

    def fill_in_and_ok(dialog: LogMeasurementDialog) -> int:
        dialog.test.setCurrentIndex(dialog.test.findData("seated"))
        dialog.side.setCurrentIndex(dialog.side.findData("left"))
        dialog.degrees.setValue(41)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(LogMeasurementDialog, "exec", fill_in_and_ok)
    page.show()
    qtbot.waitExposed(page)
    assert page.log_measurement() is True  # handed to the writer; drawn once it is saved

    def drawn() -> list[float]:
        seated = {s.objectName(): s for s in page.chart.chart("seated").series()}
        return [p.y() for p in seated["seated-left"].points()]

    qtbot.waitUntil(lambda: drawn() == [41], timeout=10000)
    assert store.measurement_series()[("seated", Side.LEFT)] == [(TODAY, 41)]
    monkeypatch.setattr(LogMeasurementDialog, "exec", lambda dialog: 0)  # cancelled
    assert page.log_measurement() is False


def test_an_empty_history_says_what_to_do_first(qtbot, app_paths, tmp_path) -> None:
    empty, _ = open_history(tmp_path / "empty.sqlite3")
    ctx = make_ctx(app_paths, catalog=empty_catalog(), history=empty)
    page = _page(qtbot, ctx)
    assert page.sessions_stack.currentWidget() is page.sessions_empty
    assert page.sessions_empty.text() == NO_SESSIONS_TEXT
    assert page.chart.stack.currentWidget() is page.chart.empty_label
    assert page.chart.empty_label.text() == EMPTY_TEXT
    assert page.streak_label.text().startswith("No streak yet")
    assert page.calendar.isHidden()
    assert page.banner.isHidden()
    empty.close()


def test_a_refused_history_shows_the_problem_banner(qtbot, app_paths) -> None:
    message = "The history file was written by a newer version of hiptimer. It was left untouched."
    ctx = make_ctx(app_paths, catalog=empty_catalog())
    page = _page(qtbot, ctx, message)
    assert not page.banner.isHidden()
    assert page.banner.text() == message
    assert page.body.currentWidget() is page.unavailable
    assert page.unavailable.text() == NO_HISTORY_TEXT
    assert page.log_measurement() is False
    page.set_problem(None)
    assert page.banner.isHidden()


def test_a_moved_aside_history_shows_the_banner_above_the_new_empty_history(qtbot, ctx) -> None:
    page = _page(qtbot, ctx, "The history file could not be used. It was kept as x.corrupt.")
    assert not page.banner.isHidden()
    assert page.body.currentWidget() is page.content


def test_the_normal_ranges_come_from_the_exercise_library(qtbot, app_paths, store) -> None:
    with_library = _page(qtbot, make_ctx(app_paths, catalog=builtin_catalog(), history=store))
    band = {s.objectName(): s for s in with_library.chart.chart("prone").series()}["prone-normal"]
    assert band.name() == "Normal 45° (band 43–47°)"
    without = _page(qtbot, make_ctx(app_paths, catalog=empty_catalog(), history=store))
    assert "prone-normal" not in {s.objectName() for s in without.chart.chart("prone").series()}


def test_the_log_dialog_shows_the_library_normal_range(
    qtbot, app_paths, store, writes, monkeypatch
):
    page = _page(
        qtbot, make_ctx(app_paths, catalog=builtin_catalog(), history=store, writes=writes)
    )
    seen: list[str] = []

    def look_and_cancel(dialog: LogMeasurementDialog) -> int:
        dialog.test.setCurrentIndex(dialog.test.findData("seated"))
        seen.append(dialog.normal.text())
        return 0

    monkeypatch.setattr(LogMeasurementDialog, "exec", look_and_cancel)
    assert page.log_measurement() is False
    assert seen == ["Normal 30–45°"]


def test_the_main_routines_target_is_the_weekly_goal(qtbot, app_paths, store) -> None:
    ctx = make_ctx(app_paths, history=store)
    ctx.settings.main_routine = "daily"  # a target of 3 a week for 6 weeks
    ctx.settings.weekly_goal = 5
    page = _page(qtbot, ctx)
    assert page.goal.value() == 3 and not page.goal.isEnabled()
    assert "daily" in page.goal.toolTip().lower()
    ctx.settings.main_routine = ""
    page.refresh()
    assert page.goal.value() == 5 and page.goal.isEnabled()


def test_pain_is_charted_over_time_next_to_the_measurements(qtbot, ctx) -> None:
    page = _page(qtbot, ctx)
    series = page.pain_chart.chart().series()
    line = next(s for s in series if s.objectName() == "pain")
    assert [p.y() for p in line.points()] == [3]  # one rated session in the fixture
    assert not page.pain_chart.isHidden()
    # Its numbers stay numbers in a low chart: 0, 5 and 10, never elided to "…".
    [_x, y] = page.pain_chart.chart().axes()
    assert (y.tickCount(), y.truncateLabels()) == (3, False)
    assert all(not axis.truncateLabels() for axis in page.chart.chart("seated").axes())
