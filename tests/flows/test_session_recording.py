"""A session played in the window is written to history step by step and can be resumed."""

from __future__ import annotations

import pytest

from hiptimer.core.history.store import HistoryStore
from hiptimer.core.paths import AppPaths
from hiptimer.core.routines.model import SideChoice
from hiptimer.core.session.events import SessionState
from hiptimer.qt.context import AppContext
from hiptimer.qt.main_window import MainWindow
from tests.fakes import FakeClock, make_ctx


@pytest.fixture
def ctx(app_paths: AppPaths, clock: FakeClock, store: HistoryStore) -> AppContext:
    return make_ctx(app_paths, history=store, clock=clock)


def advance(window: MainWindow, clock: FakeClock, seconds: float) -> None:
    """Move the fake clock on in small hops, letting the runner catch up each time."""
    end = clock.now + seconds
    while (
        clock.now < end
        and window.controller is not None
        and window.controller.session.state is SessionState.RUNNING
    ):
        clock.now = min(end, clock.now + 0.5)
        window.controller.runner.tick()


def test_each_finished_step_is_in_the_store_before_the_next_begins(qtbot, ctx, clock) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.start_routine(ctx.catalog.find("daily"), SideChoice.LEFT)
    session_id = window.controller.session_id
    assert ctx.history.session(session_id).status == "incomplete"
    seen_steps = []

    def on_events(events):
        # When the engine reports a step finished, it is already committed.
        for event in events:
            if event.outcome is not None:
                seen_steps.append(len(ctx.history.session_steps(session_id)))

    window.controller.runner.events.connect(on_events)
    advance(window, clock, 200)  # lead-in, the whole first release, part of the rest
    assert [s.exercise_id for s in ctx.history.session_steps(session_id)] == ["deep-glutes-release"]
    assert seen_steps == [1]
    advance(window, clock, 5000)
    assert window.stack.currentWidget() is window.summary
    row = ctx.history.session(session_id)
    assert row.status == "completed"
    assert row.steps_done == 5 and row.steps_skipped == 0


def test_finish_early_is_recorded_as_ended_early_with_skips(qtbot, ctx, clock) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.start_routine(ctx.catalog.find("daily"), SideChoice.RIGHT)
    advance(window, clock, 30)
    window.finish_session()
    row = ctx.history.session(window.controller.session_id)
    assert row.status == "ended_early"
    assert row.steps_skipped == 1
    window.summary.pain.set_value(3)
    window.summary.note.setText("Tight on the right")
    window.summary.save_button.click()
    row = ctx.history.session(row.id)
    assert (row.pain, row.note) == (3, "Tight on the right")
    assert window.stack.currentWidget() is window.home


def choose_resume(monkeypatch, asked: list[str]) -> None:
    """Answer the resume question with Resume (when offered), remembering what was asked."""
    from PySide6.QtWidgets import QMessageBox

    def fake_exec(box: QMessageBox) -> int:
        asked.append(box.text())
        resume = next((b for b in box.buttons() if b.text() == "&Resume"), None)
        later = next(b for b in box.buttons() if b.text() == "&Later")
        monkeypatch.setattr(box, "clickedButton", lambda: resume or later)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)


def test_closing_mid_session_keeps_it_incomplete_and_resume_continues_it(
    qtbot, ctx, clock, monkeypatch
) -> None:
    from hiptimer.core.routines.model import Side
    from hiptimer.qt import app as app_module

    ctx.settings.limited_side = Side.LEFT
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.start_routine(ctx.catalog.find("daily"), SideChoice.BOTH)  # left first
    session_id = window.controller.session_id
    advance(window, clock, 400)  # the release on both sides and more
    window.close()
    [left] = ctx.history.incomplete_sessions()
    assert left.session_id == session_id
    first_run = left.active_seconds
    assert first_run > 0

    # A right-only session in between makes "right" the remembered side ...
    other = MainWindow(ctx)
    qtbot.addWidget(other)
    other.start_routine(ctx.catalog.find("daily"), SideChoice.RIGHT)
    other_id = other.controller.session_id
    other.close()
    ctx.history.discard_session(other_id)

    # ... but the resumed session keeps its own order: left first on every exercise.
    asked: list[str] = []
    choose_resume(monkeypatch, asked)
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    app_module.offer_resume(second, ctx)
    assert len(asked) == 1
    assert second.controller.session.snapshot(clock.now).step_index == left.last_step_index + 1
    advance(second, clock, 5000)
    row = ctx.history.session(session_id)
    assert row.status == "completed"
    steps = ctx.history.session_steps(session_id)
    assert [s.step_index for s in steps] == list(range(10))
    assert [s.side for s in steps] == [Side.LEFT, Side.RIGHT] * 5
    assert row.active_seconds == pytest.approx(sum(s.actual_seconds for s in steps))
    assert row.active_seconds > first_run
    assert ctx.history.incomplete_sessions() == []


def test_an_edited_routine_is_not_resumed(qtbot, ctx, clock, monkeypatch) -> None:
    from dataclasses import replace

    from hiptimer.qt import app as app_module

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.start_routine(ctx.catalog.find("daily"), SideChoice.LEFT)
    advance(window, clock, 200)
    window.close()
    daily = ctx.catalog.find("daily")
    ctx.catalog.routines[ctx.catalog.routines.index(daily)] = replace(daily, rest=5)
    asked: list[str] = []
    choose_resume(monkeypatch, asked)
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    app_module.offer_resume(second, ctx)
    assert "has been changed since" in asked[0]
    assert second.controller is None


def test_rehearsal_speed_is_not_recorded(qtbot, ctx, clock) -> None:
    window = MainWindow(ctx, speed=200)
    qtbot.addWidget(window)
    window.start_routine(ctx.catalog.find("daily"), SideChoice.LEFT)
    assert window.controller.session_id is None
    assert "not recorded" in window.player.speed_label.text()
    advance(window, clock, 60)
    assert ctx.history.sessions() == []


def test_resume_is_offered_for_a_left_session_but_not_while_one_plays(
    qtbot, ctx, clock, monkeypatch
) -> None:
    from hiptimer.qt import app as app_module

    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.start_routine(ctx.catalog.find("daily"), SideChoice.LEFT)
    advance(first, clock, 200)
    first.close()  # left after one step

    asked: list[str] = []
    choose_resume(monkeypatch, asked)
    playing = MainWindow(ctx)
    qtbot.addWidget(playing)
    playing.start_routine(ctx.catalog.find("assessment"), SideChoice.BOTH)
    app_module.offer_resume(playing, ctx)
    assert asked == []  # never over a session that is already playing
    ctx.history.discard_session(playing.controller.session_id)

    second = MainWindow(ctx)
    qtbot.addWidget(second)
    app_module.offer_resume(second, ctx)
    assert len(asked) == 1 and "Daily hip routine" in asked[0] and "after 1 step." in asked[0]
    assert second.controller is not None
    assert second.controller.session.snapshot(clock.now).step_index == 1


def test_a_busy_history_file_keeps_finished_steps_and_saves_them_when_free(
    qtbot, ctx, clock
) -> None:
    """Another program holds the write lock: nothing is lost, it is saved afterwards."""
    import sqlite3

    ctx.history._conn.execute("PRAGMA busy_timeout = 50")  # fail fast instead of after 5 s
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.start_routine(ctx.catalog.find("daily"), SideChoice.LEFT)
    session_id = window.controller.session_id
    blocker = sqlite3.connect(ctx.paths.history_file, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # holds the write lock
    problems: list[str] = []
    window.controller.record_problem.connect(problems.append)
    advance(window, clock, 300)  # two steps finish while the file is locked
    assert len(window.controller.outcomes) == 2
    assert len(problems) == 1 and "busy" in problems[0]
    blocker.execute("ROLLBACK")
    blocker.close()
    advance(window, clock, 5000)  # the next write flushes the queue first
    steps = ctx.history.session_steps(session_id)
    assert [s.step_index for s in steps] == [0, 1, 2, 3, 4]
    assert ctx.history.session(session_id).status == "completed"
