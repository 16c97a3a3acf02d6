"""A new user makes, saves and plays a 4-exercise routine for the limited side.

This is the issue's "done when" walk-through, with keys and clicks only: three clicks (New,
Try it, Close), typing, Ctrl+F, Enter and Ctrl+S.  (Alt mnemonics exist on every button but
the offscreen test platform does not deliver them, so the buttons are clicked.)
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from hiptimer.core.paths import AppPaths
from hiptimer.core.routines.model import Sides
from hiptimer.qt.builder import RoutinesPage
from tests.fakes import make_ctx

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CTRL = Qt.KeyboardModifier.ControlModifier


def type_into_focus(qtbot, text: str) -> None:
    qtbot.keyClicks(QApplication.focusWidget(), text)


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def test_four_exercise_routine_in_a_minute_with_the_keyboard(qtbot, app_paths: AppPaths) -> None:
    ctx = make_ctx(app_paths)
    page = RoutinesPage(ctx)
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.routine_list.setFocus()

    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    assert editor is not None
    assert QApplication.focusWidget() is editor.name_edit  # ready to type the name
    type_into_focus(qtbot, "Left hip quick four")

    press(qtbot, Qt.Key.Key_F, CTRL)  # find an exercise
    assert QApplication.focusWidget() is editor.library.search_edit
    for search in ("deep glute", "posterior", "band bent", "seated internal"):
        type_into_focus(qtbot, search)  # the search text is selected: typing replaces it
        press(qtbot, Qt.Key.Key_Return)  # adds the highlighted exercise
    assert [i.exercise for i in editor.draft.items] == [
        "deep-glutes-release",
        "posterior-capsule-stretch",
        "band-distraction-flexion",
        "seated-hip-ir",
    ]
    assert all(item.sides is Sides.LIMITED for item in editor.draft.items)

    press(qtbot, Qt.Key.Key_S, CTRL)  # save
    saved = ctx.catalog.find("left-hip-quick-four")
    assert saved is not None and len(saved.items) == 4
    assert (app_paths.user_routines_dir / "left-hip-quick-four.yaml").is_file()

    with qtbot.waitSignal(page.play_requested) as played:
        qtbot.mouseClick(editor.try_button, Qt.MouseButton.LeftButton)
    routine, speed = played.args
    assert routine.id == "left-hip-quick-four" and speed == 1.0

    qtbot.mouseClick(editor.close_button, Qt.MouseButton.LeftButton)  # nothing unsaved: no question
    assert page.editor is None
    assert page.selected_routine().id == "left-hip-quick-four"
