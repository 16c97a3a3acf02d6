"""Read the exercises a routine file defines: their texts, position, equipment and sidedness.

Items read after them (:mod:`hiptimer.core.routines.item_reader`) may use every exercise read
here without problems; an exercise with a problem is remembered as broken, so an item that
uses it says so instead of calling it unknown.
"""

from __future__ import annotations

from typing import Any, cast

from hiptimer.core.routines.item_reader import ItemReader
from hiptimer.core.routines.limits import DEGREE_LIMITS, MAX_EXERCISES, MAX_NAME_CHARS
from hiptimer.core.routines.model import EQUIPMENT, POSITIONS, Exercise, Library, Sidedness
from hiptimer.core.routines.problems import NOWHERE, Code, Location
from hiptimer.core.routines.schema import EXERCISE_KEYS, REQUIRED_EXERCISE_KEYS
from hiptimer.core.routines.values import describe
from hiptimer.core.routines.yaml_nodes import Node, YMapping


class ExerciseReader(ItemReader):
    """Reads the file's `exercises` into :attr:`exercises` (or :attr:`broken_exercises`)."""

    def __init__(self, filename: str, library: Library, builtin: bool, source: str) -> None:
        super().__init__(filename, library)
        self.builtin = builtin
        self.source = source

    def read_exercises(self, node: Node) -> None:
        if self.broken(node):
            return
        where = NOWHERE.at("exercises")
        if not isinstance(node, YMapping):
            detail = f"exercises must be a mapping of id to exercise, got {describe(node)}"
            self.add(node.line, where, Code.WRONG_TYPE, detail)
            return
        pairs = node.pairs
        if len(pairs) > MAX_EXERCISES:
            detail = f"too many exercises: {len(pairs)} (at most {MAX_EXERCISES})"
            self.add(node.line, where, Code.TOO_MANY, detail)
            pairs = pairs[:MAX_EXERCISES]
        first_line: dict[str, int] = {}
        for key_node, value in pairs:
            exercise_id = self.identifier(key_node, where, "exercise id")
            if exercise_id is None:
                continue
            if exercise_id in first_line:
                detail = (
                    f"exercise '{exercise_id}' is defined twice"
                    f" (first on line {first_line[exercise_id]})"
                )
                self.add(key_node.line, where, Code.DUPLICATE, detail)
                continue
            first_line[exercise_id] = key_node.line
            definition = Location(exercise=exercise_id)
            if exercise_id in self.library and not self.builtin:
                detail = "this id is built in; choose another id"
                self.add(key_node.line, definition, Code.ID_CLASH, detail)
                self.broken_exercises.add(exercise_id)
                continue
            exercise = self.read_exercise(exercise_id, key_node.line, value, definition)
            if exercise is None:
                self.broken_exercises.add(exercise_id)
            else:
                self.exercises[exercise_id] = exercise

    def read_exercise(
        self, exercise_id: str, line: int, node: Node, where: Location
    ) -> Exercise | None:
        if self.broken(node):
            return None
        if not isinstance(node, YMapping):
            detail = f"must be a mapping of keys, got {describe(node)}"
            self.add(node.line, where, Code.WRONG_TYPE, detail)
            return None
        before = self.failures()
        found = self.fields(node, where, EXERCISE_KEYS)
        self.require(found, REQUIRED_EXERCISE_KEYS, line, where)
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
                    lambda entry, w, _label: self.choice(entry, w, "equipment", EQUIPMENT),
                )
            elif key == "sidedness":
                chosen = self.choice(value, where, key, [s.value for s in Sidedness])
                values[key] = None if chosen is None else Sidedness(chosen)
            elif key == "one_sided":
                one_sided = self.boolean(value, where, key)
                if "sidedness" in found:
                    detail = (
                        "give `sidedness` or the older `one_sided`, not both"
                        f" (`sidedness` is on line {found['sidedness'][0].line})"
                    )
                    self.add(found[key][0].line, where, Code.DUPLICATE, detail, key)
                elif one_sided is not None:
                    values["sidedness"] = Sidedness.ONE_SIDE if one_sided else Sidedness.TOGETHER
            elif key == "feel":
                values[key] = self.text(value, where, key)
            elif key == "normal":
                values[key] = self.range(value, where, key, DEGREE_LIMITS)
            else:  # steps, cautions, progressions
                values[key] = self.text_list(value, where, key, self.text)
                if key == "steps" and values[key] == ():
                    detail = "steps must list at least one step"
                    self.add(value.line, where, Code.EMPTY, detail, key)
        if self.failures() != before:
            return None
        kept = cast("dict[str, Any]", values)
        return Exercise(id=exercise_id, line=line, source=self.source, **kept)
