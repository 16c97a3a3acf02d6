"""Nothing is clipped at 1280×800: every page fits, and the countdown is a third of the height."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics

from hiptimer.core.paths import AppPaths
from hiptimer.core.routines.model import SideChoice
from hiptimer.core.settings import Settings
from hiptimer.qt.main_window import MainWindow
from tests.fakes import make_ctx


@pytest.fixture
def window(qtbot, app_paths: AppPaths) -> MainWindow:
    ctx = make_ctx(app_paths, settings=Settings(welcome_done=True))
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    return main


def fits(main: MainWindow) -> None:
    hint = main.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 800, hint


@pytest.mark.parametrize("tab", [0, 1, 2])
def test_every_home_tab_fits(window: MainWindow, tab: int) -> None:
    window.home.setCurrentIndex(tab)
    fits(window)


def test_the_builder_editor_fits(window: MainWindow) -> None:
    window.home.setCurrentIndex(1)
    window.routines_page.new_routine()
    fits(window)


@pytest.mark.parametrize("routine_id", ["full-program", "daily", "assessment"])
def test_the_player_fits_and_its_digits_are_a_third_of_the_window(
    window: MainWindow, routine_id: str
) -> None:
    window.start_routine(window.ctx.catalog.find(routine_id), SideChoice.BOTH)
    fits(window)
    digits = QFontMetrics(window.player.countdown.font()).tightBoundingRect("0").height()
    assert digits >= 800 / 3
    text = window.player.countdown.text()
    assert (
        QFontMetrics(window.player.countdown.font()).horizontalAdvance(text)
        <= window.player.countdown.width()
    )
