"""Start hiptimer in the tray at login: an XDG autostart entry the person can delete.

The entry exists only while the person wants it: it is written when they turn the toggle on,
removed when they turn it off, and never written back otherwise, so deleting the file by hand
turns autostart off (the toggle reads the file).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from hiptimer import APP_ID
from hiptimer.core.atomic_file import atomic_write
from hiptimer.core.desktop.install import desktop_entry

#: What the autostarted app is given: sit in the tray, the window closed.
TRAY_ARGS = ("--tray",)


def autostart_file(config: Path) -> Path:
    return config / "autostart" / f"{APP_ID}.desktop"


def autostart_on(config: Path) -> bool:
    return autostart_file(config).is_file()


def set_autostart(config: Path, resources: Path, command: Sequence[str], on: bool) -> None:
    """Write or remove the entry; raises OSError when the folder cannot be written."""
    path = autostart_file(config)
    if not on:
        path.unlink(missing_ok=True)
        return
    text = desktop_entry(resources, command, TRAY_ARGS)
    text += "X-GNOME-Autostart-enabled=true\n"
    atomic_write(path, text)
