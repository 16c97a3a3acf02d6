"""The routine editor: pick exercises from the library, dose them, group them, save, try.

The draft is an immutable :class:`Routine`.  Every edit is a pure function of
:mod:`hiptimer.core.routines.drafts` whose result is pushed onto a :class:`QUndoStack`
(:mod:`hiptimer.qt.builder.undo_commands`), so undo covers every edit.  Each change is checked
by the loader's own rules (:func:`user_files.check_routine`); the problems are listed in red and
marked on the items their locations name, and Save and Try it stay disabled until there are
none.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Hashable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hiptimer.core.routines import drafts
from hiptimer.core.routines import user_files as ur
from hiptimer.core.routines.drafts import Drop, Edit, Place
from hiptimer.core.routines.model import Exercise, Item, Routine, SideChoice
from hiptimer.core.routines.naming import unique_file, unique_id
from hiptimer.core.routines.problems import Problem
from hiptimer.core.session.plan import estimate_seconds as plan_estimate
from hiptimer.core.text import clock_text, minutes_text
from hiptimer.qt.builder.library_pane import LibraryPane
from hiptimer.qt.builder.problem_list import ProblemList
from hiptimer.qt.builder.routine_fields import RoutineFields
from hiptimer.qt.builder.routine_tree import RoutinePane, tree_place
from hiptimer.qt.builder.selected_pane import SelectedPane
from hiptimer.qt.builder.undo_commands import EditCommand, undo_redo_buttons
from hiptimer.qt.context import AppContext

SPEEDS = ((1.0, "1× (real time)"), (10.0, "10× (rehearse)"), (60.0, "60× (quick check)"))


class RoutineEditor(QWidget):
    """Edits one routine; emits ``saved(path)``, ``closed()`` and ``play_requested``.

    ``original`` is the routine as loaded from one of your files (saves go back to that file);
    ``None`` makes a new routine (and a new file on the first save).
    """

    saved = Signal(object)  # Path
    closed = Signal()
    play_requested = Signal(object, float)  # Routine (unsaved draft), speed

    def __init__(
        self,
        ctx: AppContext,
        routine: Routine,
        original: Routine | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.original = original if original is not None and not original.builtin else None
        self.draft = routine
        self.selected: Place = None
        self.problems: list[tuple[Problem, Place]] = []
        self.undo_stack = QUndoStack(self)
        self.setAccessibleName("Routine editor")
        self._build()
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.show_draft(routine, (0, 0) if routine.items else None)
        self.undo_stack.setClean()
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    # Building the widgets -----------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)

        self.fields = RoutineFields()
        self.fields.edited.connect(self._edit_routine)
        self.name_edit = self.fields.name_edit
        self.description_edit = self.fields.description_edit
        self.rest_spin = self.fields.rest_spin

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        self.library = LibraryPane(self.ctx.catalog.library)
        self.library.add_requested.connect(self.add_exercise)
        splitter.addWidget(self.library)
        self.routine_pane = RoutinePane()
        self.tree = self.routine_pane.tree
        self.tree.currentItemChanged.connect(
            lambda current: self._selection_changed(tree_place(current))
        )
        self.tree.move_requested.connect(self._dropped)
        for button, slot in (
            (self.routine_pane.up_button, self.move_up),
            (self.routine_pane.down_button, self.move_down),
            (self.routine_pane.remove_button, self.remove_selected),
            (self.routine_pane.add_section_button, self.add_section),
            (self.routine_pane.rename_section_button, self.focus_section_name),
        ):
            button.clicked.connect(slot)
        self.addActions(self.routine_pane.shortcuts)
        self.selection = SelectedPane()
        self.selection.item_edited.connect(self._item_edited)
        self.selection.section_renamed.connect(self._section_renamed)
        # Two panes: the library, and your routine with the selected item's form under it.
        routine_column = QSplitter(Qt.Orientation.Vertical)
        routine_column.setChildrenCollapsible(False)
        routine_column.addWidget(self.routine_pane)
        routine_column.addWidget(self.selection)
        routine_column.setStretchFactor(0, 3)
        routine_column.setStretchFactor(1, 2)
        splitter.addWidget(routine_column)
        splitter.setSizes([560, 640])
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)

        self.problem_list = ProblemList()
        self.problem_list.go_to.connect(self._go_to_problem)
        self.estimate_label = QLabel()
        self.estimate_label.setAccessibleName("Estimated time")

        self.undo_button, self.redo_button = undo_redo_buttons(self.undo_stack, self)

        self.speed_combo = QComboBox()
        self.speed_combo.setAccessibleName("Try-it speed")
        for speed, label in SPEEDS:
            self.speed_combo.addItem(label, speed)
        self.try_button = QPushButton("&Try it")
        self.try_button.setAccessibleName("Try the routine now, without saving")
        self.try_button.setToolTip("Play this routine as it is now; it is not saved")
        self.try_button.clicked.connect(self.try_it)
        self.save_button = QPushButton("Save")
        self.save_button.setAccessibleName("Save the routine")
        self.save_button.setToolTip("Save (Ctrl+S)")
        self.save_button.setDefault(False)
        self.save_button.clicked.connect(self.save)
        save_action = QAction(self)
        save_action.setShortcut(QKeySequence.StandardKey.Save)
        save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_action.triggered.connect(self.save)
        self.addAction(save_action)
        self.close_button = QPushButton("Cl&ose")
        self.close_button.setAccessibleName("Close the editor")
        self.close_button.clicked.connect(self.request_close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.estimate_label, 1)
        bottom.addWidget(self.undo_button)
        bottom.addWidget(self.redo_button)
        speed_label = QLabel("Spee&d:")
        speed_label.setBuddy(self.speed_combo)
        bottom.addWidget(speed_label)
        bottom.addWidget(self.speed_combo)
        bottom.addWidget(self.try_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.fields)
        layout.addWidget(splitter, 1)
        problems_label = QLabel("Problems to fix before saving (Enter on one goes to it):")
        problems_label.setBuddy(self.problem_list)
        self.problems_label = problems_label
        layout.addWidget(problems_label)
        layout.addWidget(self.problem_list)
        layout.addLayout(bottom)

        fields = self.fields.widgets()
        for before, after in itertools.pairwise(fields):
            self.setTabOrder(before, after)
        self.setTabOrder(fields[-1], self.library.search_edit)
        self.setTabOrder(self.library.search_edit, self.library.library_list)
        self.setTabOrder(self.library.library_list, self.library.add_button)
        self.setTabOrder(self.library.add_button, self.tree)

        search_action = QAction(self)
        search_action.setShortcut(QKeySequence.StandardKey.Find)
        search_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        search_action.triggered.connect(self.library.focus_search)
        self.addAction(search_action)

    # The draft ----------------------------------------------------------------------------
    def routine(self) -> Routine:
        """The routine as it would be saved or played now (a new one gets an id from its name)."""
        if self.original is not None:
            return dataclasses.replace(self.draft, id=self.original.id)
        return dataclasses.replace(
            self.draft, id=unique_id(self.draft.name or "routine", self.ctx.catalog.ids)
        )

    def target_file(self) -> Path:
        folder = self.ctx.paths.user_routines_dir
        if self.original is not None and self.original.source:
            return Path(self.original.source)
        return unique_file(folder, self.draft.name or "routine")

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def valid(self) -> bool:
        return not self.problems

    def apply(
        self, text: str, after: Routine, select: Place, merge_key: Hashable | None = None
    ) -> None:
        """Make ``after`` the draft as one undoable edit."""
        if after == self.draft and select == self.selected:
            return
        self.undo_stack.push(
            EditCommand(self, text, self.draft, after, self.selected, select, merge_key)
        )

    def _apply_edit(self, text: str, edit: Edit | None, merge_key: Hashable | None = None) -> None:
        if edit is not None:
            self.apply(text, edit.routine, edit.select, merge_key)

    def show_draft(self, routine: Routine, select: Place) -> None:
        """Show ``routine`` everywhere (called by undo commands)."""
        self.draft = routine
        self.fields.show_routine(routine)
        self._check()
        self.tree.show_routine(
            routine, self.ctx.catalog.library, {place for _problem, place in self.problems}
        )
        self._select(select)
        self._update_estimate()
        self._update_title()

    def _edit_routine(self, text: str, after: Routine) -> None:
        """A change of a routine field: name, description, rest, limited side, plan (typing
        into one field merges into one step)."""
        self.apply(text, after, self.selected, text)

    # Checking -----------------------------------------------------------------------------
    def _check(self) -> None:
        routine = self.routine()
        taken = [i for i in self.ctx.catalog.ids if self.original is None or i != self.original.id]
        found = ur.check_routine(routine, self.ctx.catalog.library, self.target_file().name, taken)
        self.problems = [(problem, drafts.problem_place(problem)) for problem in found]
        self.problem_list.show_problems(self.problems, self.draft, self.ctx.catalog.library)
        self.save_button.setEnabled(self.valid)
        self.try_button.setEnabled(self.valid)

    def _go_to_problem(self, place: Place, key: str) -> None:
        """Select the problem's item or section, or focus the routine field it is about."""
        if place is None:
            self.fields.field(key).setFocus()
            return
        self._select(place)
        self.tree.setFocus()

    def _update_estimate(self) -> None:
        routine = dataclasses.replace(
            self.draft, sections=tuple(s for s in self.draft.sections if s.items)
        )
        try:
            seconds = plan_estimate(
                routine,
                self.ctx.catalog.library,
                SideChoice.LEFT,
                **self.ctx.settings.lead_ins(),
            )
        except ValueError:
            self.estimate_label.setText("Estimated time: add exercises to see it")
            return
        count = len(routine.items)
        self.estimate_label.setText(
            f"Estimated time: <b>{minutes_text(seconds)}</b> ({clock_text(seconds)}) for one "
            f"side · {count} exercise{'s' * (count != 1)}"
        )

    def _clean_changed(self, _clean: bool) -> None:
        self._update_title()

    def _update_title(self) -> None:
        name = self.draft.name or "New routine"
        star = " •" if self.dirty else ""
        state = "new, not saved yet" if self.original is None else Path(self.target_file()).name
        self.title.setText(f"Editing “{name}”{star}  ({state})")

    # The selection ------------------------------------------------------------------------
    def _select(self, place: Place) -> None:
        self._selection_changed(self.tree.select(place))

    def _selection_changed(self, place: Place) -> None:
        self.selected = place
        self.routine_pane.set_selected(place is not None)
        if place is None:
            self.selection.show_nothing()
            return
        section, item = place
        if item is None:
            self.selection.show_section(self.draft.sections[section].name)
            return
        entry = self.draft.sections[section].items[item]
        exercise = self.ctx.catalog.library.exercises.get(entry.exercise)
        self.selection.show_item(entry, exercise, self.draft.limited_extra)

    # Edits --------------------------------------------------------------------------------
    def add_exercise(self, exercise: Exercise) -> None:
        """Add after the selected item (or at the end of the selected or last section)."""
        item = drafts.default_item(exercise, self.ctx.catalog)
        program_sections = {e.section for e in self.ctx.catalog.library.exercises.values()}
        edit = drafts.add_item(self.draft, item, exercise.section, self.selected, program_sections)
        self._apply_edit(f"Add {exercise.name}", edit)

    def _item_edited(self, item: Item, field: str) -> None:
        if self.selected is None:
            return
        section, index = self.selected
        if index is None:
            return
        key = None if field == "kind" else ("item", section, index, field)
        edit = drafts.set_item(self.draft, (section, index), item)
        self._apply_edit(f"Change {field}", edit, key)

    def _section_renamed(self, name: str) -> None:
        if self.selected is not None:
            section = self.selected[0]
            edit = drafts.rename_section(self.draft, section, name)
            self._apply_edit("Rename section", edit, ("section", section))

    def focus_section_name(self) -> None:
        if self.selected is None:
            return
        self._select((self.selected[0], None))
        self.selection.focus_section_name()

    def add_section(self) -> None:
        self._apply_edit("Add section", drafts.add_section(self.draft, self.selected))
        self.selection.focus_section_name()

    def remove_selected(self) -> None:
        what = "section" if self.selected is not None and self.selected[1] is None else "exercise"
        self._apply_edit(f"Remove {what}", drafts.remove(self.draft, self.selected))

    def move_up(self) -> None:
        self._move_by(-1)

    def move_down(self) -> None:
        self._move_by(1)

    def _move_by(self, step: int) -> None:
        edit = drafts.move_by(self.draft, self.selected, step)
        self._apply_edit(_move_text(self.selected), edit)

    def _dropped(self, source: Place, target: Place, where: Drop) -> None:
        self._apply_edit(_move_text(source), drafts.drop(self.draft, source, target, where))

    # Save, try, close ---------------------------------------------------------------------
    def save(self) -> bool:
        """Save the draft; False (and a message) when it cannot be saved."""
        self._check()
        if not self.valid:
            self.problem_list.setFocus()
            return False
        routine = self.routine()
        folder = self.ctx.paths.user_routines_dir
        try:
            path = ur.save_routine(self.ctx.catalog, folder, routine, self.original)
        except ur.RoutineFileError as exc:
            QMessageBox.warning(self, "Not saved", exc.details())
            return False
        except OSError as exc:
            QMessageBox.warning(
                self,
                "Not saved",
                f"The routine could not be written ({exc.strerror or exc}). "
                "Your earlier file is unchanged.",
            )
            return False
        self.original = dataclasses.replace(routine, source=str(path), builtin=False)
        self.draft = routine
        self.undo_stack.setClean()
        self._update_title()
        self.saved.emit(path)
        return True

    def try_it(self) -> None:
        if self.valid:
            self.play_requested.emit(self.routine(), float(self.speed_combo.currentData()))

    def maybe_close(self) -> bool:
        """True when the editor may close: nothing unsaved, or the user chose Save/Discard."""
        if not self.dirty:
            return True
        buttons = (
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        answer = QMessageBox.question(
            self,
            "Save changes?",
            f"“{self.draft.name or 'New routine'}” has changes that are not saved.",
            buttons,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def request_close(self) -> None:
        if self.maybe_close():
            self.closed.emit()


def _move_text(moved: Place) -> str:
    return "Move section" if moved is not None and moved[1] is None else "Move exercise"
