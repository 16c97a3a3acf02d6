"""What is wrong with the routine files, shown where the routines are chosen.

A broken file never stops the app (its routines are just not listed), but the person must be
able to see why a routine is missing and get to the file: each problem is listed as
``FILE:LINE: message``, and a button opens the folder holding the file in the desktop's file
manager.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hiptimer.core.routines.problems import Problem
from hiptimer.core.text import plural
from hiptimer.qt.style import SPACE

#: Rows of the list shown before it scrolls.
ROWS_SHOWN = 4


def problems_title(problems: Sequence[Problem]) -> str:
    files = len({problem.file for problem in problems})
    return (
        f"{plural(len(problems), 'problem')} in {plural(files, 'routine file')}: its routines "
        "are not listed until it is fixed."
        if files == 1
        else f"{plural(len(problems), 'problem')} in {plural(files, 'routine file')}: their "
        "routines are not listed until they are fixed."
    )


class FileProblemsPanel(QFrame):
    """Hidden while there is no problem; ``check_again`` asks for the files to be read again.

    ``open_url`` opens the folder (the desktop's file manager; tests pass a recorder).
    """

    check_again = Signal()

    def __init__(
        self,
        routines_dir: Path,
        parent: QWidget | None = None,
        *,
        open_url: Callable[[QUrl], object] = QDesktopServices.openUrl,
    ) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.setAccessibleName("Problems in routine files")
        self._routines_dir = routines_dir
        self._problems: list[Problem] = []
        self._open_url = open_url
        self._built = False
        self.setVisible(False)

    def _build(self) -> None:
        """The title, list and buttons, made the first time there is a problem to show (most
        starts have none, and the window opens sooner without them)."""
        self._built = True
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setProperty("role", "problem")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.list = QListWidget()
        self.list.setAccessibleName("Problems, as file, line and what is wrong")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.itemActivated.connect(lambda _item: self.open_folder())
        self.open_button = QPushButton("&Open the folder")
        self.open_button.setAccessibleName("Open the folder of the file with the problem")
        self.open_button.clicked.connect(self.open_folder)
        self.again_button = QPushButton("Chec&k again")
        self.again_button.setAccessibleName("Read the routine files again")
        self.again_button.clicked.connect(self.check_again)
        self.again_button.setToolTip("Fix the file in a text editor, save it, then check again.")
        row = QHBoxLayout()
        row.addWidget(self.title, 1)
        row.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.again_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE.m, SPACE.s, SPACE.m, SPACE.m)
        layout.setSpacing(SPACE.s)
        layout.addLayout(row)
        layout.addWidget(self.list)

    def show_problems(self, problems: Sequence[Problem]) -> None:
        self._problems = list(problems)
        if not self._built:
            if not self._problems:
                return  # hidden, and nothing was ever shown
            self._build()
        self.list.clear()
        for problem in self._problems:
            self.list.addItem(str(problem))
        if self._problems:
            self.title.setText(problems_title(self._problems))
            self.list.setCurrentRow(0)
            rows = min(len(self._problems), ROWS_SHOWN)
            line = self.list.fontMetrics().lineSpacing() + 4
            scroll = self.list.horizontalScrollBar().sizeHint().height()
            self.list.setFixedHeight(rows * line + 2 * self.list.frameWidth() + scroll)
        self.setVisible(bool(self._problems))

    def folder(self) -> Path:
        """The folder of the selected problem's file (the first one's when none is)."""
        if not self._problems:
            return self._routines_dir
        row = max(self.list.currentRow(), 0)
        path = Path(self._problems[row].file)
        return path if path.is_dir() else path.parent

    def open_folder(self) -> None:
        self._open_url(QUrl.fromLocalFile(str(self.folder())))
