"""A D-Bus session-bus connection that lives in Qt's event loop.

Messages are built and parsed by ``jeepney`` (pure Python); the socket is watched by a
``QSocketNotifier``, so replies and signals arrive as ordinary Qt callbacks and no call ever
blocks the window.  QtDBus itself cannot be used from Python for this: PySide6 has no way to
send an unsigned integer, which ``Notify``, ``CloseNotification`` and ``UnInhibit`` need.

A missing or broken bus is never an error for the app: :func:`open_bus` returns None and the
desktop features that need it simply stay off.
"""

from __future__ import annotations

import contextlib
import itertools
import socket
from collections.abc import Callable
from dataclasses import dataclass

from jeepney import (
    DBusAddress,
    HeaderFields,
    MatchRule,
    Message,
    MessageType,
    message_bus,
    new_method_call,
)
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from PySide6.QtCore import QObject, QSocketNotifier, QTimer

Reply = Callable[["Answer"], None]
#: How long a call waits for its reply before it is answered with an error.
CALL_TIMEOUT_MS = 5000


@dataclass(frozen=True)
class Answer:
    """A method call's reply: its values, or the error's name and text."""

    body: tuple
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def open_bus(address: str = "SESSION", parent: QObject | None = None) -> QtBus | None:
    """Connect to the bus (the session bus by default); None when there is none to reach."""
    try:
        conn = open_dbus_connection(bus=address, auth_timeout=1.0)
    except (OSError, KeyError, ValueError, RuntimeError, TimeoutError):
        return None
    return QtBus(conn, parent)


class QtBus(QObject):
    def __init__(self, conn: DBusConnection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._conn = conn
        self._parser = conn.parser  # it may already hold what came after the Hello
        self._serials = itertools.count(1_000_000)  # clear of the connection's own Hello
        self._pending: dict[int, tuple[Reply | None, QTimer]] = {}
        self._handlers: list[tuple[MatchRule, Callable[[Message], None]]] = []
        conn.sock.setblocking(False)
        self._notifier = QSocketNotifier(conn.sock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._readable)
        self.unique_name: str = conn.unique_name or ""
        QTimer.singleShot(0, self, self._drain)  # with its receiver: never after it is gone

    @property
    def connected(self) -> bool:
        return self._notifier.isEnabled()

    def call(
        self,
        service: str,
        path: str,
        interface: str,
        method: str,
        signature: str | None = None,
        body: tuple = (),
        reply: Reply | None = None,
    ) -> None:
        """Send a method call; ``reply`` gets the :class:`Answer` (an error if none comes)."""
        if not self.connected:
            if reply is not None:
                reply(Answer((), "org.freedesktop.DBus.Error.Disconnected"))
            return
        message = new_method_call(DBusAddress(path, service, interface), method, signature, body)
        serial = next(self._serials)
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: self._answer(serial, Answer((), "timed out")))
        self._pending[serial] = (reply, timer)
        timer.start(CALL_TIMEOUT_MS)
        try:
            self._conn.sock.setblocking(True)  # a message is small; the bus takes it at once
            self._conn.send(message, serial=serial)
        except OSError:
            self._lost()
        finally:
            with contextlib.suppress(OSError):
                self._conn.sock.setblocking(False)

    def subscribe(self, rule: MatchRule, handler: Callable[[Message], None]) -> None:
        """Call ``handler`` for every signal matching ``rule`` (asks the bus to route them)."""
        self._handlers.append((rule, handler))
        add = message_bus.AddMatch(rule)
        self.call(
            add.header.fields[HeaderFields.destination],
            add.header.fields[HeaderFields.path],
            add.header.fields[HeaderFields.interface],
            "AddMatch",
            "s",
            (rule.serialise(),),
        )

    def close(self) -> None:
        self._notifier.setEnabled(False)
        self._conn.close()

    def _answer(self, serial: int, answer: Answer) -> None:
        reply, timer = self._pending.pop(serial, (None, None))
        if timer is not None:
            timer.stop()
            timer.deleteLater()
        if reply is not None:
            reply(answer)

    def _readable(self) -> None:
        try:
            data = self._conn.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:
            self._lost()
            return
        self._parser.add_data(data)
        self._drain()

    def _drain(self) -> None:
        while (message := self._parser.get_next_message()) is not None:
            self._dispatch(message)

    def _dispatch(self, message: Message) -> None:
        kind = message.header.message_type
        if kind in (MessageType.method_return, MessageType.error):
            serial = message.header.fields.get(HeaderFields.reply_serial, -1)
            error = None
            if kind is MessageType.error:
                error = str(message.header.fields.get(HeaderFields.error_name, "error"))
            self._answer(serial, Answer(tuple(message.body), error))
        elif kind is MessageType.signal:
            for rule, handler in list(self._handlers):
                if rule.matches(message):
                    handler(message)

    def _lost(self) -> None:
        """The bus went away: every waiting call gets an error, and nothing more is sent."""
        self._notifier.setEnabled(False)
        for serial in list(self._pending):
            self._answer(serial, Answer((), "org.freedesktop.DBus.Error.Disconnected"))
        with contextlib.suppress(OSError):
            self._conn.sock.shutdown(socket.SHUT_RDWR)
