"""Undo for the routine editor: every edit replaces the whole (small, immutable) draft routine.

A routine is a frozen dataclass of at most a few hundred items, so keeping the routine before
and after each edit is cheap and makes every edit undoable by one command type.  Edits that
come from typing into one field (a name, a spin box) carry a ``merge_key`` and merge into one
undo step.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QPushButton, QWidget

from hiptimer.core.routines.drafts import Place
from hiptimer.core.routines.model import Routine

MERGE_ID = 1


class Editable(Protocol):
    def show_draft(self, routine: Routine, select: Place) -> None: ...


class EditCommand(QUndoCommand):
    """Replace the editor's draft ``before`` → ``after`` (and restore the selection on undo)."""

    def __init__(
        self,
        editor: Editable,
        text: str,
        before: Routine,
        after: Routine,
        select_before: Place,
        select_after: Place,
        merge_key: Hashable | None = None,
    ) -> None:
        super().__init__(text)
        self.editor = editor
        self.before = before
        self.after = after
        self.select_before = select_before
        self.select_after = select_after
        self.merge_key = merge_key

    def id(self) -> int:
        return MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        self.select_after = other.select_after
        return True

    def redo(self) -> None:
        self.editor.show_draft(self.after, self.select_after)

    def undo(self) -> None:
        self.editor.show_draft(self.before, self.select_before)


def undo_redo_buttons(stack: QUndoStack, owner: QWidget) -> tuple[QPushButton, QPushButton]:
    """Undo and Redo buttons for ``stack``; Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y work in ``owner``."""
    buttons = []
    for create, text, keys, slot, changed in (
        (stack.createUndoAction, "Undo", ("Ctrl+Z",), stack.undo, stack.canUndoChanged),
        (
            stack.createRedoAction,
            "Redo",
            ("Ctrl+Shift+Z", "Ctrl+Y"),
            stack.redo,
            stack.canRedoChanged,
        ),
    ):
        action = create(owner, f"&{text}")
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        owner.addAction(action)
        button = QPushButton(text)
        button.setAccessibleName(text)
        button.setToolTip(f"{text} ({keys[0]})")
        button.clicked.connect(slot)
        changed.connect(button.setEnabled)
        button.setEnabled(False)
        buttons.append(button)
    return buttons[0], buttons[1]
