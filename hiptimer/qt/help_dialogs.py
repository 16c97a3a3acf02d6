"""Help: the keyboard shortcuts table, the About box and the one disclaimer text they share."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hiptimer import __version__
from hiptimer.core.paths import AppPaths
from hiptimer.qt.actions import sheet_rows

#: The medical disclaimer, in the project's own words; shown by the welcome page and About.
DISCLAIMER_TEXT = (
    "hiptimer gives general information only. It does not replace advice, diagnosis or "
    "treatment from a doctor or physiotherapist. Stop an exercise if you feel sharp pain, pain "
    "that comes with a pop or click, or pain at the front of the hip, and have your hip "
    "assessed before you carry on."
)


def shortcuts_html() -> str:
    """The shortcuts as an HTML table (Qt rich text), one row per action."""
    rows = "".join(
        f"<tr><td style='padding:4px 16px 4px 0'>"
        f"{' or '.join(f'<b>{escape(key)}</b>' for key in keys)}</td>"
        f"<td style='padding:4px 0'>{escape(action)}</td></tr>"
        for keys, action in sheet_rows()
    )
    return (
        "<p>The session keys work while a routine plays, also in fullscreen with the menu "
        "hidden.</p>"
        "<table cellspacing='0'><tr><th align='left'>Key</th><th align='left'>What it does</th>"
        f"</tr>{rows}</table>"
    )


def _browser(html: str, name: str) -> QTextBrowser:
    browser = QTextBrowser()
    browser.setAccessibleName(name)
    browser.setOpenExternalLinks(False)
    browser.setOpenLinks(False)
    browser.setHtml(html)
    return browser


def _close_buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    close.setAccessibleName("Close")
    close.setDefault(True)
    return buttons


class ShortcutsDialog(QDialog):
    """A table of every key; Close or Esc closes it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.browser = _browser(shortcuts_html(), "Keyboard shortcuts")
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(_close_buttons(self))
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(min(50 * em, 900), min(34 * self.fontMetrics().height(), 720))


def about_html(paths: AppPaths) -> str:
    def path_row(label: str, value: object) -> str:
        cell = f"<tt>{escape(str(value))}</tt>"
        return f"<tr><td style='padding-right:12px'>{label}</td><td>{cell}</td></tr>"

    return (
        f"<h2>hiptimer {escape(__version__)}</h2>"
        "<p>A hands-free timer for a home program that helps a hip turn inward more easily. "
        "It leads you through releases, stretches, band work, gentle movements and "
        "strengthening: it times each step, paces and counts reps, tells you when to switch "
        "sides, and records your sessions and range-of-motion checks.</p>"
        f"<h3>Please note</h3><p>{escape(DISCLAIMER_TEXT)}</p>"
        "<h3>Where your data lives</h3><table>"
        + path_row("Your routines", paths.user_routines_dir)
        + path_row("History", paths.history_file)
        + path_row("Settings", paths.settings_file)
        + "</table>"
        "<h3>Credit</h3>"
        "<p>The exercises, their order, times, counts and the normal ranges of the two checks "
        "come from a public blog post on exercises to increase hip internal rotation. Every "
        "instruction in hiptimer is written in the project's own words.</p>"
    )


class AboutDialog(QDialog):
    """Version, what hiptimer is, the disclaimer, where data lives and where the facts come from."""

    def __init__(self, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About hiptimer")
        self.browser = _browser(about_html(paths), "About hiptimer")
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(_close_buttons(self))
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(min(52 * em, 1000), min(36 * self.fontMetrics().height(), 720))
