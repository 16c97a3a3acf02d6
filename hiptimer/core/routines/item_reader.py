"""Read one routine item: its exercise, its kind, the dose keys that kind takes, the limited
side's own dose, sides, rest, note.

Which dose keys a kind takes, which are required, their limits and whether they take a
``[low, high]`` range all come from :data:`hiptimer.core.routines.schema.KIND_SPECS`.
"""

from __future__ import annotations

from hiptimer.core.routines.limits import MAX_ID_CHARS, REST_LIMITS
from hiptimer.core.routines.model import (
    DoseValue,
    Exercise,
    Item,
    Kind,
    Library,
    Sidedness,
    SideDose,
    Sides,
)
from hiptimer.core.routines.problems import Code, Location
from hiptimer.core.routines.schema import (
    COMMON_ITEM_KEYS,
    ITEM_KEYS,
    KIND_SPECS,
    REQUIRED_ITEM_KEYS,
    SIDE_DOSE_KEY,
    DoseField,
    Value,
    kinds_allowing,
    kinds_taking,
    with_dose,
)
from hiptimer.core.routines.side_dose import no_limited_side
from hiptimer.core.routines.values import ValueReader, describe, did_you_mean
from hiptimer.core.routines.yaml_nodes import Node, YMapping, YScalar


class ItemReader(ValueReader):
    """Reads items against the library and the exercises the file defines."""

    def __init__(self, filename: str, library: Library) -> None:
        super().__init__(filename)
        self.library = library
        self.exercises: dict[str, Exercise] = {}  # defined by this file
        self.broken_exercises: set[str] = set()  # defined by this file, with problems

    def read_item(self, node: Node, where: Location) -> Item | None:
        if self.broken(node):
            return None
        if not isinstance(node, YMapping):
            self.add(node.line, where, Code.WRONG_TYPE, f"must be a mapping, got {describe(node)}")
            return None
        before = self.failures()
        first_kind = _first_kind(node)
        allowed: tuple[str, ...] = ITEM_KEYS
        if first_kind is not None:
            spec = KIND_SPECS[first_kind]
            allowed = (*COMMON_ITEM_KEYS, *spec.keys, *((SIDE_DOSE_KEY,) if spec.scaled else ()))
        found = self.fields(node, where, allowed, lambda key: _explain_item_key(key, first_kind))
        self.require(found, REQUIRED_ITEM_KEYS, node.line, where)
        kind = None
        if "kind" in found:
            chosen_kind = self.choice(found["kind"][1], where, "kind", [k.value for k in Kind])
            kind = None if chosen_kind is None else Kind(chosen_kind)
        exercise_id = None
        if "exercise" in found:
            exercise_id = self.item_exercise(found["exercise"][1], where)
        exercise = None
        if exercise_id is not None:
            exercise = self.exercises.get(exercise_id) or self.library.exercises.get(exercise_id)
        dose: dict[str, DoseValue | None] = {}
        if kind is not None:
            spec = KIND_SPECS[kind]
            self.require(found, spec.required_keys, node.line, where)
            for dose_field in spec.fields:
                if dose_field.key in found:
                    dose[dose_field.key] = self.dose(
                        kind, dose_field, found[dose_field.key][1], where
                    )
            if spec.needs_normal and exercise is not None and exercise.normal is None:
                detail = (
                    f"kind '{kind.value}' needs an exercise with a `normal` range;"
                    f" '{exercise_id}' has none"
                )
                line = found["exercise"][1].line
                self.add(line, where, Code.NOT_FOR_KIND, detail, "exercise")
        sides = Sides.LIMITED
        if "sides" in found:
            sides_node = found["sides"][1]
            chosen = self.choice(sides_node, where, "sides", [s.value for s in Sides])
            if chosen is not None:
                sides = Sides(chosen)
                if kind is not None and sides not in KIND_SPECS[kind].sides:
                    allowing = _kind_list(kinds_allowing(sides))
                    detail = f"sides: {sides.value} is only for kind {allowing}, not '{kind.value}'"
                    self.add(sides_node.line, where, Code.NOT_FOR_KIND, detail, "sides")
                elif sides is Sides.BOTH and _alternates(exercise):
                    detail = (
                        f"sides: both does not fit '{exercise_id}': it alternates left and right"
                        " every rep (leave `sides` out)"
                    )
                    self.add(sides_node.line, where, Code.NOT_FOR_KIND, detail, "sides")
        if (
            kind is not None
            and _alternates(exercise)
            and Sides.ALTERNATE not in KIND_SPECS[kind].sides
        ):
            detail = (
                f"'{exercise_id}' alternates left and right every rep, so it is played as kind"
                f" {_kind_list(kinds_allowing(Sides.ALTERNATE))}, not '{kind.value}'"
            )
            self.add(found["kind"][1].line, where, Code.NOT_FOR_KIND, detail, "kind")
        limited: SideDose | None = None
        if SIDE_DOSE_KEY in found and kind is not None:
            limited_node = found[SIDE_DOSE_KEY][1]
            limited = self.side_dose(kind, limited_node, where)
            why = no_limited_side(Item(exercise_id or "", kind, sides=sides), exercise)
            if limited is not None and why and exercise is not None:
                detail = (
                    f"`{SIDE_DOSE_KEY}` does not fit '{exercise.id}': {why}, so it has no"
                    " limited side"
                )
                self.add(limited_node.line, where, Code.NOT_FOR_KIND, detail, SIDE_DOSE_KEY)
        rest = None
        if "rest" in found:
            rest = self.integer(found["rest"][1], where, "rest", REST_LIMITS)
        note = ""
        if "note" in found:
            note = self.text(found["note"][1], where, "note") or ""
        if self.failures() != before or kind is None or exercise_id is None:
            return None
        item = Item(
            exercise=exercise_id,
            kind=kind,
            sides=sides,
            limited=limited,
            rest=rest,
            note=note,
            line=node.line,
        )
        return with_dose(item, dose)

    def item_exercise(self, node: Node, where: Location) -> str | None:
        exercise_id = self.identifier(node, where, "exercise")
        if exercise_id is None:
            return None
        where = where.at("exercise")
        if exercise_id in self.broken_exercises:
            detail = f"exercise '{exercise_id}' is defined in this file but has problems"
            self.add(node.line, where, Code.BROKEN_EXERCISE, detail)
            return None
        if exercise_id not in self.exercises and exercise_id not in self.library:
            known = [*self.library.exercises, *self.exercises]
            detail = f"unknown exercise '{exercise_id}'{did_you_mean(exercise_id, known)}"
            self.add(node.line, where, Code.UNKNOWN_EXERCISE, detail)
            return None
        return exercise_id

    def dose(
        self, kind: Kind, dose_field: DoseField, node: Node, where: Location, name: str = ""
    ) -> DoseValue | None:
        """One dose key's value; ``name`` is how messages call it (default: the key)."""
        key = dose_field.key
        name = name or key
        if dose_field.value is Value.NUMBER:
            return self.integer(node, where.at(key), name, dose_field.limits)
        value = self.range(node, where.at(key), name, dose_field.limits)
        if value is not None and dose_field.value is Value.FIXED and not value.is_fixed:
            detail = (
                f"{name} must be one number for kind '{kind.value}', got [{value.low},"
                f" {value.high}] (only {_kind_list(kinds_taking(key, Value.RANGE))} takes a range)"
            )
            self.add(node.line, where, Code.NOT_FOR_KIND, detail, key)
            return None
        return value

    def side_dose(self, kind: Kind, node: Node, where: Location) -> SideDose | None:
        """The `limited` mapping: the kind's dose keys, each within its limits ({} = none)."""
        if self.broken(node):
            return None
        where = where.at(SIDE_DOSE_KEY)
        spec = KIND_SPECS[kind]
        if not isinstance(node, YMapping):
            detail = (
                f"{SIDE_DOSE_KEY} must be a mapping of dose keys for the limited side"
                f" ({', '.join(spec.keys)}), got {describe(node)}"
            )
            self.add(node.line, where, Code.WRONG_TYPE, detail)
            return None
        before = self.failures()

        def explain(key: str) -> tuple[Code, str]:
            hint = did_you_mean(key, spec.keys)
            detail = (
                f"`{SIDE_DOSE_KEY}` takes the dose keys of kind '{kind.value}'"
                f" ({', '.join(spec.keys)}), not '{key}'{hint}"
            )
            return Code.NOT_FOR_KIND, detail

        found = self.fields(node, where, spec.keys, explain)
        values: list[tuple[str, DoseValue]] = []
        for dose_field in spec.fields:  # in documented order, whatever order the file has
            if dose_field.key in found:
                name = f"{SIDE_DOSE_KEY} {dose_field.key}"
                value = self.dose(kind, dose_field, found[dose_field.key][1], where, name)
                if value is not None:
                    values.append((dose_field.key, value))
        return tuple(values) if self.failures() == before else None


def _alternates(exercise: Exercise | None) -> bool:
    return exercise is not None and exercise.sidedness is Sidedness.ALTERNATING


def _kind_list(kinds: tuple[Kind, ...]) -> str:
    return " or ".join(f"'{kind.value}'" for kind in kinds)


def named_exercise(node: Node) -> str | None:
    """The exercise an item names as written, for messages (``item 3 (wall-turn)``)."""
    if isinstance(node, YMapping):
        for key, value in node.pairs:
            if (
                isinstance(key, YScalar)
                and key.value == "exercise"
                and isinstance(value, YScalar)
                and isinstance(value.value, str)
            ):
                return value.value[:MAX_ID_CHARS]
    return None


def _first_kind(node: YMapping) -> Kind | None:
    """The kind named by the item's first `kind` key, if valid (to explain other keys)."""
    for key, value in node.pairs:
        if isinstance(key, YScalar) and key.value == "kind":
            if isinstance(value, YScalar) and value.value in {k.value for k in Kind}:
                return Kind(value.value)
            return None
    return None


def _explain_item_key(key: str, kind: Kind | None) -> tuple[Code, str]:
    if key in ITEM_KEYS and kind is not None:  # a dose key of another kind
        uses = ", ".join(KIND_SPECS[kind].keys)
        if not uses:
            return (
                Code.NOT_FOR_KIND,
                f"`{key}` is not used by kind '{kind.value}' (it takes no dose)",
            )
        return Code.NOT_FOR_KIND, f"`{key}` is not used by kind '{kind.value}' (it uses: {uses})"
    return Code.UNKNOWN_KEY, f"unknown key '{key}'{did_you_mean(key, ITEM_KEYS)}"
