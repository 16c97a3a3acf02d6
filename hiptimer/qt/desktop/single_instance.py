"""One hiptimer per user: a lock file and a local socket in the runtime folder.

The first process takes the lock (``QLockFile``; a lock left by a process that died is taken
over) and, once its window has painted, listens on the socket.  A later launch finds the lock
taken and hands its request (``--routine``, ``--side``, ``--start``…) to the first over the
socket, then exits: the first raises its window and acts on the request, so there is never a
second window.  A launch that comes before the first one listens keeps trying for
:data:`HAND_OVER_MS`.  Qt Network loads with the socket, so the first window does not wait for
it (6–11 ms, issue 16).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDeadlineTimer, QLockFile, QObject, QThread, Signal

from hiptimer import APP_ID
from hiptimer.core.digest import sha256_hex
from hiptimer.core.paths import AppPaths

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

#: How long a second launch keeps trying to reach the first (it may still be starting).
HAND_OVER_MS = 10_000
MAX_REQUEST_BYTES = 64 * 1024
ACK = b"ok\n"


#: A local socket's path must fit in ``sockaddr_un`` (108 bytes on Linux, with its end).
MAX_SOCKET_PATH = 100


def private_temp_dir() -> Path:
    folder = Path(tempfile.gettempdir()) / f"{APP_ID}-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def runtime_dir(name: str = APP_ID) -> Path:
    """``$XDG_RUNTIME_DIR`` (private to the user), else a folder of ours in the temp dir;
    also that folder when the runtime one is too deep for a socket named ``name``."""
    env = os.environ.get("XDG_RUNTIME_DIR", "")
    fits = len(os.fsencode(os.path.join(env, f"{name}.socket"))) <= MAX_SOCKET_PATH
    if env and os.path.isabs(env) and os.path.isdir(env) and fits:
        return Path(env)
    return private_temp_dir()


def instance_name(paths: AppPaths) -> str:
    """One instance per data folder (so a second data folder, as in tests, is its own)."""
    digest = sha256_hex(str(paths.data_dir.absolute()).encode())[:12]
    return f"{APP_ID}-{digest}"


class SingleInstance(QObject):
    """``acquire()`` once, then ``listen()``; the owner gets ``request(dict)`` for each
    hand-over."""

    request = Signal(dict)

    def __init__(self, folder: Path, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.socket_path = str(folder / f"{name}.socket")
        self._lock = QLockFile(str(folder / f"{name}.lock"))
        self._lock.setStaleLockTime(0)  # held for hours; only a dead owner makes it stale
        self._server: QLocalServer | None = None

    @classmethod
    def for_paths(cls, paths: AppPaths) -> SingleInstance:
        name = instance_name(paths)
        return cls(runtime_dir(name), name)

    def acquire(self) -> bool:
        """Become the one instance (True), or find another already is (False)."""
        return self._lock.tryLock(0)

    @property
    def listening(self) -> bool:
        return self._server is not None and self._server.isListening()

    def listen(self) -> None:
        """Take hand-overs from later launches (once; a problem is said on stderr)."""
        if self._server is not None:
            return
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.socket_path)  # a socket left by a killed owner
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._incoming)
        if not self._server.listen(self.socket_path):
            print(
                f"hiptimer: a second launch cannot reach this one ({self._server.errorString()})",
                file=sys.stderr,
            )

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def hand_over(self, request: dict, timeout_ms: int = HAND_OVER_MS) -> bool:
        """Send ``request`` to the running instance; True once it said it got it."""
        from PySide6.QtNetwork import QLocalSocket

        deadline = QDeadlineTimer(timeout_ms)
        while not deadline.hasExpired():
            socket = QLocalSocket()
            socket.connectToServer(self.socket_path)
            if socket.waitForConnected(500):
                socket.write(json.dumps(request).encode("utf-8") + b"\n")
                socket.flush()
                answer = b""
                while ACK not in answer and socket.waitForReadyRead(
                    max(1, deadline.remainingTime())
                ):
                    answer += bytes(socket.readAll().data())
                socket.disconnectFromServer()
                return ACK in answer
            if self._lock.tryLock(0):  # the owner died meanwhile: nobody to hand over to
                self._lock.unlock()
                return False
            QThread.msleep(100)
        return False

    def _incoming(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.setParent(self)
            buffer = bytearray()

            def readable(socket: QLocalSocket = socket, buffer: bytearray = buffer) -> None:
                buffer.extend(bytes(socket.readAll().data()))
                if b"\n" not in buffer and len(buffer) < MAX_REQUEST_BYTES:
                    return
                line = bytes(buffer).split(b"\n", 1)[0]
                socket.readyRead.disconnect()
                try:
                    request = json.loads(line.decode("utf-8"))
                except (UnicodeDecodeError, ValueError):
                    request = None
                if isinstance(request, dict):
                    socket.write(ACK)
                    socket.flush()
                    self.request.emit(request)
                socket.disconnectFromServer()
                socket.deleteLater()

            socket.readyRead.connect(readable)
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                readable()
