"""The measurement changes a person makes afterwards: delete one, or only its kept photo.

A mixin of :class:`~hiptimer.core.history.store.HistoryStore` (which supplies the connection,
its path and ``batch``); the photos themselves are :mod:`hiptimer.core.history.photos`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from hiptimer.core.history.errors import as_history_error
from hiptimer.core.history.photos import (
    NAME_PATTERN,
    check_photo_mark,
    photo_path,
    photos_dir,
    remove_photo,
)


class MeasurementEdits:
    _conn: sqlite3.Connection
    path: Path

    batch: Callable[[], AbstractContextManager[None]]  # HistoryStore's transaction

    @property
    def photos_dir(self) -> Path:
        """Where the photos kept with measurements live (see :mod:`photos`)."""
        return photos_dir(self.path)

    @as_history_error
    def delete_measurement(self, measurement_id: int) -> None:
        """Delete a measurement and then the photo kept with it; OSError if the photo could
        not be removed (the measurement is gone by then, so no row names a deleted file)."""
        with self.batch():
            photo = self.photo_of(measurement_id)
            self._conn.execute("DELETE FROM measurements WHERE id = ?", (measurement_id,))
        remove_photo(self.photos_dir, photo)

    @as_history_error
    def forget_photo(self, measurement_id: int) -> None:
        """Delete the photo kept with a measurement; the measurement stays, still marked as
        measured from a photo."""
        with self.batch():
            photo = self.photo_of(measurement_id)
            self._conn.execute(
                "UPDATE measurements SET photo = NULL WHERE id = ?", (measurement_id,)
            )
        remove_photo(self.photos_dir, photo)

    def check_photo(self, from_photo: bool, photo: str | None) -> None:
        """ValueError unless ``photo`` (None: no photo) names a photo already kept in
        :attr:`photos_dir` (:func:`photos.keep_photo`) for a measurement ``from_photo``."""
        check_photo_mark(from_photo, photo)
        if photo is not None and not photo_path(self.photos_dir, photo).is_file():
            raise ValueError(f"the photo {photo!r} to keep is not in {self.photos_dir}")

    def _kept_photo_of_key(self, key: str) -> str | None:
        found = self._conn.execute(
            "SELECT photo FROM measurements WHERE measurement_key = ?", (key,)
        ).fetchone()
        return None if found is None else kept_name(found[0])

    def photo_of(self, measurement_id: int) -> str | None:
        """The name of the photo kept with a measurement (None: none, or no such measurement:
        deleting twice, as a replayed write does, changes nothing the second time)."""
        found = self._conn.execute(
            "SELECT photo FROM measurements WHERE id = ?", (measurement_id,)
        ).fetchone()
        return None if found is None else kept_name(found[0])


def kept_name(name: object) -> str | None:
    """A stored photo name if it is one hiptimer makes; a hand-edited one is never followed."""
    return name if isinstance(name, str) and NAME_PATTERN.fullmatch(name) else None
