"""Help: the shortcuts table lists every key the window answers to; About says the essentials."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence

from hiptimer import __version__
from hiptimer.core.paths import AppPaths
from hiptimer.qt.actions import markdown_table, sheet_rows
from hiptimer.qt.help_dialogs import (
    DISCLAIMER_TEXT,
    AboutDialog,
    ShortcutsDialog,
    shortcuts_html,
)
from hiptimer.qt.main_window import MainWindow
from tests.fakes import empty_catalog, make_ctx

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

EXPECTED = {
    "Space": "pause",
    "Right arrow": "next",
    "Left arrow": "previous",
    "R": "restart",
    "Enter": "rep done",
    "+": "30 s",
    "G": "get ready",
    "F": "fullscreen",
    "F11": "fullscreen",
    "Esc": "leave fullscreen",
    "M": "mute",
    "Ctrl+M": "mute",
    "Ctrl+E": "finish",
    "Ctrl+Q": "quit",
    "Ctrl+,": "settings",
}
#: How the main window's key names appear in the table.
ALIASES = {
    "Return": "Enter",
    "=": "+",
    "Right": "Right arrow",
    "Left": "Left arrow",
    "Esc": "Esc",
    "Escape": "Esc",
}


def _table() -> dict[str, str]:
    """Each key shown in the table -> the action text of its row."""
    html = shortcuts_html()
    rows = re.findall(r"<tr><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td></tr>", html)
    assert len(rows) == len(sheet_rows())
    return {
        unescape(key): action for keys, action in rows for key in re.findall(r"<b>(.*?)</b>", keys)
    }


def test_the_table_lists_every_key_with_what_it_does() -> None:
    table = _table()
    for key, words in EXPECTED.items():
        assert key in table, key
        assert words in table[key].lower(), (key, table[key])
    assert "save the measurement" in table["Enter"].lower()
    assert "begin now" in table["Enter"].lower()


def test_every_key_of_the_main_window_is_in_the_table(qtbot, app_paths: AppPaths) -> None:
    ctx = make_ctx(app_paths, catalog=empty_catalog())
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    table = _table()
    keys = {
        sequence.toString(QKeySequence.SequenceFormat.PortableText)
        for action in window.actions()
        for sequence in action.shortcuts()
    }
    assert {"Space", "Ctrl+Q"} <= keys  # the walk found the window's keys
    for key in keys:
        assert ALIASES.get(key, key) in table, key


def test_the_readme_key_table_is_the_action_table() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert markdown_table() in readme, "paste this into the README:\n" + markdown_table()


def test_the_shortcuts_dialog_shows_the_table(qtbot) -> None:
    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    for key in EXPECTED:
        assert key in text


def test_about_says_version_disclaimer_data_and_credit(qtbot, app_paths: AppPaths) -> None:
    dialog = AboutDialog(app_paths)
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert __version__ in text
    assert " ".join(DISCLAIMER_TEXT.split()) in " ".join(text.split())
    for path in (app_paths.user_routines_dir, app_paths.history_file, app_paths.settings_file):
        assert str(path) in text
    assert "blog post" in text
    assert "own words" in text


def test_the_disclaimer_says_what_matters() -> None:
    text = DISCLAIMER_TEXT.lower()
    for phrase in (
        "information",
        "advice",
        "diagnosis",
        "treatment",
        "sharp pain",
        "pop",
        "front of the hip",
        "assessed",
    ):
        assert phrase in text, phrase


def test_every_key_in_the_table_works_in_the_main_window(qtbot, app_paths: AppPaths) -> None:
    ctx = make_ctx(app_paths, catalog=empty_catalog())
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    keys = {
        ALIASES.get(name, name)
        for action in window.actions()
        for sequence in action.shortcuts()
        for name in [sequence.toString(QKeySequence.SequenceFormat.PortableText)]
    }
    missing = set(_table()) - keys
    assert not missing, missing
