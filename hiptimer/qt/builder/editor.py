"""The routine editor: pick exercises from the library, dose them, group them, save, try.

The draft is an immutable :class:`Routine`; every edit builds a new one and pushes it onto a
:class:`QUndoStack` (:mod:`hiptimer.qt.builder.undo_commands`), so undo covers every edit.
Each change is checked by the loader's own rules (:func:`user_routines.check_routine`); the
problems are listed in red and marked on their items, and Save and Try it stay disabled until
there are none.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable
from html import escape
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QDropEvent, QKeySequence, QPalette, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hiptimer.core.routines import user_files as ur
from hiptimer.core.routines.limits import MAX_NAME_CHARS, MAX_TEXT_CHARS
from hiptimer.core.routines.loader import Problem
from hiptimer.core.routines.model import (
    EQUIPMENT,
    POSITIONS,
    Exercise,
    Item,
    Routine,
    Section,
    SideChoice,
)
from hiptimer.core.session.plan import estimate_seconds as plan_estimate
from hiptimer.core.text import clock_text, dose_text, minutes_text
from hiptimer.qt.builder.item_form import ItemForm, spin_box
from hiptimer.qt.builder.undo_commands import EditCommand
from hiptimer.qt.builder.undo_commands import Path as TreePath
from hiptimer.qt.context import AppContext
from hiptimer.qt.resources import PictogramWidget
from hiptimer.qt.theme import problem_colour

ROLE_PATH = Qt.ItemDataRole.UserRole
SPEEDS = ((1.0, "1× (real time)"), (10.0, "10× (rehearse)"), (60.0, "60× (quick check)"))


def exercise_haystack(exercise: Exercise) -> str:
    """Everything the library search looks in, lower case."""
    parts = [exercise.id, exercise.name, exercise.section, exercise.position]
    parts.append(POSITIONS.get(exercise.position, ""))
    for equipment in exercise.equipment:
        parts += [equipment, EQUIPMENT.get(equipment, "")]
    return " ".join(parts).lower()


def exercise_html(exercise: Exercise) -> str:
    equipment = ", ".join(EQUIPMENT.get(e, e) for e in exercise.equipment) or "nothing"
    parts = [
        f"<h3>{escape(exercise.name)}</h3>",
        f"<p><b>{escape(exercise.section)}</b> · {escape(POSITIONS.get(exercise.position, ''))}"
        f"<br>You need: {escape(equipment)}</p>",
        "<ol>" + "".join(f"<li>{escape(s)}</li>" for s in exercise.steps) + "</ol>",
    ]
    if exercise.feel:
        parts.append(f"<p><i>Feel:</i> {escape(exercise.feel)}</p>")
    if exercise.cautions:
        parts.append(
            "<p><i>Take care:</i></p><ul>"
            + "".join(f"<li>{escape(c)}</li>" for c in exercise.cautions)
            + "</ul>"
        )
    return "".join(parts)


def tree_path(node: QTreeWidgetItem | None) -> TreePath:
    """The (section, item) place a tree node shows (Qt may hand tuples back as lists)."""
    if node is None:
        return None
    section, item = node.data(0, ROLE_PATH)
    return (section, item)


class RoutineTree(QTreeWidget):
    """The routine's sections and items; drag and drop asks the editor to move, never moves."""

    move_requested = Signal(object, object, object)  # source path, target path, indicator

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderHidden(True)  # two plain columns: the exercise and its dose
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)

    def dropEvent(self, event: QDropEvent) -> None:
        source = self.currentItem()
        target = self.itemAt(event.position().toPoint())
        if source is not None:
            self.move_requested.emit(
                tree_path(source),
                tree_path(target),
                self.dropIndicatorPosition(),
            )
        event.setDropAction(Qt.DropAction.IgnoreAction)  # the editor rebuilds the tree
        event.accept()


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
        self.selected: TreePath = None
        self.problems: list[tuple[Problem, ur.Place]] = []
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

        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(MAX_NAME_CHARS)
        self.name_edit.setAccessibleName("Routine name")
        self.name_edit.setPlaceholderText("e.g. My quick hips")
        self.description_edit = QLineEdit()
        self.description_edit.setMaxLength(MAX_TEXT_CHARS)
        self.description_edit.setAccessibleName("Routine description")
        self.description_edit.setPlaceholderText("optional: what it is for")
        self.rest_spin = spin_box(0, 600, " s", "no rest")
        self.rest_spin.setAccessibleName("Rest between exercises")
        self.name_edit.textChanged.connect(self._name_edited)
        self.description_edit.textChanged.connect(
            lambda text: self._edit_routine("Change description", "description", description=text)
        )
        self.rest_spin.valueChanged.connect(
            lambda value: self._edit_routine("Change rest", "rest", rest=value)
        )
        top = QHBoxLayout()
        for label, widget, stretch in (
            ("&Name:", self.name_edit, 2),
            ("D&escription:", self.description_edit, 3),
            ("Rest &between:", self.rest_spin, 0),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            top.addWidget(caption)
            top.addWidget(widget, stretch)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_library())
        splitter.addWidget(self._build_routine_pane())
        splitter.addWidget(self._build_item_pane())
        splitter.setSizes([500, 420, 360])
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 3)

        self.problem_list = QListWidget()
        self.problem_list.setAccessibleName("Problems")
        self.problem_list.setMaximumHeight(72)
        palette = self.problem_list.palette()
        palette.setColor(QPalette.ColorRole.Text, problem_colour(palette))
        self.problem_list.setPalette(palette)
        self.problem_list.itemActivated.connect(self._go_to_problem)
        self.estimate_label = QLabel()
        self.estimate_label.setAccessibleName("Estimated time")

        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.undo_button = QPushButton("Undo")
        self.undo_button.setAccessibleName("Undo")
        self.undo_button.setToolTip("Undo (Ctrl+Z)")
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button = QPushButton("Redo")
        self.redo_button.setAccessibleName("Redo")
        self.redo_button.setToolTip("Redo (Ctrl+Shift+Z)")
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)

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
        speed_label = QLabel("S&peed:")
        speed_label.setBuddy(self.speed_combo)
        bottom.addWidget(speed_label)
        bottom.addWidget(self.speed_combo)
        bottom.addWidget(self.try_button)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        problems_label = QLabel("Problems to fix before saving (Enter on one goes to it):")
        problems_label.setBuddy(self.problem_list)
        self.problems_label = problems_label
        layout.addWidget(problems_label)
        layout.addWidget(self.problem_list)
        layout.addLayout(bottom)

        self.setTabOrder(self.name_edit, self.description_edit)
        self.setTabOrder(self.description_edit, self.rest_spin)
        self.setTabOrder(self.rest_spin, self.search_edit)
        self.setTabOrder(self.search_edit, self.library_list)
        self.setTabOrder(self.library_list, self.add_button)
        self.setTabOrder(self.add_button, self.tree)

    def _build_library(self) -> QWidget:
        box = QGroupBox("Exercise library")
        self.search_edit = QLineEdit()
        self.search_edit.setAccessibleName("Search exercises")
        self.search_edit.setPlaceholderText("name, section, position or equipment")
        self.search_edit.setToolTip(
            "Type to find an exercise; Up/Down picks another; Enter adds the highlighted one"
        )
        self.search_edit.installEventFilter(self)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._filter_library)
        self.search_edit.returnPressed.connect(self._search_enter)
        search_label = QLabel("Search (Ctrl+F):")
        search_label.setBuddy(self.search_edit)
        search_action = QAction(self)
        search_action.setShortcut(QKeySequence.StandardKey.Find)
        search_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        search_action.triggered.connect(lambda: self.search_edit.setFocus())
        self.addAction(search_action)

        self.library_list = QListWidget()
        self.library_list.setAccessibleName("Exercise library")
        self.library_list.setToolTip("Enter or double-click adds the exercise")
        for exercise in self.ctx.catalog.library.exercises.values():
            entry = QListWidgetItem(f"{exercise.name}\n    {exercise.section}")
            entry.setData(ROLE_PATH, exercise.id)
            entry.setToolTip(POSITIONS.get(exercise.position, ""))
            self.library_list.addItem(entry)
        self.library_list.currentItemChanged.connect(self._show_exercise)
        self.library_list.itemActivated.connect(lambda _entry: self.add_selected_exercise())
        self.add_button = QPushButton("&Add to routine →")
        self.add_button.setAccessibleName("Add the exercise to the routine")
        self.add_button.clicked.connect(self.add_selected_exercise)

        self.pictogram = PictogramWidget()
        self.pictogram.setFixedSize(150, 150)  # large enough to read the position at a glance
        self.pictogram.setAccessibleName("Starting position picture")
        self.exercise_details = QTextBrowser()
        self.exercise_details.setAccessibleName("Exercise instructions")
        self.exercise_details.setOpenLinks(False)
        details = QHBoxLayout()
        details.addWidget(self.pictogram, 0, Qt.AlignmentFlag.AlignTop)
        details.addWidget(self.exercise_details, 1)

        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        row.addWidget(search_label)
        row.addWidget(self.search_edit)
        layout.addLayout(row)
        layout.addWidget(self.library_list, 3)
        layout.addWidget(self.add_button)
        layout.addLayout(details, 2)
        self.library_list.setCurrentRow(0)
        return box

    def _build_routine_pane(self) -> QWidget:
        box = QGroupBox("Your routine")
        self.tree = RoutineTree()
        self.tree.setAccessibleName("Routine exercises by section")
        self.tree.currentItemChanged.connect(self._tree_selection_changed)
        self.tree.move_requested.connect(self._dropped)
        self.tree.header().setStretchLastSection(True)
        self.tree.setColumnWidth(0, 250)

        def button(text: str, name: str, slot: Callable[[], None], keys: str = "") -> QPushButton:
            widget = QPushButton(text)
            widget.setAccessibleName(name)
            widget.clicked.connect(slot)
            if keys:
                widget.setToolTip(f"{name} ({keys})")
                action = QAction(self.tree)
                action.setShortcut(QKeySequence(keys))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                action.triggered.connect(slot)
                self.addAction(action)
            return widget

        self.up_button = button("Move up", "Move up", self.move_up, "Ctrl+Up")
        self.down_button = button("Move down", "Move down", self.move_down, "Ctrl+Down")
        self.remove_button = button("Remove", "Remove", self.remove_selected)
        self.remove_button.setToolTip("Remove (Delete, in the list)")
        delete_action = QAction(self.tree)
        delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_action.triggered.connect(self.remove_selected)
        self.tree.addAction(delete_action)
        self.add_section_button = button("Add se&ction", "Add section", self.add_section)
        self.rename_section_button = button(
            "Rename sect&ion", "Rename section", self.focus_section_name
        )
        buttons = QHBoxLayout()
        for widget in (
            self.up_button,
            self.down_button,
            self.remove_button,
            self.add_section_button,
            self.rename_section_button,
        ):
            buttons.addWidget(widget)
        hint = QLabel("Drag to reorder, or Ctrl+Up / Ctrl+Down. Delete removes.")
        hint.setWordWrap(True)
        hint.setEnabled(False)
        layout = QVBoxLayout(box)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        return box

    def _build_item_pane(self) -> QWidget:
        box = QGroupBox("Selected")
        self.item_form = ItemForm()
        self.item_form.edited.connect(self._item_edited)
        self.section_form = QWidget()
        section_layout = QFormLayout(self.section_form)
        self.section_name_edit = QLineEdit()
        self.section_name_edit.setMaxLength(MAX_NAME_CHARS)
        self.section_name_edit.setAccessibleName("Section name")
        self.section_name_edit.textEdited.connect(self._section_renamed)
        section_title = QLabel("Section title:")
        section_title.setBuddy(self.section_name_edit)
        section_layout.addRow(section_title, self.section_name_edit)
        self.empty_form = QLabel(
            "Pick an exercise in the library on the left and press Enter (or Add) to put it "
            "in your routine. Select it here to change its time, reps or sides."
        )
        self.empty_form.setWordWrap(True)
        self.empty_form.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.form_stack = QStackedWidget()
        for widget in (self.empty_form, self.item_form, self.section_form):
            self.form_stack.addWidget(widget)
        layout = QVBoxLayout(box)
        layout.addWidget(self.form_stack)
        layout.addStretch(0)
        return box

    # The draft ----------------------------------------------------------------------------
    def routine(self) -> Routine:
        """The routine as it would be saved or played now (a new one gets an id from its name)."""
        if self.original is not None:
            return dataclasses.replace(self.draft, id=self.original.id)
        return dataclasses.replace(
            self.draft, id=ur.unique_id(self.draft.name or "routine", self.ctx.catalog.ids)
        )

    def target_file(self) -> Path:
        folder = self.ctx.paths.user_routines_dir
        if self.original is not None and self.original.source:
            return Path(self.original.source)
        return ur.unique_file(folder, self.draft.name or "routine")

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def valid(self) -> bool:
        return not self.problems

    def apply(
        self, text: str, after: Routine, select: TreePath, merge_key: Hashable | None = None
    ) -> None:
        """Make ``after`` the draft as one undoable edit."""
        if after == self.draft and select == self.selected:
            return
        self.undo_stack.push(
            EditCommand(self, text, self.draft, after, self.selected, select, merge_key)
        )

    def show_draft(self, routine: Routine, select: TreePath) -> None:
        """Show ``routine`` everywhere (called by undo commands)."""
        self.draft = routine
        for widget, text in (
            (self.name_edit, routine.name),
            (self.description_edit, routine.description),
        ):
            if widget.text() != text:
                with QSignalBlocker(widget):
                    widget.setText(text)
        with QSignalBlocker(self.rest_spin):
            self.rest_spin.setValue(routine.rest)
        self._check()
        self._fill_tree(select)
        self._update_estimate()
        self._update_title()

    def _sections(self) -> list[list]:
        return [[s.name, list(s.items)] for s in self.draft.sections]

    def _with_sections(self, sections: list[list]) -> Routine:
        return dataclasses.replace(
            self.draft, sections=tuple(Section(name, tuple(items)) for name, items in sections)
        )

    def _edit_routine(self, text: str, key: str, **changes: object) -> None:
        self.apply(text, dataclasses.replace(self.draft, **changes), self.selected, key)

    def _name_edited(self, name: str) -> None:
        self._edit_routine("Rename routine", "name", name=name)

    # Checking -----------------------------------------------------------------------------
    def _check(self) -> None:
        routine = self.routine()
        taken = [i for i in self.ctx.catalog.ids if self.original is None or i != self.original.id]
        found = ur.check_routine(routine, self.ctx.catalog.library, self.target_file().name, taken)
        places = ur.problem_places(ur.routine_text(routine), found)
        self.problems = list(zip(found, places, strict=True))
        self.problem_list.clear()
        for problem, place in self.problems:
            entry = QListWidgetItem(f"{self._place_text(place)}{ur.plain_message(problem)}")
            entry.setData(ROLE_PATH, place)
            entry.setForeground(QBrush(problem_colour(self.problem_list.palette())))
            self.problem_list.addItem(entry)
        if not self.problems:
            entry = QListWidgetItem("None: the routine is ready to save and to try.")
            entry.setData(ROLE_PATH, None)
            entry.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
            self.problem_list.addItem(entry)
        self.save_button.setEnabled(self.valid)
        self.try_button.setEnabled(self.valid)

    def _place_text(self, place: ur.Place) -> str:
        section, item = place
        if section is None or section >= len(self.draft.sections):
            return ""
        if item is None:
            return f"Section “{self.draft.sections[section].name}”: "
        number = sum(len(s.items) for s in self.draft.sections[:section]) + item + 1
        exercise = self.ctx.catalog.library.exercises.get(
            self.draft.sections[section].items[item].exercise
        )
        return f"{number}. {exercise.name if exercise else '?'}: "

    def _go_to_problem(self, entry: QListWidgetItem) -> None:
        if entry.data(ROLE_PATH) is None:
            return
        section, item = entry.data(ROLE_PATH)
        if section is None:
            self.name_edit.setFocus()
            return
        self._select((section, item))
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
                lead_in=self.ctx.settings.lead_in_seconds,
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

    # The tree -----------------------------------------------------------------------------
    def _fill_tree(self, select: TreePath) -> None:
        library = self.ctx.catalog.library
        bad = {place for _problem, place in self.problems}
        with QSignalBlocker(self.tree):
            self.tree.clear()
            for s_index, section in enumerate(self.draft.sections):
                node = QTreeWidgetItem([section.name or "(untitled section)", ""])
                node.setData(0, ROLE_PATH, (s_index, None))
                font = node.font(0)
                font.setBold(True)
                node.setFont(0, font)
                node.setFlags(node.flags() | Qt.ItemFlag.ItemIsDropEnabled)
                self._mark(node, (s_index, None) in bad)
                self.tree.addTopLevelItem(node)
                for i_index, item in enumerate(section.items):
                    exercise = library.exercises.get(item.exercise)
                    child = QTreeWidgetItem(
                        [exercise.name if exercise else item.exercise, dose_text(item)]
                    )
                    child.setData(0, ROLE_PATH, (s_index, i_index))
                    child.setFlags(child.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)
                    if item.note:
                        child.setToolTip(0, item.note)
                    self._mark(child, (s_index, i_index) in bad)
                    node.addChild(child)
            self.tree.expandAll()
        self._select(select)

    def _mark(self, node: QTreeWidgetItem, bad: bool) -> None:
        if bad:
            for column in (0, 1):
                node.setForeground(column, QBrush(problem_colour(self.palette())))
            node.setText(1, (node.text(1) + "  ⚠ see problems").strip())

    def _node(self, path: TreePath) -> QTreeWidgetItem | None:
        if path is None:
            return None
        section, item = path
        if not 0 <= section < self.tree.topLevelItemCount():
            return None
        node = self.tree.topLevelItem(section)
        if item is None:
            return node
        return node.child(item) if 0 <= item < node.childCount() else None

    def _select(self, path: TreePath) -> None:
        node = self._node(path)
        with QSignalBlocker(self.tree):
            self.tree.setCurrentItem(node)
            if node is None:
                self.tree.clearSelection()
        self.selected = path if node is not None else None
        self._show_selected()

    def _tree_selection_changed(self, current: QTreeWidgetItem | None) -> None:
        self.selected = tree_path(current)
        self._show_selected()

    def _show_selected(self) -> None:
        path = self.selected
        has = path is not None
        for widget in (self.up_button, self.down_button, self.remove_button):
            widget.setEnabled(has)
        self.rename_section_button.setEnabled(has)
        if path is None:
            self.form_stack.setCurrentWidget(self.empty_form)
            return
        section, item = path
        if item is None:
            name = self.draft.sections[section].name
            if self.section_name_edit.text() != name:
                self.section_name_edit.setText(name)
            self.form_stack.setCurrentWidget(self.section_form)
            return
        entry = self.draft.sections[section].items[item]
        self.item_form.show_item(entry, self.ctx.catalog.library.exercises.get(entry.exercise))
        self.form_stack.setCurrentWidget(self.item_form)

    # Edits --------------------------------------------------------------------------------
    def selected_exercise(self) -> Exercise | None:
        entry = self.library_list.currentItem()
        if entry is None or entry.isHidden():
            return None
        return self.ctx.catalog.library.exercises.get(entry.data(ROLE_PATH))

    def add_selected_exercise(self) -> None:
        exercise = self.selected_exercise()
        if exercise is not None:
            self.add_exercise(exercise)

    def add_exercise(self, exercise: Exercise) -> None:
        """Add after the selected item (or at the end of the selected or last section)."""
        item = ur.default_item(exercise, self.ctx.catalog)
        sections = self._sections()
        if self.selected is None:
            section = len(sections) - 1
            index = len(sections[-1][1]) if sections else 0
        else:
            section, chosen = self.selected
            index = len(sections[section][1]) if chosen is None else chosen + 1
        appending = not sections or (
            section == len(sections) - 1 and index == len(sections[section][1])
        )
        program_sections = {e.section for e in self.ctx.catalog.library.exercises.values()}
        if not sections or (
            appending
            and sections[-1][1]
            and sections[-1][0] in program_sections
            and sections[-1][0] != exercise.section
        ):
            # Appending: group by the program's sections unless you made your own section.
            sections.append([exercise.section, []])
            section, index = len(sections) - 1, 0
        sections[section][1].insert(index, item)
        self.apply(f"Add {exercise.name}", self._with_sections(sections), (section, index))

    def _item_edited(self, item: Item, field: str) -> None:
        if self.selected is None or self.selected[1] is None:
            return
        section, index = self.selected
        sections = self._sections()
        sections[section][1][index] = item
        key = None if field == "kind" else ("item", section, index, field)
        self.apply(f"Change {field}", self._with_sections(sections), self.selected, key)

    def _section_renamed(self, name: str) -> None:
        if self.selected is None:
            return
        section = self.selected[0]
        sections = self._sections()
        sections[section][0] = name
        self.apply(
            "Rename section", self._with_sections(sections), self.selected, ("section", section)
        )

    def focus_section_name(self) -> None:
        if self.selected is None:
            return
        self._select((self.selected[0], None))
        self.section_name_edit.setFocus()
        self.section_name_edit.selectAll()

    def add_section(self) -> None:
        sections = self._sections()
        names = {name for name, _items in sections}
        number = len(sections) + 1
        while f"Section {number}" in names:
            number += 1
        at = len(sections) if self.selected is None else self.selected[0] + 1
        sections.insert(at, [f"Section {number}", []])
        self.apply("Add section", self._with_sections(sections), (at, None))
        self.section_name_edit.setFocus()
        self.section_name_edit.selectAll()

    def remove_selected(self) -> None:
        if self.selected is None:
            return
        section, index = self.selected
        sections = self._sections()
        if index is None:
            del sections[section]
            select: TreePath = (min(section, len(sections) - 1), None) if sections else None
            text = "Remove section"
        else:
            del sections[section][1][index]
            remaining = len(sections[section][1])
            text = "Remove exercise"
            if remaining:
                select = (section, min(index, remaining - 1))
            else:  # an emptied section goes too (undo brings both back)
                del sections[section]
                later = section if section < len(sections) else section - 1
                select = (later, 0) if sections and sections[later][1] else None
        self.apply(text, self._with_sections(sections), select)

    def move_up(self) -> None:
        self._move_by(-1)

    def move_down(self) -> None:
        self._move_by(1)

    def _move_by(self, step: int) -> None:
        if self.selected is None:
            return
        section, index = self.selected
        sections = self._sections()
        if index is None:  # a whole section
            target = section + step
            if 0 <= target < len(sections):
                sections.insert(target, sections.pop(section))
                self.apply("Move section", self._with_sections(sections), (target, None))
            return
        items = sections[section][1]
        target = index + step
        if 0 <= target < len(items):
            items.insert(target, items.pop(index))
            self.apply("Move exercise", self._with_sections(sections), (section, target))
            return
        other = section + step  # across the section border
        if 0 <= other < len(sections):
            item = items.pop(index)
            position = len(sections[other][1]) if step < 0 else 0
            sections[other][1].insert(position, item)
            self.apply("Move exercise", self._with_sections(sections), (other, position))

    def move_item(self, source: TreePath, section: int, index: int) -> None:
        """Move an item to ``index`` of ``section`` (``index`` counted before the move)."""
        if source is None or source[1] is None:
            return
        sections = self._sections()
        from_section, from_index = source
        item = sections[from_section][1].pop(from_index)
        if from_section == section and from_index < index:
            index -= 1
        index = max(0, min(index, len(sections[section][1])))
        sections[section][1].insert(index, item)
        self.apply("Move exercise", self._with_sections(sections), (section, index))

    def move_section(self, source: int, target: int) -> None:
        sections = self._sections()
        if source < target:
            target -= 1
        sections.insert(target, sections.pop(source))
        self.apply("Move section", self._with_sections(sections), (target, None))

    def _dropped(self, source: TreePath, target: TreePath, indicator: object) -> None:
        position = QAbstractItemView.DropIndicatorPosition
        if source is None:
            return
        count = len(self.draft.sections)
        if source[1] is None:  # a section: before or after another section
            if target is None:
                self.move_section(source[0], count)
                return
            after = indicator is position.BelowItem or target[1] is not None
            self.move_section(source[0], target[0] + (1 if after else 0))
            return
        if target is None:
            last = count - 1
            self.move_item(source, last, len(self.draft.sections[last].items))
        elif target[1] is None:  # onto a section title
            if indicator is position.AboveItem and target[0] > 0:
                previous = target[0] - 1
                self.move_item(source, previous, len(self.draft.sections[previous].items))
            elif indicator is position.OnItem:
                self.move_item(source, target[0], len(self.draft.sections[target[0]].items))
            else:
                self.move_item(source, target[0], 0)
        else:
            after = indicator is not position.AboveItem
            self.move_item(source, target[0], target[1] + (1 if after else 0))

    # The library --------------------------------------------------------------------------
    def _filter_library(self, text: str) -> None:
        words = text.lower().split()
        library = self.ctx.catalog.library.exercises
        best: tuple[int, int] | None = None  # (words found in the name, -row): highest wins
        for row in range(self.library_list.count()):
            entry = self.library_list.item(row)
            exercise = library.get(entry.data(ROLE_PATH))
            haystack = exercise_haystack(exercise) if exercise else ""
            hidden = not all(word in haystack for word in words)
            entry.setHidden(hidden)
            if not hidden:
                name = exercise.name.lower() if exercise else ""
                score = (sum(word in name for word in words), -row)
                best = score if best is None or score > best else best
        if best is not None:
            self.library_list.setCurrentRow(-best[1])

    def _search_enter(self) -> None:
        """Enter in the search field adds the highlighted exercise; type again for the next."""
        self.add_selected_exercise()
        self.search_edit.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the search field move through the library list."""
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                rows = [
                    r
                    for r in range(self.library_list.count())
                    if not self.library_list.item(r).isHidden()
                ]
                if rows:
                    current = self.library_list.currentRow()
                    at = rows.index(current) if current in rows else -1
                    step = -1 if key == Qt.Key.Key_Up else 1
                    self.library_list.setCurrentRow(rows[max(0, min(len(rows) - 1, at + step))])
                return True
        return super().eventFilter(watched, event)

    def _show_exercise(self, entry: QListWidgetItem | None) -> None:
        exercise = self.selected_exercise() if entry is not None else None
        self.add_button.setEnabled(exercise is not None)
        if exercise is None:
            self.exercise_details.setHtml("")
            self.pictogram.set_position("")
            return
        self.exercise_details.setHtml(exercise_html(exercise))
        self.pictogram.set_position(exercise.position)

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
