"""All routines the app knows: the built-in ones and the user's own files.

The built-in exercise library (``routines/exercises.yaml``) is loaded first; every other file may
use its exercises.  A broken user file never stops the app: its problems are collected and the
good routines are still listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hiptimer.core.routines.catalog_cache import CACHE_NAME, KeyBuilder, read_cached, write_cached
from hiptimer.core.routines.model import Library, Routine
from hiptimer.core.routines.naming import ROUTINE_SUFFIXES
from hiptimer.core.routines.problems import Code, Location, Problem
from hiptimer.core.routines.source import LoadResult, read_source

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
        if not folder.exists():
            return []  # no routines of one's own yet
        if not folder.is_dir():
            detail = "the routines folder is not a folder; its routines are not listed"
            problems.append(Problem(str(folder), 1, Code.UNREADABLE, detail))
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
    from hiptimer.core.routines.loader import load_file

    result = load_file(builtin_dir / LIBRARY_FILE, None, builtin=True)
    return Library(dict(result.exercises)), list(result.problems)


#: One folder as read: what its listing could not say, then each file's bytes (or why not).
_Read = tuple[list[Problem], list[tuple[Path, "bytes | LoadResult"]]]


def load_catalog(
    builtin_dir: Path, user_dir: Path | None, cache_dir: Path | None = None
) -> Catalog:
    """Load built-in routines, then the user's; a repeated routine id is reported and skipped.

    With ``cache_dir``, a catalog made from exactly the same files by the same code is taken
    from the cache there instead of checking every file again (see ``catalog_cache``).
    """
    library_file = builtin_dir / LIBRARY_FILE
    library_data = read_source(library_file)
    folders = [(_read_folder(builtin_dir, LIBRARY_FILE), True)]
    if user_dir is not None:
        folders.append((_read_folder(user_dir, ""), False))
    key = KeyBuilder()
    for listing, files in [([], [(library_file, library_data)]), *(f for f, _ in folders)]:
        for problem in listing:
            key.add(Path(problem.file), problem.message)
        for path, data in files:
            key.add(path, data if isinstance(data, bytes) else repr(data.problems))
    cache = cache_dir / CACHE_NAME if cache_dir is not None else None
    if cache is not None and (kept := read_cached(cache, key.key())) is not None:
        return kept
    from hiptimer.core.routines.loader import load_text  # only when the cache cannot answer

    if isinstance(library_data, LoadResult):
        first = library_data
    else:
        first = load_text(
            library_data, str(library_file), None, builtin=True, source=str(library_file)
        )
    catalog = Catalog(library=Library(dict(first.exercises)), problems=list(first.problems))
    for (listing, files), builtin in folders:
        catalog.problems.extend(listing)
        for path, data in files:
            if isinstance(data, LoadResult):
                result = data
            else:
                result = load_text(
                    data, str(path), catalog.library, builtin=builtin, source=str(path)
                )
            _add_result(catalog, path, result)
    if cache is not None:
        write_cached(cache, key.key(), catalog)
    return catalog


def _read_folder(folder: Path, skip: str) -> _Read:
    listing: list[Problem] = []
    files = _routine_files(folder, listing, skip=skip)
    return listing, [(path, read_source(path)) for path in files]


def add_folder(catalog: Catalog, folder: Path, *, builtin: bool) -> None:
    """Load every routine file of ``folder`` into ``catalog`` (in place), in name order."""
    from hiptimer.core.routines.loader import load_file

    skip = LIBRARY_FILE if builtin else ""
    for path in _routine_files(folder, catalog.problems, skip=skip):
        _add_result(catalog, path, load_file(path, catalog.library, builtin=builtin))


def _add_result(catalog: Catalog, path: Path, result: LoadResult) -> None:
    """One file's exercises and routines join the catalog; a repeated routine id is skipped."""
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
