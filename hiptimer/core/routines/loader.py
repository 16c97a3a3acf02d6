"""Read and check routine files (routines/FORMAT.md, format 1).

:func:`load_text` walks the line-numbered tree from :mod:`hiptimer.core.routines.yaml_nodes` and
reports every problem of a file in one pass, each as ``FILE:LINE: message``, skipping only
the broken part.  It never raises.  Only routines without any problem are returned.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hiptimer.core.routines.limits import (
    CYCLES_COUNT_LIMITS,
    DEFAULT_REST,
    DEGREE_LIMITS,
    MAX_EXERCISES,
    MAX_ID_CHARS,
    MAX_ITEMS,
    MAX_LIST_ENTRIES,
    MAX_NAME_CHARS,
    MAX_ROUTINES,
    MAX_TEXT_CHARS,
    REPS_COUNT_LIMITS,
    REST_LIMITS,
    SECONDS_LIMITS,
    SHORT_SECONDS_LIMITS,
    Limits,
)
from hiptimer.core.routines.model import (
    EQUIPMENT,
    FORMAT_VERSION,
    POSITIONS,
    Exercise,
    Item,
    Kind,
    Library,
    Range,
    Routine,
    Section,
    Sides,
)
from hiptimer.core.routines.yaml_nodes import (
    BROKEN,
    MAX_FILE_BYTES,
    Node,
    YMapping,
    YScalar,
    YSequence,
    compose,
)

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")

TOP_KEYS = ("format", "exercises", "routines")
EXERCISE_KEYS = (
    "name",
    "section",
    "position",
    "equipment",
    "one_sided",
    "steps",
    "feel",
    "cautions",
    "progressions",
    "normal",
)
ROUTINE_KEYS = ("id", "name", "description", "rest", "sections")
SECTION_KEYS = ("name", "items")
COMMON_ITEM_KEYS = ("exercise", "kind", "sides", "rest", "note")
#: The dose keys each kind uses, in the documented order.
KIND_KEYS: dict[Kind, tuple[str, ...]] = {
    Kind.HOLD: ("seconds",),
    Kind.RELEASE: ("seconds",),
    Kind.REPS: ("count", "hold", "pace"),
    Kind.CYCLES: ("work", "relax", "count"),
    Kind.ONCE: ("seconds",),
    Kind.TEST: (),
}
REQUIRED_KIND_KEYS: dict[Kind, tuple[str, ...]] = {
    Kind.HOLD: ("seconds",),
    Kind.RELEASE: ("seconds",),
    Kind.REPS: ("count",),
    Kind.CYCLES: ("work", "relax", "count"),
    Kind.ONCE: (),
    Kind.TEST: (),
}
ITEM_KEYS = (*COMMON_ITEM_KEYS, "seconds", "count", "hold", "pace", "work", "relax")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int  # 1-based line of the offending node
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass
class LoadResult:
    exercises: dict[str, Exercise] = field(default_factory=dict)  # defined by this file
    routines: list[Routine] = field(default_factory=list)  # only valid routines
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def load_file(path: Path, library: Library | None = None, *, builtin: bool = False) -> LoadResult:
    """Read ``path`` (refusing files over the size limit before reading them)."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            message = f"the file is too large: {size:,} bytes (at most {MAX_FILE_BYTES:,}, 256 KiB)"
            return LoadResult(problems=[Problem(name, 1, message)])
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return LoadResult(problems=[Problem(name, 1, f"cannot read the file: {reason}")])
    return load_text(data, name, library, builtin=builtin, source=name)


def load_text(
    text: str | bytes,
    filename: str,
    library: Library | None = None,
    *,
    builtin: bool = False,
    source: str = "",
) -> LoadResult:
    """Check one routine file's text; never raises."""
    reader = _FileReader(filename, library or Library(), builtin, source)
    try:
        composed = compose(text)
        for problem in composed.problems:
            reader.add(problem.line, "", problem.message)
        if composed.root is not None:
            reader.read_file(composed.root)
    except Exception as exc:  # a safety net: a bug here must not crash the app
        reader.add(1, "", f"could not check the file (internal error: {type(exc).__name__})")
        reader.routines.clear()
    problems = sorted(reader.problems, key=lambda problem: problem.line)
    return LoadResult(reader.exercises, reader.routines, problems)


# --- describing values in messages ---------------------------------------------------------


def _describe(node: Node) -> str:
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


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


_Fields = dict[str, tuple[YScalar, Node]]


class _FileReader:
    """Walks one file's tree, collecting exercises, valid routines and problems."""

    def __init__(self, filename: str, library: Library, builtin: bool, source: str) -> None:
        self.filename = filename
        self.library = library
        self.builtin = builtin
        self.source = source
        self.problems: list[Problem] = []
        self.exercises: dict[str, Exercise] = {}
        self.broken_exercises: set[str] = set()
        self.routines: list[Routine] = []
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

    def add(self, line: int, where: str, message: str) -> None:
        text = f"{where}: {message}" if where else message
        self.problems.append(Problem(self.filename, line, text))

    # --- generic value readers; each returns None after reporting a problem ---------------

    def fields(
        self,
        node: YMapping,
        where: str,
        allowed: Sequence[str],
        explain: Callable[[str], str | None] | None = None,
    ) -> _Fields:
        """The mapping's known keys; reports unknown, repeated and non-text keys."""
        seen: dict[str, int] = {}
        found: _Fields = {}
        for key_node, value in node.pairs:
            if self.broken(key_node):
                continue
            if not isinstance(key_node, YScalar):
                self.add(
                    key_node.line, where, f"a key must be plain text, got {_describe(key_node)}"
                )
                continue
            key = key_node.value if isinstance(key_node.value, str) else key_node.text
            if key in seen:
                self.add(
                    key_node.line, where, f"`{key}` is given twice (first on line {seen[key]})"
                )
                continue
            seen[key] = key_node.line
            if key in allowed:
                found[key] = (key_node, value)
                continue
            message = explain(key) if explain is not None else None
            if message is None:
                message = f"unknown key '{key}'{_did_you_mean(key, allowed)}"
            self.add(key_node.line, where, message)
        return found

    def require(self, found: _Fields, keys: Iterable[str], line: int, where: str) -> bool:
        missing = [key for key in keys if key not in found]
        for key in missing:
            self.add(line, where, f"missing required key `{key}`")
        return not missing

    def text(self, node: Node, where: str, key: str, limit: int = MAX_TEXT_CHARS) -> str | None:
        if self.broken(node):
            return None
        if not (isinstance(node, YScalar) and isinstance(node.value, str)):
            hint = ""
            if isinstance(node, YScalar) and node.value is not None:
                hint = " (put it in quotes to use it as text)"
            self.add(node.line, where, f"{key} must be text, got {_describe(node)}{hint}")
            return None
        value = node.value
        if not value.strip():
            self.add(node.line, where, f"{key} must not be empty")
            return None
        if len(value) > limit:
            self.add(
                node.line, where, f"{key} is too long: {len(value)} characters (at most {limit})"
            )
            return None
        return value

    def identifier(self, node: Node, where: str, key: str) -> str | None:
        value = self.text(node, where, key, limit=MAX_NAME_CHARS)
        if value is None:
            return None
        if len(value) > MAX_ID_CHARS:
            self.add(
                node.line,
                where,
                f"{key} is too long: {len(value)} characters (at most {MAX_ID_CHARS})",
            )
            return None
        if not ID_PATTERN.fullmatch(value):
            self.add(
                node.line,
                where,
                f"{key} '{value}' is not a valid id: use lower case letters, digits and dashes,"
                " starting with a letter or digit",
            )
            return None
        return value

    def choice(self, node: Node, where: str, key: str, choices: Iterable[str]) -> str | None:
        value = self.text(node, where, key, limit=MAX_NAME_CHARS)
        if value is None:
            return None
        options = list(choices)
        if value not in options:
            hint = _did_you_mean(value, options)
            if not hint and len(options) <= 8:
                hint = f" (use one of: {', '.join(options)})"
            self.add(node.line, where, f"unknown {key} '{value}'{hint}")
            return None
        return value

    def integer(self, node: Node, where: str, key: str, limits: Limits) -> int | None:
        if self.broken(node):
            return None
        value = node.value if isinstance(node, YScalar) else None
        if not isinstance(value, int) or isinstance(value, bool):
            self.add(node.line, where, f"{key} must be a whole number, got {_describe(node)}")
            return None
        low, high = limits
        if not low <= value <= high:
            self.add(node.line, where, f"{key} must be between {low} and {high}, got {value}")
            return None
        return value

    def range(self, node: Node, where: str, key: str, limits: Limits) -> Range | None:
        if not isinstance(node, YSequence):
            value = self.integer(node, where, key, limits)
            return None if value is None else Range(value, value)
        if len(node.items) != 2:
            self.add(
                node.line,
                where,
                f"{key} must be one number or [low, high], got a list of {len(node.items)}",
            )
            return None
        low = self.integer(node.items[0], where, key, limits)
        high = self.integer(node.items[1], where, key, limits)
        if low is None or high is None:
            return None
        if low > high:
            self.add(
                node.line, where, f"{key} must be [low, high] with low ≤ high, got [{low}, {high}]"
            )
            return None
        return Range(low, high)

    def boolean(self, node: Node, where: str, key: str) -> bool | None:
        if self.broken(node):
            return None
        if not (isinstance(node, YScalar) and isinstance(node.value, bool)):
            self.add(node.line, where, f"{key} must be true or false, got {_describe(node)}")
            return None
        return node.value

    def text_list(
        self, node: Node, where: str, key: str, read: Callable[[Node, str, str], str | None]
    ) -> tuple[str, ...] | None:
        if self.broken(node):
            return None
        if not isinstance(node, YSequence):
            self.add(node.line, where, f"{key} must be a list, got {_describe(node)}")
            return None
        ok = True
        if len(node.items) > MAX_LIST_ENTRIES:
            self.add(
                node.line,
                where,
                f"{key} has {len(node.items)} entries (at most {MAX_LIST_ENTRIES})",
            )
            ok = False
        values = []
        for index, entry in enumerate(node.items[:MAX_LIST_ENTRIES], start=1):
            value = read(entry, where, f"{key} entry {index}")
            ok = ok and value is not None
            values.append(value)
        return tuple(v for v in values if v is not None) if ok else None

    # --- the file -------------------------------------------------------------------------

    def read_file(self, root: Node) -> None:
        if not isinstance(root, YMapping):
            self.add(
                root.line,
                "",
                "the top level must be a mapping with `format`, `exercises` and `routines`,"
                f" got {_describe(root)}",
            )
            return
        found = self.fields(
            root,
            "",
            TOP_KEYS,
            lambda key: f"unknown top-level key '{key}'{_did_you_mean(key, TOP_KEYS)}",
        )
        if not self.read_format(found, root.line):
            return
        if "exercises" not in found and "routines" not in found:
            self.add(root.line, "", "the file has neither `exercises` nor `routines`")
        if "exercises" in found:
            self.read_exercises(found["exercises"][1])
        if "routines" in found:
            self.read_routines(found["routines"][1])

    def read_format(self, found: _Fields, line: int) -> bool:
        """False when the file is of a newer format (nothing else is checked then)."""
        if "format" not in found:
            self.add(
                line, "", f"missing `format: {FORMAT_VERSION}` (put it at the top of the file)"
            )
            return True
        node = found["format"][1]
        if self.broken(node):
            return True
        value = node.value if isinstance(node, YScalar) else None
        if isinstance(value, int) and not isinstance(value, bool):
            if value == FORMAT_VERSION:
                return True
            if value > FORMAT_VERSION:
                self.add(
                    node.line,
                    "",
                    f"this file is format {value}; this version of hiptimer reads format"
                    f" {FORMAT_VERSION} — update hiptimer",
                )
                return False
        self.add(node.line, "", f"format must be {FORMAT_VERSION}, got {_describe(node)}")
        return True

    # --- exercises ------------------------------------------------------------------------

    def read_exercises(self, node: Node) -> None:
        if self.broken(node):
            return
        if not isinstance(node, YMapping):
            self.add(
                node.line,
                "",
                f"exercises must be a mapping of id to exercise, got {_describe(node)}",
            )
            return
        pairs = node.pairs
        if len(pairs) > MAX_EXERCISES:
            self.add(node.line, "", f"too many exercises: {len(pairs)} (at most {MAX_EXERCISES})")
            pairs = pairs[:MAX_EXERCISES]
        first_line: dict[str, int] = {}
        for key_node, value in pairs:
            exercise_id = self.identifier(key_node, "", "exercise id")
            if exercise_id is None:
                continue
            if exercise_id in first_line:
                self.add(
                    key_node.line,
                    "",
                    f"exercise '{exercise_id}' is defined twice"
                    f" (first on line {first_line[exercise_id]})",
                )
                continue
            first_line[exercise_id] = key_node.line
            where = f"exercise '{exercise_id}'"
            if exercise_id in self.library and not self.builtin:
                self.add(key_node.line, where, "this id is built in; choose another id")
                self.broken_exercises.add(exercise_id)
                continue
            exercise = self.read_exercise(exercise_id, key_node.line, value, where)
            if exercise is None:
                self.broken_exercises.add(exercise_id)
            else:
                self.exercises[exercise_id] = exercise

    def read_exercise(self, exercise_id: str, line: int, node: Node, where: str) -> Exercise | None:
        if self.broken(node):
            return None
        if not isinstance(node, YMapping):
            self.add(node.line, where, f"must be a mapping of keys, got {_describe(node)}")
            return None
        before = self.failures()
        found = self.fields(node, where, EXERCISE_KEYS)
        self.require(found, ("name", "section", "position", "steps"), line, where)
        values: dict[str, object] = {}
        for key, (_, value) in found.items():
            if key in ("name", "section"):
                values[key] = self.text(value, where, key, MAX_NAME_CHARS)
            elif key == "position":
                values[key] = self.choice(value, where, key, POSITIONS)
            elif key == "equipment":
                values[key] = self.text_list(
                    value,
                    where,
                    key,
                    lambda entry, w, k: self.choice(entry, w, "equipment", EQUIPMENT),
                )
            elif key == "one_sided":
                values[key] = self.boolean(value, where, key)
            elif key == "feel":
                values[key] = self.text(value, where, key)
            elif key == "normal":
                values[key] = self.range(value, where, key, DEGREE_LIMITS)
            else:  # steps, cautions, progressions
                values[key] = self.text_list(value, where, key, self.text)
                if key == "steps" and values[key] == ():
                    self.add(value.line, where, "steps must list at least one step")
        if self.failures() != before:
            return None
        return Exercise(id=exercise_id, line=line, source=self.source, **values)  # type: ignore[arg-type]

    # --- routines -------------------------------------------------------------------------

    def read_routines(self, node: Node) -> None:
        if self.broken(node):
            return
        if not isinstance(node, YSequence):
            self.add(node.line, "", f"routines must be a list, got {_describe(node)}")
            return
        entries = node.items
        if len(entries) > MAX_ROUTINES:
            self.add(node.line, "", f"too many routines: {len(entries)} (at most {MAX_ROUTINES})")
            entries = entries[:MAX_ROUTINES]
        first_line: dict[str, int] = {}
        for index, entry in enumerate(entries, start=1):
            before = self.failures()
            routine = self.read_routine(index, entry, first_line)
            if routine is not None and self.failures() == before:
                self.routines.append(routine)

    def read_routine(self, index: int, node: Node, first_line: dict[str, int]) -> Routine | None:
        if self.broken(node):
            return None
        if not isinstance(node, YMapping):
            self.add(node.line, f"routine {index}", f"must be a mapping, got {_describe(node)}")
            return None
        id_node = next(
            (v for k, v in node.pairs if isinstance(k, YScalar) and k.value == "id"), None
        )
        routine_id = None
        if id_node is not None:
            routine_id = self.identifier(id_node, f"routine {index}", "id")
        where = f"routine '{routine_id}'" if routine_id else f"routine {index}"
        if routine_id is not None:
            if routine_id in first_line:
                self.add(
                    id_node.line,  # type: ignore[union-attr]
                    where,
                    f"the id is used twice in this file (first on line {first_line[routine_id]})",
                )
            else:
                first_line[routine_id] = id_node.line  # type: ignore[union-attr]
        found = self.fields(node, where, ROUTINE_KEYS)
        self.require(found, ("id", "name", "sections"), node.line, where)
        name = (
            self.text(found["name"][1], where, "name", MAX_NAME_CHARS) if "name" in found else None
        )
        description = ""
        if "description" in found:
            description = self.text(found["description"][1], where, "description") or ""
        rest: int | None = DEFAULT_REST
        if "rest" in found:
            rest = self.integer(found["rest"][1], where, "rest", REST_LIMITS)
        sections = self.read_sections(found["sections"][1], where) if "sections" in found else None
        if routine_id is None or name is None or rest is None or sections is None:
            return None
        return Routine(
            id=routine_id,
            name=name,
            sections=sections,
            description=description,
            rest=rest,
            source=self.source,
            builtin=self.builtin,
            line=node.line,
        )

    def read_sections(self, node: Node, where: str) -> tuple[Section, ...] | None:
        if self.broken(node):
            return None
        if not isinstance(node, YSequence):
            self.add(node.line, where, f"sections must be a list, got {_describe(node)}")
            return None
        if not node.items:
            self.add(node.line, where, "sections must list at least one section")
            return None
        total = sum(
            len(fields_items.items)
            for section in node.items
            if isinstance(section, YMapping)
            for key, fields_items in section.pairs
            if isinstance(key, YScalar)
            and key.value == "items"
            and isinstance(fields_items, YSequence)
        )
        budget = MAX_ITEMS
        if total > MAX_ITEMS:
            self.add(node.line, where, f"too many items: {total} (at most {MAX_ITEMS})")
        sections: list[Section] = []
        ok = total <= MAX_ITEMS
        item_number = 0
        for index, section_node in enumerate(node.items, start=1):
            section_where = f"{where}, section {index}"
            if self.broken(section_node):
                ok = False
                continue
            if not isinstance(section_node, YMapping):
                self.add(
                    section_node.line,
                    section_where,
                    f"must be a mapping, got {_describe(section_node)}",
                )
                ok = False
                continue
            found = self.fields(section_node, section_where, SECTION_KEYS)
            ok = self.require(found, SECTION_KEYS, section_node.line, section_where) and ok
            name = None
            if "name" in found:
                name = self.text(found["name"][1], section_where, "name", MAX_NAME_CHARS)
            items_node = found["items"][1] if "items" in found else None
            items: list[Item] = []
            if items_node is None or self.broken(items_node):
                ok = False
            elif not isinstance(items_node, YSequence):
                self.add(
                    items_node.line,
                    section_where,
                    f"items must be a list, got {_describe(items_node)}",
                )
                ok = False
            elif not items_node.items:
                self.add(items_node.line, section_where, "items must list at least one item")
                ok = False
            else:
                for item_node in items_node.items[: max(budget, 0)]:
                    item_number += 1
                    item = self.read_item(item_node, f"{where}, item {item_number}")
                    if item is None:
                        ok = False
                    else:
                        items.append(item)
                budget -= len(items_node.items)
            if name is None:
                ok = False
            elif ok:
                sections.append(Section(name=name, items=tuple(items)))
        return tuple(sections) if ok else None

    def read_item(self, node: Node, where: str) -> Item | None:
        if self.broken(node):
            return None
        if not isinstance(node, YMapping):
            self.add(node.line, where, f"must be a mapping, got {_describe(node)}")
            return None
        for key, value in node.pairs:
            if (
                isinstance(key, YScalar)
                and key.value == "exercise"
                and isinstance(value, YScalar)
                and isinstance(value.value, str)
            ):
                where = f"{where} ({value.value[:MAX_ID_CHARS]})"
                break
        before = self.failures()
        first_kind = self.item_kind(node)
        allowed = ITEM_KEYS
        if first_kind is not None:
            allowed = (*COMMON_ITEM_KEYS, *KIND_KEYS[first_kind])
        found = self.fields(
            node, where, allowed, lambda key: self.explain_item_key(key, first_kind)
        )
        self.require(found, ("exercise", "kind"), node.line, where)
        kind = None
        if "kind" in found:
            chosen_kind = self.choice(found["kind"][1], where, "kind", [k.value for k in Kind])
            kind = None if chosen_kind is None else Kind(chosen_kind)
        exercise_id = None
        if "exercise" in found:
            exercise_id = self.item_exercise(found["exercise"][1], where)
        values: dict[str, object] = {}
        if kind is not None:
            self.require(found, REQUIRED_KIND_KEYS[kind], node.line, where)
            for key in KIND_KEYS[kind]:
                if key in found:
                    values[key] = self.dose(kind, key, found[key][1], where)
            if kind is Kind.TEST and exercise_id is not None:
                exercise = self.exercises.get(exercise_id) or self.library.exercises.get(
                    exercise_id
                )
                if exercise is not None and exercise.normal is None:
                    self.add(
                        found["exercise"][1].line,
                        where,
                        "kind 'test' needs an exercise with a `normal` range;"
                        f" '{exercise_id}' has none",
                    )
        sides = Sides.LIMITED
        if "sides" in found:
            chosen = self.choice(found["sides"][1], where, "sides", [s.value for s in Sides])
            if chosen is not None:
                sides = Sides(chosen)
                if sides is Sides.ALTERNATE and kind is not None and kind is not Kind.REPS:
                    self.add(
                        found["sides"][1].line,
                        where,
                        f"sides: alternate is only for kind 'reps', not '{kind.value}'",
                    )
        rest = None
        if "rest" in found:
            rest = self.integer(found["rest"][1], where, "rest", REST_LIMITS)
        note = ""
        if "note" in found:
            note = self.text(found["note"][1], where, "note") or ""
        if self.failures() != before or kind is None or exercise_id is None:
            return None
        return Item(
            exercise=exercise_id,
            kind=kind,
            sides=sides,
            rest=rest,
            note=note,
            line=node.line,
            **values,  # type: ignore[arg-type]
        )

    def item_kind(self, node: YMapping) -> Kind | None:
        """The kind named by the item's first `kind` key, if valid (to explain other keys)."""
        for key, value in node.pairs:
            if isinstance(key, YScalar) and key.value == "kind":
                if isinstance(value, YScalar) and value.value in {k.value for k in Kind}:
                    return Kind(value.value)
                return None
        return None

    def explain_item_key(self, key: str, kind: Kind | None) -> str | None:
        if key in ITEM_KEYS and kind is not None:  # a dose key of another kind
            uses = ", ".join(KIND_KEYS[kind])
            if not uses:
                return f"`{key}` is not used by kind '{kind.value}' (it takes no dose)"
            return f"`{key}` is not used by kind '{kind.value}' (it uses: {uses})"
        return f"unknown key '{key}'{_did_you_mean(key, ITEM_KEYS)}"

    def item_exercise(self, node: Node, where: str) -> str | None:
        exercise_id = self.identifier(node, where, "exercise")
        if exercise_id is None:
            return None
        if exercise_id in self.broken_exercises:
            self.add(
                node.line,
                where,
                f"exercise '{exercise_id}' is defined in this file but has problems",
            )
            return None
        if exercise_id not in self.exercises and exercise_id not in self.library:
            known = [*self.library.exercises, *self.exercises]
            self.add(
                node.line,
                where,
                f"unknown exercise '{exercise_id}'{_did_you_mean(exercise_id, known)}",
            )
            return None
        return exercise_id

    def dose(self, kind: Kind, key: str, node: Node, where: str) -> object:
        if key == "seconds":
            seconds = self.range(node, where, key, SECONDS_LIMITS)
            if seconds is not None and kind is not Kind.RELEASE and not seconds.is_fixed:
                self.add(
                    node.line,
                    where,
                    f"seconds must be one number for kind '{kind.value}', got [{seconds.low},"
                    f" {seconds.high}] (only 'release' takes a range)",
                )
                return None
            return seconds
        if key == "count":
            limits = REPS_COUNT_LIMITS if kind is Kind.REPS else CYCLES_COUNT_LIMITS
            return self.integer(node, where, key, limits)
        if key == "hold":
            return self.range(node, where, key, SHORT_SECONDS_LIMITS)
        return self.integer(node, where, key, SHORT_SECONDS_LIMITS)  # pace, work, relax
