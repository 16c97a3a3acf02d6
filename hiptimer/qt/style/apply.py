"""Apply a theme: "system" follows the desktop's colour scheme (and its changes), "dark" and
"light" override it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from hiptimer.qt.style.palette import palette_for
from hiptimer.qt.style.sheet import stylesheet
from hiptimer.qt.style.tokens import Tokens, tokens_for

THEMES = ("system", "dark", "light")
_FOLLOWING = "_hiptimer_follows_scheme"  # the app property set once the signal is connected


def resolve_dark(app: QApplication, theme: str) -> bool:
    """Whether ``theme`` means dark here: the override, else the desktop's scheme, else (an
    unknown scheme) the desktop palette's lightness."""
    if theme in ("dark", "light"):
        return theme == "dark"
    scheme = desktop_scheme(app)
    if scheme is not Qt.ColorScheme.Unknown:
        return scheme is Qt.ColorScheme.Dark
    return QPalette().color(QPalette.ColorRole.Window).lightness() < 128


def desktop_scheme(app: QApplication) -> Qt.ColorScheme:
    """The desktop's light/dark preference (Unknown where the platform does not say)."""
    return app.styleHints().colorScheme()


def apply_theme(app: QApplication, theme: str) -> Tokens:
    """Set the palette and the stylesheet for ``theme``; returns the tokens in use."""
    hints = app.styleHints()
    app.setProperty("hiptimer_theme", theme)
    if theme == "dark":
        hints.setColorScheme(Qt.ColorScheme.Dark)
    elif theme == "light":
        hints.setColorScheme(Qt.ColorScheme.Light)
    else:
        hints.unsetColorScheme()
        if not app.property(_FOLLOWING):
            app.setProperty(_FOLLOWING, True)
            hints.colorSchemeChanged.connect(lambda _scheme: follow_desktop(app))
    tokens = tokens_for(resolve_dark(app, theme))
    app.setProperty("hiptimer_dark", tokens.dark)
    app.setPalette(palette_for(tokens))
    app.setStyleSheet(stylesheet(tokens))
    return tokens


def follow_desktop(app: QApplication) -> None:
    """The desktop switched light/dark: follow it unless the setting overrides."""
    theme = str(app.property("hiptimer_theme") or "system")
    if theme == "system":
        dark = resolve_dark(app, theme)
        if bool(app.property("hiptimer_dark")) != dark:
            apply_theme(app, theme)


def current_tokens(app: QApplication | None = None) -> Tokens:
    """The tokens of the theme in use: from the application's palette, so a widget painted
    in a test without :func:`apply_theme` still gets the right scheme."""
    instance = app or QApplication.instance()
    if isinstance(instance, QApplication):
        window = instance.palette().color(QPalette.ColorRole.Window)
        return tokens_for(window.lightness() < 128)
    return tokens_for(False)
