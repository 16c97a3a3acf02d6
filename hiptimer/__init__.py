"""hiptimer: a hands-free, follow-along timer for a hip mobility program."""

__version__ = "0.1.0"

#: The program's name: its command, window title, data folders and Qt application name.
APP_NAME = "hiptimer"
#: The reverse-DNS id of the desktop entry, metainfo, icons and D-Bus names.
APP_ID = "io.github.hiptimer.Hiptimer"
