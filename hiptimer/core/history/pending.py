"""Writes the history file could not take yet, kept in a small file beside it until it can.

While writes wait (the history busy or failing) the writer keeps them in
``<history>.unsaved-<process>.json``, replaced atomically each time they change, so even a
killed app loses none; the file goes once they are saved.  At the next start the writer
replays, before anything else, the files of every hiptimer that no longer runs: each write is
idempotent, so one saved before the kill and replayed again changes nothing.  A file that
cannot be read is kept under a numbered ``.broken`` name and said so, never deleted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hiptimer.core import atomic_file
from hiptimer.core.bounded_read import ReadProblem, read_bounded
from hiptimer.core.digest import sha256_hex
from hiptimer.core.history import claims
from hiptimer.core.history.commands import Command, from_json, to_json

FORMAT = 1
#: Far more than a session's writes (a few hundred bytes each).
SIZE_LIMIT = 4_000_000
_STEM = ".unsaved-"


def pending_path(history: Path, claim: str) -> Path:
    """Where the process with ``claim`` keeps its waiting writes."""
    tag = sha256_hex(claim.encode())[:12]
    return history.with_name(f"{history.name}{_STEM}{tag}.json")


def save(path: Path, claim: str, commands: list[Command]) -> None:
    """Keep ``commands`` (the kept ones, in order) in ``path``, replacing what it held."""
    document = {
        "format": FORMAT,
        "claim": claim,
        "writes": [to_json(command) for command in commands if command.kept],
    }
    atomic_file.atomic_write(path, json.dumps(document, ensure_ascii=False, indent=1) + "\n")


@dataclass(frozen=True)
class Kept:
    """The writes one earlier hiptimer left unsaved, and the file they were kept in."""

    path: Path
    commands: list[Command]


def left_unsaved(history: Path) -> tuple[list[Kept], list[str]]:
    """Every pending-writes file of a hiptimer that no longer runs, oldest first, and what was
    wrong with the ones that could not be read (each kept as ``.broken``)."""
    found: list[tuple[float, Kept]] = []
    problems: list[str] = []
    for path in history.parent.glob(f"{history.name}{_STEM}*.json"):
        try:
            document = _read(path)
            if claims.is_live(document.get("claim")):
                continue  # a hiptimer still running keeps its own
            commands = [from_json(write) for write in document["writes"]]
            found.append((path.stat().st_mtime, Kept(path, commands)))
        except (ReadProblem, OSError, ValueError, KeyError, TypeError, RecursionError) as error:
            if path.exists():
                problems.append(_set_aside(path, error))
            # else: replayed and removed by another hiptimer starting at the same moment
    found.sort(key=lambda item: (item[0], str(item[1].path)))
    return [kept for _, kept in found], problems


def _read(path: Path) -> dict[str, Any]:
    data = read_bounded(path, SIZE_LIMIT)
    document = json.loads(data.decode("utf-8"))
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError(f"not a pending-writes file of format {FORMAT}")
    if not isinstance(document.get("writes"), list):
        raise ValueError("it holds no list of writes")
    return document


def _set_aside(path: Path, error: BaseException) -> str:
    reason = str(error) or type(error).__name__
    try:
        moved = atomic_file.move_aside(path, ".broken")
    except OSError as move_error:
        return f"History writes kept in {path} cannot be read ({reason}) or moved: {move_error}"
    return f"History writes kept in {path} cannot be read ({reason}); the file is kept as {moved}"
