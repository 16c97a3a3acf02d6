"""All routines the app knows: the built-in ones and the user's own files.

The built-in exercise library (``routines/exercises.yaml``) is loaded first; every other file may
use its exercises.  A broken user file never stops the app: its problems are collected and the
good routines are still listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hiptimer.core.routines.loader import load_file
from hiptimer.core.routines.model import Library, Routine
from hiptimer.core.routines.naming import ROUTINE_SUFFIXES
from hiptimer.core.routines.problems import Code, Location, Problem

LIBRARY_FILE = "exercises.yaml"


@dataclass
class Catalog:
    library: Library
    routines: list[Routine] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def find(self, routine_id: str) -> Routine | None:
        return next((r for r in self.routines if r.id == routine_id), None)

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self.routines]

    @property
    def names(self) -> list[str]:
        return [r.name for r in self.routines]


def _routine_files(folder: Path, problems: list[Problem], *, skip: str = "") -> list[Path]:
    """The routine files of ``folder``, by name; anything named like one that is not a regular
    file (a pipe, a device, a folder) is listed too, so the loader says what it is."""
    try:
        if not folder.is_dir():
            return []
        entries = list(folder.iterdir())
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        detail = f"the routines folder cannot be read ({reason}); its routines are not listed"
        problems.append(Problem(str(folder), 1, Code.UNREADABLE, detail))
        return []
    return sorted(
        p
        for p in entries
        if p.suffix in ROUTINE_SUFFIXES and p.name != skip and not p.name.startswith(".")
    )


def load_library(builtin_dir: Path) -> tuple[Library, list[Problem]]:
    result = load_file(builtin_dir / LIBRARY_FILE, None, builtin=True)
    return Library(dict(result.exercises)), list(result.problems)


def load_catalog(builtin_dir: Path, user_dir: Path | None) -> Catalog:
    """Load built-in routines, then the user's; a repeated routine id is reported and skipped."""
    library, problems = load_library(builtin_dir)
    catalog = Catalog(library=library, problems=problems)
    add_folder(catalog, builtin_dir, builtin=True)
    if user_dir is not None:
        add_folder(catalog, user_dir, builtin=False)
    return catalog


def add_folder(catalog: Catalog, folder: Path, *, builtin: bool) -> None:
    """Load every routine file of ``folder`` into ``catalog`` (in place), in name order."""
    skip = LIBRARY_FILE if builtin else ""
    for path in _routine_files(folder, catalog.problems, skip=skip):
        result = load_file(path, catalog.library, builtin=builtin)
        catalog.problems.extend(result.problems)
        if result.exercises:
            catalog.library = catalog.library.merged(result.exercises)
        for routine in result.routines:
            earlier = catalog.find(routine.id)
            if earlier is not None:
                catalog.problems.append(
                    Problem(
                        str(path),
                        routine.line,
                        Code.ID_CLASH,
                        f"routine id '{routine.id}' is already used by {earlier.source}; "
                        "this one is skipped",
                        Location(routine_id=routine.id, key="id"),
                    )
                )
                continue
            catalog.routines.append(routine)
