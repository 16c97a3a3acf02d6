"""Alt+letter is unique on every page: menus, tabs and the page's own buttons and labels."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel, QWidget

from hiptimer.core.settings import Settings
from hiptimer.qt.main_window import MainWindow
from tests.fakes import add_session, make_ctx

MNEMONIC = re.compile(r"&([^&\s])")


def mnemonics(window: MainWindow) -> dict[str, list[str]]:
    """Each Alt letter in reach now, with the texts that carry it."""
    found: dict[str, list[str]] = defaultdict(list)

    def note(text: str) -> None:
        match = MNEMONIC.search(text)
        if match:
            found[match.group(1).lower()].append(text)

    for action in window.menuBar().actions():
        note(action.text())
    bar = window.home.tabBar()
    for index in range(bar.count()):
        note(bar.tabText(index))
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        labelled = isinstance(widget, QLabel) and widget.buddy() is not None
        if isinstance(widget, QAbstractButton) or labelled:
            note(widget.text())
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            note(widget.title())
    return found


@pytest.fixture
def window(qtbot, app_paths, store):
    from datetime import datetime, timezone

    add_session(store, datetime.now(timezone.utc))
    main = MainWindow(make_ctx(app_paths, settings=Settings(welcome_done=True), history=store))
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    return main


def _unique(window: MainWindow) -> None:
    QApplication.processEvents()
    twice = {letter: texts for letter, texts in mnemonics(window).items() if len(texts) > 1}
    assert not twice, twice


@pytest.mark.parametrize("tab", [0, 1, 2, 3])
def test_every_home_tab(window: MainWindow, tab: int) -> None:
    window.home.setCurrentIndex(tab)
    _unique(window)


def test_the_routine_editor(window: MainWindow) -> None:
    window.home.setCurrentWidget(window.home.routines_tab)
    window.routines_page.select("daily")
    window.routines_page.edit_button.click()
    assert window.routines_page.editor is not None
    _unique(window)
    assert len(mnemonics(window)) >= 20  # and the page does have its letters
