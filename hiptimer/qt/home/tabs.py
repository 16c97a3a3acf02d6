"""Home: the routine picker, your routines (the builder), your history and your exercises.

The builder, the history (with its charts) and "Your exercises" are built when first shown,
so the window opens without loading them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QWidget

from hiptimer.qt.context import AppContext
from hiptimer.qt.home.picker import PickerPage
from hiptimer.qt.widgets.lazy_page import LazyPage


class HomeTabs(QTabWidget):
    start_requested = Signal(object, object)  # Routine, SideChoice (the picker's Start)
    try_requested = Signal(object, float)  # Routine, speed (the builder's Try it)
    assessment_requested = Signal()  # the History tab's "measure again"

    def __init__(
        self, ctx: AppContext, history_problem: str | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAccessibleName("Home")
        self.picker = PickerPage(ctx)
        self.picker.start_requested.connect(self.start_requested)
        self.picker.problems.check_again.connect(self.read_routine_files)
        self.addTab(self.picker, "&Routines")
        self._history_problem = history_problem
        self.routines_tab = LazyPage(self._build_routines_page)
        self.addTab(self.routines_tab, "M&y routines")
        self.history_tab = LazyPage(self._build_history_page)
        self.addTab(self.history_tab, "&History")
        self.exercises_tab = LazyPage(self._build_exercises_page)
        self.addTab(self.exercises_tab, "Your e&xercises")
        self.currentChanged.connect(self._tab_changed)

    @property
    def routines_page(self) -> Any:  # RoutinesPage, imported lazily
        return self.routines_tab.page()

    @property
    def history_page(self) -> Any:  # HistoryPage, imported lazily
        return self.history_tab.page()

    @property
    def exercises_page(self) -> Any:  # ExercisesPage, imported lazily
        return self.exercises_tab.page()

    def _build_routines_page(self) -> QWidget:
        from hiptimer.qt.builder.routines_page import RoutinesPage

        page = RoutinesPage(self.ctx)
        page.catalog_changed.connect(self.picker.reload)
        page.play_requested.connect(self.try_requested)
        return page

    def _build_history_page(self) -> QWidget:
        from hiptimer.qt.history.page import HistoryPage

        page = HistoryPage(self.ctx, self._history_problem)
        page.assessment_requested.connect(self.assessment_requested)
        return page

    def _build_exercises_page(self) -> QWidget:
        from hiptimer.qt.history.exercises_page import ExercisesPage

        page = ExercisesPage(self.ctx)
        page.routine_requested.connect(self.open_personal_routine)
        return page

    def set_history_problem(self, problem: str | None) -> None:
        """Why history is not saved (or was started afresh): shown on the History tab."""
        self._history_problem = problem
        if self.history_tab.built:
            self.history_page.set_problem(problem)

    def refresh_views(self) -> None:
        """After a session or a measurement: the pages built so far read the history again."""
        self.picker.refresh_history()
        if self.history_tab.built:
            self.history_page.refresh()
        if self.exercises_tab.built:
            self.exercises_page.refresh()

    def read_routine_files(self) -> None:
        """Read every routine file again (the person fixed one): the builder's list, the cards
        and the problems follow."""
        if self.routines_tab.built:
            self.routines_page.reload_catalog()  # its catalog_changed reloads the picker
            return
        from hiptimer.core.paths import builtin_routines_dir
        from hiptimer.core.routines.catalog import load_catalog

        paths = self.ctx.paths
        self.ctx.catalog = load_catalog(
            builtin_routines_dir(), paths.user_routines_dir, paths.cache_dir
        )
        self.picker.reload()

    def open_personal_routine(self, exercise_ids: Sequence[str]) -> None:
        """The builder, with a new routine of these exercises ready to change and save."""
        from hiptimer.core.routines.drafts import personal_routine  # with the builder

        draft = personal_routine("My top exercises", exercise_ids, self.ctx.catalog)
        self.setCurrentWidget(self.routines_tab)
        self.routines_page.open_editor(draft, None)

    def show_routines(self) -> None:
        """The routine picker, its list ready for the arrow keys (the welcome's way in)."""
        self.setCurrentWidget(self.picker)
        self.picker.routine_list.setFocus()

    def maybe_close(self) -> bool:
        """False when the builder has unsaved changes the person wants to keep."""
        return not self.routines_tab.built or self.routines_page.maybe_close()

    def _tab_changed(self, index: int) -> None:
        widget = self.widget(index)
        if widget is self.history_tab:
            self.history_page.refresh()
        elif widget is self.exercises_tab:
            self.exercises_page.refresh()
