"""Desktop notifications through the freedesktop notification service, with actions.

``Notify`` shows one; the service reports the person's choice with ``ActionInvoked`` and the
notification's end with ``NotificationClosed`` (both signals are broadcast to every client, so
only those about our own notifications are passed on).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from jeepney import MatchRule, Message
from PySide6.QtCore import QObject, Signal

from hiptimer import APP_ID, APP_NAME
from hiptimer.core.paths import resources_dir
from hiptimer.qt.desktop.bus import Answer, QtBus

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
#: The action key a click on the notification itself invokes (freedesktop spec).
DEFAULT_ACTION = "default"


class Notifier(QObject):
    action_invoked = Signal(int, str)  # notification id, action key
    closed = Signal(int, int)  # notification id, reason (1 expired, 2 dismissed, 3 closed)

    def __init__(self, bus: QtBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self._ours: set[int] = set()
        for member, handler in (
            ("ActionInvoked", self._on_action),
            ("NotificationClosed", self._on_closed),
        ):
            rule = MatchRule(type="signal", interface=INTERFACE, member=member, path=PATH)
            bus.subscribe(rule, handler)

    def notify(
        self,
        summary: str,
        body: str,
        actions: Sequence[tuple[str, str]],
        shown: Callable[[int | None, str], None],
        *,
        replaces: int = 0,
        timeout_ms: int = 0,
    ) -> None:
        """Show a notification; ``shown(id, problem)`` follows (id None when it failed).

        ``actions`` are (key, label) pairs; ``timeout_ms`` 0 keeps it until it is answered.
        """
        flat = [part for pair in actions for part in pair]
        hints = {"desktop-entry": ("s", APP_ID), "urgency": ("y", 1)}
        icon = resources_dir() / "icons" / "hicolor" / "64x64" / "apps" / f"{APP_ID}.png"

        def answered(answer: Answer) -> None:
            if answer.ok and answer.body:
                self._ours.add(int(answer.body[0]))
                shown(int(answer.body[0]), "")
            else:
                shown(None, answer.error or "no answer")

        self.bus.call(
            SERVICE,
            PATH,
            INTERFACE,
            "Notify",
            "susssasa{sv}i",
            (APP_NAME, replaces, str(icon), summary, body, flat, hints, timeout_ms),
            answered,
        )

    def close_notification(self, notification_id: int) -> None:
        self.bus.call(SERVICE, PATH, INTERFACE, "CloseNotification", "u", (notification_id,))

    def _on_action(self, message: Message) -> None:
        notification_id, key = message.body
        if notification_id in self._ours:
            self.action_invoked.emit(int(notification_id), str(key))

    def _on_closed(self, message: Message) -> None:
        notification_id, reason = message.body
        if notification_id in self._ours:
            self._ours.discard(notification_id)
            self.closed.emit(int(notification_id), int(reason))
