"""The history tab: totals, the weekly goal and streak, recent weeks, sessions, progress.

Everything shown comes from the store's aggregate queries (counts, totals, streak, one
page of sessions at a time, measurement series); no step is read until a session is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo
from functools import partial
from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hiptimer.core.history import weeks
from hiptimer.core.history.calendar_days import CalendarDays, DayTotals, WeekCounts
from hiptimer.core.history.errors import HistoryError
from hiptimer.core.history.local_time import local_zone
from hiptimer.core.history.measurements import NormalRanges, normal_ranges
from hiptimer.core.history.photos import photos_dir
from hiptimer.core.history.rows import Totals
from hiptimer.core.history.store import HistoryStore
from hiptimer.core.history.verdict import latest_verdict
from hiptimer.core.history.view_text import shown_weeks, streak_text, totals_text, week_cells
from hiptimer.core.history.writer import WriterReport, WriteState
from hiptimer.core.routines.limits import SESSIONS_PER_WEEK_LIMITS
from hiptimer.core.settings import main_routine, weekly_goal
from hiptimer.qt.context import AppContext
from hiptimer.qt.history.calendar_strip import CalendarData, CalendarStrip
from hiptimer.qt.history.chart import MOST_POINTS_DRAWN, ProgressChart
from hiptimer.qt.history.dialogs import (
    LogMeasurementDialog,
    SessionDetailsDialog,
    export_history_dialog,
)
from hiptimer.qt.history.measurements_dialog import MeasurementsDialog
from hiptimer.qt.history.pain_chart import PainChartView
from hiptimer.qt.history.program_panel import ProgramPanel
from hiptimer.qt.history.session_list import SessionList
from hiptimer.qt.history.sessions_model import SessionsModel
from hiptimer.qt.style import SPACE

NO_SESSIONS_TEXT = (
    "No sessions yet — start a routine from the Routines tab. Every session you do is "
    "listed here, and each one you complete counts toward your weekly goal."
)
NO_HISTORY_TEXT = "History is not available, so sessions are not being saved."


class _Shown(NamedTuple):
    """What the page was last read with: equal again means nothing to read."""

    store: HistoryStore
    data_stamp: tuple[int, int]
    today: date
    normals: NormalRanges  # from the exercise library, which a reload may change
    goal: int


class HistoryPage(QWidget):
    """What was done and how the range of motion changes.  Call :meth:`refresh` to update."""

    def __init__(
        self,
        ctx: AppContext,
        history_problem: str | None = None,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] | None = None,
        tz: tzinfo | None = None,
        read_only: bool = False,
    ) -> None:
        """``read_only``: someone else's history (no logging, deleting, exporting or goal)."""
        super().__init__(parent)
        self.ctx = ctx
        self.read_only = read_only
        self._tz = tz or local_zone()
        self._today = today or (lambda: datetime.now(self._tz).date())
        self.details_dialog: SessionDetailsDialog | None = None
        self.streak = 0
        #: what the page shows was read with; None: read again
        self._shown: _Shown | None = None

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setFrameShape(QFrame.Shape.Box)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setStyleSheet("QLabel { padding: 8px; font-weight: bold; }")
        self.banner.setAccessibleName("History problem")
        self.set_problem(history_problem)
        if ctx.writes is not None:
            ctx.writes.report.connect(self._writes_reported)

        self.totals_label = QLabel()
        self.totals_label.setWordWrap(True)
        self.streak_label = QLabel()
        self.streak_label.setWordWrap(True)
        font = self.streak_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.streak_label.setFont(font)
        self.goal = QSpinBox()
        self.goal.setRange(*SESSIONS_PER_WEEK_LIMITS)
        self.goal.setSuffix(" a week")
        self.goal.setAccessibleName("Weekly goal: sessions a week")
        goal_label = QLabel("Weekly &goal:")
        goal_label.setBuddy(self.goal)
        self.log_button = QPushButton("&Log measurement…")
        self.measurements_button = QPushButton("&Measurements…")  # list, delete, photos
        self.export_button = QPushButton("Exp&ort…")
        self.calendar = CalendarStrip()
        self.program = ProgramPanel()
        self.assessment_requested = self.program.assessment_requested

        self.sessions_model = SessionsModel(self)
        self.sessions_view = SessionList(self.sessions_model)
        self.sessions_view.setAccessibleName("Sessions, newest first")
        self.sessions_view.activated.connect(lambda index: self.open_session(index.row()))
        self.sessions_view.doubleClicked.connect(lambda index: self.open_session(index.row()))
        self.steps_button = QPushButton("Show s&teps…")
        self.steps_button.clicked.connect(self._open_selected)
        self.sessions_empty = QLabel(NO_SESSIONS_TEXT)
        self.sessions_empty.setWordWrap(True)
        self.sessions_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sessions_stack = QStackedWidget()
        self.sessions_stack.addWidget(self.sessions_empty)
        self.sessions_stack.addWidget(self.sessions_view)
        self.sessions_title = QLabel()
        self.sessions_title.setStyleSheet("font-weight: bold")

        self.chart = ProgressChart()
        self.pain_chart = PainChartView()

        actions = QHBoxLayout()
        actions.addWidget(goal_label)
        actions.addWidget(self.goal)
        actions.addSpacing(SPACE.m)
        actions.addWidget(self.log_button)
        actions.addWidget(self.measurements_button)
        actions.addWidget(self.export_button)
        actions.addStretch(1)
        summary = QVBoxLayout()
        summary.addWidget(self.streak_label)
        summary.addWidget(self.totals_label)
        summary.addStretch(1)
        summary.addLayout(actions)
        top = QHBoxLayout()  # what was done, and beside it every day since the first
        top.addLayout(summary, 1)
        top.addWidget(self.calendar, 0, Qt.AlignmentFlag.AlignTop)

        sessions_box = QWidget()
        sessions_layout = QVBoxLayout(sessions_box)
        sessions_layout.setContentsMargins(0, 0, 0, 0)
        sessions_head = QHBoxLayout()
        sessions_head.addWidget(self.sessions_title, 1)
        sessions_head.addWidget(self.steps_button)
        sessions_layout.addLayout(sessions_head)
        sessions_layout.addWidget(self.sessions_stack, 1)
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, SPACE.s, 0)
        progress_title = QLabel("Range of motion")
        progress_title.setStyleSheet("font-weight: bold")
        chart_layout.addWidget(progress_title)
        chart_layout.addWidget(self.chart, 1)
        chart_layout.addWidget(self.pain_chart)
        chart_layout.addWidget(self.program)
        self.chart_scroll = QScrollArea()  # the program, the charts and pain scroll together
        self.chart_scroll.setWidget(chart_box)
        self.chart_scroll.setWidgetResizable(True)
        self.chart_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.chart_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(sessions_box)
        self.splitter.addWidget(self.chart_scroll)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([620, 640])

        self.content = QWidget()
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addLayout(top)
        content_layout.addWidget(self.splitter, 1)
        self.unavailable = QLabel(NO_HISTORY_TEXT)
        self.unavailable.setWordWrap(True)
        self.unavailable.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QStackedWidget()
        self.body.addWidget(self.content)
        self.body.addWidget(self.unavailable)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.body, 1)

        self.goal.valueChanged.connect(self._goal_changed)
        self.log_button.clicked.connect(self.log_measurement)
        self.measurements_button.clicked.connect(self.show_measurements)
        self.export_button.clicked.connect(self.export_history)
        if read_only:
            for button in (self.log_button, self.measurements_button, self.export_button):
                button.hide()
            self.program.offers_assessment = False
        self.refresh()

    # -- public ---------------------------------------------------------------------------

    def set_problem(self, message: str | None) -> None:
        """Show (or, with None, hide) the banner about an unusable history file."""
        self.banner.setText(message or "")
        self.banner.setVisible(bool(message))

    def refresh(self) -> None:
        """Read everything again from the store (after a session, a measurement, a switch).

        Skipped when nothing was written to the file since the last refresh and the day and
        the weekly goal are the same, so calling it often (every time the tab is shown) is
        cheap however long the history.
        """
        store = self.ctx.history
        self._show_goal_control()
        if store is None:
            self._shown = None
            self.body.setCurrentWidget(self.unavailable)
            self.sessions_model.reload(None)
            return
        self.body.setCurrentWidget(self.content)
        try:
            shown = _Shown(
                store,
                store.data_stamp(),
                self._today(),
                normal_ranges(self.ctx.catalog.library),
                self._goal(),
            )
            if shown == self._shown:
                return  # nothing written since, same day, library and goal: the page is current
            self._shown = None
            totals = self._show_sessions(store)
            self._show_goal(store, totals.workouts)
            self._show_program(store, shown.normals)
            self.chart.set_trends(
                store.measurement_trends(MOST_POINTS_DRAWN),
                store.first_session_date(),
                shown.normals,
            )
            self.pain_chart.show_trend(
                store.pain_trend(MOST_POINTS_DRAWN, self._tz), store.first_session_date(self._tz)
            )
            self._shown = shown
        except HistoryError as exc:  # e.g. locked by another program for too long
            self.set_problem(f"The history could not be read: {exc}")

    def log_measurement(self) -> bool:
        """Ask for a measurement and hand it to the writer; True when one was handed over.

        The page redraws when the writer reports it saved (see :meth:`_writes_reported`).
        """
        if self.ctx.history is None or self.ctx.writes is None:
            return False
        dialog = LogMeasurementDialog(
            self,
            self.ctx.writes.submit,
            photos=photos_dir(self.ctx.paths.history_file),
            normals=normal_ranges(self.ctx.catalog.library),
            tz=self._tz,
            today=self._today(),
        )
        return dialog.exec() == LogMeasurementDialog.DialogCode.Accepted

    def _writes_reported(self, report: WriterReport) -> None:
        """Everything handed to the writer is in the file: show it (cheap when nothing
        changed, see :meth:`refresh`)."""
        if report.state is WriteState.SAVED and self.isVisible():
            self.refresh()

    def show_measurements(self) -> MeasurementsDialog | None:
        """The list of measurements, where one (or its photo) can be deleted."""
        if self.ctx.history is None:
            return None
        dialog = MeasurementsDialog(self.ctx.history, self.ctx.writes, self)
        dialog.changed.connect(self.refresh)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def export_history(self) -> None:
        if self.ctx.history is not None:
            export_history_dialog(self, self.ctx.history)

    def open_session(self, row: int) -> SessionDetailsDialog | None:
        """Show the steps of the session in ``row`` of the list (a non-blocking dialog)."""
        store = self.ctx.history
        if store is None or not 0 <= row < self.sessions_model.rowCount():
            return None
        session = self.sessions_model.session_at(row)
        if self.details_dialog is not None:
            self.details_dialog.close()
            self.details_dialog.deleteLater()
        exercises = self.ctx.catalog.library.exercises.values()
        versions = {exercise.id: exercise.progressions for exercise in exercises}
        steps = store.session_steps(session.id)
        self.details_dialog = SessionDetailsDialog(session, steps, self, versions)
        self.details_dialog.open()
        return self.details_dialog

    # -- parts ------------------------------------------------------------------------------

    def _open_selected(self) -> None:
        current = self.sessions_view.currentIndex()
        self.open_session(current.row() if current.isValid() else 0)

    def _show_sessions(self, store: HistoryStore) -> Totals:
        self.sessions_model.reload(store)
        total = self.sessions_model.total
        self.sessions_title.setText(f"Sessions ({total})")
        self.sessions_stack.setCurrentIndex(1 if total else 0)
        self.steps_button.setEnabled(bool(total))
        totals = store.totals()
        self.calendar.setVisible(bool(totals.sessions))
        self.totals_label.setText(totals_text(totals))
        return totals

    def _goal(self) -> int:
        return weekly_goal(self.ctx.settings, self.ctx.catalog)

    def _show_goal_control(self) -> None:
        """The goal is the main routine's target when it has one (its prescription), else
        the person's own setting, which this control changes."""
        routine = main_routine(self.ctx.settings, self.ctx.catalog)
        target = routine.per_week if routine is not None else None
        self.goal.blockSignals(True)
        self.goal.setValue(self._goal())
        self.goal.blockSignals(False)
        self.goal.setEnabled(target is None and not self.read_only)
        self.goal.setToolTip(
            f"Set by your main routine, {routine.name}" if routine is not None and target else ""
        )

    def _show_goal(self, store: HistoryStore, workouts: int) -> None:
        goal = self._goal()
        today = self._today()
        this_week = weeks.week_start(today)
        first, _ = shown_weeks(today, store.first_session_date(self._tz))
        days = CalendarDays(first, today, partial(self._read_days, store))
        counts = WeekCounts(days)  # each week added up from its days when it is drawn
        self.calendar.show_data(
            CalendarData(
                first_week=first,
                today=today,
                days=days,
                weeks=week_cells(counts, goal, this_week),
                workouts=workouts,
            )
        )
        streak = store.streak(goal, today, self._tz)
        self.streak_label.setText(streak_text(streak, goal, counts[-1].count if counts else 0))
        self.streak = streak

    def _read_days(self, store: HistoryStore, first: date, last: date) -> DayTotals | None:
        """The calendar's days from ``first`` to ``last``, read when they come into view."""
        try:
            return store.day_counts(first, last, self._tz)
        except HistoryError as exc:
            self.set_problem(f"The history could not be read: {exc}")
            return None

    def _show_program(self, store: HistoryStore, normals: NormalRanges) -> None:
        rows = store.recent_measurements(2)  # what the verdict compares, however long the file
        last = max((row.taken_at for row in rows), default=None)
        self.program.show_program(
            self._today(),
            store.first_session_date(self._tz),
            None if last is None else last.astimezone(self._tz).date(),
            self.ctx.settings.reassess_weeks,
            latest_verdict(rows, normals),
        )

    def _goal_changed(self, value: int) -> None:
        if self.read_only:
            return
        self.ctx.settings.weekly_goal = value
        problem = self.ctx.save_settings()
        if problem:
            self.set_problem(problem)
        if self.ctx.history is not None:
            try:
                self._show_goal(self.ctx.history, self.ctx.history.totals().workouts)
                if self._shown is not None:
                    self._shown = self._shown._replace(goal=value)
            except HistoryError as exc:
                self.set_problem(f"The history could not be read: {exc}")
