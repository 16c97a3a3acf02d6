"""File → Report… (a PDF of a history, for a period and a paper size) and File → Open
history… (a client's export shown read-only in the History view, in a window of its own)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hiptimer.core.history.client_file import ClientFileError
from hiptimer.core.history.client_store import (
    last_record_day,
    open_client_history,
    prescribed_goal,
)
from hiptimer.core.history.errors import HistoryError
from hiptimer.core.history.local_time import local_zone
from hiptimer.core.history.report.gather import default_period
from hiptimer.core.history.store import HistoryStore
from hiptimer.core.text import day_text
from hiptimer.qt.context import AppContext
from hiptimer.qt.history.page import HistoryPage
from hiptimer.qt.report.command import PROGRAM_GOAL, client_report, own_report
from hiptimer.qt.report.page_size import locale_page_size
from hiptimer.qt.report.pdf import write_report

JSON_FILTER = "History exports (*.json);;All files (*)"
READ_ONLY_TEXT = (
    "Someone else's history, read-only: {name}. Shown as of its last record, {last}. Nothing "
    "here is saved to your own history, and this window changes nothing in the file."
)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ReportDialog(QDialog):
    """Choose the period and the paper, then where the PDF goes."""

    def __init__(
        self,
        parent: QWidget | None,
        ctx: AppContext,
        store: HistoryStore,
        *,
        client: bool = False,
        today: date | None = None,
        last_day: date | None = None,
    ) -> None:
        """``last_day``: where the period ends at first (today, or a client file's last day)."""
        super().__init__(parent)
        self.ctx, self.store, self.client = ctx, store, client
        self.tz = local_zone()
        self.today = today or datetime.now(self.tz).date()
        self.written: Path | None = None
        self.setWindowTitle("Report for your physiotherapist or coach")
        self.setMinimumWidth(420)
        period = default_period(store, last_day or self.today, self.tz)
        self.since = QDateEdit(_qdate(period.first))
        self.until = QDateEdit(_qdate(period.last))
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
        self.since.setAccessibleName("First day of the report")
        self.until.setAccessibleName("Last day of the report")
        self.paper = QComboBox()
        self.paper.addItem("A4", "a4")
        self.paper.addItem("US Letter", "letter")
        self.paper.setCurrentIndex(self.paper.findData(locale_page_size()))
        self.paper.setAccessibleName("Paper size")
        self.status = QLabel(
            "Two pages a clinician reads in a minute: sessions planned and done, the routines "
            "and their doses, range of motion against the normal range, pain, flags and notes."
        )
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&From:", self.since)
        form.addRow("&To:", self.until)
        form.addRow("&Paper:", self.paper)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = QPushButton("&Save PDF…")
        self.save_button.setDefault(True)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.rejected.connect(self.reject)
        self.save_button.clicked.connect(self._choose_and_save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _choose_and_save(self) -> None:
        suggested = str(Path.home() / f"hiptimer-report-{self.today.isoformat()}.pdf")
        name, _ = QFileDialog.getSaveFileName(self, "Save the report", suggested, "PDF (*.pdf)")
        if name and self.save(Path(name if name.lower().endswith(".pdf") else f"{name}.pdf")):
            self.accept()

    def save(self, path: Path) -> bool:
        """Write the report to ``path``; a problem is shown in the dialog (False)."""
        since, until = _day(self.since.date()), _day(self.until.date())
        try:
            if self.client:
                data = client_report(
                    self.store,
                    self.ctx.catalog,
                    today=self.today,
                    tz=self.tz,
                    since=since,
                    until=until,
                )
            else:
                data = own_report(
                    self.store,
                    self.ctx.catalog,
                    self.ctx.settings,
                    today=self.today,
                    tz=self.tz,
                    since=since,
                    until=until,
                )
            write_report(data, path, str(self.paper.currentData()))
        except (ValueError, HistoryError, OSError) as exc:
            self.status.setText(f"The report was not saved: {exc}")
            return False
        self.written = path
        return True


def report_dialog(parent: QWidget, ctx: AppContext) -> ReportDialog | None:
    """File → Report…: of one's own history."""
    if ctx.history is None:
        QMessageBox.information(
            parent, "No history", "History is not available, so there is nothing to report."
        )
        return None
    dialog = ReportDialog(parent, ctx, ctx.history)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class ClientHistoryWindow(QDialog):
    """A client's history in the History view, read-only, with its own report button."""

    def __init__(self, parent: QWidget | None, ctx: AppContext, store: HistoryStore) -> None:
        super().__init__(parent)
        self.store = store
        name = store.path.name
        self.setWindowTitle(f"{name} (read-only) — hiptimer")
        goal = prescribed_goal(store) or PROGRAM_GOAL
        # a context of its own: no writer, and settings that are a copy, never saved
        settings = dataclasses.replace(ctx.settings, weekly_goal=goal, main_routine="")
        self.ctx = AppContext(
            paths=ctx.paths, catalog=ctx.catalog, settings=settings, history=store, writes=None
        )
        last = last_record_day(store) or datetime.now(local_zone()).date()
        self.last_day = last
        self.banner = QLabel(READ_ONLY_TEXT.format(name=store.path, last=day_text(last)))
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "QLabel { padding: 8px; font-weight: bold; border: 2px dashed palette(text); }"
        )
        self.banner.setAccessibleName("Read-only history")
        self.page = HistoryPage(self.ctx, read_only=True, today=lambda: last)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.page)
        self.report_button = QPushButton("&Report…")
        self.report_button.clicked.connect(self.open_report)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.report_button, 0, Qt.AlignmentFlag.AlignRight)
        screen = self.screen().availableGeometry()
        self.resize(min(1200, screen.width()), min(820, screen.height()))
        self.finished.connect(lambda _code: self.store.close())

    def open_report(self) -> ReportDialog:
        dialog = ReportDialog(self, self.ctx, self.store, client=True, last_day=self.last_day)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog


def open_history(
    parent: QWidget, ctx: AppContext, path: Path | None = None
) -> ClientHistoryWindow | None:
    """File → Open history…: a ``hiptimer history --format json`` file, read-only."""
    if path is None:
        name, _ = QFileDialog.getOpenFileName(
            parent, "Open someone's history (read-only)", str(Path.home()), JSON_FILTER
        )
        if not name:
            return None
        path = Path(name)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # ten years take a few seconds
    try:
        store, _client = open_client_history(path)
    except ClientFileError as exc:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, "History not opened", str(exc))
        return None
    except BaseException:
        QApplication.restoreOverrideCursor()
        raise
    QApplication.restoreOverrideCursor()
    window = ClientHistoryWindow(parent, ctx, store)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    return window
