"""Every error the history raises, in one place: catch :class:`HistoryError` for all of them.

The messages are written for the person using the app; the app shows them as they are.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class HistoryError(Exception):
    """The history file cannot be used; the message says why, for the user."""


class HistoryVersionError(HistoryError):
    """The file was written by a newer hiptimer; it is left exactly as it is."""


class HistoryBusyError(HistoryError):
    """Another program held the file locked for longer than the busy timeout."""


class HistoryCorruptError(HistoryError):
    """The file opened, but is not a hiptimer history (not a database, damaged, or foreign)."""


class HistoryUnavailableError(HistoryError):
    """The file cannot be opened or written now (permissions, a read-only folder, a side file
    that cannot be opened, not a regular file): it may be perfectly healthy, so it is left
    exactly as it is."""


class UnknownSessionError(HistoryError, LookupError):
    """No session has this id."""


def as_history_error(method: Callable[..., T]) -> Callable[..., T]:
    """Database failures (a locked file, a full disk) reach callers as :class:`HistoryError`,
    the one error the app handles, with the original attached."""

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as exc:
            busy = "locked" in str(exc) or "busy" in str(exc)
            error = HistoryBusyError if busy else HistoryError
            raise error(f"the history file could not be used: {exc}") from exc

    return wrapper
