"""Typed readers for the values of a routine file: text, ids, choices, numbers, ranges, lists.

Each reader takes a node of the line-numbered tree from :mod:`hiptimer.core.routines.yaml_nodes`
and the :class:`Location` it belongs to; it returns the value, or ``None`` after reporting what
is wrong as a :class:`Problem`.  :class:`ValueReader` collects the problems of one file.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence

from hiptimer.core.routines.limits import (
    MAX_ID_CHARS,
    MAX_LIST_ENTRIES,
    MAX_NAME_CHARS,
    MAX_TEXT_CHARS,
    Limits,
)
from hiptimer.core.routines.model import Range
from hiptimer.core.routines.problems import Code, Location, Problem
from hiptimer.core.routines.yaml_nodes import BROKEN, Node, YMapping, YScalar, YSequence

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")

#: A mapping's known keys: key -> (the key's node, the value's node).
Fields = dict[str, tuple[YScalar, Node]]


#: Characters that reorder text on screen (bidirectional overrides and isolates).
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def first_control_character(text: str, *, allow_newline: bool) -> str | None:
    """The first character of ``text`` that could move a terminal's cursor, clear a screen,
    end a line or reorder what is shown, written as an escape (``\\x1b``); None if none.

    Long texts (instructions, notes) may hold line breaks and tabs; names never do.
    """
    for char in text:
        if char in "\n\t" and allow_newline:
            continue
        if unicodedata.category(char) == "Cc" or char in _BIDI_CONTROLS:
            return char.encode("unicode_escape").decode()
    return None


def describe(node: Node) -> str:
    """A value as a message shows it: ``'text'``, ``12``, ``a list``, ``nothing``."""
    if isinstance(node, YMapping):
        return "a mapping"
    if isinstance(node, YSequence):
        return "a list"
    if node.value is None:
        return "nothing"
    if isinstance(node.value, str):
        shown = node.value if len(node.value) <= 40 else node.value[:40] + "…"
        return f"'{shown}'"
    return node.text


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class ValueReader:
    """Reads values of one file and collects its problems."""

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []
        self.silent_failures = 0

    def broken(self, node: Node) -> bool:
        """True for a value whose problem is already reported; it still counts as a failure."""
        if isinstance(node, YScalar) and node.value is BROKEN:
            self.silent_failures += 1
            return True
        return False

    def failures(self) -> int:
        """Grows whenever something fails; compare before and after reading a part."""
        return len(self.problems) + self.silent_failures

    def add(self, line: int, where: Location, code: Code, detail: str, key: str = "") -> None:
        self.problems.append(Problem(self.filename, line, code, detail, where.at(key)))

    # --- mappings -------------------------------------------------------------------------

    def fields(
        self,
        node: YMapping,
        where: Location,
        allowed: Sequence[str],
        explain: Callable[[str], tuple[Code, str] | None] | None = None,
    ) -> Fields:
        """The mapping's known keys; reports unknown, repeated and non-text keys."""
        seen: dict[str, int] = {}
        found: Fields = {}
        for key_node, value in node.pairs:
            if self.broken(key_node):
                continue
            if not isinstance(key_node, YScalar):
                detail = f"a key must be plain text, got {describe(key_node)}"
                self.add(key_node.line, where, Code.WRONG_TYPE, detail)
                continue
            key = key_node.value if isinstance(key_node.value, str) else key_node.text
            if key in seen:
                detail = f"`{key}` is given twice (first on line {seen[key]})"
                self.add(key_node.line, where, Code.DUPLICATE, detail, key)
                continue
            seen[key] = key_node.line
            if key in allowed:
                found[key] = (key_node, value)
                continue
            explained = explain(key) if explain is not None else None
            if explained is None:
                explained = (Code.UNKNOWN_KEY, f"unknown key '{key}'{did_you_mean(key, allowed)}")
            self.add(key_node.line, where, *explained, key)
        return found

    def require(self, found: Fields, keys: Iterable[str], line: int, where: Location) -> bool:
        missing = [key for key in keys if key not in found]
        for key in missing:
            self.add(line, where, Code.MISSING_KEY, f"missing required key `{key}`", key)
        return not missing

    # --- scalars --------------------------------------------------------------------------

    def text(
        self, node: Node, where: Location, key: str, limit: int = MAX_TEXT_CHARS
    ) -> str | None:
        if self.broken(node):
            return None
        if not (isinstance(node, YScalar) and isinstance(node.value, str)):
            hint = ""
            if isinstance(node, YScalar) and node.value is not None:
                hint = " (put it in quotes to use it as text)"
            detail = f"{key} must be text, got {describe(node)}{hint}"
            self.add(node.line, where, Code.WRONG_TYPE, detail, key)
            return None
        value = node.value
        if not value.strip():
            self.add(node.line, where, Code.EMPTY, f"{key} must not be empty", key)
            return None
        if len(value) > limit:
            detail = f"{key} is too long: {len(value)} characters (at most {limit})"
            self.add(node.line, where, Code.TOO_LONG, detail, key)
            return None
        control = first_control_character(value, allow_newline=limit > MAX_NAME_CHARS)
        if control is not None:
            detail = (
                f"{key} holds a control character ({control}): names and texts are plain "
                "printable text"
            )
            self.add(node.line, where, Code.NOT_ALLOWED, detail, key)
            return None
        return value

    def identifier(self, node: Node, where: Location, key: str) -> str | None:
        value = self.text(node, where, key, limit=MAX_NAME_CHARS)
        if value is None:
            return None
        if len(value) > MAX_ID_CHARS:
            detail = f"{key} is too long: {len(value)} characters (at most {MAX_ID_CHARS})"
            self.add(node.line, where, Code.TOO_LONG, detail, key)
            return None
        if not ID_PATTERN.fullmatch(value):
            detail = (
                f"{key} '{value}' is not a valid id: use lower case letters, digits and dashes,"
                " starting with a letter or digit"
            )
            self.add(node.line, where, Code.BAD_ID, detail, key)
            return None
        return value

    def choice(self, node: Node, where: Location, key: str, choices: Iterable[str]) -> str | None:
        value = self.text(node, where, key, limit=MAX_NAME_CHARS)
        if value is None:
            return None
        options = list(choices)
        if value not in options:
            hint = did_you_mean(value, options)
            if not hint and len(options) <= 8:
                hint = f" (use one of: {', '.join(options)})"
            self.add(node.line, where, Code.UNKNOWN_CHOICE, f"unknown {key} '{value}'{hint}", key)
            return None
        return value

    def integer(self, node: Node, where: Location, key: str, limits: Limits) -> int | None:
        if self.broken(node):
            return None
        value = node.value if isinstance(node, YScalar) else None
        if not isinstance(value, int) or isinstance(value, bool):
            detail = f"{key} must be a whole number, got {describe(node)}"
            self.add(node.line, where, Code.WRONG_TYPE, detail, key)
            return None
        low, high = limits
        if not low <= value <= high:
            detail = f"{key} must be between {low} and {high}, got {value}"
            self.add(node.line, where, Code.OUT_OF_RANGE, detail, key)
            return None
        return value

    def range(self, node: Node, where: Location, key: str, limits: Limits) -> Range | None:
        if not isinstance(node, YSequence):
            value = self.integer(node, where, key, limits)
            return None if value is None else Range(value, value)
        if len(node.items) != 2:
            detail = f"{key} must be one number or [low, high], got a list of {len(node.items)}"
            self.add(node.line, where, Code.WRONG_TYPE, detail, key)
            return None
        low = self.integer(node.items[0], where, key, limits)
        high = self.integer(node.items[1], where, key, limits)
        if low is None or high is None:
            return None
        if low > high:
            detail = f"{key} must be [low, high] with low ≤ high, got [{low}, {high}]"
            self.add(node.line, where, Code.OUT_OF_RANGE, detail, key)
            return None
        return Range(low, high)

    def boolean(self, node: Node, where: Location, key: str) -> bool | None:
        if self.broken(node):
            return None
        if not (isinstance(node, YScalar) and isinstance(node.value, bool)):
            detail = f"{key} must be true or false, got {describe(node)}"
            self.add(node.line, where, Code.WRONG_TYPE, detail, key)
            return None
        return node.value

    def text_list(
        self,
        node: Node,
        where: Location,
        key: str,
        read: Callable[[Node, Location, str], str | None],
    ) -> tuple[str, ...] | None:
        """A list of texts, each read by ``read(entry, where, "<key> entry <n>")``."""
        if self.broken(node):
            return None
        where = where.at(key)
        if not isinstance(node, YSequence):
            self.add(
                node.line, where, Code.WRONG_TYPE, f"{key} must be a list, got {describe(node)}"
            )
            return None
        ok = True
        if len(node.items) > MAX_LIST_ENTRIES:
            detail = f"{key} has {len(node.items)} entries (at most {MAX_LIST_ENTRIES})"
            self.add(node.line, where, Code.TOO_MANY, detail)
            ok = False
        values = []
        for index, entry in enumerate(node.items[:MAX_LIST_ENTRIES], start=1):
            value = read(entry, where, f"{key} entry {index}")
            ok = ok and value is not None
            values.append(value)
        return tuple(v for v in values if v is not None) if ok else None
