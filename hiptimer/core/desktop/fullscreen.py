"""Is a fullscreen window (a film, a game, a talk) in front?  Then a reminder waits.

The notification spec has no way to ask, so on X11 this reads the window manager's EWMH
properties with ``xprop``: the root window's ``_NET_ACTIVE_WINDOW`` and that window's
``_NET_WM_STATE``, looking for ``_NET_WM_STATE_FULLSCREEN``.  Under Wayland only X11 programs
(through Xwayland) can be seen this way, and without ``xprop`` or a display nothing can: the
answer is then "no", and the notification service's own do-not-disturb is what holds
reminders back (GNOME, KDE and dunst hide or queue notifications while it is on).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Mapping

_WINDOW_ID = re.compile(r"_NET_ACTIVE_WINDOW\s+(0x[0-9a-fA-F]+)")
#: Ask for the id in hex whatever type the window manager gave the property.
ACTIVE_WINDOW_QUERY = (
    "-root",
    "-notype",
    "-f",
    "_NET_ACTIVE_WINDOW",
    "32x",
    " $0",
    "_NET_ACTIVE_WINDOW",
)


def active_window(xprop_root: str) -> str | None:
    """The id in the :data:`ACTIVE_WINDOW_QUERY` answer; None for none (0x0) or no answer."""
    match = _WINDOW_ID.search(xprop_root)
    if match is None or int(match.group(1), 16) == 0:
        return None
    return match.group(1)


def is_fullscreen_state(xprop_window: str) -> bool:
    """Whether ``xprop -id ID _NET_WM_STATE`` output lists the fullscreen state."""
    return "_NET_WM_STATE_FULLSCREEN" in xprop_window


def fullscreen_window_active(environ: Mapping[str, str] | None = None) -> bool:
    """True when X11 says the active window is fullscreen (see the module docstring)."""
    env = os.environ if environ is None else environ
    xprop = shutil.which("xprop")
    if not env.get("DISPLAY") or xprop is None:
        return False

    def ask(*args: str) -> str:
        try:
            done = subprocess.run(
                [xprop, *args],
                capture_output=True,
                text=True,
                timeout=5,
                check=False,
                env=dict(env),
            )
        except (OSError, subprocess.TimeoutExpired):
            return ""
        return done.stdout if done.returncode == 0 else ""

    window = active_window(ask(*ACTIVE_WINDOW_QUERY))
    return window is not None and is_fullscreen_state(ask("-id", window, "_NET_WM_STATE"))
