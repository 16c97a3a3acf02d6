"""Your exercises: which ones help you, the version you do, and a routine of the best ones.

The ranking, the progression suggestion and the personal routine's choice are the pure rules
of :mod:`hiptimer.core.history.what_helps` and :mod:`hiptimer.core.history.progressions`;
this page shows them and lets the person pick the version they do.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hiptimer.core.history.errors import HistoryError
from hiptimer.core.history.local_time import local_zone
from hiptimer.core.history.progressions import suggest_next_level
from hiptimer.core.history.what_helps import (
    KEEP_AT_LEAST,
    KEEP_AT_MOST,
    RATING_WORDS,
    Ranked,
    limited_side_series,
    personal_choice,
    rank,
)
from hiptimer.core.routines.progression import progression_text
from hiptimer.qt.context import AppContext

EMPTY_TEXT = (
    "Nothing to rank yet. After a session, say for each exercise whether it helped; the ones "
    "that help you most rise to the top here."
)
ADVICE = (
    f"The program's advice: over time, keep the {KEEP_AT_LEAST}–{KEEP_AT_MOST} exercises that "
    "help you most. Ranked by what you said, how often you did them and how your limited hip "
    "moved in those weeks (a hint only: exercises done in the same weeks share it)."
)
COLUMNS = ("Exercise", "Done", "You said", "Hip meanwhile", "The version you do", "Next")


class ExercisesPage(QWidget):
    """Emits ``routine_requested(exercise ids)`` to open a personal routine in the builder."""

    routine_requested = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ranked: list[Ranked] = []
        self.advice = QLabel(ADVICE)
        self.advice.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setAccessibleName("Your exercises, most helpful first")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.make_button = QPushButton("&Make my routine of the top ones")
        self.make_button.setAccessibleName("Make a personal routine of the top exercises")
        self.make_button.clicked.connect(self._make_routine)
        self.choice_label = QLabel()
        self.choice_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.choice_label, 1)
        row.addWidget(self.make_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.advice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        store = self.ctx.history
        self.ranked = []
        if store is not None:
            try:
                tz = local_zone()
                series = limited_side_series(
                    store.measurement_series(tz), self.ctx.settings.limited_side
                )
                self.ranked = rank(store.exercise_records(tz), series)
                histories = {
                    r.record.exercise_id: store.progression_history(r.record.exercise_id, tz)
                    for r in self.ranked
                }
            except HistoryError:
                self.ranked, histories = [], {}
        else:
            histories = {}
        self.table.setRowCount(len(self.ranked))
        for row, ranked in enumerate(self.ranked):
            self._fill_row(row, ranked, histories.get(ranked.record.exercise_id, []))
        self.table.resizeColumnsToContents()
        shown = bool(self.ranked)
        self.table.setVisible(shown)
        self.empty.setVisible(not shown)
        choice = personal_choice(self.ranked)
        names = [self._name(exercise_id) for exercise_id in choice]
        self.make_button.setEnabled(bool(choice))
        self.choice_label.setText(f"Your top ones now: {', '.join(names)}." if names else "")

    def _name(self, exercise_id: str) -> str:
        exercise = self.ctx.catalog.library.exercises.get(exercise_id)
        return exercise.name if exercise is not None else exercise_id

    def _fill_row(self, row: int, ranked: Ranked, history: list) -> None:
        record = ranked.record
        said = ", ".join(
            f"{RATING_WORDS[r].lower()} {record.ratings.count(r)}×"
            for r in dict.fromkeys(record.ratings)
        )
        moved = "" if ranked.movement is None else f"{ranked.movement:+.0f}°"
        for column, text in enumerate(
            (self._name(record.exercise_id), f"{record.times_done}×", said or "–", moved or "–")
        ):
            self.table.setItem(row, column, QTableWidgetItem(text))
        exercise = self.ctx.catalog.library.exercises.get(record.exercise_id)
        progressions = exercise.progressions if exercise is not None else ()
        level = self.ctx.settings.progression_levels.get(record.exercise_id, 0)
        if progressions:
            versions = QComboBox()
            versions.setAccessibleName(f"{self._name(record.exercise_id)}: the version you do")
            for number in range(len(progressions) + 1):
                versions.addItem(progression_text(progressions, number), number)
            versions.setCurrentIndex(min(level, len(progressions)))
            versions.currentIndexChanged.connect(
                lambda index, e=record.exercise_id: self._set_level(e, index)
            )
            self.table.setCellWidget(row, 4, versions)
        else:
            self.table.setItem(row, 4, QTableWidgetItem("As written (no progression)"))
        wanted = progressions and not ranked.not_for_me  # no nudge to do more of what you dislike
        suggested = suggest_next_level(history, len(progressions)) if wanted else None
        hint = ""
        if suggested is not None:
            hint = f"Ready for more: {progression_text(progressions, suggested)}"
        self.table.setItem(row, 5, QTableWidgetItem(hint))

    def _set_level(self, exercise_id: str, level: int) -> None:
        levels = self.ctx.settings.progression_levels
        if level:
            levels[exercise_id] = level
        else:
            levels.pop(exercise_id, None)
        self.ctx.save_settings()

    def _make_routine(self) -> None:
        choice = personal_choice(self.ranked)
        if choice:
            self.routine_requested.emit(choice)
