"""Read and check routine files (routines/FORMAT.md, format 1).

:func:`load_text` walks the line-numbered tree from :mod:`hiptimer.core.routines.yaml_nodes`:
the file, its exercises, its routines, their sections and items.  It reports every problem of
a file in one pass, each a :class:`~hiptimer.core.routines.problems.Problem` with its place,
skipping only the broken part, and never raises.  Which keys an item takes and their limits
come from :mod:`hiptimer.core.routines.schema`.  Only routines without any problem are
returned.
"""

from __future__ import annotations

from pathlib import Path

from hiptimer.core.routines.exercise_reader import ExerciseReader
from hiptimer.core.routines.item_reader import named_exercise
from hiptimer.core.routines.limits import (
    DEFAULT_REST,
    LIMITED_EXTRA_LIMITS,
    MAX_ITEMS,
    MAX_NAME_CHARS,
    MAX_ROUTINES,
    REST_LIMITS,
    SESSIONS_PER_WEEK_LIMITS,
    TARGET_WEEKS_LIMITS,
)
from hiptimer.core.routines.model import (
    Item,
    Library,
    Prescription,
    Routine,
    Section,
    Target,
)
from hiptimer.core.routines.prescription_reader import read_prescription, target_conflict
from hiptimer.core.routines.problems import NOWHERE, Code, Location
from hiptimer.core.routines.schema import (
    FORMAT_VERSION,
    REQUIRED_ROUTINE_KEYS,
    REQUIRED_TARGET_KEYS,
    ROUTINE_KEYS,
    SECTION_KEYS,
    TARGET_KEYS,
    TOP_KEYS,
)
from hiptimer.core.routines.source import LoadResult, read_source
from hiptimer.core.routines.values import Fields, describe, did_you_mean
from hiptimer.core.routines.yaml_nodes import (
    Node,
    YMapping,
    YScalar,
    YSequence,
    compose,
)


def load_file(path: Path, library: Library | None = None, *, builtin: bool = False) -> LoadResult:
    """Read and check ``path`` (see :func:`read_source`)."""
    data = read_source(path)
    if isinstance(data, LoadResult):
        return data
    return load_text(data, str(path), library, builtin=builtin, source=str(path))


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
            reader.add(problem.line, NOWHERE, problem.code, problem.message)
        if composed.root is not None:
            reader.read_file(composed.root)
    except Exception as exc:  # a safety net: a bug here must not crash the app
        detail = f"could not check the file (internal error: {type(exc).__name__})"
        reader.add(1, NOWHERE, Code.INTERNAL, detail)
        reader.routines.clear()
    problems = sorted(reader.problems, key=lambda problem: problem.line)
    return LoadResult(reader.exercises, reader.routines, problems)


class _FileReader(ExerciseReader):
    """Walks one file's tree, collecting exercises, valid routines and problems."""

    def __init__(self, filename: str, library: Library, builtin: bool, source: str) -> None:
        super().__init__(filename, library, builtin, source)
        self.routines: list[Routine] = []

    # --- the file -------------------------------------------------------------------------

    def read_file(self, root: Node) -> None:
        if not isinstance(root, YMapping):
            detail = (
                "the top level must be a mapping with `format`, `exercises` and `routines`,"
                f" got {describe(root)}"
            )
            self.add(root.line, NOWHERE, Code.WRONG_TYPE, detail)
            return
        found = self.fields(
            root,
            NOWHERE,
            TOP_KEYS,
            lambda key: (
                Code.UNKNOWN_KEY,
                f"unknown top-level key '{key}'{did_you_mean(key, TOP_KEYS)}",
            ),
        )
        if not self.read_format(found, root.line):
            return
        if "exercises" not in found and "routines" not in found:
            detail = "the file has neither `exercises` nor `routines`"
            self.add(root.line, NOWHERE, Code.EMPTY, detail)
        if "exercises" in found:
            self.read_exercises(found["exercises"][1])
        if "routines" in found:
            self.read_routines(found["routines"][1])

    def read_format(self, found: Fields, line: int) -> bool:
        """False when the file is of a newer format (nothing else is checked then)."""
        where = NOWHERE.at("format")
        if "format" not in found:
            detail = f"missing `format: {FORMAT_VERSION}` (put it at the top of the file)"
            self.add(line, where, Code.FORMAT, detail)
            return True
        node = found["format"][1]
        if self.broken(node):
            return True
        value = node.value if isinstance(node, YScalar) else None
        if isinstance(value, int) and not isinstance(value, bool):
            if value == FORMAT_VERSION:
                return True
            if value > FORMAT_VERSION:
                detail = (
                    f"this file is format {value}; this version of hiptimer reads format"
                    f" {FORMAT_VERSION} — update hiptimer"
                )
                self.add(node.line, where, Code.FORMAT, detail)
                return False
        detail = f"format must be {FORMAT_VERSION}, got {describe(node)}"
        self.add(node.line, where, Code.FORMAT, detail)
        return True

    # --- routines -------------------------------------------------------------------------

    def read_routines(self, node: Node) -> None:
        if self.broken(node):
            return
        where = NOWHERE.at("routines")
        if not isinstance(node, YSequence):
            self.add(
                node.line, where, Code.WRONG_TYPE, f"routines must be a list, got {describe(node)}"
            )
            return
        entries = node.items
        if len(entries) > MAX_ROUTINES:
            detail = f"too many routines: {len(entries)} (at most {MAX_ROUTINES})"
            self.add(node.line, where, Code.TOO_MANY, detail)
            entries = entries[:MAX_ROUTINES]
        first_line: dict[str, int] = {}
        for index, entry in enumerate(entries):
            before = self.failures()
            routine = self.read_routine(index, entry, first_line)
            if routine is not None and self.failures() == before:
                self.routines.append(routine)

    def read_routine(self, index: int, node: Node, first_line: dict[str, int]) -> Routine | None:
        if self.broken(node):
            return None
        where = Location(routine=index)
        if not isinstance(node, YMapping):
            self.add(node.line, where, Code.WRONG_TYPE, f"must be a mapping, got {describe(node)}")
            return None
        id_node = next(
            (v for k, v in node.pairs if isinstance(k, YScalar) and k.value == "id"), None
        )
        routine_id = None
        if id_node is not None:
            routine_id = self.identifier(id_node, where, "id")
        if id_node is not None and routine_id is not None:
            where = Location(routine=index, routine_id=routine_id)
            if routine_id in first_line:
                detail = (
                    f"the id is used twice in this file (first on line {first_line[routine_id]})"
                )
                self.add(id_node.line, where, Code.DUPLICATE, detail, "id")
            else:
                first_line[routine_id] = id_node.line
        found = self.fields(node, where, ROUTINE_KEYS)
        self.require(found, REQUIRED_ROUTINE_KEYS, node.line, where)
        name = None
        if "name" in found:
            name = self.text(found["name"][1], where, "name", MAX_NAME_CHARS)
        description = ""
        if "description" in found:
            description = self.text(found["description"][1], where, "description") or ""
        rest: int | None = DEFAULT_REST
        if "rest" in found:
            rest = self.integer(found["rest"][1], where, "rest", REST_LIMITS)
        extra: int | None = 0
        if "limited_extra" in found:
            node_extra = found["limited_extra"][1]
            extra = self.integer(node_extra, where, "limited_extra", LIMITED_EXTRA_LIMITS)
        target: Target | None = None
        target_ok = True
        if "target" in found:
            target = self.read_target(found["target"][1], where.at("target"))
            target_ok = target is not None
        prescription: Prescription | None = None
        if "prescription" in found:
            key_node, value = found["prescription"]
            prescription = read_prescription(self, value, where.at("prescription"))
            target_ok = target_ok and prescription is not None
            if prescription is not None and target is not None:
                conflict = target_conflict(prescription, target)
                if conflict is not None:
                    self.add(key_node.line, where, Code.NOT_ALLOWED, conflict, "prescription")
                    target_ok = False
        sections = self.read_sections(found["sections"][1], where) if "sections" in found else None
        if routine_id is None or name is None or rest is None or sections is None:
            return None
        if extra is None or not target_ok:
            return None
        return Routine(
            id=routine_id,
            name=name,
            sections=sections,
            description=description,
            rest=rest,
            limited_extra=extra,
            target=target,
            prescription=prescription,
            source=self.source,
            builtin=self.builtin,
            line=node.line,
        )

    def read_target(self, node: Node, where: Location) -> Target | None:
        """`target: {per_week: 3, weeks: 6}`: how often, and for how long."""
        if self.broken(node):
            return None
        if not isinstance(node, YMapping):
            detail = (
                f"target must be a mapping like {{per_week: 3, weeks: 6}}, got {describe(node)}"
            )
            self.add(node.line, where, Code.WRONG_TYPE, detail)
            return None
        before = self.failures()
        found = self.fields(
            node,
            where,
            TARGET_KEYS,
            lambda key: (
                Code.UNKNOWN_KEY,
                f"unknown key '{key}' in target"
                + (did_you_mean(key, TARGET_KEYS) or f" (it takes {', '.join(TARGET_KEYS)})"),
            ),
        )
        self.require(found, REQUIRED_TARGET_KEYS, node.line, where)
        per_week = weeks = None
        if "per_week" in found:
            per_week = self.integer(
                found["per_week"][1], where, "per_week", SESSIONS_PER_WEEK_LIMITS
            )
        if "weeks" in found:
            weeks = self.integer(found["weeks"][1], where, "weeks", TARGET_WEEKS_LIMITS)
        if self.failures() != before or per_week is None:
            return None
        return Target(per_week=per_week, weeks=weeks)

    def read_sections(self, node: Node, routine: Location) -> tuple[Section, ...] | None:
        if self.broken(node):
            return None
        where = routine.at("sections")
        if not isinstance(node, YSequence):
            detail = f"sections must be a list, got {describe(node)}"
            self.add(node.line, where, Code.WRONG_TYPE, detail)
            return None
        if not node.items:
            self.add(node.line, where, Code.EMPTY, "sections must list at least one section")
            return None
        total = sum(len(items.items) for section in node.items for items in _items_lists(section))
        budget = MAX_ITEMS
        if total > MAX_ITEMS:
            detail = f"too many items: {total} (at most {MAX_ITEMS})"
            self.add(node.line, where, Code.TOO_MANY, detail)
        sections: list[Section] = []
        ok = total <= MAX_ITEMS
        item_number = 0
        for index, section_node in enumerate(node.items):
            section_where = Location(routine.routine, routine.routine_id, section=index)
            if self.broken(section_node):
                ok = False
                continue
            if not isinstance(section_node, YMapping):
                detail = f"must be a mapping, got {describe(section_node)}"
                self.add(section_node.line, section_where, Code.WRONG_TYPE, detail)
                ok = False
                continue
            found = self.fields(section_node, section_where, SECTION_KEYS)
            ok = self.require(found, SECTION_KEYS, section_node.line, section_where) and ok
            name = None
            if "name" in found:
                name = self.text(found["name"][1], section_where, "name", MAX_NAME_CHARS)
            items_node = found["items"][1] if "items" in found else None
            items: list[Item] = []
            items_where = section_where.at("items")
            if items_node is None or self.broken(items_node):
                ok = False
            elif not isinstance(items_node, YSequence):
                detail = f"items must be a list, got {describe(items_node)}"
                self.add(items_node.line, items_where, Code.WRONG_TYPE, detail)
                ok = False
            elif not items_node.items:
                detail = "items must list at least one item"
                self.add(items_node.line, items_where, Code.EMPTY, detail)
                ok = False
            else:
                for item_index, item_node in enumerate(items_node.items[: max(budget, 0)]):
                    item_number += 1
                    item_where = Location(
                        routine.routine,
                        routine.routine_id,
                        section=index,
                        item=item_index,
                        number=item_number,
                        item_exercise=named_exercise(item_node),
                    )
                    item = self.read_item(item_node, item_where)
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


def _items_lists(section: Node) -> list[YSequence]:
    """A section's `items` lists (to count every item before reading any)."""
    if not isinstance(section, YMapping):
        return []
    return [
        value
        for key, value in section.pairs
        if isinstance(key, YScalar) and key.value == "items" and isinstance(value, YSequence)
    ]
