"""Opening and closing the history with the app: the writer, what is kept at exit, the replay."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from hiptimer.core.history import claims
from hiptimer.core.history import commands as cmd
from hiptimer.core.history.store import open_history
from hiptimer.core.paths import AppPaths
from hiptimer.qt import app as app_module
from hiptimer.qt.main_window import MainWindow
from tests.fakes import damaged_history, make_ctx
from tests.real_parts import read_only_folder, write_lock_in_another_process

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
T0 = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)


def test_writes_left_at_exit_are_said_kept_and_saved_at_the_next_start(
    qtbot, app_paths: AppPaths, monkeypatch
) -> None:
    ctx = make_ctx(app_paths)
    with monkeypatch.context() as earlier_run:  # the first run is another process, gone after
        earlier_run.setattr(claims, "this_process", lambda: "gone:boot:1:1")
        assert app_module.open_store(ctx) is None
    assert ctx.history is not None and ctx.writes is not None
    kept_writes = [
        cmd.BeginSession("s1", "daily", "Daily", "h", "left", T0, planned_steps=5),
        cmd.SetFeedback("s1", 2, "kept over a restart"),
    ]
    with write_lock_in_another_process(app_paths.history_file):
        for write in kept_writes:
            ctx.writes.submit(write)
        qtbot.waitUntil(lambda: ctx.writes.last.waiting == 2, timeout=10000)
        said = app_module.close_store(ctx, wait=0.2)
    assert "could not take 2 changes before closing" in said
    assert "saved at the next start" in said and str(app_paths.data_dir) in said
    assert "\n" not in said

    later = make_ctx(app_paths)
    window = MainWindow(later)
    qtbot.addWidget(window)
    assert app_module.open_store(later) is None
    later.writes.tell_in(window.statusBar(), lambda: False)
    qtbot.waitUntil(lambda: "last closed were saved now" in window.statusBar().currentMessage())
    assert window.statusBar().currentMessage().startswith("2 changes to your history")
    row = later.history.session_by_key("s1")
    assert (row.note, row.pain) == ("kept over a restart", 2)
    assert list(app_paths.data_dir.glob("*.unsaved-*")) == []
    assert app_module.close_store(later) == ""


def test_a_read_only_data_folder_runs_without_history_and_renames_nothing(
    app_paths: AppPaths,
) -> None:
    store, _ = open_history(app_paths.history_file)
    store.close()
    before = sorted(p.name for p in app_paths.data_dir.iterdir())
    ctx = make_ctx(app_paths)
    with read_only_folder(app_paths.data_dir):
        problem = app_module.open_store(ctx)
    assert problem is not None and problem.startswith("History is not being saved: ")
    assert "left as it is" in problem
    assert ctx.history is None and ctx.writes is None
    assert sorted(p.name for p in app_paths.data_dir.iterdir()) == before


def test_a_damaged_file_found_by_the_writer_is_set_aside_and_a_new_one_used(
    qtbot, app_paths: AppPaths, capsys
) -> None:
    """The window opens a damaged file without the check; the writer's check finds it on its
    thread, and the window keeps it aside, starts a new one and says so on the History tab;
    a measurement logged meanwhile lands in the new file."""
    app_paths.data_dir.mkdir(parents=True)
    content = damaged_history(app_paths.history_file)
    ctx = make_ctx(app_paths)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert app_module.open_store(ctx) is None  # no check on the path to the window
    assert ctx.writes is not None
    ctx.writes.damaged.connect(lambda _why: app_module.replace_damaged_history(ctx, window))
    ctx.writes.submit(cmd.AddMeasurement("seated", "right", 33, T0))
    with qtbot.waitSignal(ctx.writes.report, timeout=10000, check_params_cb=_saved):
        pass
    kept = [  # its -wal and -shm, when the reader had made them, are kept beside it
        path
        for path in app_paths.data_dir.glob("history.sqlite3.corrupt-*")
        if not path.name.endswith(("-wal", "-shm"))
    ]
    assert [path.read_bytes() for path in kept] == [content]
    window.home.setCurrentWidget(window.home.history_tab)
    page = window.home.history_page
    assert not page.banner.isHidden() and str(kept[0]) in page.banner.text()
    assert "kept as" in capsys.readouterr().err
    series = ctx.history.measurement_series()
    assert [d for points in series.values() for _, d in points] == [33]
    assert app_module.close_store(ctx) == ""


def _saved(report) -> bool:
    return report.state.value == "saved" and report.waiting == 0
