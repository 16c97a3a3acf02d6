"""A problem in a routine file: where it is (a :class:`Location`), what kind (a :class:`Code`).

The ``FILE:LINE: message`` text people read is rendered from those parts, so the builder can
mark the item a problem is about and word it for its own screen without parsing any text.
No Qt here.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import Enum


class Code(Enum):
    """What kind of problem it is."""

    UNREADABLE = "unreadable"  # cannot be read, not UTF-8, binary, control characters
    TOO_LARGE = "too large"  # the file is over the size limit
    TOO_DEEP = "too deep"  # lists and mappings nest too deep
    SYNTAX = "syntax"  # not well-formed YAML (or a second document, an unknown alias)
    NOT_ALLOWED = "not allowed"  # tags that build objects, aliases to lists or mappings
    FORMAT = "format"  # `format` missing, wrong, or newer than this version reads
    UNKNOWN_KEY = "unknown key"
    MISSING_KEY = "missing key"
    DUPLICATE = "duplicate"  # a key given twice, an id used twice in one file
    WRONG_TYPE = "wrong type"  # text where a number belongs, a list where a mapping does, …
    OUT_OF_RANGE = "out of range"  # a number outside its limits, a range with low > high
    TOO_LONG = "too long"  # a text, an id or a number literal
    TOO_MANY = "too many"  # exercises, routines, items, list entries, aliases
    EMPTY = "empty"  # an empty text, list or file
    BAD_ID = "bad id"  # not lower case letters, digits and dashes
    UNKNOWN_CHOICE = "unknown choice"  # a position, equipment, kind or sides value
    UNKNOWN_EXERCISE = "unknown exercise"
    BROKEN_EXERCISE = "broken exercise"  # used, but its own definition has problems
    NOT_FOR_KIND = "not for kind"  # a key, a range or sides the item's kind does not take
    ID_CLASH = "id clash"  # the id is taken by a built-in exercise or another routine
    INTERNAL = "internal"  # a bug in hiptimer, caught


@dataclass(frozen=True)
class Location:
    """Where in a file a problem is; every part is optional (nothing = the whole file).

    Indexes count from 0; ``number`` is the item's number in the routine as people count
    (1, 2, … across all sections).  Only the parts a message names are rendered: a
    ``routine`` index places the problem in the file's list of routines, while a problem about
    a routine as a whole (an id clash with another file) carries just its ``routine_id``.
    """

    routine: int | None = None  # index in the file's `routines`
    routine_id: str | None = None  # the routine's id, once known to be valid
    section: int | None = None  # index in the routine's `sections`
    item: int | None = None  # index in the section's `items`
    number: int | None = None  # the item's number in the routine (1-based)
    item_exercise: str | None = None  # the exercise an item names, as written
    exercise: str | None = None  # the id of an exercise definition
    key: str = ""  # the key the problem is about ("" = the part itself)

    def at(self, key: str) -> Location:
        """This place, about ``key`` (a place already about a key keeps it)."""
        return self if self.key or not key else dataclasses.replace(self, key=key)

    def text(self) -> str:
        """How a message names this place: ``routine 'quick', item 3 (wall-turn)``."""
        if self.exercise is not None:
            return f"exercise '{self.exercise}'"
        if self.routine is None:
            return ""
        text = f"routine '{self.routine_id}'" if self.routine_id else f"routine {self.routine + 1}"
        if self.number is not None:
            text += f", item {self.number}"
            if self.item_exercise is not None:
                text += f" ({self.item_exercise})"
        elif self.section is not None:
            text += f", section {self.section + 1}"
        return text


NOWHERE = Location()


@dataclass(frozen=True)
class Problem:
    """One problem: ``str(problem)`` is ``FILE:LINE: message``."""

    file: str
    line: int  # 1-based line of the offending node
    code: Code
    detail: str  # what is wrong, without the place ("seconds must be between 1 and 1800, got 0")
    location: Location = NOWHERE

    @property
    def message(self) -> str:
        """The place and what is wrong: ``routine 'r', item 1 (x): seconds must be …``."""
        where = self.location.text()
        return f"{where}: {self.detail}" if where else self.detail

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"
