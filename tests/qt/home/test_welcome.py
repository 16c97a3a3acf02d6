"""The first-run welcome: the disclaimer must be accepted, and the answers land in Settings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel

from hiptimer.core.routines.model import Side
from hiptimer.core.settings import Settings
from hiptimer.qt.help_dialogs import DISCLAIMER_TEXT
from hiptimer.qt.home.welcome import WelcomeDialog
from hiptimer.qt.main_window import MainWindow
from tests.fakes import make_ctx

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def dialog(qtbot, settings: Settings) -> WelcomeDialog:
    welcome = WelcomeDialog(settings)
    qtbot.addWidget(welcome)
    welcome.show()
    return welcome


def test_shows_what_it_is_and_the_disclaimer(dialog: WelcomeDialog) -> None:
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert DISCLAIMER_TEXT in texts
    assert "hiptimer" in texts
    for phrase in ("sharp pain", "front of the hip", "diagnosis", "treatment"):
        assert phrase in DISCLAIMER_TEXT


def test_nothing_goes_on_until_the_disclaimer_is_understood(
    dialog: WelcomeDialog, settings: Settings
) -> None:
    assert not dialog.assessment_button.isEnabled()
    assert not dialog.routines_button.isEnabled()
    dialog._finish(wants_assessment=True)  # even a direct call is refused
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert settings.welcome_done is False
    dialog.understood.setChecked(True)
    assert dialog.assessment_button.isEnabled()
    assert dialog.routines_button.isEnabled()


def test_choosing_left_stores_the_limited_side(
    qtbot, dialog: WelcomeDialog, settings: Settings
) -> None:
    dialog.understood.setChecked(True)
    dialog.side_buttons[Side.LEFT].setChecked(True)
    assert dialog.routines_button.isDefault()
    with qtbot.waitSignal(dialog.accepted):
        dialog.routines_button.click()
    assert dialog.limited_side is Side.LEFT
    assert dialog.wants_assessment is False
    assert settings.limited_side is Side.LEFT
    assert settings.welcome_done is True


def test_right_and_the_assessment(qtbot, dialog: WelcomeDialog, settings: Settings) -> None:
    dialog.understood.setChecked(True)
    dialog.side_buttons[Side.RIGHT].setChecked(True)
    with qtbot.waitSignal(dialog.accepted):
        dialog.assessment_button.click()
    assert (dialog.limited_side, dialog.wants_assessment) == (Side.RIGHT, True)
    assert settings.limited_side is Side.RIGHT


def test_not_sure_defaults_to_the_assessment(
    qtbot, dialog: WelcomeDialog, settings: Settings
) -> None:
    assert dialog.side_buttons[None].isChecked()  # a fresh install knows no side
    assert dialog.assessment_button.isDefault()
    assert not dialog.routines_button.isDefault()
    dialog.understood.setChecked(True)
    with qtbot.waitSignal(dialog.accepted):
        dialog.assessment_button.click()
    assert dialog.wants_assessment is True
    assert dialog.limited_side is None
    assert settings.limited_side is None
    assert settings.welcome_done is True


def test_a_known_side_is_preselected(qtbot) -> None:
    welcome = WelcomeDialog(Settings(limited_side=Side.RIGHT))
    qtbot.addWidget(welcome)
    assert welcome.side_buttons[Side.RIGHT].isChecked()
    assert welcome.routines_button.isDefault()


def test_closing_without_an_answer_changes_nothing(
    qtbot, dialog: WelcomeDialog, settings: Settings
) -> None:
    dialog.understood.setChecked(True)
    dialog.side_buttons[Side.LEFT].setChecked(True)
    with qtbot.waitSignal(dialog.rejected):
        dialog.reject()
    assert settings.welcome_done is False
    assert settings.limited_side is None
    assert dialog.wants_assessment is False


def test_fits_a_1280_by_800_screen(dialog: WelcomeDialog) -> None:
    assert dialog.width() <= 1280
    assert dialog.height() <= 800
    assert dialog.height() >= dialog.heightForWidth(dialog.width())  # wrapped text not clipped


def test_escape_does_not_dismiss_the_disclaimer(qtbot, dialog: WelcomeDialog) -> None:
    dialog.understood.setChecked(True)
    for focused in (dialog.understood, dialog.routines_button, dialog.side_buttons[None]):
        focused.setFocus()
        qtbot.keyClick(focused, Qt.Key.Key_Escape)
        assert dialog.isVisible() and dialog.result() == 0
    assert dialog.understood.isChecked()  # nothing was lost either


def _answered(monkeypatch: pytest.MonkeyPatch, button: str | None) -> None:
    """The welcome's ``exec`` ticks the disclaimer and clicks ``button`` (None: closed)."""

    def answer(welcome: WelcomeDialog) -> int:
        welcome.understood.setChecked(True)
        if button is None:
            welcome.reject()
        else:
            getattr(welcome, button).click()
        return welcome.result()

    monkeypatch.setattr(WelcomeDialog, "exec", answer)


def test_choose_a_routine_opens_the_routine_picker(qtbot, app_paths, monkeypatch) -> None:
    window = MainWindow(make_ctx(app_paths))
    qtbot.addWidget(window)
    window.show()
    window.home.setCurrentIndex(2)  # wherever the home was, the picker comes to the front
    _answered(monkeypatch, "routines_button")
    window.show_welcome()
    assert window.home.currentWidget() is window.picker
    assert window.focusWidget() is window.picker.routine_list
    assert window.ctx.settings.welcome_done
    assert window.isVisible()


def test_closing_the_welcome_unanswered_closes_hiptimer(qtbot, app_paths, monkeypatch) -> None:
    window = MainWindow(make_ctx(app_paths))
    qtbot.addWidget(window)
    window.show()
    _answered(monkeypatch, None)
    window.show_welcome()
    assert not window.isVisible()
    assert not window.ctx.settings.welcome_done
