"""Write routines (and the exercises they define) as a readable format-1 routine file.

Keys come in the documented order, ranges are written as ``[low, high]`` or one number when
fixed, and values equal to the model's defaults are left out.  Every text goes through
PyYAML's emitter so quoting is always right; :func:`hiptimer.core.routines.loader.load_text` reads
the result back into equal objects (line and source aside).  Only the dose keys an item's
kind uses are written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from hiptimer.core.routines.limits import DEFAULT_REST
from hiptimer.core.routines.model import (
    DoseValue,
    Exercise,
    Item,
    Range,
    Routine,
    Sidedness,
    Sides,
)
from hiptimer.core.routines.prescription import prescription_lines
from hiptimer.core.routines.schema import FORMAT_VERSION, KIND_SPECS, SIDE_DOSE_KEY


def dump_file(routines: Sequence[Routine], exercises: Mapping[str, Exercise] | None = None) -> str:
    """The YAML text of a routine file holding ``exercises`` and ``routines``."""
    lines = [f"format: {FORMAT_VERSION}"]
    if exercises:
        lines += ["", "exercises:"]
        for exercise in exercises.values():
            lines += _exercise_lines(exercise)
    if routines or not exercises:
        lines += ["", "routines:" if routines else "routines: []"]
        for index, routine in enumerate(routines):
            if index:
                lines.append("")
            lines += _routine_lines(routine)
    return "\n".join(lines) + "\n"


def _exercise_lines(exercise: Exercise) -> list[str]:
    lines = [f"  {_text(exercise.id)}:"]
    field = _field_writer(lines, "    ")
    field("name", _text(exercise.name))
    field("section", _text(exercise.section))
    field("position", _text(exercise.position))
    if exercise.equipment:
        field("equipment", "[" + ", ".join(_text(e) for e in exercise.equipment) + "]")
    if exercise.sidedness is not Sidedness.ONE_SIDE:
        field("sidedness", exercise.sidedness.value)
    _text_list(lines, "steps", exercise.steps)
    if exercise.feel:
        field("feel", _text(exercise.feel))
    _text_list(lines, "cautions", exercise.cautions)
    _text_list(lines, "progressions", exercise.progressions)
    if exercise.normal is not None:
        field("normal", _range(exercise.normal))
    return lines


def _text_list(lines: list[str], key: str, values: Sequence[str]) -> None:
    if values:
        lines.append(f"    {key}:")
        lines += [f"      - {_text(value)}" for value in values]


def _routine_lines(routine: Routine) -> list[str]:
    lines = [f"  - id: {_text(routine.id)}"]
    field = _field_writer(lines, "    ")
    field("name", _text(routine.name))
    if routine.description:
        field("description", _text(routine.description))
    if routine.rest != DEFAULT_REST:
        field("rest", str(routine.rest))
    if routine.limited_extra:
        field("limited_extra", str(routine.limited_extra))
    if routine.target is not None:
        weeks = routine.target.weeks
        field(
            "target",
            f"{{per_week: {routine.target.per_week}"
            + ("" if weeks is None else f", weeks: {weeks}")
            + "}",
        )
    if routine.prescription is not None:
        lines.append("    prescription:")
        lines += prescription_lines(routine.prescription, _text, "      ")
    lines.append("    sections:")
    for section in routine.sections:
        lines.append(f"      - name: {_text(section.name)}")
        lines.append("        items:")
        for item in section.items:
            lines += _item_lines(item)
    return lines


def _item_lines(item: Item) -> list[str]:
    lines = [f"          - exercise: {_text(item.exercise)}"]
    field = _field_writer(lines, "            ")
    field("kind", item.kind.value)
    for key in KIND_SPECS[item.kind].keys:
        value = getattr(item, key)
        if value is not None:
            field(key, _value(value))
    if item.limited is not None:
        pairs = ", ".join(f"{key}: {_value(value)}" for key, value in item.limited)
        field(SIDE_DOSE_KEY, f"{{{pairs}}}")
    if item.sides is not Sides.LIMITED:
        field("sides", item.sides.value)
    if item.rest is not None:
        field("rest", str(item.rest))
    if item.note:
        field("note", _text(item.note))
    return lines


def _field_writer(lines: list[str], indent: str) -> Callable[[str, str], None]:
    def field(key: str, value: str) -> None:
        lines.append(f"{indent}{key}: {value}")

    return field


def _value(value: DoseValue) -> str:
    return _range(value) if isinstance(value, Range) else str(value)


def _range(value: Range) -> str:
    return str(value.low) if value.is_fixed else f"[{value.low}, {value.high}]"


def _text(value: str) -> str:
    """``value`` as a one-line YAML scalar that reads back as exactly this string."""
    plain = _dump_scalar(value, None)
    return plain if "\n" not in plain else _dump_scalar(value, '"')


def _dump_scalar(value: str, style: str | None) -> str:
    import yaml  # when a routine is written, not when the app starts

    out = yaml.safe_dump(
        value, default_style=style, width=float("inf"), allow_unicode=True, explicit_end=False
    )
    if out.endswith("\n...\n"):
        out = out[: -len("\n...\n")]
    return out.rstrip("\n")
