"""Test set-up: offscreen Qt and every data/config directory in a temporary folder.

The environment is set before anything imports Qt or platformdirs resolves a path.
"""

from __future__ import annotations

import gc
import os
import tempfile
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false;qt.speech*=false")
_SESSION_HOME = Path(tempfile.mkdtemp(prefix="hiptimer-tests-"))
for _var, _sub in (
    ("XDG_DATA_HOME", "data"),
    ("XDG_CONFIG_HOME", "config"),
    ("XDG_CACHE_HOME", "cache"),
    ("XDG_STATE_HOME", "state"),
    ("XDG_RUNTIME_DIR", "runtime"),
):
    os.environ[_var] = str(_SESSION_HOME / _sub)
    (_SESSION_HOME / _sub).mkdir(mode=0o700, parents=True, exist_ok=True)
# No test reaches the desktop's own D-Bus (its screensaver, its notifications): tests that need
# a bus start a private one (``private_bus``).
os.environ["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={_SESSION_HOME / 'no-bus'}"
os.environ.pop("DISPLAY", None)
os.environ.pop("WAYLAND_DISPLAY", None)

import pytest  # noqa: E402

from hiptimer.core.paths import AppPaths  # noqa: E402


@pytest.fixture
def app_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppPaths:
    """Fresh, empty data and config directories for one test."""
    data = tmp_path / "data"
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    return AppPaths(data_dir=data, config_dir=config)


@pytest.fixture
def clock():
    """A fake monotonic clock at 1000 s (see :class:`tests.fakes.FakeClock`)."""
    from tests.fakes import FakeClock

    return FakeClock()


@pytest.fixture
def store(app_paths: AppPaths):
    """A new, empty history file in the test's data folder; closed afterwards."""
    from tests.fakes import open_store

    opened = open_store(app_paths.history_file)
    yield opened
    opened.close()


@pytest.fixture
def private_bus():
    """A private D-Bus session bus for one test, stopped afterwards (its address string)."""
    from tests.real_parts import PrivateBus

    bus = PrivateBus.start()
    yield bus
    bus.stop()


@pytest.fixture
def notification_daemon(private_bus, tmp_path_factory):
    """A real notification daemon (dunst, on Xvfb) on the test's private bus."""
    from tests.real_parts import NotificationDaemon

    daemon = NotificationDaemon.start(private_bus, tmp_path_factory.mktemp("dunst"))
    yield daemon
    daemon.stop()


@pytest.fixture
def systemctl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A ``systemctl`` on PATH that records its arguments (exit 1 when told to fail)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    log = tmp_path / "systemctl.log"
    script = folder / "systemctl"
    script.write_text(
        f'#!/bin/sh\necho "$*" >> {log}\n'
        f'if [ -e {tmp_path}/fail ]; then echo "Failed to connect to bus" >&2; exit 1; fi\n'
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return log


@pytest.fixture
def writes(store, qtbot):
    """The history writer on the ``store`` fixture's file, quick to retry; closed afterwards
    (what it could not save is then kept in its pending-writes file)."""
    from hiptimer.qt.history.writes import HistoryWrites

    started = HistoryWrites(store.path, busy_timeout=0.05, retry_delays=(0.01, 0.05, 0.1))
    yield started
    started.close(5)


# Garbage is collected between tests on the main thread only, as the app does it
# (hiptimer/qt/main_thread_gc.py): the fake D-Bus services' threads and the history writer's
# must never be where Qt objects of the main thread are destroyed.
gc.disable()


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_main_thread():
    """After each test: Qt's deferred deletions (``processEvents`` never runs them, so they
    would otherwise land in whichever later test first runs an event loop), then garbage."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    from hiptimer.qt.main_thread_gc import collect_if_due

    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    collect_if_due()
