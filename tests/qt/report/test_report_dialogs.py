"""File → Open history… shows a client's export read-only in the History view; File → Report…
writes the PDF of one's own history or of the client's."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QMessageBox

from hiptimer.core.history.export import export
from hiptimer.core.history.store import HistoryStore
from hiptimer.core.paths import AppPaths
from hiptimer.core.text import day_text
from hiptimer.qt.main_window import MainWindow
from hiptimer.qt.report.dialogs import ReportDialog, open_history, report_dialog
from tests.fakes import make_ctx, open_store
from tests.qt.report.test_report_pdf import pdf_text
from tests.report_seed import seed_weeks

TZ = ZoneInfo("Europe/Berlin")


@pytest.fixture
def client_file(tmp_path: Path) -> Path:
    with open_store(tmp_path / "theirs.sqlite3") as theirs:
        seed_weeks(theirs, date(2026, 1, 5), 4, TZ)
        path = tmp_path / "client.json"
        path.write_text(export(theirs, "json"), encoding="utf-8")
    return path


def test_the_file_menu_offers_report_and_open_history(qtbot, app_paths: AppPaths, store) -> None:
    window = MainWindow(make_ctx(app_paths, history=store))
    qtbot.addWidget(window)
    [file_menu] = [a.menu() for a in window.menuBar().actions() if a.text() == "&File"]
    texts = [action.text() for action in file_menu.actions()]
    assert "&Report…" in texts and "&Open history…" in texts


def test_a_clients_history_opens_read_only_and_writes_nothing_of_ours(
    qtbot, app_paths: AppPaths, store: HistoryStore, client_file: Path, tmp_path: Path
) -> None:
    ctx = make_ctx(app_paths, history=store)
    ctx.settings.weekly_goal = 5  # the viewer's own goal: not the client's
    before = (store.data_stamp(), store.session_count())
    window = open_history(None, ctx, client_file)
    assert window is not None
    qtbot.addWidget(window)
    assert "Someone else's history, read-only" in window.banner.text()
    assert str(client_file) in window.banner.text()
    assert "(read-only)" in window.windowTitle()
    page = window.page
    last = max(s.started_at.date() for s in window.store.sessions(limit=None))
    assert f"Shown as of its last record, {day_text(last)}." in window.banner.text()
    assert last >= date(2026, 1, 26)  # its weeks, not the weeks up to the real today
    assert page.calendar.weeks[-1].text.startswith("This week")
    assert page.calendar.calendar.data is not None and page.calendar.calendar.data.today == last
    assert page.read_only and page.sessions_model.total == window.store.session_count() > 0
    for button in (page.log_button, page.measurements_button, page.export_button):
        assert button.isHidden()
    assert page.program.assess_button.isHidden() and not page.goal.isEnabled()
    assert page.goal.value() == 3  # the client's prescription, not the viewer's setting
    assert ctx.settings.weekly_goal == 5
    assert page.log_measurement() is False
    assert (store.data_stamp(), store.session_count()) == before
    assert not app_paths.settings_file.exists()
    report = window.open_report()
    qtbot.addWidget(report)
    out = tmp_path / "client.pdf"
    assert report.save(out)
    assert "History file client.json (someone else's, opened read-only)" in pdf_text(out)
    window.close()


def test_a_bad_file_is_refused_with_what_is_wrong(
    qtbot, app_paths: AppPaths, store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 99, "sessions": [], "measurements": []}')
    assert open_history(None, make_ctx(app_paths, history=store), bad) is None
    assert shown == [
        f"{bad}: schema_version: the file was written by a newer hiptimer (history format 99; "
        "this version reads up to 8). Update hiptimer to open it."
    ]


def test_the_report_dialog_writes_ones_own_history(
    qtbot, app_paths: AppPaths, store: HistoryStore, tmp_path: Path
) -> None:
    seed_weeks(store, date(2026, 1, 5), 3, TZ)
    dialog = report_dialog(None, make_ctx(app_paths, history=store))
    assert isinstance(dialog, ReportDialog)
    qtbot.addWidget(dialog)
    dialog.since.setDate(dialog.since.date().fromString("2026-01-05", "yyyy-MM-dd"))
    dialog.paper.setCurrentIndex(dialog.paper.findData("letter"))
    out = tmp_path / "mine.pdf"
    assert dialog.save(out) and dialog.written == out
    assert "Period: 5 Jan 2026 –" in pdf_text(out)
    dialog.until.setDate(dialog.since.date().addDays(-3))
    assert not dialog.save(tmp_path / "never.pdf")
    assert "give --since before --until" in dialog.status.text()
