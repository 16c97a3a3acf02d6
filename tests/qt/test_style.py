"""The design system: tokens readable in both schemes, the system scheme followed, overrides."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from hiptimer.core.session.colours import contrast_ratio
from hiptimer.qt.style import DARK, LIGHT, apply, apply_theme, current_tokens, resolve_dark


@pytest.fixture
def app(qapp):
    palette, sheet = qapp.palette(), qapp.styleSheet()
    yield qapp
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)
    qapp.styleHints().unsetColorScheme()
    qapp.setProperty("hiptimer_theme", None)


@pytest.mark.parametrize("tokens", [LIGHT, DARK], ids=["light", "dark"])
def test_text_colours_are_readable_on_their_backgrounds(tokens) -> None:
    for background in (tokens.window, tokens.surface):
        assert contrast_ratio(tokens.text, background) >= 7
        assert contrast_ratio(tokens.text_muted, background) >= 4.5
        assert contrast_ratio(tokens.problem, background) >= 4.5
        assert contrast_ratio(tokens.accent, background) >= 3
    assert contrast_ratio(tokens.on_primary, tokens.primary) >= 4.5


def test_an_override_wins_over_the_desktop(app: QApplication) -> None:
    assert apply_theme(app, "dark").dark
    assert app.palette().color(QPalette.ColorRole.Window).name().upper() == DARK.window
    assert not apply_theme(app, "light").dark
    assert current_tokens(app) is LIGHT
    assert DARK.window not in app.styleSheet() and LIGHT.primary in app.styleSheet()


def test_system_follows_the_desktop_scheme(app: QApplication) -> None:
    tokens = apply_theme(app, "system")
    assert tokens.dark == resolve_dark(app, "system")
    assert current_tokens(app) is tokens


def test_the_scheme_changing_is_followed_while_on_system(app: QApplication, monkeypatch) -> None:
    scheme = [Qt.ColorScheme.Light]
    monkeypatch.setattr(apply, "desktop_scheme", lambda _app: scheme[0])
    apply_theme(app, "system")
    assert current_tokens(app) is LIGHT
    scheme[0] = Qt.ColorScheme.Dark  # the desktop switches to dark
    app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert current_tokens(app) is DARK


def test_an_override_ignores_the_desktop_switching(app: QApplication, monkeypatch) -> None:
    monkeypatch.setattr(apply, "desktop_scheme", lambda _app: Qt.ColorScheme.Dark)
    apply_theme(app, "system")
    apply_theme(app, "light")
    app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert current_tokens(app) is LIGHT
