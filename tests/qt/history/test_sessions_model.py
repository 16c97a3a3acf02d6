"""The session list's model: a page of rows at a time, the words of each cell."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt

from hiptimer.core.history.store import HistoryStore
from hiptimer.qt.history.sessions_model import SessionsModel
from tests.fakes import add_session

TZ = ZoneInfo("Europe/Berlin")
FIRST = datetime(2020, 1, 1, 19, 0, tzinfo=TZ)


def _sessions(store: HistoryStore, count: int) -> None:
    with store.batch():
        for n in range(count):
            started = FIRST + timedelta(days=n)
            add_session(store, started, work_seconds=1800)


def test_the_sessions_list_reads_one_page_at_a_time(qtbot, store: HistoryStore) -> None:
    _sessions(store, SessionsModel.PAGE * 2 + 5)
    model = SessionsModel()
    model.reload(store)
    assert model.rowCount() == SessionsModel.PAGE
    assert model.canFetchMore(model.index(-1, -1))
    model.fetchMore(model.index(-1, -1))
    model.fetchMore(model.index(-1, -1))
    assert model.rowCount() == SessionsModel.PAGE * 2 + 5
    assert not model.canFetchMore(model.index(-1, -1))


def test_cells_show_the_session_in_words_numbers_to_the_right(qtbot, store) -> None:
    _sessions(store, 1)
    model = SessionsModel()
    model.reload(store)
    row = [model.index(0, column).data() for column in range(model.columnCount())]
    assert row == ["Wed 01 Jan 2020 19:00", "Full program", "Both", "30:00", "Completed", "",
                   "1 of 1"]  # fmt: skip
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    aligned = [model.index(0, c).data(Qt.ItemDataRole.TextAlignmentRole) for c in range(7)]
    assert [c for c, a in enumerate(aligned) if a == right] == [3, 5, 6]
    model.reload(None)
    assert model.rowCount() == 0 and model.total == 0
