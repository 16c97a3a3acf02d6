"""The "My routines" page: every routine, and what you can do with your own ones.

Built-in routines are read-only (duplicate one, or edit a copy).  Your routines can be made,
renamed, edited, deleted (into a trash you can restore from), imported and exported.  The page
reloads ``ctx.catalog`` after every file change and emits ``catalog_changed``; the editor opens
in place of the list and can play its unsaved routine through ``play_requested``.
"""

from __future__ import annotations

import dataclasses
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hiptimer.core.paths import builtin_routines_dir
from hiptimer.core.routines import user_files as ur
from hiptimer.core.routines.catalog import load_catalog
from hiptimer.core.routines.drafts import new_routine
from hiptimer.core.routines.model import Routine, SideChoice
from hiptimer.core.routines.naming import ROUTINE_SUFFIXES, SUFFIX, copy_name, slugify
from hiptimer.core.routines.prescription import prescription_text
from hiptimer.core.routines.schema import dose_text
from hiptimer.core.session.plan import estimate_seconds
from hiptimer.core.text import minutes_text
from hiptimer.qt.builder.editor import RoutineEditor
from hiptimer.qt.context import AppContext

_PATTERNS = " ".join(f"*{suffix}" for suffix in ROUTINE_SUFFIXES)
FILE_FILTER = f"Routine files ({_PATTERNS});;All files (*)"
MAX_PROBLEMS_SHOWN = 12


class RoutinesPage(QWidget):
    catalog_changed = Signal()
    play_requested = Signal(object, float)  # Routine, speed

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editor: RoutineEditor | None = None
        self.setAccessibleName("My routines")

        self.routine_list = QListWidget()
        self.routine_list.setAccessibleName("All routines")
        self.routine_list.currentItemChanged.connect(self._selection_changed)
        self.routine_list.itemActivated.connect(lambda _entry: self.edit_selected())
        self.details = QTextBrowser()
        self.details.setAccessibleName("Routine details")
        self.details.setOpenLinks(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        def button(text: str, name: str, slot) -> QPushButton:
            widget = QPushButton(text)
            widget.setAccessibleName(name)
            widget.clicked.connect(slot)
            widget.setMinimumHeight(36)
            return widget

        self.new_button = button("&New routine", "New routine", self.new_routine)
        self.edit_button = button("&Edit", "Edit the routine", self.edit_selected)
        self.duplicate_button = button("D&uplicate", "Duplicate the routine", self.duplicate)
        self.rename_button = button("Ren&ame…", "Rename the routine", self.rename)
        self.delete_button = button("&Delete…", "Delete the routine", self.delete)
        self.restore_button = button("Res&tore deleted", "Restore the last deleted", self.restore)
        self.import_button = button("&Import…", "Import a routine file", self.import_routine)
        self.export_button = button("E&xport…", "Export the routine to a file", self.export)
        grid = QGridLayout()
        for index, widget in enumerate(
            (
                self.new_button,
                self.edit_button,
                self.duplicate_button,
                self.rename_button,
                self.delete_button,
                self.restore_button,
                self.import_button,
                self.export_button,
            )
        ):
            grid.addWidget(widget, index // 4, index % 4)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Routines (&built-in ones are read-only)")
        heading.setBuddy(self.routine_list)
        left_layout.addWidget(heading)
        left_layout.addWidget(self.routine_list)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.details, 1)
        right_layout.addLayout(grid)
        right_layout.addWidget(self.status)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)

        self.list_page = QWidget()
        QVBoxLayout(self.list_page).addWidget(splitter)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.refresh()

    # The list -----------------------------------------------------------------------------
    @property
    def folder(self) -> Path:
        return self.ctx.paths.user_routines_dir

    def refresh(self, select_id: str | None = None) -> None:
        """Refill the list from ``ctx.catalog``; keeps (or moves to) the selection."""
        current = self.selected_routine()
        wanted = select_id or (current.id if current else None)
        self.routine_list.clear()
        routines = sorted(self.ctx.catalog.routines, key=lambda r: (r.builtin, r.name.lower()))
        for routine in routines:
            origin = "Built in" if routine.builtin else f"Yours · {Path(routine.source).name}"
            entry = QListWidgetItem(f"{routine.name}\n    {origin}")
            entry.setData(Qt.ItemDataRole.UserRole, routine.id)
            entry.setToolTip(routine.source)
            self.routine_list.addItem(entry)
        row = next(
            (
                r
                for r in range(self.routine_list.count())
                if self.routine_list.item(r).data(Qt.ItemDataRole.UserRole) == wanted
            ),
            0,
        )
        self.routine_list.setCurrentRow(row if self.routine_list.count() else -1)
        self._selection_changed()

    def reload_catalog(self, select_id: str | None = None) -> None:
        """Read the routine files again after a change on disk; tell the window."""
        self.ctx.catalog = load_catalog(
            builtin_routines_dir(), self.folder, self.ctx.paths.cache_dir
        )
        self.refresh(select_id)
        self.catalog_changed.emit()

    def selected_routine(self) -> Routine | None:
        entry = self.routine_list.currentItem()
        if entry is None:
            return None
        return self.ctx.catalog.find(entry.data(Qt.ItemDataRole.UserRole))

    def select(self, routine_id: str) -> None:
        self.refresh(routine_id)

    def _selection_changed(self) -> None:
        routine = self.selected_routine()
        has = routine is not None
        builtin = routine is not None and routine.builtin
        prescribed = routine is not None and routine.prescription is not None
        mine = has and not builtin
        self.edit_button.setEnabled(has)
        self.edit_button.setText("&Edit a copy" if builtin or prescribed else "&Edit")
        self.edit_button.setToolTip(
            "A prescribed routine is done as written: this opens a copy of your own to change."
            if prescribed
            else ""
        )
        self.duplicate_button.setEnabled(has)
        self.export_button.setEnabled(has)
        self.rename_button.setEnabled(mine and not prescribed)
        self.delete_button.setEnabled(mine)
        tip = "" if mine else "Built-in routines are read-only: duplicate one to change it."
        self.rename_button.setToolTip(
            "A prescribed routine is done as written: duplicate it to change it."
            if prescribed
            else tip
        )
        self.delete_button.setToolTip(tip)
        self.restore_button.setEnabled(bool(ur.trashed_files(self.folder)))
        self.details.setHtml(self._details_html(routine) if routine else "")

    def _details_html(self, routine: Routine) -> str:
        library = self.ctx.catalog.library
        try:
            seconds = estimate_seconds(
                routine, library, SideChoice.LEFT, **self.ctx.settings.lead_ins()
            )
            length = f"<b>{minutes_text(seconds)}</b> for one side · "
        except ValueError:
            length = ""
        origin = (
            "Built in (read-only)"
            if routine.builtin
            else f"Yours: {escape(Path(routine.source).name)}"
        )
        parts = [
            f"<h2>{escape(routine.name)}</h2>",
            f"<p>{length}{len(routine.items)} exercises · {origin}</p>",
            f"<p>{escape(routine.description)}</p>" if routine.description else "",
        ]
        if routine.prescription is not None:
            parts.append(
                f"<p><b>{escape(prescription_text(routine.prescription))}.</b> Done as written:"
                " <i>Edit a copy</i> or <i>Duplicate</i> makes a copy of your own to change.</p>"
            )
        for section in routine.sections:
            parts.append(f"<h3>{escape(section.name)}</h3><ol>")
            for item in section.items:
                exercise = library.exercises.get(item.exercise)
                name = exercise.name if exercise else item.exercise
                parts.append(f"<li>{escape(name)} — {escape(dose_text(item))}</li>")
            parts.append("</ol>")
        return "".join(parts)

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _refuse(self, title: str, error: ur.RoutineFileError | OSError) -> None:
        if isinstance(error, ur.RoutineFileError):
            lines = [error.message, *(str(p) for p in error.problems[:MAX_PROBLEMS_SHOWN])]
            if len(error.problems) > MAX_PROBLEMS_SHOWN:
                lines.append(f"… and {len(error.problems) - MAX_PROBLEMS_SHOWN} more")
            text = "\n".join(lines)
        else:
            text = f"{error.strerror or error}. Nothing was changed."
        self._say(f"{title}: {text.splitlines()[0]}")
        QMessageBox.warning(self, title, text)

    # Actions ------------------------------------------------------------------------------
    def new_routine(self) -> None:
        draft = new_routine("My routine", self.ctx.catalog)
        self.open_editor(draft, None)

    def edit_selected(self) -> None:
        routine = self.selected_routine()
        if routine is None:
            return
        if routine.builtin or routine.prescription is not None:
            name = copy_name(routine.name, self.ctx.catalog.names)
            copy = dataclasses.replace(
                routine, name=name, source="", builtin=False, prescription=None
            )
            self.open_editor(copy, None)
        else:
            self.open_editor(routine, routine)

    def duplicate(self) -> None:
        routine = self.selected_routine()
        if routine is None:
            return
        try:
            copy, path = ur.duplicate_routine(self.ctx.catalog, self.folder, routine)
        except (ur.RoutineFileError, OSError) as error:
            self._refuse("Not duplicated", error)
            return
        self.reload_catalog(copy.id)
        self._say(f"Saved a copy as “{copy.name}” ({path.name}). Press Edit to change it.")

    def rename(self) -> None:
        routine = self.selected_routine()
        if routine is None or routine.builtin or routine.prescription is not None:
            return
        name, ok = QInputDialog.getText(
            self, "Rename routine", "New name:", QLineEdit.EchoMode.Normal, routine.name
        )
        name = name.strip()
        if not ok or not name or name == routine.name:
            return
        try:
            path = ur.rename_routine(self.ctx.catalog, self.folder, routine, name)
        except (ur.RoutineFileError, OSError) as error:
            self._refuse("Not renamed", error)
            return
        self.reload_catalog(routine.id)
        self._say(f"Renamed to “{name}” ({path.name}).")

    def delete(self) -> None:
        routine = self.selected_routine()
        if routine is None or routine.builtin:
            return
        answer = QMessageBox.question(
            self,
            "Delete routine?",
            f"Delete “{routine.name}”? It goes to the trash; Restore deleted brings it back.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            ur.delete_routine(self.ctx.catalog, self.folder, routine)
        except (ur.RoutineFileError, OSError) as error:
            self._refuse("Not deleted", error)
            return
        self.reload_catalog()
        self._say(f"Deleted “{routine.name}”. Press Restore deleted to bring it back.")

    def restore(self) -> None:
        trashed = ur.trashed_files(self.folder)
        if not trashed:
            return
        try:
            result = ur.restore_routine(self.ctx.catalog, self.folder, trashed[0])
        except (ur.RoutineFileError, OSError) as error:
            self._refuse("Not restored", error)
            return
        first = result.routine_ids[0] if result.routine_ids else None
        self.reload_catalog(first)
        routine = self.ctx.catalog.find(first) if first else None
        self._say(f"Restored “{routine.name if routine else result.path.name}”.")

    def import_routine(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, "Import a routine file", str(Path.home()), FILE_FILTER
        )
        if name:
            self.import_path(Path(name))

    def import_path(self, source: Path) -> bool:
        try:
            result = ur.import_file(self.ctx.catalog, self.folder, source)
        except (ur.RoutineFileError, OSError) as error:
            self._refuse("Not imported", error)
            return False
        first = result.routine_ids[0] if result.routine_ids else None
        self.reload_catalog(first)
        notes = [f"Imported {source.name} as {result.path.name}."]
        for old, new in {**result.renamed, **result.renamed_exercises}.items():
            notes.append(f"'{old}' was already taken, so it is now '{new}'.")
        for name, prescription in result.prescribed:
            notes.append(f"“{name}”: {prescription_text(prescription)}.")
        self._say(" ".join(notes))
        return True

    def export(self) -> None:
        routine = self.selected_routine()
        if routine is None:
            return
        suggested = str(Path.home() / f"{slugify(routine.name)}{SUFFIX}")
        name, _filter = QFileDialog.getSaveFileName(
            self, "Export the routine", suggested, FILE_FILTER
        )
        if name:
            self.export_path(routine, Path(name))

    def export_path(self, routine: Routine, target: Path) -> bool:
        try:
            ur.export_routine(self.ctx.catalog, self.folder, routine, target)
        except (ur.RoutineFileError, OSError) as error:
            self._refuse("Not exported", error)
            return False
        self._say(f"Exported “{routine.name}” to {target}. A friend can import that file.")
        return True

    # The editor ---------------------------------------------------------------------------
    def open_editor(self, routine: Routine, original: Routine | None) -> RoutineEditor:
        if self.editor is not None and not self.close_editor():
            return self.editor
        editor = RoutineEditor(self.ctx, routine, original)
        editor.saved.connect(lambda _path: self._editor_saved())
        editor.closed.connect(self._editor_closed)
        editor.play_requested.connect(self.play_requested)
        self.editor = editor
        self.stack.addWidget(editor)
        self.stack.setCurrentWidget(editor)
        editor.name_edit.setFocus()
        return editor

    def _editor_saved(self) -> None:
        editor = self.editor
        routine_id = editor.original.id if editor and editor.original else None
        self.reload_catalog(routine_id)
        if editor is not None and editor.original is not None:
            found = self.ctx.catalog.find(editor.original.id)
            if found is not None:
                editor.original = found
        self._say("Saved.")

    def close_editor(self) -> bool:
        """Close the editor (asking about unsaved changes); False when the user cancels."""
        if self.editor is None:
            return True
        if not self.editor.maybe_close():
            return False
        self._editor_closed()
        return True

    def _editor_closed(self) -> None:
        editor, self.editor = self.editor, None
        if editor is None:
            return
        selected = editor.original.id if editor.original else None
        self.stack.setCurrentWidget(self.list_page)
        self.stack.removeWidget(editor)
        editor.deleteLater()
        self.refresh(selected)
        self.routine_list.setFocus()

    def maybe_close(self) -> bool:
        """For the window's closeEvent: True when nothing unsaved would be lost."""
        return self.close_editor()
