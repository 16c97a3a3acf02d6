"""The history's session list as a Qt model: newest first, read from the store a page at a time."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from hiptimer.core.history.rows import SessionRow
from hiptimer.core.history.store import HistoryStore
from hiptimer.core.history.view_text import SESSION_COLUMNS, STATUS_WORDS, session_cells

ModelIndex = QModelIndex | QPersistentModelIndex


class SessionsModel(QAbstractTableModel):
    """Sessions newest first, fetched a page at a time as the list scrolls."""

    COLUMNS = SESSION_COLUMNS
    #: the widest text each column usually holds, to size it without measuring every row
    SAMPLES = (
        "Wed 30 Sep 2026 19:00",
        "",
        "Right",
        "1:00:00",
        max(STATUS_WORDS.values(), key=len),
        "10/10",
        "25 of 25",
    )
    PAGE = 100

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store: HistoryStore | None = None
        self._rows: list[SessionRow] = []
        self._total = 0

    def reload(self, store: HistoryStore | None) -> None:
        self.beginResetModel()
        self._store = store
        self._total = 0 if store is None else store.session_count()
        self._rows = [] if store is None else store.sessions(limit=self.PAGE)
        self.endResetModel()

    @property
    def total(self) -> int:
        return self._total

    def session_at(self, row: int) -> SessionRow:
        return self._rows[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: ModelIndex) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: ModelIndex) -> None:
        if self._store is None or parent.isValid():
            return
        more = self._store.sessions(limit=self.PAGE, offset=len(self._rows))
        if not more:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.TextAlignmentRole,
        ):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if index.column() in (3, 5, 6):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        return session_cells(self._rows[index.row()])[index.column()]
