"""The editor's "Your routine" pane: the draft's sections and items, problems marked on them.

Drag and drop never moves anything itself: the tree emits ``move_requested(source, target,
drop)`` with two places and a :class:`~hiptimer.core.routines.drafts.Drop`, and the editor
turns that into an edit (:func:`hiptimer.core.routines.drafts.drop`).
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hiptimer.core.routines.drafts import Drop, Place
from hiptimer.core.routines.model import Library, Routine
from hiptimer.core.routines.schema import dose_text
from hiptimer.qt.style import problem_colour

ROLE_PLACE = Qt.ItemDataRole.UserRole
_INDICATOR = QAbstractItemView.DropIndicatorPosition
_DROPS = {
    _INDICATOR.AboveItem: Drop.ABOVE,
    _INDICATOR.BelowItem: Drop.BELOW,
    _INDICATOR.OnItem: Drop.ON,
    _INDICATOR.OnViewport: Drop.VIEWPORT,
}


def drop_position(indicator: QAbstractItemView.DropIndicatorPosition) -> Drop:
    return _DROPS[indicator]


def tree_place(node: QTreeWidgetItem | None) -> Place:
    """The (section, item) place a tree node shows (Qt may hand tuples back as lists)."""
    if node is None:
        return None
    section, item = node.data(0, ROLE_PLACE)
    return (section, item)


class RoutineTree(QTreeWidget):
    """The routine's sections and items; drag and drop asks the editor to move, never moves."""

    move_requested = Signal(object, object, object)  # source place, target place, Drop

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
                tree_place(source), tree_place(target), drop_position(self.dropIndicatorPosition())
            )
        event.setDropAction(Qt.DropAction.IgnoreAction)  # the editor rebuilds the tree
        event.accept()

    def show_routine(self, routine: Routine, library: Library, bad: Collection[Place]) -> None:
        """Show every section and item of ``routine``; the places in ``bad`` are marked."""
        with QSignalBlocker(self):
            self.clear()
            for s_index, section in enumerate(routine.sections):
                node = QTreeWidgetItem([section.name or "(untitled section)", ""])
                node.setData(0, ROLE_PLACE, (s_index, None))
                font = node.font(0)
                font.setBold(True)
                node.setFont(0, font)
                node.setFlags(node.flags() | Qt.ItemFlag.ItemIsDropEnabled)
                self._mark(node, (s_index, None) in bad)
                self.addTopLevelItem(node)
                for i_index, item in enumerate(section.items):
                    exercise = library.exercises.get(item.exercise)
                    child = QTreeWidgetItem(
                        [exercise.name if exercise else item.exercise, dose_text(item)]
                    )
                    child.setData(0, ROLE_PLACE, (s_index, i_index))
                    child.setFlags(child.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)
                    if item.note:
                        child.setToolTip(0, item.note)
                    self._mark(child, (s_index, i_index) in bad)
                    node.addChild(child)
            self.expandAll()

    def _mark(self, node: QTreeWidgetItem, bad: bool) -> None:
        if bad:
            for column in (0, 1):
                node.setForeground(column, QBrush(problem_colour(self.palette())))
            node.setText(1, (node.text(1) + "  ⚠ see problems").strip())

    def node(self, place: Place) -> QTreeWidgetItem | None:
        if place is None:
            return None
        section, item = place
        node = self.topLevelItem(section) if 0 <= section < self.topLevelItemCount() else None
        if node is None or item is None:
            return node
        return node.child(item) if 0 <= item < node.childCount() else None

    def select(self, place: Place) -> Place:
        """Make ``place`` current without signals; returns it, or None when it is not shown."""
        node = self.node(place)
        with QSignalBlocker(self):
            if node is None:
                self.setCurrentIndex(QModelIndex())
                self.clearSelection()
            else:
                self.setCurrentItem(node)
        return place if node is not None else None


class RoutinePane(QGroupBox):
    """The tree with its buttons; the editor connects the buttons and adds :attr:`shortcuts`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Your routine", parent)
        self.tree = RoutineTree()
        self.tree.setAccessibleName("Routine exercises by section")
        self.tree.header().setStretchLastSection(True)
        self.tree.setColumnWidth(0, 250)
        #: Shortcuts for the whole editor (Ctrl+Up, Ctrl+Down), each clicking its button.
        self.shortcuts: list[QAction] = []
        self.up_button = self._button("Move up", "Move up", "Ctrl+Up")
        self.down_button = self._button("Move down", "Move down", "Ctrl+Down")
        self.remove_button = self._button("Remove", "Remove")
        self.remove_button.setToolTip("Remove (Delete, in the list)")
        delete_action = QAction(self.tree)
        delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_action.triggered.connect(self.remove_button.click)
        self.tree.addAction(delete_action)
        self.add_section_button = self._button("Add se&ction", "Add section")
        self.rename_section_button = self._button("Rename sect&ion", "Rename section")
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
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addWidget(hint)

    def _button(self, text: str, name: str, keys: str = "") -> QPushButton:
        widget = QPushButton(text)
        widget.setAccessibleName(name)
        if keys:
            widget.setToolTip(f"{name} ({keys})")
            action = QAction(self.tree)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(widget.click)
            self.shortcuts.append(action)
        return widget

    def set_selected(self, selected: bool) -> None:
        """Moving, removing and renaming need something selected."""
        for widget in (
            self.up_button,
            self.down_button,
            self.remove_button,
            self.rename_section_button,
        ):
            widget.setEnabled(selected)
