"""Keep the screen on while a session plays (the screensaver and screen blanking wait).

``org.freedesktop.ScreenSaver.Inhibit`` (KDE, GNOME, Xfce and most others) is asked first;
where no such service answers, the desktop portal's ``Inhibit`` (idle flag) is tried.  Without
either, nothing happens and nothing is said: a desktop that cannot blank for us is no error.
The calls never block: a release asked for before the inhibit's answer arrives is done as soon
as the answer (the cookie or the portal's request handle) comes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from hiptimer import APP_NAME

if TYPE_CHECKING:
    from hiptimer.qt.desktop.bus import Answer, QtBus

SCREENSAVER = ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver")
SCREENSAVER_INTERFACE = "org.freedesktop.ScreenSaver"
PORTAL = ("org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop")
PORTAL_INTERFACE = "org.freedesktop.portal.Inhibit"
PORTAL_IDLE = 8  # the portal's "idle" flag: keep the session from going idle
REASON = "A timed exercise session is playing"


class ScreenInhibitor(QObject):
    def __init__(
        self,
        bus: QtBus | None = None,
        parent: QObject | None = None,
        *,
        connect: Callable[[], QtBus | None] | None = None,
    ) -> None:
        """``connect``: opens the bus when a session first plays, so a window that never
        plays one never connects (nor loads the D-Bus code)."""
        super().__init__(parent)
        self.bus = bus
        self._connect = connect
        self.wanted = False
        self._cookie: int | None = None  # the screensaver's, while inhibited
        self._handle: str | None = None  # the portal request's object path, while inhibited
        self._asking = False
        self._unavailable = False  # neither service answered; asked again next session

    @property
    def held(self) -> bool:
        return self._cookie is not None or self._handle is not None

    def set_active(self, active: bool) -> None:
        """Inhibit (True) or release (False); repeated calls change nothing."""
        if active == self.wanted:
            return
        self.wanted = active
        if active:
            self._unavailable = False
        self._settle()

    def _settle(self) -> None:
        if self.bus is None and self._connect is not None and self.wanted:
            connect, self._connect = self._connect, None
            self.bus = connect()
        if self.bus is None or self._asking:
            return
        if self.wanted and not self.held and not self._unavailable:
            self._asking = True
            self.bus.call(
                *SCREENSAVER,
                SCREENSAVER_INTERFACE,
                "Inhibit",
                "ss",
                (APP_NAME, REASON),
                self._screensaver_answered,
            )
        elif not self.wanted and self._cookie is not None:
            cookie, self._cookie = self._cookie, None
            self.bus.call(*SCREENSAVER, SCREENSAVER_INTERFACE, "UnInhibit", "u", (cookie,))
        elif not self.wanted and self._handle is not None:
            handle, self._handle = self._handle, None
            self.bus.call(PORTAL[0], handle, "org.freedesktop.portal.Request", "Close")

    def _screensaver_answered(self, answer: Answer) -> None:
        if answer.ok and answer.body:
            self._asking = False
            self._cookie = int(answer.body[0])
            self._settle()
            return
        options = {"reason": ("s", REASON)}
        self.bus.call(  # type: ignore[union-attr]  # only asked with a bus
            *PORTAL,
            PORTAL_INTERFACE,
            "Inhibit",
            "sua{sv}",
            ("", PORTAL_IDLE, options),
            self._portal_answered,
        )

    def _portal_answered(self, answer: Answer) -> None:
        self._asking = False
        if answer.ok and answer.body:
            self._handle = str(answer.body[0])
        else:
            self._unavailable = True
        self._settle()
