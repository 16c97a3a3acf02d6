"""A session played in the window is saved step by step, through a busy file, and resumed once."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from hiptimer.core.history import claims
from hiptimer.core.history.store import HistoryStore
from hiptimer.core.history.writer import WriteState
from hiptimer.core.paths import AppPaths
from hiptimer.core.routines.loader import load_text
from hiptimer.core.routines.model import (
    Item,
    Kind,
    Library,
    Range,
    Routine,
    Section,
    Side,
    SideChoice,
)
from hiptimer.core.session.events import EventKind, SessionState
from hiptimer.core.session.resume import RESUMED_ELSEWHERE
from hiptimer.qt.context import AppContext
from hiptimer.qt.history.writes import HistoryWrites
from hiptimer.qt.main_window import MainWindow
from tests.fakes import FakeClock, make_ctx
from tests.real_parts import write_lock_in_another_process

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def ctx(app_paths: AppPaths, clock: FakeClock, store: HistoryStore, writes) -> AppContext:
    return make_ctx(app_paths, history=store, writes=writes, clock=clock)


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


def saved(ctx: AppContext) -> HistoryStore:
    """The history once every write handed over so far is in the file."""
    assert ctx.writes is not None and ctx.writes.writer.flush(10)
    assert ctx.history is not None
    return ctx.history


def session_of(ctx: AppContext, window: MainWindow):
    return saved(ctx).session_by_key(window.controller.session_key)


def test_each_finished_step_is_saved_as_the_session_goes(qtbot, ctx, clock) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.start_routine(ctx.catalog.find("daily"), SideChoice.LEFT)
    row = session_of(ctx, window)
    assert (row.status, row.planned_steps, row.steps_of) == ("incomplete", 5, 5)
    assert saved(ctx).incomplete_sessions()[0].claimed_by == claims.this_process()
    # the routine played is kept with the session, as a file that reads on its own
    text = saved(ctx).routine_texts()[row.routine_hash]
    played = load_text(text, "kept", Library())
    daily = ctx.catalog.find("daily")
    assert played.problems == [] and played.routines[0].name == daily.name
    unlined = [dataclasses.replace(item, line=0) for item in played.routines[0].items]
    assert unlined == [dataclasses.replace(item, line=0) for item in daily.items]
    assert set(played.exercises) == {item.exercise for item in daily.items}
    advance(window, clock, 200)  # lead-in, the whole first release, part of the rest
    steps = saved(ctx).session_steps(row.id)
    assert [s.exercise_id for s in steps] == ["deep-glutes-release"]
    assert session_of(ctx, window).active_seconds == pytest.approx(steps[0].actual_seconds)
    advance(window, clock, 5000)
    assert window.stack.currentWidget() is window.summary
    row = session_of(ctx, window)
    assert row.status == "completed"
    assert (row.steps_done, row.steps_skipped, row.steps_of) == (5, 0, 5)
    assert saved(ctx).resumable_sessions() == []


def test_finish_early_is_recorded_as_ended_early_with_skips(qtbot, ctx, clock) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.start_routine(ctx.catalog.find("daily"), SideChoice.RIGHT)
    advance(window, clock, 30)
    window.finish_session()
    row = session_of(ctx, window)
    assert row.status == "ended_early"
    assert (row.steps_done, row.steps_skipped, row.steps_of) == (0, 1, 5)  # "0 of 5", not 0 of 1
    window.summary.pain.set_value(3)
    window.summary.note.setText("Tight on the right")
    window.summary.save_button.click()
    row = saved(ctx).session(row.id)
    assert (row.pain, row.note) == (3, "Tight on the right")
    assert window.stack.currentWidget() is window.home


def choose(monkeypatch, answer: str, asked: list[str]) -> None:
    """Answer the resume question with ``answer`` (when offered, else Later); remember every
    box's text (the question, and what a window is told when it cannot resume)."""
    from PySide6.QtWidgets import QMessageBox

    def fake_exec(box: QMessageBox) -> int:
        asked.append(box.text())
        chosen = next((b for b in box.buttons() if b.text() == answer), None)
        later = next((b for b in box.buttons() if b.text() == "&Later"), None)
        monkeypatch.setattr(box, "clickedButton", lambda: chosen or later)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setattr(
        QMessageBox, "information", lambda parent, title, text: asked.append(text) or 0
    )


def test_closing_mid_session_keeps_it_incomplete_and_resume_continues_it(
    qtbot, ctx, clock, monkeypatch
) -> None:
    from hiptimer.qt import app as app_module

    ctx.settings.limited_side = Side.LEFT
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.start_routine(ctx.catalog.find("daily"), SideChoice.BOTH)  # left first
    key = window.controller.session_key
    advance(window, clock, 400)  # the release on both sides and more
    window.close()
    [left] = saved(ctx).resumable_sessions()  # let go when the window closed
    assert (left.session_key, left.claimed_by) == (key, None)
    first_run = left.active_seconds
    assert first_run > 0

    # A right-only session in between makes "right" the remembered side ...
    other = MainWindow(ctx)
    qtbot.addWidget(other)
    other.start_routine(ctx.catalog.find("daily"), SideChoice.RIGHT)
    other_key = other.controller.session_key
    other.close()
    saved(ctx).discard_session(saved(ctx).session_id_for(other_key))

    # ... but the resumed session keeps its own order: left first on every exercise.
    asked: list[str] = []
    choose(monkeypatch, "&Resume", asked)
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    app_module.offer_resume(second, ctx)
    assert len(asked) == 1
    assert second.controller.session_key == key
    assert second.controller.session.snapshot(clock.now).step_index == left.last_step_index + 1
    assert saved(ctx).incomplete_sessions()[0].claimed_by == claims.this_process()
    advance(second, clock, 5000)
    row = saved(ctx).session_by_key(key)
    assert row.status == "completed"
    steps = saved(ctx).session_steps(row.id)
    assert [s.step_index for s in steps] == list(range(10))
    assert [s.side for s in steps] == [Side.LEFT, Side.RIGHT] * 5
    assert row.active_seconds == pytest.approx(sum(s.actual_seconds for s in steps))
    assert row.active_seconds > first_run
    assert saved(ctx).incomplete_sessions() == []


def test_a_crashed_session_resumes_with_the_time_of_its_saved_steps(
    qtbot, ctx, clock, monkeypatch
) -> None:
    """A hiptimer killed mid-session: its claim is stale, its time is that of its steps."""
    from hiptimer.qt import app as app_module

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.start_routine(ctx.catalog.find("daily"), SideChoice.LEFT)
    advance(window, clock, 200)
    key = window.controller.session_key
    session_id = saved(ctx).session_id_for(key)
    crashed = claims.this_process().replace(":", ":x", 1)  # the claim of a process now gone
    saved(ctx)._conn.execute("UPDATE sessions SET claim = ? WHERE id = ?", (crashed, session_id))
    window.controller.runner.pause()
    window.controller = None  # the crash: nothing more from this window
    window.close()
    [left] = saved(ctx).resumable_sessions()
    done_before = saved(ctx).session_steps(session_id)[0].actual_seconds
    assert left.active_seconds == pytest.approx(done_before) and left.active_seconds > 0
    assert saved(ctx).totals().active_minutes == pytest.approx(done_before / 60)

    asked: list[str] = []
    choose(monkeypatch, "&Resume", asked)
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    app_module.offer_resume(second, ctx)
    advance(second, clock, 5000)
    row = saved(ctx).session(session_id)
    steps = saved(ctx).session_steps(session_id)
    assert row.status == "completed" and [s.step_index for s in steps] == list(range(5))
    assert row.active_seconds == pytest.approx(sum(s.actual_seconds for s in steps))


def test_a_window_that_comes_second_to_a_resume_is_told_and_plays_nothing(
    qtbot, ctx, clock, monkeypatch
) -> None:
    """The offer was read, then another hiptimer (a real process) took the session first."""
    from hiptimer.qt import app as app_module

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.start_routine(ctx.catalog.find("daily"), SideChoice.LEFT)
    advance(window, clock, 200)
    key = window.controller.session_key
    window.close()
    asked: list[str] = []
    choose(monkeypatch, "&Resume", asked)
    real_claim = HistoryWrites.claim_session

    def another_window_first(writes, session_key, replacing):
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys\nfrom hiptimer.core.history.store import HistoryStore\n"
                "from hiptimer.core.history import claims\n"
                "with HistoryStore.open(sys.argv[1]) as store:\n"
                "    sid = store.session_id_for(sys.argv[2])\n"
                "    assert store.claim_session(sid, claims.this_process(), None)\n",
                str(ctx.paths.history_file),
                session_key,
            ],
            check=True,
            timeout=60,
        )
        return real_claim(writes, session_key, replacing)

    monkeypatch.setattr(HistoryWrites, "claim_session", another_window_first)
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    app_module.offer_resume(second, ctx)
    assert asked[1:] == [RESUMED_ELSEWHERE]
    assert second.controller is None and second.stack.currentWidget() is second.home
    row = saved(ctx).session_by_key(key)
    assert row.status == "incomplete" and len(saved(ctx).session_steps(row.id)) == 1


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
    choose(monkeypatch, "&Resume", asked)
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    app_module.offer_resume(second, ctx)
    assert "has been changed since" in asked[0]
    assert second.controller is None


def test_discarding_the_offer_claims_it_first(qtbot, ctx, clock, monkeypatch) -> None:
    from hiptimer.qt import app as app_module

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.start_routine(ctx.catalog.find("daily"), SideChoice.LEFT)
    advance(window, clock, 200)
    key = window.controller.session_key
    window.close()
    asked: list[str] = []
    choose(monkeypatch, "&Discard it", asked)
    second = MainWindow(ctx)
    qtbot.addWidget(second)
    app_module.offer_resume(second, ctx)
    assert len(asked) == 1
    assert saved(ctx).session_by_key(key).status == "discarded"
    assert saved(ctx).sessions() == [] and saved(ctx).resumable_sessions() == []


def test_rehearsal_speed_is_not_recorded(qtbot, ctx, clock) -> None:
    window = MainWindow(ctx, speed=200)
    qtbot.addWidget(window)
    window.start_routine(ctx.catalog.find("daily"), SideChoice.LEFT)
    assert window.controller.session_key is None and window.controller.writes is None
    assert "not recorded" in window.player.speed_label.text()
    advance(window, clock, 60)
    assert saved(ctx).sessions() == []


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
    choose(monkeypatch, "&Resume", asked)
    playing = MainWindow(ctx)
    qtbot.addWidget(playing)
    playing.start_routine(ctx.catalog.find("assessment"), SideChoice.BOTH)
    app_module.offer_resume(playing, ctx)
    assert asked == []  # never over a session that is already playing
    assessment = playing.controller.session_key
    playing.close()
    saved(ctx).discard_session(saved(ctx).session_id_for(assessment))

    second = MainWindow(ctx)
    qtbot.addWidget(second)
    app_module.offer_resume(second, ctx)
    assert len(asked) == 1 and "Daily hip routine" in asked[0] and "after 1 step." in asked[0]
    assert second.controller is not None
    assert second.controller.session.snapshot(clock.now).step_index == 1


FIVE_SECONDS = Routine(
    "five-holds",
    "Five short holds",
    (
        Section(
            "Main",
            (Item("posterior-capsule-stretch", Kind.HOLD, seconds=Range(1, 1)),) * 5,
        ),
    ),
    rest=0,
)


def test_a_write_lock_held_by_another_process_never_stops_the_session(
    qtbot, app_paths, store, writes
) -> None:
    """Real time, a real lock: the countdown and the keys stay live, all is saved afterwards."""
    ctx = make_ctx(app_paths, history=store, writes=writes)  # the real monotonic clock
    ctx.settings.lead_in_seconds = ctx.settings.change_lead_in_seconds = 0
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    snapshots, stalls = [], []
    with write_lock_in_another_process(store.path):
        window.start_routine(FIVE_SECONDS, SideChoice.LEFT)
        runner = window.controller.runner
        runner.changed.connect(snapshots.append)
        runner.events.connect(
            lambda events: stalls.extend(e for e in events if e.kind is EventKind.STALLED)
        )
        qtbot.waitUntil(lambda: len(window.controller.outcomes) >= 2, timeout=15000)
        qtbot.waitUntil(lambda: writes.last.waiting >= 3, timeout=15000)  # begin, 2 steps
        assert writes.last.state is WriteState.BUSY
        assert "busy" in window.player.notice_label.text()
        assert not window.player.notice_label.isHidden()
        seen = len(snapshots)
        QTest.keyClick(window, Qt.Key.Key_Space)  # pause, during the lock
        assert window.controller.session.state is SessionState.PAUSED
        QTest.keyClick(window, Qt.Key.Key_Space)
        assert window.controller.session.state is SessionState.RUNNING
        qtbot.waitUntil(lambda: len(window.controller.outcomes) >= 3, timeout=15000)
        assert len(snapshots) > seen + 2  # the countdown kept coming under the lock
        assert store.session_by_key(window.controller.session_key) is None  # nothing in yet
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.summary, timeout=15000)
    assert writes.writer.flush(15)
    qtbot.waitUntil(lambda: writes.last.state is WriteState.SAVED, timeout=15000)
    assert window.player.notice_label.text() == ""  # the notice went once all was saved
    assert stalls == []  # the loop was never held up long enough to pause the session
    row = store.session_by_key(window.controller.session_key)
    assert row.status == "completed"
    assert [s.step_index for s in store.session_steps(row.id)] == list(range(5))
    assert not writes.writer.pending_file.exists()
