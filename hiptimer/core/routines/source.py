"""A routine file's bytes, read safely, and what a load gives back.

Kept apart from the loader so that a start whose catalog comes from the cache reads and hashes
the files without importing the readers (issue 16).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hiptimer.core.bounded_read import ReadProblem, read_bounded
from hiptimer.core.routines.limits import MAX_FILE_BYTES
from hiptimer.core.routines.model import Exercise, Routine
from hiptimer.core.routines.problems import Code, Problem


@dataclass
class LoadResult:
    exercises: dict[str, Exercise] = field(default_factory=dict)  # defined by this file
    routines: list[Routine] = field(default_factory=list)  # only valid routines
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def read_source(path: Path) -> bytes | LoadResult:
    """The bytes of ``path``: a regular file within the size limit, never blocking (a FIFO, a
    device or a folder is one problem, not a hang); what went wrong as a result otherwise."""
    name = str(path)
    try:
        return read_bounded(path, MAX_FILE_BYTES)
    except ReadProblem as problem:
        if problem.size is not None:
            from hiptimer.core.routines.yaml_nodes import too_large  # the readers load lazily

            big = too_large(problem.size)
            return LoadResult(problems=[Problem(name, big.line, big.code, big.message)])
        detail = f"the file {problem.reason}"
        return LoadResult(problems=[Problem(name, 1, Code.UNREADABLE, detail)])
