"""A session played in the window is written to history step by step and can be resumed."""

from __future__ import annotations

import pytest

from hiptimer.core.catalog import load_catalog
from hiptimer.core.history import open_history
from hiptimer.core.model import SideChoice
from hiptimer.core.paths import AppPaths, builtin_routines_dir
from hiptimer.core.session import SessionState
from hiptimer.core.settings import Settings
from hiptimer.qt.context import AppContext
from hiptimer.qt.main_window import MainWindow


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def ctx(app_paths: AppPaths, clock: FakeClock):
    store, message = open_history(app_paths.history_file)
    assert message is None
    context = AppContext(paths=app_paths,
                         catalog=load_catalog(builtin_routines_dir(), app_paths.user_routines_dir),
                         settings=Settings(), clock=clock)
    context.history = store
    yield context
    store.close()


def advance(window: MainWindow, clock: FakeClock, seconds: float) -> None:
    """Move the fake clock on in small hops, letting the runner catch up each time."""
    end = clock.now + seconds
    while clock.now < end and window.controller is not None \
            and window.controller.session.state is SessionState.RUNNING:
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
    assert [s.exercise_id for s in ctx.history.session_steps(session_id)] == [
        "deep-glutes-release"]
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
    window.summary.rate_pain.setChecked(True)
    window.summary.pain.setValue(3)
    window.summary.note.setText("Tight on the right")
    window.summary.save_button.click()
    row = ctx.history.session(row.id)
    assert (row.pain, row.note) == (3, "Tight on the right")
    assert window.stack.currentWidget() is window.home


def test_closing_mid_session_keeps_it_incomplete_and_resume_continues_it(
        qtbot, ctx, clock) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.start_routine(ctx.catalog.find("daily"), SideChoice.LEFT)
    session_id = window.controller.session_id
    advance(window, clock, 400)  # two steps done
    window.close()
    [left] = ctx.history.incomplete_sessions()
    assert left.session_id == session_id and left.last_step_index == 1

    second = MainWindow(ctx)
    qtbot.addWidget(second)
    second.resume_session(ctx.catalog.find("daily"), left.side_choice,
                          left.last_step_index + 1, left.session_id)
    assert second.controller.session.snapshot(clock.now).step_index == 2
    advance(second, clock, 5000)
    row = ctx.history.session(session_id)
    assert row.status == "completed"
    assert [s.step_index for s in ctx.history.session_steps(session_id)] == [0, 1, 2, 3, 4]
    assert ctx.history.incomplete_sessions() == []


def test_rehearsal_speed_is_not_recorded(qtbot, ctx, clock) -> None:
    window = MainWindow(ctx, speed=200)
    qtbot.addWidget(window)
    window.start_routine(ctx.catalog.find("daily"), SideChoice.LEFT)
    assert window.controller.session_id is None
    assert "not recorded" in window.player.speed_label.text()
    advance(window, clock, 60)
    assert ctx.history.sessions() == []


def test_resume_is_offered_for_a_left_session_but_not_while_one_plays(
        qtbot, ctx, clock, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from hiptimer.qt import app as app_module

    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.start_routine(ctx.catalog.find("daily"), SideChoice.LEFT)
    advance(first, clock, 200)
    first.close()  # left after one step

    asked: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        asked.append(box.text())
        box.done(0)
        resume = next(b for b in box.buttons() if b.text() == "&Resume")
        monkeypatch.setattr(box, "clickedButton", lambda: resume)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    playing = MainWindow(ctx)
    qtbot.addWidget(playing)
    playing.start_routine(ctx.catalog.find("assessment"), SideChoice.BOTH)
    app_module.offer_resume(playing, ctx)
    assert asked == []  # never over a session that is already playing
    ctx.history.discard_session(playing.controller.session_id)

    second = MainWindow(ctx)
    qtbot.addWidget(second)
    app_module.offer_resume(second, ctx)
    assert len(asked) == 1 and "Daily hip routine" in asked[0] and "1 step(s)" in asked[0]
    assert second.controller is not None
    assert second.controller.session.snapshot(clock.now).step_index == 1
