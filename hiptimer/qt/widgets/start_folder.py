"""Where every file dialog starts: the Documents folder, or home when there is none.

Without a start folder a file dialog opens in the process's working directory, which for an
app started from a menu is wherever the desktop happened to be; people look for their files
in Documents.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def documents_folder() -> Path:
    """The user's Documents folder when it exists, else the home folder."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if folder and Path(folder).is_dir():
        return Path(folder)
    return Path.home()


def in_documents(name: str) -> str:
    """A file name suggested in the Documents folder, as a save dialog takes it."""
    return str(documents_folder() / name)
