"""Safe names for the user's routines: slugs, fresh ids, free file names, "(my copy)" names.

No Qt here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from hiptimer.core.routines.limits import MAX_ID_CHARS

SUFFIX = ".yaml"
#: Suffixes the catalog reads as routine files.
ROUTINE_SUFFIXES = (".yaml", ".yml")
MAX_SLUG_CHARS = 48


def slugify(text: str, max_chars: int = MAX_SLUG_CHARS) -> str:
    """A safe lower-case name of letters, digits and dashes ("Mé & my hips!" → "me-my-hips").

    Never empty (falls back to ``routine``), never starts with a dot or dash, never holds a
    path separator, so it is a valid routine id and a harmless file name on every system.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:max_chars].rstrip("-")
    return slug or "routine"


def unique_id(name: str, taken: Iterable[str]) -> str:
    """An id made from ``name`` that is not in ``taken`` (adds -2, -3, …)."""
    used = set(taken)
    base = slugify(name, MAX_SLUG_CHARS)
    candidate, number = base, 2
    while candidate in used:
        suffix = f"-{number}"
        candidate = base[: MAX_ID_CHARS - len(suffix)].rstrip("-") + suffix
        number += 1
    return candidate


def unique_file(folder: Path, name: str, keep: Path | None = None) -> Path:
    """``folder/<slug>.yaml`` that no other file uses (``keep`` may be reused: it is ours)."""
    base = slugify(name)
    candidate, number = folder / f"{base}{SUFFIX}", 2
    while _exists(candidate) and not (keep is not None and _same_file(candidate, keep)):
        candidate = folder / f"{base}-{number}{SUFFIX}"
        number += 1
    return candidate


def _exists(path: Path) -> bool:
    # Also counts a .yml twin, which the catalog reads too.
    return any(path.with_suffix(suffix).exists() for suffix in ROUTINE_SUFFIXES)


def _same_file(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def copy_name(name: str, taken: Iterable[str]) -> str:
    """``name (my copy)``, or ``name (my copy 2)``, … : a routine name not in ``taken``."""
    names = set(taken)
    candidate, number = f"{name} (my copy)", 2
    while candidate in names:
        candidate = f"{name} (my copy {number})"
        number += 1
    return candidate
