"""Accessibility: every control has a name and is reachable by keyboard; text follows the font.

Walks the visible widgets of the picker, the player (a plain routine and the assessment with its
measurement box), the summary and the dialogs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontInfo
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QSlider,
    QTextEdit,
    QWidget,
)

from hiptimer.core.paths import AppPaths, builtin_routines_dir
from hiptimer.core.routines.catalog import load_catalog
from hiptimer.core.routines.model import SideChoice
from hiptimer.core.settings import Settings
from hiptimer.qt.help_dialogs import AboutDialog, ShortcutsDialog
from hiptimer.qt.home.welcome import WelcomeDialog
from hiptimer.qt.main_window import MainWindow
from hiptimer.qt.settings_dialog import SettingsDialog
from hiptimer.qt.widgets.pain_scale import PainScale
from tests.fakes import make_ctx

INTERACTIVE = (
    PainScale,
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QSlider,
    QLineEdit,
    QListWidget,
    QAbstractItemView,
    QTextEdit,
)
#: Controls whose parts (a spin box's line edit, a combo's popup, the pain scale's buttons)
#: are reached through the control itself.
COMPOUND = (QAbstractSpinBox, QComboBox, PainScale)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _controls(root: QWidget) -> Iterator[QWidget]:
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, INTERACTIVE):
            continue
        parent = widget.parentWidget()
        inside_compound = False
        while parent is not None and parent is not root:
            if isinstance(parent, COMPOUND):
                inside_compound = True
                break
            parent = parent.parentWidget()
        if not inside_compound:
            yield widget


def _describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton) else ""
    return f"{type(widget).__name__}(objectName={widget.objectName()!r}, text={text!r})"


def accessibility_problems(root: QWidget) -> list[str]:
    """Controls without a name (accessibleName, or a button's own text) or out of Tab reach."""
    problems = []
    for widget in _controls(root):
        name = widget.accessibleName().strip()
        if not name and isinstance(widget, QAbstractButton):
            name = widget.text().replace("&", "").strip()
        if not name:
            problems.append(f"no accessible name: {_describe(widget)}")
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            problems.append(f"not reachable with Tab: {_describe(widget)}")
    return problems


def mnemonic_problems(root: QWidget) -> list[str]:
    """Labels with a mnemonic need a buddy; no mnemonic letter is used twice in one window."""
    problems = []
    letters: dict[str, str] = {}
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, QLabel | QAbstractButton) or not widget.isVisible():
            continue
        text = widget.text()
        match = re.search(r"&([^&\s])", text.replace("&&", ""))
        if match is None:
            continue
        if isinstance(widget, QLabel) and widget.buddy() is None:
            problems.append(f"label {text!r} has a mnemonic but no buddy")
        letter = match.group(1).lower()
        if letter in letters:
            problems.append(f"mnemonic {letter!r} used by {letters[letter]!r} and {text!r}")
        letters[letter] = text
    return problems


@pytest.fixture
def window(qtbot, app_paths: AppPaths) -> Iterator[MainWindow]:
    catalog = load_catalog(builtin_routines_dir(), app_paths.user_routines_dir)
    ctx = make_ctx(app_paths, catalog=catalog)
    main = MainWindow(ctx, cues=None, voice=None, speed=1.0)
    # Not qtbot.addWidget: pytest-qt closes those before fixture teardown, and closing during
    # a session (after a failed assert) would open a modal "Leave the session?" box and hang.
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.show_home()  # no running session, so closing asks nothing
    main.close()
    main.deleteLater()


def _routine(window: MainWindow, routine_id: str):
    routine = window.ctx.catalog.find(routine_id)
    assert routine is not None, routine_id
    return routine


def test_the_check_finds_unnamed_and_unreachable_controls(qtbot) -> None:
    """The walk itself must be able to fail."""
    from PySide6.QtWidgets import QPushButton, QSpinBox, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    layout = QVBoxLayout(root)
    layout.addWidget(QSpinBox())
    button = QPushButton("")
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    layout.addWidget(button)
    named = QPushButton("&Named")
    layout.addWidget(named)
    label = QLabel("&Orphan")
    layout.addWidget(label)
    root.show()
    problems = accessibility_problems(root)
    assert len(problems) == 3, problems
    assert mnemonic_problems(root) == ["label '&Orphan' has a mnemonic but no buddy"]


def test_picker_controls_are_named_and_reachable(window: MainWindow) -> None:
    assert window.picker.isVisible()
    assert list(_controls(window.picker)), "the walk found no controls"
    assert accessibility_problems(window.picker) == []


@pytest.mark.parametrize(
    ("routine_id", "side"),
    [
        ("full-program", SideChoice.LEFT),
        ("assessment", SideChoice.BOTH),
    ],
)
def test_player_and_summary_controls_are_named_and_reachable(
    window: MainWindow, routine_id: str, side: SideChoice
) -> None:
    window.start_routine(_routine(window, routine_id), side)
    assert window.player.isVisible()
    assert accessibility_problems(window.player) == []
    window.enter_pressed()  # "begin now": from the get-ready lead-in into the exercise
    assert accessibility_problems(window.player) == []
    if routine_id == "assessment":
        assert window.player.measure_spin.isVisible()
    window.finish_session()
    assert window.summary.isVisible()
    assert accessibility_problems(window.summary) == []
    assert mnemonic_problems(window.summary) == []


def _dialogs(app_paths: AppPaths) -> list[Callable[[], QDialog]]:
    return [
        lambda: WelcomeDialog(Settings()),
        lambda: SettingsDialog(Settings()),
        lambda: ShortcutsDialog(),
        lambda: AboutDialog(app_paths),
    ]


@pytest.mark.parametrize("index", range(4), ids=["welcome", "settings", "shortcuts", "about"])
def test_dialog_controls_are_named_reachable_and_have_buddies(
    qtbot, app_paths: AppPaths, index: int
) -> None:
    dialog = _dialogs(app_paths)[index]()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert list(_controls(dialog))
    assert accessibility_problems(dialog) == []
    assert mnemonic_problems(dialog) == []


# Text follows the system font -----------------------------------------------------------
@pytest.fixture
def app_font(qapp: QApplication) -> Iterator[Callable[[float], None]]:
    original = QFont(qapp.font())

    def set_size(points: float) -> None:
        font = QFont(original)
        font.setPointSizeF(points)
        qapp.setFont(font)

    yield set_size
    qapp.setFont(original)


def _text_sizes(qtbot, app_paths: AppPaths) -> dict[str, int]:
    catalog = load_catalog(builtin_routines_dir(), app_paths.user_routines_dir)
    ctx = make_ctx(app_paths, catalog=catalog)
    main = MainWindow(ctx, cues=None, voice=None)
    qtbot.addWidget(main)
    main.show()
    sizes = {
        "picker list": QFontInfo(main.picker.routine_list.font()).pixelSize(),
        "picker details": QFontInfo(main.picker.details.font()).pixelSize(),
        "player instructions": QFontInfo(main.player.steps_label.font()).pixelSize(),
        "player next": QFontInfo(main.player.next_label.font()).pixelSize(),
    }
    main.close()
    return sizes


def test_text_grows_with_the_system_font(qtbot, app_paths: AppPaths, app_font) -> None:
    app_font(10)
    small = _text_sizes(qtbot, app_paths)
    app_font(16)
    large = _text_sizes(qtbot, app_paths)
    for part, size in small.items():
        assert large[part] > size * 1.3, (part, size, large[part])


def test_text_follows_a_font_change_while_open(qtbot, app_paths: AppPaths, app_font) -> None:
    app_font(10)
    catalog = load_catalog(builtin_routines_dir(), app_paths.user_routines_dir)
    main = MainWindow(make_ctx(app_paths, catalog=catalog))
    qtbot.addWidget(main)
    main.show()
    before = QFontInfo(main.player.steps_label.font()).pixelSize()
    list_before = QFontInfo(main.picker.routine_list.font()).pixelSize()
    app_font(16)
    QApplication.processEvents()
    assert QFontInfo(main.player.steps_label.font()).pixelSize() > before * 1.3
    assert QFontInfo(main.picker.routine_list.font()).pixelSize() > list_before * 1.3
