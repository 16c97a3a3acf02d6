"""The editor's "Selected" pane: the dose form of the selected item, or the selected section's
title, or a hint when nothing is selected.

It only shows; changes go out as ``item_edited(item, field)`` and ``section_renamed(name)``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hiptimer.core.routines.limits import MAX_NAME_CHARS
from hiptimer.core.routines.model import Exercise, Item
from hiptimer.qt.builder.item_form import ItemForm


class SelectedPane(QGroupBox):
    item_edited = Signal(object, str)  # Item, the field changed
    section_renamed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("The selected item", parent)
        self.item_form = ItemForm()
        self.item_form.edited.connect(self.item_edited)
        self.section_form = QWidget()
        section_layout = QFormLayout(self.section_form)
        self.section_name_edit = QLineEdit()
        self.section_name_edit.setMaxLength(MAX_NAME_CHARS)
        self.section_name_edit.setAccessibleName("Section name")
        self.section_name_edit.textEdited.connect(self.section_renamed)
        section_title = QLabel("Section title:")
        section_title.setBuddy(self.section_name_edit)
        section_layout.addRow(section_title, self.section_name_edit)
        self.empty_form = QLabel(
            "Pick an exercise in the library on the left and press Enter (or Add) to put it "
            "in your routine. Select it above to change its time, reps or sides here."
        )
        self.empty_form.setWordWrap(True)
        self.empty_form.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.form_stack = QStackedWidget()
        for widget in (self.empty_form, self.item_form, self.section_form):
            self.form_stack.addWidget(widget)
        scroll = QScrollArea()  # a low window scrolls the form rather than cutting it
        scroll.setWidget(self.form_stack)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)

    def show_nothing(self) -> None:
        self.form_stack.setCurrentWidget(self.empty_form)

    def show_section(self, name: str) -> None:
        if self.section_name_edit.text() != name:
            self.section_name_edit.setText(name)
        self.form_stack.setCurrentWidget(self.section_form)

    def show_item(self, item: Item, exercise: Exercise | None, extra_percent: int = 0) -> None:
        self.item_form.show_item(item, exercise, extra_percent)
        self.form_stack.setCurrentWidget(self.item_form)

    def focus_section_name(self) -> None:
        self.section_name_edit.setFocus()
        self.section_name_edit.selectAll()
