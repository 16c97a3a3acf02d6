"""Real parts for the tests: a private D-Bus, a display, a notification daemon, and a small
screensaver service of our own on that bus; a read-only folder (a bind mount) and a second
process holding the history file's write lock.

A part that is missing fails the test with the Debian package that brings it: these tests
must run in CI, never skip silently.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

PACKAGES = {
    "dbus-daemon": "dbus-daemon",
    "Xvfb": "xvfb",
    "dunst": "dunst",
    "dunstctl": "dunst",
    "xprop": "x11-utils",
    "pdftotext": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "pdffonts": "poppler-utils",
    "pdfimages": "poppler-utils",
    "pdfinfo": "poppler-utils",
}


def need(tool: str) -> str:
    """The path of ``tool``; the test fails, naming its package, when it is not installed."""
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is not installed: install the Debian package '{PACKAGES[tool]}'")
    return path


def wait_for(condition: Callable[[], object], timeout: float = 10.0, what: str = "") -> None:
    """Poll a condition of another process (real processes cannot be driven by a fake clock)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or condition}")
        time.sleep(0.05)


@dataclass
class PrivateBus:
    address: str
    pid: int

    @classmethod
    def start(cls) -> PrivateBus:
        out = subprocess.run(
            [need("dbus-daemon"), "--session", "--fork", "--print-address=1", "--print-pid=1"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout.split()
        return cls(address=out[0], pid=int(out[1]))

    def env(self, **more: str) -> dict[str, str]:
        return {**os.environ, "DBUS_SESSION_BUS_ADDRESS": self.address, **more}

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)


@dataclass
class Display:
    """An Xvfb display, for the parts that need X (the notification daemon, xprop)."""

    name: str
    process: subprocess.Popen

    @classmethod
    def start(cls) -> Display:
        """On a free display number (Xvfb picks it and tells it on ``-displayfd``)."""
        process = subprocess.Popen(
            [
                need("Xvfb"),
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1024x768x24",
                "-nolisten",
                "tcp",
                "-noreset",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert process.stdout is not None
        number = process.stdout.readline().strip()
        process.stdout.close()
        if not number.isdigit():
            process.kill()
            process.wait(timeout=10)
            raise AssertionError("Xvfb could not start")
        return cls(f":{number}", process)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@dataclass
class ScreenSaverCall:
    method: str
    body: tuple


@dataclass
class FakeScreenSaver:
    """``org.freedesktop.ScreenSaver`` on the private bus, recording every call it gets."""

    address: str
    calls: list[ScreenSaverCall] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _ready: threading.Event = field(default_factory=threading.Event)

    def start(self) -> FakeScreenSaver:
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        assert self._ready.wait(10), "the fake screensaver did not start"
        return self

    def _serve(self) -> None:
        from jeepney import MessageType, message_bus, new_error, new_method_return
        from jeepney.io.blocking import open_dbus_connection

        with open_dbus_connection(self.address) as conn:
            conn.send_and_get_reply(message_bus.RequestName("org.freedesktop.ScreenSaver", 4))
            self._ready.set()
            cookie = 40
            while not self._stop.is_set():
                try:
                    message = conn.receive(timeout=0.1)
                except TimeoutError:
                    continue
                if message.header.message_type is not MessageType.method_call:
                    continue
                member = message.header.fields[3]  # HeaderFields.member
                self.calls.append(ScreenSaverCall(member, tuple(message.body)))
                if member == "Inhibit":
                    cookie += 1
                    conn.send(new_method_return(message, "u", (cookie,)))
                elif member == "UnInhibit":
                    conn.send(new_method_return(message))
                else:
                    conn.send(new_error(message, "org.freedesktop.DBus.Error.UnknownMethod"))

    def methods(self) -> list[str]:
        return [call.method for call in self.calls]

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)


@dataclass
class AppHome:
    """The folders of one user of hiptimer, for real hiptimer processes."""

    root: Path
    runtime: Path  # short, so a socket's path fits

    @classmethod
    def make(cls, root: Path, **settings: object) -> AppHome:
        import json
        import tempfile

        for sub in ("data", "config", "cache"):
            (root / sub).mkdir(mode=0o700, parents=True, exist_ok=True)
        home = cls(root, Path(tempfile.mkdtemp(prefix="hiptimer-run-")))
        settings_file = root / "config" / "hiptimer" / "settings.json"
        settings_file.parent.mkdir(parents=True, exist_ok=True)
        settings_file.write_text(json.dumps({"welcome_done": True, **settings}))
        return home

    @property
    def history_file(self) -> Path:
        return self.root / "data" / "hiptimer" / "history.sqlite3"

    def env(self, **more: str) -> dict[str, str]:
        env = {
            **os.environ,
            "XDG_DATA_HOME": str(self.root / "data"),
            "XDG_CONFIG_HOME": str(self.root / "config"),
            "XDG_RUNTIME_DIR": str(self.runtime),
            "XDG_CACHE_HOME": str(self.root / "cache"),
            "QT_QPA_PLATFORM": "offscreen",
        }
        env.update(more)
        return env

    def sessions(self) -> list[tuple[str, str]]:
        """(routine id, status) of every recorded session, read without locking anything."""
        import sqlite3

        if not self.history_file.exists():
            return []
        conn = sqlite3.connect(f"{self.history_file.as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            return list(conn.execute("SELECT routine_id, status FROM sessions ORDER BY id"))
        except sqlite3.OperationalError:
            return []
        finally:
            conn.close()


def hiptimer(*args: str, env: dict[str, str]) -> subprocess.Popen:
    """A real ``python -m hiptimer`` process (stopped by the test with :func:`stop`)."""
    import sys

    return subprocess.Popen(
        [sys.executable, "-m", "hiptimer", *args],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def stop(process: subprocess.Popen) -> tuple[str, str]:
    if process.poll() is None:
        process.terminate()
    try:
        return process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate(timeout=20)


@dataclass
class NotificationDaemon:
    """dunst on a private bus and an Xvfb display.  ``choose(key)`` answers the notification
    shown with the action ``key``, as a person picking it from dunst's menu would."""

    bus: PrivateBus
    display: Display
    process: subprocess.Popen
    folder: Path

    @classmethod
    def start(cls, bus: PrivateBus, folder: Path) -> NotificationDaemon:
        need("dunstctl")
        display = Display.start()
        picker = folder / "pick"
        # dunst hands its menu (one line per action, ending "[id,key]") to this "dmenu".
        picker.write_text(
            f'#!/bin/sh\ntee -a "{folder}/menu" | grep -m1 ",$(cat "{folder}/choice")]"\n'
        )
        picker.chmod(0o755)
        config = folder / "dunstrc"
        config.write_text(f"[global]\n    dmenu = {picker}\n    idle_threshold = 0\n")
        process = subprocess.Popen(
            [need("dunst"), "-config", str(config)],
            env=bus.env(DISPLAY=display.name),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        daemon = cls(bus, display, process, folder)
        wait_for(lambda: daemon.ctl("is-paused").returncode == 0, 20, "dunst on the bus")
        return daemon

    def env(self, **more: str) -> dict[str, str]:
        return self.bus.env(DISPLAY=self.display.name, **more)

    def ctl(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [need("dunstctl"), *args],
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )

    def displayed(self) -> int:
        answer = self.ctl("count", "displayed").stdout.strip()
        return int(answer) if answer.isdigit() else -1

    def menu(self) -> str:
        path = self.folder / "menu"
        return path.read_text() if path.exists() else ""

    def choose(self, key: str) -> None:
        (self.folder / "choice").write_text(key)
        (self.folder / "menu").unlink(missing_ok=True)
        self.ctl("context")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)
        self.display.stop()


@contextmanager
def read_only_folder(folder: Path) -> Iterator[Path]:
    """``folder`` made truly read-only for as long as the block runs, even for root.

    Root ignores permission bits, so this bind-mounts the folder onto itself and remounts the
    bind read-only (writes then fail with EROFS, as on a read-only disk).  Where the test
    machine cannot mount (not root, no mount namespace), the test fails and says so rather
    than passing without having checked anything.
    """
    folder = Path(folder)
    steps = (
        ["mount", "--bind", str(folder), str(folder)],
        ["mount", "-o", "remount,ro,bind", str(folder), str(folder)],
    )
    mounted = False
    try:
        for step in steps:
            done = subprocess.run(step, capture_output=True, text=True, timeout=30)
            if done.returncode != 0:
                pytest.fail(
                    f"this test needs a real read-only folder and could not make one "
                    f"({' '.join(step)}: {done.stderr.strip() or done.returncode}); run it as "
                    "root on a machine that allows bind mounts"
                )
            mounted = True
        probe = folder / ".write-probe"
        try:
            probe.touch()
        except OSError:
            pass
        else:
            probe.unlink()
            pytest.fail(f"{folder} is still writable after the read-only bind mount")
        yield folder
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], capture_output=True, timeout=30, check=True)


_LOCKER = (
    "import sqlite3, sys\n"
    "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "conn.execute('BEGIN IMMEDIATE')\n"
    "print('locked', flush=True)\n"
    "sys.stdin.readline()\n"
    "conn.execute('ROLLBACK')\n"
)


@contextmanager
def write_lock_in_another_process(path: Path) -> Iterator[None]:
    """Another process holds the SQLite write lock on ``path`` until the block ends."""
    import sys

    holder = subprocess.Popen(
        [sys.executable, "-c", _LOCKER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        yield
    finally:
        if holder.stdin is not None:
            holder.stdin.close()  # the holder rolls back and ends
        try:
            holder.wait(timeout=30)
        finally:
            if holder.poll() is None:
                holder.kill()
                holder.wait()
            if holder.stdout is not None:
                holder.stdout.close()
