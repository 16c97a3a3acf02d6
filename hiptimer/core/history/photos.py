"""Photos kept with measurements: where they live, how they are named, written and removed.

A photo is kept only when the person asks.  It lives in ``photos/`` beside the history file
(in the data folder), readable by the person only, as ``<key>.jpg`` with a random key made
when it is kept: the measurement row stores that file name in ``measurements.photo``.  The
photo is written before its measurement, so a row never names a missing file once written;
deleting the measurement (:meth:`HistoryStore.delete_measurement`) deletes the photo too.

Names read back from the file are checked against :data:`NAME_PATTERN`, so a damaged or
hand-edited history can never make hiptimer read or delete anything outside ``photos/``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from hiptimer.core.atomic_file import create_new

FOLDER = "photos"
SUFFIX = ".jpg"
NAME_PATTERN = re.compile(r"[0-9a-f]{32}\.jpg")
#: A kept photo is a re-encoded, size-limited JPEG; anything bigger is refused as a mistake.
MOST_BYTES = 16 * 1024 * 1024


def photos_dir(history_file: Path) -> Path:
    """The folder of kept photos for the history file ``history_file``."""
    return Path(history_file).parent / FOLDER


def photo_path(folder: Path, name: str) -> Path:
    """The path of a kept photo; ValueError for a name hiptimer never makes."""
    if not NAME_PATTERN.fullmatch(name):
        raise ValueError(f"not a kept photo's name: {name!r}")
    return folder / name


def check_photo_mark(from_photo: object, photo: object) -> None:
    """ValueError unless ``from_photo`` is a bool and ``photo`` is None or a kept photo's name
    on a measurement taken from a photo."""
    if not isinstance(from_photo, bool):
        raise ValueError(f"from_photo must be true or false, got {from_photo!r}")
    if photo is not None:
        if not isinstance(photo, str) or not NAME_PATTERN.fullmatch(photo):
            raise ValueError(f"not a kept photo's name: {photo!r}")
        if not from_photo:
            raise ValueError("only a measurement taken from a photo can keep one")


def keep_photo(folder: Path, jpeg: bytes) -> str:
    """Write ``jpeg`` under a new name in ``folder`` (made private if new); return the name."""
    if not jpeg.startswith(b"\xff\xd8"):
        raise ValueError("a kept photo must be JPEG data")
    if len(jpeg) > MOST_BYTES:
        raise ValueError(f"a kept photo must be under {MOST_BYTES // (1024 * 1024)} MB")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    while True:
        name = os.urandom(16).hex() + SUFFIX  # as secrets.token_hex, without hashlib
        try:
            create_new(folder / name, jpeg)  # a private temp file, linked under the new name
        except FileExistsError:  # 128 random bits: never, but never overwrite either
            continue
        return name


def remove_photo(folder: Path, name: str | None) -> None:
    """Delete a kept photo; a missing one (or ``None``) is already gone."""
    if name is not None:
        photo_path(folder, name).unlink(missing_ok=True)
