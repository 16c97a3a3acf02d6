"""The user's own routine files: save, rename, duplicate, delete, restore, import, export.

Every write goes through one rule set: the routine is written with
:func:`hiptimer.core.routines.writer.dump_file` and checked with
:func:`hiptimer.core.routines.loader.load_text` against the catalog's library before anything
touches the disk, so the builder can never save a file the loader would refuse.

Files live in ``<user data dir>/routines/``.  A file name is a safe slug of the routine's name
(``my-quick-hips.yaml``; never a path, never another routine's file).  Writes are atomic: the
text goes to a temporary file in the same folder, is flushed to disk, then replaces the target,
so a crash mid-save leaves the previous file whole.

Delete moves the file into ``routines/.trash/`` (the catalog ignores dot-folders); restore brings
the newest trashed file back through the import path.

Import policy (documented in the README): the file must load without a single problem.
Routine ids and exercise ids that clash with ones you already have are renamed
(``my-hips`` → ``my-hips-2``) and reported, so every imported file stands alone.  Nothing is
written unless the whole file is accepted.  No Qt here.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hiptimer.core.atomic_file import atomic_write, create_new
from hiptimer.core.bounded_read import ReadProblem, read_bounded
from hiptimer.core.routines.catalog import Catalog, add_folder
from hiptimer.core.routines.folder_lock import folder_lock
from hiptimer.core.routines.limits import MAX_FILE_BYTES
from hiptimer.core.routines.loader import load_text
from hiptimer.core.routines.model import Exercise, Library, Prescription, Routine, Section
from hiptimer.core.routines.naming import (
    ROUTINE_SUFFIXES,
    copy_name,
    slugify,
    unique_file,
    unique_id,
)
from hiptimer.core.routines.problems import Code, Location, Problem
from hiptimer.core.routines.writer import dump_file

TRASH_DIR = ".trash"


class RoutineFileError(Exception):
    """A save, import or export was refused; nothing was written.

    ``problems`` holds the loader's ``FILE:LINE: message`` problems when there are any.
    """

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = list(problems)

    def details(self) -> str:
        """The message and every problem, one per line, for a dialog."""
        return "\n".join([self.message, *(str(p) for p in self.problems)])


@dataclass(frozen=True)
class ImportResult:
    path: Path
    routine_ids: tuple[str, ...]
    renamed: dict[str, str] = field(default_factory=dict)  # routine ids: old -> new
    renamed_exercises: dict[str, str] = field(default_factory=dict)  # exercise ids: old -> new
    #: The prescribed routines imported: (name, prescription) for the page to show.
    prescribed: tuple[tuple[str, Prescription], ...] = ()


# --- libraries ------------------------------------------------------------------------------


def _from_folder(exercise: Exercise, folder: Path) -> bool:
    return bool(exercise.source) and Path(exercise.source).parent == folder


def library_without(library: Library, keep: Callable[[Exercise], bool]) -> Library:
    return Library({k: v for k, v in library.exercises.items() if keep(v)})


def shared_library(library: Library, folder: Path) -> Library:
    """The library without the exercises your own files define (what every user has)."""
    return library_without(library, lambda e: not _from_folder(e, folder))


def _library_for_file(library: Library, path: Path) -> Library:
    """The library as the loader sees it while reading ``path`` (without that file's exercises)."""
    return library_without(library, lambda e: Path(e.source or ".") != path)


# --- checking -------------------------------------------------------------------------------


def routine_text(routine: Routine, exercises: Mapping[str, Exercise] | None = None) -> str:
    """The file text the builder writes for one routine."""
    return dump_file([routine], exercises)


def check_routine(
    routine: Routine, library: Library, filename: str, taken_ids: Iterable[str] = ()
) -> list[Problem]:
    """Every problem the loader finds in ``routine`` written as ``filename``, plus an id clash."""
    problems = list(load_text(routine_text(routine), filename, library).problems)
    if routine.id in set(taken_ids):
        detail = f"routine id '{routine.id}' is already used by another routine"
        where = Location(routine_id=routine.id, key="id")
        problems.append(Problem(filename, 2, Code.ID_CLASH, detail, where))
    return problems


def _checked_text(
    routines: Sequence[Routine],
    exercises: Mapping[str, Exercise],
    library: Library,
    filename: str,
    what: str,
) -> str:
    text = dump_file(routines, exercises)
    result = load_text(text, filename, library)
    if result.problems:
        raise RoutineFileError(f"{what} was not saved: it has problems.", result.problems)
    return text


# --- saving ---------------------------------------------------------------------------------


def _user_file(routine: Routine, folder: Path) -> Path:
    if routine.builtin or not routine.source:
        raise RoutineFileError(f"'{routine.name}' is built in and cannot be changed.")
    path = Path(routine.source)
    if path.parent != folder:
        raise RoutineFileError(f"'{routine.name}' is not in your routines folder ({folder}).")
    return path


def _read_own_file(path: Path, library: Library) -> tuple[list[Routine], dict[str, Exercise]]:
    """The routines and exercises of one of the user's files; refuses a file with problems."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RoutineFileError(f"{path.name} cannot be read: {exc.strerror or exc}") from exc
    result = load_text(data, str(path), _library_for_file(library, path), source=str(path))
    if result.problems:
        raise RoutineFileError(
            f"{path.name} has problems, so it is not rewritten; fix it in a text editor first.",
            result.problems,
        )
    return list(result.routines), dict(result.exercises)


def save_routine(
    catalog: Catalog, folder: Path, routine: Routine, original: Routine | None = None
) -> Path:
    """Save ``routine`` and return its file.

    ``original`` is the routine as it was loaded when editing one of your routines (its id may
    not change); ``None`` (or a built-in) saves a new file named after the routine.  When a
    file holds only this routine and the name changed, the file is renamed with it.  Raises
    :class:`RoutineFileError` with the loader's problems when the routine is not valid.
    """
    folder = Path(folder)
    if original is None or original.builtin:
        with folder_lock(folder):
            now = _as_folder_is_now(catalog, folder)
            if routine.id in now.ids:
                raise RoutineFileError(
                    f"the id '{routine.id}' is already used by another routine"
                    + ("" if routine.id in catalog.ids else " (just saved by another window)")
                )
            name = unique_file(folder, routine.name).name
            text = _checked_text([routine], {}, now.library, name, f"'{routine.name}'")
            return _create(folder, routine.name, text)
    path = _user_file(original, folder)
    if routine.id != original.id:
        raise RoutineFileError("a routine's id cannot change once it is saved")
    routines, exercises = _read_own_file(path, catalog.library)
    index = next((i for i, r in enumerate(routines) if r.id == original.id), None)
    if index is None:
        raise RoutineFileError(f"'{original.name}' is no longer in {path.name}.")
    routines[index] = routine
    library = _library_for_file(catalog.library, path)
    text = _checked_text(routines, exercises, library, path.name, f"'{routine.name}'")
    target = path
    if len(routines) == 1 and slugify(routine.name) != slugify(original.name):
        target = unique_file(folder, routine.name, keep=path)
    atomic_write(target, text)
    if target != path:
        path.unlink(missing_ok=True)
    return target


def rename_routine(catalog: Catalog, folder: Path, routine: Routine, name: str) -> Path:
    _user_file(routine, Path(folder))
    return save_routine(catalog, folder, dataclasses.replace(routine, name=name), routine)


def duplicate_routine(catalog: Catalog, folder: Path, routine: Routine) -> tuple[Routine, Path]:
    """Save a copy of any routine (built-in, prescribed or yours) under a new name and id.

    A copy of a prescribed routine is the person's own: it keeps no prescription.
    """
    name = copy_name(routine.name, catalog.names)
    copy = dataclasses.replace(
        routine,
        id=unique_id(name, catalog.ids),
        name=name,
        source="",
        builtin=False,
        line=0,
        prescription=None,
    )
    return copy, save_routine(catalog, folder, copy)


# --- delete and restore ---------------------------------------------------------------------


def trash_dir(folder: Path) -> Path:
    return folder / TRASH_DIR


def delete_routine(catalog: Catalog, folder: Path, routine: Routine) -> Path:
    """Move ``routine`` into the trash; returns the trashed file (give it to :func:`restore`).

    A file holding only this routine is moved as it is.  From a file with several routines the
    routine (with the exercises of that file it uses) is written to the trash and the file is
    rewritten without it.
    """
    folder = Path(folder)
    path = _user_file(routine, folder)
    trash = trash_dir(folder)
    trash.mkdir(parents=True, exist_ok=True)
    target = unique_file(trash, path.stem)
    routines, exercises = _read_own_file(path, catalog.library)
    if len(routines) == 1 and not exercises:
        os.replace(path, target)
        return target
    library = _library_for_file(catalog.library, path)
    used = {item.exercise for item in routine.items}
    own = {k: v for k, v in exercises.items() if k in used}
    atomic_write(target, _checked_text([routine], own, library, target.name, "the trash copy"))
    rest = [r for r in routines if r.id != routine.id]
    if rest or exercises:
        atomic_write(path, _checked_text(rest, exercises, library, path.name, path.name))
    else:
        path.unlink()
    return target


def trashed_files(folder: Path) -> list[Path]:
    """Trashed routine files, newest first."""
    trash = trash_dir(Path(folder))
    if not trash.is_dir():
        return []
    files = [p for p in trash.iterdir() if p.suffix in ROUTINE_SUFFIXES and p.is_file()]
    return sorted(files, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)


def restore_routine(catalog: Catalog, folder: Path, trashed: Path) -> ImportResult:
    """Bring a trashed file back (through import, so ids stay unique) and empty its trash slot."""
    result = import_file(catalog, folder, trashed)
    trashed.unlink(missing_ok=True)
    return result


# --- import and export ----------------------------------------------------------------------


def import_file(catalog: Catalog, folder: Path, source: Path) -> ImportResult:
    """Check a routine file from anywhere and copy it into ``folder`` under a fresh name.

    Raises :class:`RoutineFileError` (and writes nothing) when the file cannot be read or has
    any problem.  Clashing routine and exercise ids are renamed, so the new file stands alone.
    """
    folder = Path(folder)
    source = Path(source)
    try:
        data = read_bounded(source, MAX_FILE_BYTES)
    except ReadProblem as problem:
        raise RoutineFileError(f"{source.name} was not imported: it {problem.reason}.") from None
    with folder_lock(folder):  # ids and the file name are chosen against the folder as it is
        return _import(_as_folder_is_now(catalog, folder), folder, source, data)


def _import(catalog: Catalog, folder: Path, source: Path, data: bytes) -> ImportResult:
    base = shared_library(catalog.library, folder)
    result = load_text(data, str(source), base)
    if result.problems:
        count = len(result.problems)
        raise RoutineFileError(
            f"{source.name} was not imported: it has {count} problem{'s' * (count != 1)}.",
            result.problems,
        )
    exercises, exercise_renames = _fresh_exercise_ids(result.exercises, catalog.library)
    taken = set(catalog.ids)
    renamed: dict[str, str] = {}
    routines: list[Routine] = []
    for routine in result.routines:
        if routine.id in taken:
            new_id = unique_id(routine.id, taken)
            renamed[routine.id] = new_id
            routine = dataclasses.replace(routine, id=new_id)
        taken.add(routine.id)
        routines.append(_with_exercise_ids(routine, exercise_renames))
    first_name = routines[0].name if routines else source.stem
    if renamed or exercise_renames:
        name = unique_file(folder, first_name).name
        text: str | bytes = _checked_text(routines, exercises, catalog.library, name, source.name)
    else:
        text = data
    target = _create(folder, first_name, text)
    prescribed = tuple((r.name, r.prescription) for r in routines if r.prescription is not None)
    return ImportResult(
        target, tuple(r.id for r in routines), renamed, exercise_renames, prescribed
    )


def _as_folder_is_now(catalog: Catalog, folder: Path) -> Catalog:
    """``catalog`` with the folder's routines and exercises read again, as they are on disk
    now: another window may have imported or saved since ``catalog`` was loaded."""
    mine = {str(p) for p in folder.iterdir()} if folder.is_dir() else set()
    fresh = Catalog(
        library=shared_library(catalog.library, folder),
        routines=[r for r in catalog.routines if r.builtin or r.source not in mine],
    )
    add_folder(fresh, folder, builtin=False)
    return fresh


def _create(folder: Path, name: str, text: str | bytes) -> Path:
    """A new file in ``folder`` named after ``name``, never replacing one that appears meanwhile."""
    for _attempt in range(1000):
        path = unique_file(folder, name)
        try:
            create_new(path, text)
        except FileExistsError:
            continue  # another writer took this name a moment ago: the next free one
        return path
    raise RoutineFileError(f"no free file name for '{name}' in {folder}")


def _fresh_exercise_ids(
    defined: Mapping[str, Exercise], library: Library
) -> tuple[dict[str, Exercise], dict[str, str]]:
    """The file's exercises with ids that clash with yours renamed (even when identical).

    A file that leaned on an exercise from another of your files would depend on the order the
    catalog reads files in; a renamed copy keeps every imported file self-contained.
    """
    taken = set(library.exercises) | set(defined)
    renames: dict[str, str] = {}
    exercises: dict[str, Exercise] = {}
    for exercise_id, exercise in defined.items():
        if exercise_id in library:
            new_id = unique_id(exercise_id, taken)
            taken.add(new_id)
            renames[exercise_id] = new_id
            exercise = dataclasses.replace(exercise, id=new_id)
        exercises[exercise.id] = exercise
    return exercises, renames


def _with_exercise_ids(routine: Routine, renames: Mapping[str, str]) -> Routine:
    if not renames:
        return routine
    sections = tuple(
        Section(
            section.name,
            tuple(
                dataclasses.replace(item, exercise=renames.get(item.exercise, item.exercise))
                for item in section.items
            ),
        )
        for section in routine.sections
    )
    return dataclasses.replace(routine, sections=sections)


def export_text(catalog: Catalog, folder: Path, routine: Routine) -> str:
    """A file a friend can import: the routine and the exercises from your files it uses."""
    shared = shared_library(catalog.library, Path(folder))
    used = [item.exercise for item in routine.items]
    own = {
        exercise_id: catalog.library[exercise_id]
        for exercise_id in dict.fromkeys(used)
        if exercise_id not in shared and exercise_id in catalog.library
    }
    clean = dataclasses.replace(routine, source="", builtin=False, line=0)
    return _checked_text([clean], own, shared, "export.yaml", f"'{routine.name}'")


def export_routine(catalog: Catalog, folder: Path, routine: Routine, target: Path) -> None:
    atomic_write(Path(target), export_text(catalog, folder, routine))
