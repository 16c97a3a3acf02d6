"""Writing files so that a crash, a full disk or another process never costs data.

:func:`atomic_write` replaces a file (after a crash it holds the old or the new content);
:func:`create_new` makes a file only if the name is free at that very moment (two processes
saving under the same name never overwrite each other); :func:`move_aside` keeps a damaged file
under a numbered name that no earlier copy uses.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable
from pathlib import Path


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old or the new file.

    The data goes into a temporary file in the same folder, is flushed and fsynced, then
    ``os.replace`` swaps it in (atomic on POSIX and Windows).  On any error the temporary file
    is removed and the old file is untouched.
    """
    temp_name = _written_temp(path, data)
    try:
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def create_new(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path``, which must not exist; raises FileExistsError if it does.

    The data is written and fsynced under a temporary name, then hard-linked to ``path``:
    the link either creates the name or fails, so nothing another process wrote is replaced.
    """
    temp_name = _written_temp(path, data)
    try:
        try:
            os.link(temp_name, path)
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: an exclusive create instead
            with open(path, "xb") as target, open(temp_name, "rb") as temp:
                target.write(temp.read())
                target.flush()
                os.fsync(target.fileno())
    finally:
        Path(temp_name).unlink(missing_ok=True)
    fsync_dir(path.parent)


def move_aside(path: Path, suffix: str) -> Path:
    """Rename ``path`` to ``<name><suffix>``, ``<name><suffix>.2``, … whichever is free first.

    Never replaces an earlier copy (see :func:`link_to_free_name`).  Returns the new path.
    """
    names = (
        path.with_name(f"{path.name}{suffix}" + (f".{number}" if number > 1 else ""))
        for number in itertools.count(1)
    )
    target = link_to_free_name(path, names)
    path.unlink(missing_ok=True)  # gone already where there are no hard links
    return target


def link_to_free_name(path: Path, names: Iterable[Path]) -> Path:
    """Give ``path`` also the first of ``names`` that is free and return it.

    Each name is claimed with a hard link, which fails when the name exists, so nothing is
    ever replaced, not even a file another process makes at the same moment.  Where the file
    system has no hard links, ``path`` is renamed to a name that is free at that moment.
    """
    for target in names:
        try:
            os.link(path, target)
        except FileExistsError:
            continue
        except OSError:  # no hard links here: a plain rename to a name that is free now
            if target.exists():
                continue
            os.rename(path, target)
        return target
    raise FileExistsError(f"no free name for {path}")


def _written_temp(path: Path, data: str | bytes) -> str:
    """A temporary file beside ``path`` holding ``data``, flushed to disk; its name."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # only when a file is written: not on the path to the window

    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(payload)
            temp.flush()
            os.fsync(temp.fileno())
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return temp_name


def fsync_dir(folder: Path) -> None:
    """Make the rename itself durable where the system allows it (not on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
