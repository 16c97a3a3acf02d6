"""Every command of the main window in one table: menus, keys, the shortcuts sheet, the README.

The window builds its menus and shortcuts from :data:`ACTIONS`; the shortcuts sheet and the
README's key table are rendered from the same rows (a test keeps the README in step), so a key
is declared exactly once.  Bare letters are ``play_keys``: they act only while a routine plays,
so they never steal typing in the builder or a dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar, QWidget


class Menu(str, Enum):
    FILE = "&File"
    SESSION = "&Session"
    HELP = "Hel&p"  # Alt+H is the History tab
    VIEW = "&View"


@dataclass(frozen=True)
class ActionSpec:
    name: str  # what the window's slot table calls it
    menu: Menu
    text: str  # the menu entry, with its mnemonic
    keys: tuple[str, ...] = ()  # bound at all times (QKeySequence portable text)
    play_keys: tuple[str, ...] = ()  # bound only while a routine plays
    help: str = ""  # the sheet's and the README's words; "" = not listed there
    during_session: bool = False  # enabled only while a routine plays
    checkable: bool = False


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "log_measurement",
        Menu.FILE,
        "&Log measurement…",
        ("Ctrl+L",),
        help="Log a range-of-motion measurement",
    ),
    ActionSpec("export_history", Menu.FILE, "&Export history…"),
    ActionSpec("report", Menu.FILE, "&Report…"),
    ActionSpec("open_history", Menu.FILE, "&Open history…"),
    ActionSpec(
        "settings",
        Menu.FILE,
        "Se&ttings…",
        ("Ctrl+,",),
        help="Settings (sound, voice, get-ready time, reps, weekly goal, reminders, theme)",
    ),
    ActionSpec("quit", Menu.FILE, "&Quit", ("Ctrl+Q",), help="Quit"),
    ActionSpec(
        "toggle_pause",
        Menu.SESSION,
        "&Pause / resume",
        ("Space",),
        help="Pause or resume",
        during_session=True,
    ),
    ActionSpec(
        "next",
        Menu.SESSION,
        "&Next exercise",
        ("Right",),
        help="Next exercise",
        during_session=True,
    ),
    ActionSpec(
        "previous",
        Menu.SESSION,
        "P&revious exercise",
        ("Left",),
        help="Previous exercise",
        during_session=True,
    ),
    ActionSpec(
        "restart_step",
        Menu.SESSION,
        "Re&start exercise",
        ("R",),
        help="Restart the current exercise",
        during_session=True,
    ),
    ActionSpec(
        "done",
        Menu.SESSION,
        "Rep done / &Done",
        ("Return", "Enter"),
        help="Rep done · Done · Save the measurement · Begin now (skip the wait)",
        during_session=True,
    ),
    ActionSpec(
        "extend",
        Menu.SESSION,
        "&Add 30 s to a release",
        ("+", "="),
        help="Add 30 s to a release (up to its longest time)",
        during_session=True,
    ),
    ActionSpec(
        "extend_lead_in",
        Menu.SESSION,
        "&Give me 10 s more to get ready",
        ("G",),
        help="10 s more to get ready",
        during_session=True,
    ),
    ActionSpec(
        "finish",
        Menu.SESSION,
        "&Finish now",
        ("Ctrl+E",),
        help="Finish the session now (finished steps are kept)",
        during_session=True,
    ),
    ActionSpec("shortcuts", Menu.HELP, "&Keyboard shortcuts", ("F1",), help="This list of keys"),
    ActionSpec("about", Menu.HELP, "&About hiptimer"),
    ActionSpec(
        "fullscreen",
        Menu.VIEW,
        "&Fullscreen",
        ("F11",),
        play_keys=("F",),
        help="Fullscreen on or off (F only while a routine plays)",
        checkable=True,
    ),
    ActionSpec(
        "leave_fullscreen", Menu.VIEW, "&Leave fullscreen", ("Escape",), help="Leave fullscreen"
    ),
    ActionSpec(
        "mute",
        Menu.VIEW,
        "&Mute",
        ("Ctrl+M",),
        play_keys=("M",),
        help="Mute or unmute sound and voice (M only while a routine plays)",
        checkable=True,
    ),
)

#: How a bound key is written for people (two bound keys may read the same: Return/Enter).
KEY_NAMES = {
    "Right": "Right arrow",
    "Left": "Left arrow",
    "Return": "Enter",
    "Escape": "Esc",
    "=": "+",
}

#: The order rows appear in the sheet and the README: the session keys first.
_SHEET_ORDER = (Menu.SESSION, Menu.VIEW, Menu.FILE, Menu.HELP)


def shown_keys(spec: ActionSpec) -> tuple[str, ...]:
    """The keys of ``spec`` as people read them, each once (play keys first)."""
    names = [KEY_NAMES.get(key, key) for key in (*spec.play_keys, *spec.keys)]
    return tuple(dict.fromkeys(names))


def tooltip(name: str) -> str:
    """What the action ``name`` does and its keys, for a button that does the same."""
    spec = next(spec for spec in ACTIONS if spec.name == name)
    keys = shown_keys(spec)
    return f"{spec.help} ({' or '.join(keys)})" if keys else spec.help


def sheet_rows() -> list[tuple[tuple[str, ...], str]]:
    """(keys, what they do) for every listed action, in the sheet's order."""
    listed = [spec for spec in ACTIONS if spec.help and (spec.keys or spec.play_keys)]
    listed.sort(key=lambda spec: _SHEET_ORDER.index(spec.menu))
    return [(shown_keys(spec), spec.help) for spec in listed]


def markdown_table() -> str:
    """The README's key table, rendered from :data:`ACTIONS`."""
    lines = ["| key | does |", "| --- | --- |"]
    for keys, words in sheet_rows():
        lines.append(f"| {' or '.join(keys)} | {words} |")
    return "\n".join(lines)


@dataclass
class BuiltActions:
    """The QActions made for the window, by name, and those that work only in a session."""

    by_name: dict[str, QAction]
    session_only: list[QAction]


def build_actions(
    window: QWidget, menu_bar: QMenuBar, slots: Mapping[str, Callable[[], object]]
) -> BuiltActions:
    """Make every action of :data:`ACTIONS` on ``window`` with its menu entry and keys.

    ``slots`` maps each action's name to what it does; a name missing there is a bug, so it
    raises at once.  Actions are added to the window as well as to the menu, so their keys
    work in fullscreen with the menu bar hidden.
    """
    missing = {spec.name for spec in ACTIONS} - set(slots)
    if missing:
        raise KeyError(f"no slot for actions: {', '.join(sorted(missing))}")
    menus = {menu: menu_bar.addMenu(menu.value) for menu in Menu}
    built = BuiltActions({}, [])
    for spec in ACTIONS:
        action = QAction(spec.text, window)
        action.setShortcuts([QKeySequence(key) for key in spec.keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(spec.checkable)
        action.triggered.connect(slots[spec.name])
        menus[spec.menu].addAction(action)
        window.addAction(action)
        built.by_name[spec.name] = action
        if spec.during_session:
            built.session_only.append(action)
        for key in spec.play_keys:  # a second, menu-less action that only a session enables
            letter = QAction(window)
            letter.setShortcut(QKeySequence(key))
            letter.triggered.connect(slots[spec.name])
            window.addAction(letter)
            built.session_only.append(letter)
    for action in built.session_only:
        action.setEnabled(False)
    return built
