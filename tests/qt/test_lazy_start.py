"""The home window opens without what only later pages need (issue 16).

Each check starts the real app in a fresh process (offscreen, private folders) and lists the
modules loaded by the time the window has painted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from hiptimer import APP_NAME
from hiptimer.core.paths import AppPaths
from hiptimer.core.settings import Settings, save_settings

PROBE = """
import json, linecache, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import hiptimer.cli as cli
from hiptimer.qt.main_window import MainWindow

def report(window):
    print("MODULES " + json.dumps(sorted(sys.modules)))
    print("LINES " + json.dumps(sorted(linecache.cache)))
    QApplication.instance().quit()

real_init = MainWindow.__init__
def init(self, *args, **kwargs):
    real_init(self, *args, **kwargs)
    self.first_painted.connect(lambda: QTimer.singleShot(100, lambda: report(self)))
MainWindow.__init__ = init
sys.argv = ["hiptimer", *sys.argv[1:]]
cli.main()
"""

LATER = (
    "PySide6.QtMultimedia",
    "PySide6.QtTextToSpeech",
    "PySide6.QtCharts",
    "jeepney",
    "yaml",
    "hiptimer.core.routines.loader",
    "hiptimer.qt.session.player",
    "hiptimer.qt.session.summary",
    "hiptimer.qt.session.voice",
    "hiptimer.qt.settings_dialog",
    "hiptimer.qt.builder.routines_page",
    "hiptimer.qt.history.page",
    "hiptimer.qt.desktop.tray",
    "_hashlib",  # OpenSSL: never needed (core/digest.py)
)


def _run(tmp_path: Path, *args: str) -> tuple[set[str], set[str]]:
    """(the modules loaded, the files whose source lines are kept) once the window painted."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(tmp_path / name)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    found = {}
    for line in done.stdout.splitlines():
        head, _, data = line.partition(" ")
        found[head] = set(json.loads(data)) if head in ("MODULES", "LINES") else None
    assert "MODULES" in found and "LINES" in found, done.stderr
    return found["MODULES"], found["LINES"]


def _modules(tmp_path: Path, *args: str) -> set[str]:
    return _run(tmp_path, *args)[0]


def _our_sources(lines: set[str]) -> list[str]:
    return sorted(name for name in lines if "hiptimer" in Path(name).parts)


def _seed(tmp_path: Path) -> None:
    paths = AppPaths(
        data_dir=tmp_path / "XDG_DATA_HOME" / APP_NAME,
        config_dir=tmp_path / "XDG_CONFIG_HOME" / APP_NAME,
    )
    save_settings(paths.settings_file, Settings(welcome_done=True))


def test_the_home_window_paints_without_the_later_pages_sound_voice_or_yaml(
    tmp_path: Path,
) -> None:
    _seed(tmp_path)
    _modules(tmp_path)  # the first start fills the routine cache
    loaded = _modules(tmp_path)
    assert "hiptimer.qt.home.picker" in loaded  # the probe saw the home window
    assert sorted(name for name in loaded if name.startswith(LATER)) == []


def test_a_session_loads_the_player_when_it_starts(tmp_path: Path) -> None:
    _seed(tmp_path)
    loaded = _modules(tmp_path, "--routine", "daily", "--side", "left", "--start", "--speed", "50")
    assert {"hiptimer.qt.session.player", "hiptimer.qt.session.voice"} <= loaded


def test_the_source_lines_pyside_reads_are_not_kept(tmp_path: Path) -> None:
    """PySide6 reads every module's source as it loads (its __feature__ check); the lines,
    megabytes of them, are dropped once the window and once the player have loaded."""
    _seed(tmp_path)
    _run(tmp_path)
    assert _our_sources(_run(tmp_path)[1]) == []
    loaded, lines = _run(tmp_path, "--routine", "daily", "--side", "left", "--start")
    assert "hiptimer.qt.session.player" in loaded
    assert not [name for name in _our_sources(lines) if "session" in Path(name).parts]
