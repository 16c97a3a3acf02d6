"""The checked catalog kept between runs, so a start reads no YAML when nothing changed.

The key is a SHA-256 over everything the catalog is made from: the bytes of every routine
file read (built-in and the person's own, with their paths), what could not be read and why,
and a stamp of the code that reads them (the size and modification time of every module of
this package, and the app's version).  Any change to any of them is a miss, and the files
are checked as usual.

The cache is a pickle in the person's own cache folder, written by this app with mode 0600.
Loading a pickle runs what it says, so it is trusted exactly as far as the ``__pycache__``
files Python itself loads from the same account: only a regular file owned by this user
and writable by nobody else is read, and anything wrong with it (damaged, another key, an old
format) is a miss, never an error.  A cache that cannot be written costs only the next start
its speed.
"""

from __future__ import annotations

import os
import pickle
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from hiptimer import __version__
from hiptimer.core.atomic_file import atomic_write
from hiptimer.core.digest import sha256

if TYPE_CHECKING:
    from hiptimer.core.routines.catalog import Catalog

#: Bumped when what is pickled changes shape in a way the code stamp would not catch.
CACHE_FORMAT = 1
#: A catalog of every built-in routine pickles to about 25 KB; far more is not ours.
MAX_CACHE_BYTES = 8 * 1024 * 1024
CACHE_NAME = "catalog.pickle"


def code_stamp() -> bytes:
    """What changes whenever the code that reads routine files changes."""
    package = Path(__file__).parent
    parts = [f"{CACHE_FORMAT}:{__version__}"]
    for module in sorted(package.glob("*.py")):
        info = module.stat()
        parts.append(f"{module.name}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(parts).encode()


class KeyBuilder:
    """Feeds the key; the catalog adds each file it reads, in the order it reads them."""

    def __init__(self) -> None:
        self._hash = sha256(code_stamp())

    def add(self, path: Path, data: bytes | str) -> None:
        raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
        name = str(path).encode("utf-8", "surrogateescape")
        for part in (name, raw):
            self._hash.update(len(part).to_bytes(8, "big"))
            self._hash.update(part)

    def key(self) -> str:
        return self._hash.hexdigest()


def read_cached(path: Path, key: str) -> Catalog | None:
    """The catalog kept for ``key``, or None (no cache, another key, anything wrong)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        trusted = (
            stat.S_ISREG(info.st_mode)
            and info.st_uid == os.getuid()
            and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
            and info.st_size <= MAX_CACHE_BYTES
        )
        if not trusted:
            return None
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            data = stream.read(MAX_CACHE_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    try:
        kept_key, catalog = pickle.loads(data)
    except Exception:  # damaged, truncated or from other code: a miss
        return None
    from hiptimer.core.routines.catalog import Catalog

    if kept_key != key or not isinstance(catalog, Catalog):
        return None
    return catalog


def write_cached(path: Path, key: str, catalog: Catalog) -> None:
    """Keep ``catalog`` for ``key``; a folder or disk that refuses it only costs speed."""
    try:
        data = pickle.dumps((key, catalog), protocol=pickle.HIGHEST_PROTOCOL)
        if len(data) > MAX_CACHE_BYTES:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data)
    except (OSError, pickle.PicklingError, RecursionError):
        return
