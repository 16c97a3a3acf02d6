"""The writer seen from the window: reports on the GUI thread, claims answered in words."""

from __future__ import annotations

import threading
from datetime import datetime, timezone

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from hiptimer.core.history import commands as cmd
from hiptimer.core.history.writer import WriteState
from hiptimer.qt.history.writes import Claim
from tests.real_parts import write_lock_in_another_process

T0 = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)


def test_reports_arrive_on_the_gui_thread_in_order(qtbot, writes) -> None:
    seen: list[tuple[WriteState, int, bool]] = []

    def on_report(report) -> None:
        on_gui = QThread.currentThread() is QApplication.instance().thread()
        seen.append((report.state, report.waiting, on_gui))

    writes.report.connect(on_report)
    with write_lock_in_another_process(writes.writer.path):
        writes.submit(cmd.BeginSession("s1", "daily", "Daily", "h", "left", T0))
        qtbot.waitUntil(lambda: bool(seen) and seen[-1][0] is WriteState.BUSY, timeout=10000)
        assert threading.current_thread() is threading.main_thread()
    qtbot.waitUntil(lambda: seen[-1][0] is WriteState.SAVED, timeout=10000)
    assert seen[0] == (WriteState.BUSY, 1, True) and seen[-1] == (WriteState.SAVED, 0, True)
    assert all(on_gui for _, _, on_gui in seen)
    assert writes.last.state is WriteState.SAVED


def test_a_claim_is_won_once_lost_after_and_unanswered_while_the_file_is_held(
    store, writes
) -> None:
    store.begin_session("daily", "Daily", "h", "left", T0, key="s1")
    with write_lock_in_another_process(store.path):
        assert writes.claim_session("s1", None) is Claim.NO_ANSWER
    assert writes.claim_session("s1", None) is Claim.WON
    assert writes.claim_session("s1", None) is Claim.LOST
    assert store.incomplete_sessions()[0].claimed_by == writes.claim
