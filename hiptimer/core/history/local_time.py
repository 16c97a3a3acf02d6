"""The computer's own time zone, with every clock change in it, as a stdlib ``ZoneInfo``.

Weeks and streaks are counted in local time, so the zone has to be right on both sides of a
daylight-saving change: ``datetime.now().astimezone().tzinfo`` is only today's fixed offset
and would put a winter week's borders an hour off in summer.

The zone is found the way the C library finds it, using the zone database the system already
has (``zoneinfo``; no extra dependency):

1. the ``TZ`` variable: a zone name (``Europe/Berlin``, optionally ``:Europe/Berlin``), the
   path of a zone file, or a POSIX rule such as ``CET-1CEST,M3.5.0,M10.5.0/3``; empty means UTC;
2. ``/etc/localtime`` (Linux, macOS): the zone file it links to, or the file itself;
3. otherwise UTC when that file is missing (what the C library uses too), and, only where
   neither works (e.g. Windows without the ``tzdata`` package), today's fixed offset, so times
   are still shown as the computer shows them now.
"""

from __future__ import annotations

import io
import os
import struct
from collections.abc import Mapping
from datetime import datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

LOCALTIME = Path("/etc/localtime")
UTC = ZoneInfo("UTC")


def local_zone(environ: Mapping[str, str] | None = None, localtime: Path = LOCALTIME) -> tzinfo:
    """The local time zone (see the module docstring); ``environ`` and ``localtime`` are for
    tests, which must not depend on the machine's own zone."""
    env = os.environ if environ is None else environ
    tz = env.get("TZ")
    if tz is not None:
        zone = _zone_from_tz(tz)
        if zone is not None:
            return zone
    elif os.path.lexists(localtime):
        zone = _zone_from_file(localtime)
        if zone is not None:
            return zone
    elif os.name == "posix":
        return UTC
    return datetime.now().astimezone().tzinfo or UTC


def _zone_from_tz(value: str) -> tzinfo | None:
    value = value.removeprefix(":")
    if not value:
        return UTC
    if os.path.isabs(value):
        return _zone_from_file(Path(value))
    try:
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        return _zone_from_rule(value)


def _zone_from_file(path: Path) -> tzinfo | None:
    """A zone file, by its name when it lies in a zone database (``…/zoneinfo/Europe/Berlin``)."""
    try:
        resolved = path.resolve(strict=True)
    except OSError:
        return None
    _, marker, name = str(resolved).rpartition("/zoneinfo/")
    key = name if marker else None
    if key:
        try:
            return ZoneInfo(key)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    try:
        with resolved.open("rb") as file:
            return ZoneInfo.from_file(file, key=key)
    except (OSError, ValueError):
        return None


def _zone_from_rule(rule: str) -> tzinfo | None:
    """A POSIX ``TZ`` rule as a zone, by handing the stdlib a zone file that holds only that
    rule (RFC 8536: a version-2 file with no transitions, the rule in its footer)."""
    if not rule.isascii() or "\n" in rule:
        return None

    def block() -> bytes:  # one time type (UTC), no transitions: the footer rule decides
        counts = struct.pack(">6l", 0, 0, 0, 0, 1, 4)
        return b"TZif2" + bytes(15) + counts + struct.pack(">lbB", 0, 0, 0) + b"UTC\0"

    data = block() + block() + b"\n" + rule.encode("ascii") + b"\n"
    try:
        return ZoneInfo.from_file(io.BytesIO(data), key=rule)
    except ValueError:
        return None
