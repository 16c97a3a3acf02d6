"""Home, history, the builder, Settings and the welcome at every size and in light and dark:
the page fits the window, and no text is clipped or overlaps another (issue 13)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QWidget

from hiptimer.core.routines.model import Side
from hiptimer.core.settings import Settings
from hiptimer.qt.history.calendar_strip import LEAST_WIDTH, WANTED_WIDTH
from hiptimer.qt.home.welcome import WelcomeDialog
from hiptimer.qt.main_window import MainWindow
from hiptimer.qt.session.audio_check import NO_VOICE, AudioCheck
from hiptimer.qt.settings_dialog import SettingsDialog
from tests.fakes import add_session, make_ctx
from tests.qt.layout_checks import assert_layout_ok, scheme_applied, size_matrix

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

BROKEN = "format: 1\nroutines:\n  - id: quick\n    name: Quick\n    sections: []\n"


@pytest.fixture
def window(qtbot, app_paths, store):
    """The window with seven weeks of history, measurements and a broken routine file."""
    now = datetime.now(timezone.utc).replace(hour=9)
    for ago in range(0, 49, 2):
        session = add_session(store, now - timedelta(days=ago), routine=("daily", "Daily"))
        store.set_feedback(session, ago % 5, "")
    for ago in range(0, 49, 10):
        for side, degrees in ((Side.LEFT, 25 + ago // 10), (Side.RIGHT, 40)):
            store.add_measurement("prone", side, degrees, now - timedelta(days=ago))
            store.add_measurement("seated", side, degrees + 3, now - timedelta(days=ago))
    app_paths.user_routines_dir.mkdir(parents=True)
    (app_paths.user_routines_dir / "quick.yaml").write_text(BROKEN)
    settings = Settings(welcome_done=True, main_routine="daily", limited_side=Side.LEFT)
    main = MainWindow(make_ctx(app_paths, settings=settings, history=store))
    qtbot.addWidget(main)
    return main


def _shown(qtbot, widget: QWidget, size: QSize) -> None:
    widget.resize(size)
    widget.show()
    qtbot.waitExposed(widget)
    hint = widget.minimumSizeHint()
    assert hint.width() <= size.width() and hint.height() <= size.height(), hint
    assert widget.size() == size


def _no_elided_cards(window: MainWindow) -> None:
    """Every card's texts fit whole (painting would otherwise cut them with "…")."""
    cards = window.picker.routine_list
    for text, font, rect in cards.painted_texts():
        from PySide6.QtGui import QFontMetrics

        assert QFontMetrics(font).horizontalAdvance(text) <= rect.width(), text


@pytest.mark.parametrize(("size", "scheme"), size_matrix())
def test_home(qtbot, window: MainWindow, size: QSize, scheme: str) -> None:
    with scheme_applied(scheme):
        _shown(qtbot, window, size)
        window.home.refresh_views()
        assert window.picker.glance.isVisible() and window.picker.problems.isVisible()
        assert_layout_ok(window)
        _no_elided_cards(window)


@pytest.mark.parametrize(("size", "scheme"), size_matrix())
def test_history(qtbot, window: MainWindow, size: QSize, scheme: str) -> None:
    with scheme_applied(scheme):
        window.home.setCurrentWidget(window.home.history_tab)
        _shown(qtbot, window, size)
        assert window.history_page.calendar.isVisible()
        assert_layout_ok(window)


@pytest.mark.parametrize(("size", "scheme"), size_matrix())
def test_builder(qtbot, window: MainWindow, size: QSize, scheme: str) -> None:
    with scheme_applied(scheme):
        window.home.setCurrentWidget(window.home.routines_tab)
        _shown(qtbot, window, size)
        assert_layout_ok(window)
        window.routines_page.select("daily")
        window.routines_page.edit_button.click()
        assert window.routines_page.editor is not None
        hint = window.minimumSizeHint()  # the editor too fits the window
        assert hint.width() <= size.width() and hint.height() <= size.height(), hint
        assert_layout_ok(window)


def _dialog_at(qtbot, dialog: QDialog, size: QSize) -> None:
    qtbot.addWidget(dialog)
    hint = dialog.sizeHint()
    dialog.resize(min(hint.width(), size.width()), min(hint.height(), size.height()))
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.minimumSizeHint().height() <= size.height()
    assert dialog.width() <= size.width() and dialog.height() <= size.height()
    assert_layout_ok(dialog)


@pytest.mark.parametrize(("size", "scheme"), size_matrix())
def test_settings(qtbot, size: QSize, scheme: str) -> None:
    with scheme_applied(scheme):
        _dialog_at(qtbot, SettingsDialog(Settings(), offer_autostart=True), size)
        _dialog_at(
            qtbot, SettingsDialog(Settings(), audio=AudioCheck(True, False, "", NO_VOICE)), size
        )


@pytest.mark.parametrize(("size", "scheme"), size_matrix())
def test_welcome(qtbot, size: QSize, scheme: str) -> None:
    with scheme_applied(scheme):
        welcome = WelcomeDialog(Settings())
        _dialog_at(qtbot, welcome, size)
        welcome.understood.setChecked(True)  # the hint goes, the buttons wake
        assert_layout_ok(welcome)


def test_a_history_of_years_fits_the_smallest_screen(qtbot, app_paths, store) -> None:
    """Two years of weekly sessions fill the calendar: it gives way to the buttons beside it,
    so the page still fits 1024×600 (it used to ask for 1,079 px and ran off the screen)."""
    now = datetime.now(timezone.utc).replace(hour=9)
    for ago in range(0, 730, 7):
        add_session(store, now - timedelta(days=ago), routine=("daily", "Daily"))
    main = MainWindow(make_ctx(app_paths, settings=Settings(welcome_done=True), history=store))
    qtbot.addWidget(main)
    main.home.setCurrentWidget(main.home.history_tab)
    calendar = main.history_page.calendar
    with scheme_applied("light"):  # the stylesheet's padding widens the buttons
        _shown(qtbot, main, QSize(1024, 600))
        assert calendar.isVisible() and calendar.width() >= LEAST_WIDTH
        assert calendar.geometry().right() < main.history_page.width()
        assert_layout_ok(main)
        _shown(qtbot, main, QSize(1920, 1080))  # with room, it takes its full width
        assert calendar.width() == WANTED_WIDTH
