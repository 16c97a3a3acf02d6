"""The builder's draft routine, without Qt: new items and routines, every edit, its problems.

Each edit is a pure function from a :class:`Routine` (and the place selected in the builder's
tree) to an :class:`Edit`: the new routine and the place to select after it, or ``None`` when
there is nothing to do.  The editor pushes the result onto its undo stack.  A :data:`Place` is
``(section index, item index)``, ``(section index, None)`` for a section itself, or ``None``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import Enum

from hiptimer.core.routines.catalog import Catalog
from hiptimer.core.routines.model import Exercise, Item, Kind, Routine, Section, Sides, Target
from hiptimer.core.routines.naming import unique_id
from hiptimer.core.routines.problems import Code, Problem
from hiptimer.core.routines.schema import FALLBACK_KIND, KIND_SPECS, with_dose

#: The built-in routine whose doses new items copy.
FULL_PROGRAM_ID = "full-program"

Place = tuple[int, int | None] | None


@dataclass(frozen=True)
class Edit:
    routine: Routine
    select: Place


class Drop(Enum):
    """Where a dragged row lands relative to the row under the pointer."""

    ABOVE = "above"
    BELOW = "below"
    ON = "on"
    VIEWPORT = "viewport"  # below every row


# --- new items and routines -----------------------------------------------------------------


def kind_default(exercise_id: str, kind: Kind, sides: Sides = Sides.LIMITED) -> Item:
    """A fresh item of ``kind`` with the usual dose (when the user switches an item's kind); its
    sets and the limited side's own dose start afresh too."""
    spec = KIND_SPECS[kind]
    if sides not in spec.sides:
        sides = Sides.LIMITED
    return with_dose(Item(exercise_id, kind, sides=sides), spec.defaults)


def new_item_kind(exercise: Exercise) -> Kind:
    """The kind a new item of ``exercise`` gets when the program does not dose it."""
    for spec in KIND_SPECS.values():
        if spec.needs_normal and exercise.normal is not None:
            return spec.kind
    for spec in KIND_SPECS.values():
        if exercise.section in spec.for_sections:
            return spec.kind
    return FALLBACK_KIND


def default_item(exercise: Exercise, catalog: Catalog) -> Item:
    """The dose a newly added exercise starts with.

    The dose of that exercise in the built-in complete program when it has one (without its
    rest and note), else the usual dose of :func:`new_item_kind`.
    """
    program = catalog.find(FULL_PROGRAM_ID)
    if program is not None:
        for item in program.items:
            if item.exercise == exercise.id:
                return dataclasses.replace(item, rest=None, note="", line=0)
    return kind_default(exercise.id, new_item_kind(exercise))


def new_routine(name: str, catalog: Catalog) -> Routine:
    """An empty routine with a fresh id (not saved; add exercises before saving)."""
    return Routine(id=unique_id(name, catalog.ids), name=name, sections=())


def personal_routine(name: str, exercise_ids: Sequence[str], catalog: Catalog) -> Routine:
    """A new routine of these exercises, in the program's order, each at its usual dose and
    grouped by the program's sections (not saved: the builder opens it to change and save)."""
    order = {exercise_id: index for index, exercise_id in enumerate(catalog.library.exercises)}
    chosen = sorted(
        (e for e in dict.fromkeys(exercise_ids) if e in catalog.library),
        key=lambda e: order[e],
    )
    routine = new_routine(name, catalog)
    sections = {exercise.section for exercise in catalog.library.exercises.values()}
    for exercise_id in chosen:
        exercise = catalog.library[exercise_id]
        item = default_item(exercise, catalog)
        routine = add_item(routine, item, exercise.section, None, sections).routine
    return routine


# --- edits ----------------------------------------------------------------------------------


@dataclass
class _Section:
    name: str
    items: list[Item]


def _open(routine: Routine) -> list[_Section]:
    return [_Section(section.name, list(section.items)) for section in routine.sections]


def _edit(routine: Routine, sections: list[_Section], select: Place) -> Edit:
    closed = tuple(Section(section.name, tuple(section.items)) for section in sections)
    return Edit(dataclasses.replace(routine, sections=closed), select)


def add_item(
    routine: Routine,
    item: Item,
    section_name: str,
    selected: Place,
    program_sections: Collection[str],
) -> Edit:
    """Add ``item`` after the selected item (or at the end of the selected or last section).

    Appending at the very end groups by the program's sections: when the last section is one
    of ``program_sections`` and not ``section_name`` (the exercise's own section), a new
    section of that name is started.  A section you named yourself keeps what you add.
    """
    sections = _open(routine)
    if selected is None:
        section = len(sections) - 1
        index = len(sections[-1].items) if sections else 0
    else:
        section, chosen = selected
        index = len(sections[section].items) if chosen is None else chosen + 1
    appending = not sections or (
        section == len(sections) - 1 and index == len(sections[section].items)
    )
    if not sections or (
        appending
        and sections[-1].items
        and sections[-1].name in program_sections
        and sections[-1].name != section_name
    ):
        sections.append(_Section(section_name, []))
        section, index = len(sections) - 1, 0
    sections[section].items.insert(index, item)
    return _edit(routine, sections, (section, index))


def set_item(routine: Routine, place: tuple[int, int], item: Item) -> Edit:
    """Replace the item at ``place`` (a dose, sides, rest or note edit)."""
    section, index = place
    sections = _open(routine)
    sections[section].items[index] = item
    return _edit(routine, sections, place)


def with_sides(item: Item, sides: Sides) -> Item:
    """``item`` played on ``sides``; alternating leaves no limited side, so its own dose goes."""
    limited = None if sides is Sides.ALTERNATE else item.limited
    return dataclasses.replace(item, sides=sides, limited=limited)


def set_target(routine: Routine, per_week: int | None, weeks: int | None) -> Routine:
    """The routine meant ``per_week`` times a week for ``weeks`` weeks (None: no target; no
    end)."""
    target = None if per_week is None else Target(per_week, weeks)
    return dataclasses.replace(routine, target=target)


def set_limited_extra(routine: Routine, percent: int) -> Routine:
    """The routine whose limited side gets ``percent`` % more where an item gives no dose."""
    return dataclasses.replace(routine, limited_extra=percent)


def rename_section(routine: Routine, section: int, name: str) -> Edit:
    sections = _open(routine)
    sections[section].name = name
    return _edit(routine, sections, (section, None))


def add_section(routine: Routine, selected: Place) -> Edit:
    """An empty section named "Section N" (a number no section uses) after the selection."""
    sections = _open(routine)
    names = {section.name for section in sections}
    number = len(sections) + 1
    while f"Section {number}" in names:
        number += 1
    at = len(sections) if selected is None else selected[0] + 1
    sections.insert(at, _Section(f"Section {number}", []))
    return _edit(routine, sections, (at, None))


def remove(routine: Routine, selected: Place) -> Edit | None:
    """Remove the selected item or section; a section left empty goes too.

    Selects the item that took the removed one's place (or the one before it at the end); after
    a section, the section in its place.
    """
    if selected is None:
        return None
    section, index = selected
    sections = _open(routine)
    select: Place
    if index is None:
        del sections[section]
        select = (min(section, len(sections) - 1), None) if sections else None
        return _edit(routine, sections, select)
    del sections[section].items[index]
    remaining = len(sections[section].items)
    if remaining:
        return _edit(routine, sections, (section, min(index, remaining - 1)))
    del sections[section]  # an emptied section goes too (undo brings both back)
    later = section if section < len(sections) else section - 1
    select = (later, 0) if sections and sections[later].items else None
    return _edit(routine, sections, select)


def move_by(routine: Routine, selected: Place, step: int) -> Edit | None:
    """Move the selection one place up (``step`` -1) or down (+1).

    An item at the edge of its section crosses into the next section (at its end going up,
    at its start going down); a section swaps with its neighbour.
    """
    if selected is None:
        return None
    section, index = selected
    sections = _open(routine)
    if index is None:  # a whole section
        target = section + step
        if not 0 <= target < len(sections):
            return None
        sections.insert(target, sections.pop(section))
        return _edit(routine, sections, (target, None))
    items = sections[section].items
    target = index + step
    if 0 <= target < len(items):
        items.insert(target, items.pop(index))
        return _edit(routine, sections, (section, target))
    other = section + step  # across the section border
    if not 0 <= other < len(sections):
        return None
    item = items.pop(index)
    position = len(sections[other].items) if step < 0 else 0
    sections[other].items.insert(position, item)
    return _edit(routine, sections, (other, position))


def move_item(routine: Routine, source: Place, section: int, index: int) -> Edit | None:
    """Move the item at ``source`` to ``index`` of ``section`` (``index`` counted before)."""
    if source is None:
        return None
    from_section, from_index = source
    if from_index is None:
        return None
    sections = _open(routine)
    item = sections[from_section].items.pop(from_index)
    if from_section == section and from_index < index:
        index -= 1
    index = max(0, min(index, len(sections[section].items)))
    sections[section].items.insert(index, item)
    return _edit(routine, sections, (section, index))


def move_section(routine: Routine, source: int, target: int) -> Edit:
    """Move section ``source`` before section ``target`` (counted before the move; may be
    the number of sections, for the end)."""
    sections = _open(routine)
    if source < target:
        target -= 1
    sections.insert(target, sections.pop(source))
    return _edit(routine, sections, (target, None))


def drop(routine: Routine, source: Place, target: Place, where: Drop) -> Edit | None:
    """The move a drag of ``source`` onto ``target`` (``None``: the empty space) asks for.

    A section lands before the section it is dropped on (after it when dropped below it or on
    one of its items).  An item dropped on a section's title goes to its end, above a title
    to the end of the section before, below a title to its start; dropped on an item it goes
    before it (above) or after it; dropped on the empty space, to the end of the routine.
    """
    if source is None:
        return None
    count = len(routine.sections)
    if source[1] is None:  # a section: before or after another section
        if target is None:
            return move_section(routine, source[0], count)
        after = where is Drop.BELOW or target[1] is not None
        return move_section(routine, source[0], target[0] + (1 if after else 0))
    if target is None:
        last = count - 1
        return move_item(routine, source, last, len(routine.sections[last].items))
    section, item = target
    if item is None:  # onto a section title
        if where is Drop.ABOVE and section > 0:
            previous = section - 1
            return move_item(routine, source, previous, len(routine.sections[previous].items))
        if where is Drop.ON:
            return move_item(routine, source, section, len(routine.sections[section].items))
        return move_item(routine, source, section, 0)
    after = where is not Drop.ABOVE
    return move_item(routine, source, section, item + (1 if after else 0))


# --- showing the loader's problems on the draft ---------------------------------------------

_EMPTY_ROUTINE = "Add at least one exercise from the library."
_EMPTY_SECTION = "This section is empty: add an exercise or remove it."
_NO_NAME = "Give the routine a name (at the top)."
_NAME_TAKEN = "Another routine already has this name: choose another one."
#: The builder's own words for problems only an unfinished draft has, by (code, key).
_FRIENDLY = {
    (Code.WRONG_TYPE, "sections"): _EMPTY_ROUTINE,  # the writer leaves no sections as nothing
    (Code.EMPTY, "sections"): _EMPTY_ROUTINE,
    (Code.WRONG_TYPE, "items"): _EMPTY_SECTION,
    (Code.EMPTY, "items"): _EMPTY_SECTION,
}


def problem_place(problem: Problem) -> Place:
    """The section or item of the draft a problem is about; ``None`` for the routine."""
    location = problem.location
    if location.section is None:
        return None
    return (location.section, location.item)


def plain_message(problem: Problem) -> str:
    """What is wrong, in the builder's words, without the file, line or place: what to do
    about it in the names the screen uses, not the file's keys."""
    location, key = problem.location, problem.location.key
    friendly = _FRIENDLY.get((problem.code, key))
    if friendly:
        return friendly
    if key == "name" and problem.code is Code.EMPTY:
        return "Give this section a title." if location.section is not None else _NO_NAME
    if problem.code is Code.ID_CLASH:
        return _NAME_TAKEN
    if problem.code is Code.TOO_LONG and key in ("name", "description"):
        what = "title" if location.section is not None else key
        return f"The {what} is too long: {problem.detail.split(': ', 1)[-1]}; shorten it."
    return problem.detail[:1].upper() + problem.detail[1:]
