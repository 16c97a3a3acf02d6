"""The builder's edits as pure functions on a routine: every rule, without Qt."""

from __future__ import annotations

import dataclasses

import pytest

from hiptimer.core.paths import builtin_routines_dir
from hiptimer.core.routines import drafts
from hiptimer.core.routines.catalog import Catalog, load_catalog
from hiptimer.core.routines.drafts import Drop, Edit
from hiptimer.core.routines.loader import load_text
from hiptimer.core.routines.model import (
    Exercise,
    Item,
    Kind,
    Library,
    Range,
    Routine,
    Section,
    Sides,
    Target,
)
from hiptimer.core.routines.schema import KIND_SPECS
from hiptimer.core.routines.user_files import check_routine, routine_text

PROGRAM_SECTIONS = {"Releases", "Stretches", "Strengthening"}


def make(*sections: tuple[str, str]) -> Routine:
    """A routine from ("Section", "a b c") pairs: each word an item's exercise."""
    return Routine(
        "r",
        "R",
        tuple(
            Section(name, tuple(Item(e, Kind.ONCE) for e in exercises.split()))
            for name, exercises in sections
        ),
    )


def shape(routine: Routine) -> list[tuple[str, str]]:
    return [(s.name, " ".join(i.exercise for i in s.items)) for s in routine.sections]


def result(edit: Edit | None) -> tuple[list[tuple[str, str]], drafts.Place]:
    assert edit is not None
    return shape(edit.routine), edit.select


ABC = make(("A", "a1 a2 a3"), ("B", "b1"), ("C", "c1 c2"))


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(builtin_routines_dir(), None)


# --- new items and routines -----------------------------------------------------------------


@pytest.mark.parametrize("kind", list(Kind))
def test_kind_default_gives_the_kinds_usual_dose(kind: Kind) -> None:
    item = drafts.kind_default("x", kind)
    spec = KIND_SPECS[kind]
    assert (item.exercise, item.kind, item.sides) == ("x", kind, Sides.LIMITED)
    for key in ("seconds", "count", "hold", "pace", "work", "relax"):
        assert getattr(item, key) == spec.defaults.get(key)
    assert set(spec.required_keys) <= set(spec.defaults)  # a new item is always valid


def test_kind_default_keeps_sides_the_kind_allows() -> None:
    assert drafts.kind_default("x", Kind.REPS, Sides.ALTERNATE).sides is Sides.ALTERNATE
    assert drafts.kind_default("x", Kind.HOLD, Sides.ALTERNATE).sides is Sides.LIMITED
    assert drafts.kind_default("x", Kind.HOLD, Sides.BOTH).sides is Sides.BOTH


def test_default_item_takes_the_dose_of_the_complete_program(catalog: Catalog) -> None:
    library = catalog.library
    release = drafts.default_item(library["deep-glutes-release"], catalog)
    assert release == Item("deep-glutes-release", Kind.RELEASE, seconds=Range(60, 120))
    drop = drafts.default_item(library["sitting-knee-drop"], catalog)
    assert drop.sides is Sides.ALTERNATE and drop.count == 20
    assert drafts.default_item(library["seated-hip-ir"], catalog).hold == Range(3, 5)
    assert drafts.default_item(library["prone-ir-test"], catalog).kind is Kind.TEST
    assert all(
        (item.rest, item.note, item.line) == (None, "", 0)
        for item in (drafts.default_item(e, catalog) for e in library.exercises.values())
    )


def test_default_item_without_the_program_goes_by_test_then_section(catalog: Catalog) -> None:
    library = catalog.library
    without = Catalog(library=library)
    assert drafts.default_item(library["piriformis-release"], without).kind is Kind.RELEASE
    assert drafts.default_item(library["piriformis-release"], without).seconds == Range(60, 120)
    assert drafts.default_item(library["figure-four-supine"], without).seconds == Range(60, 60)
    assert drafts.default_item(library["prone-ir-test"], without).kind is Kind.TEST
    other = Exercise("x", "X", "Somewhere else", "on-back")
    assert drafts.default_item(other, without) == Item("x", Kind.HOLD, seconds=Range(60, 60))


def test_new_routine_is_empty_with_a_fresh_id(catalog: Catalog) -> None:
    routine = drafts.new_routine("Daily", catalog)
    assert routine.sections == () and routine.name == "Daily"
    assert routine.id not in catalog.ids and routine.id.startswith("daily")


# --- add ------------------------------------------------------------------------------------


def add(routine: Routine, selected: drafts.Place, section: str = "Stretches") -> Edit:
    return drafts.add_item(routine, Item("new", Kind.ONCE), section, selected, PROGRAM_SECTIONS)


def test_the_first_exercise_starts_a_section_named_after_its_own() -> None:
    assert result(add(make(), None)) == ([("Stretches", "new")], (0, 0))


def test_appending_groups_by_the_programs_sections() -> None:
    routine = make(("Releases", "r1"))
    assert result(add(routine, None)) == ([("Releases", "r1"), ("Stretches", "new")], (1, 0))
    assert result(add(routine, (0, 0))) == ([("Releases", "r1"), ("Stretches", "new")], (1, 0))
    assert result(add(routine, (0, None)))[1] == (1, 0)  # the end of the last section too
    same = make(("Stretches", "s1"))
    assert result(add(same, None)) == ([("Stretches", "s1 new")], (0, 1))


def test_a_section_of_your_own_keeps_what_you_append() -> None:
    mine = make(("Releases", "r1"), ("My stuff", "m1"))
    assert result(add(mine, None)) == ([("Releases", "r1"), ("My stuff", "m1 new")], (1, 1))
    empty = make(("Releases", "r1"), ("Section 2", ""))
    assert result(add(empty, (1, None))) == ([("Releases", "r1"), ("Section 2", "new")], (1, 0))


def test_adding_after_an_item_inside_the_routine_never_starts_a_section() -> None:
    routine = make(("Releases", "r1 r2"), ("Stretches", "s1"))
    assert result(add(routine, (0, 0), "Strengthening")) == (
        [("Releases", "r1 new r2"), ("Stretches", "s1")],
        (0, 1),
    )
    assert result(add(routine, (0, None), "Strengthening")) == (
        [("Releases", "r1 r2 new"), ("Stretches", "s1")],
        (0, 2),
    )


# --- items and sections ---------------------------------------------------------------------


def test_set_item_replaces_one_item_and_keeps_it_selected() -> None:
    edit = drafts.set_item(ABC, (2, 1), Item("z", Kind.HOLD, seconds=Range(5, 5)))
    assert result(edit) == ([("A", "a1 a2 a3"), ("B", "b1"), ("C", "c1 z")], (2, 1))
    assert edit.routine.sections[2].items[1].seconds == Range(5, 5)


def test_rename_section() -> None:
    assert result(drafts.rename_section(ABC, 1, "Bee")) == (
        [("A", "a1 a2 a3"), ("Bee", "b1"), ("C", "c1 c2")],
        (1, None),
    )


def test_add_section_names_it_with_a_free_number_after_the_selection() -> None:
    assert result(drafts.add_section(make(), None)) == ([("Section 1", "")], (0, None))
    assert result(drafts.add_section(ABC, None))[0][-1] == ("Section 4", "")
    assert result(drafts.add_section(ABC, (0, 1))) == (
        [("A", "a1 a2 a3"), ("Section 4", ""), ("B", "b1"), ("C", "c1 c2")],
        (1, None),
    )
    taken = make(("Section 2", "x"), ("Section 3", "y"))
    assert result(drafts.add_section(taken, None))[0][-1] == ("Section 4", "")


# --- remove ---------------------------------------------------------------------------------


def test_remove_nothing_selected_does_nothing() -> None:
    assert drafts.remove(ABC, None) is None


@pytest.mark.parametrize(
    ("selected", "after", "select"),
    [
        ((0, 1), [("A", "a1 a3"), ("B", "b1"), ("C", "c1 c2")], (0, 1)),
        ((0, 2), [("A", "a1 a2"), ("B", "b1"), ("C", "c1 c2")], (0, 1)),  # the last: one before
        ((1, 0), [("A", "a1 a2 a3"), ("C", "c1 c2")], (1, 0)),  # emptied: the section goes
        ((2, 0), [("A", "a1 a2 a3"), ("B", "b1"), ("C", "c2")], (2, 0)),
        ((1, None), [("A", "a1 a2 a3"), ("C", "c1 c2")], (1, None)),
        ((2, None), [("A", "a1 a2 a3"), ("B", "b1")], (1, None)),  # the last: one before
        ((0, None), [("B", "b1"), ("C", "c1 c2")], (0, None)),
    ],
)
def test_remove(selected: drafts.Place, after: list[tuple[str, str]], select: drafts.Place) -> None:
    assert result(drafts.remove(ABC, selected)) == (after, select)


def test_removing_the_only_item_of_the_last_section_selects_the_one_before() -> None:
    routine = make(("A", "a1 a2"), ("B", "b1"))
    assert result(drafts.remove(routine, (1, 0))) == ([("A", "a1 a2")], (0, 0))


def test_removing_the_last_item_or_section_empties_the_routine() -> None:
    assert result(drafts.remove(make(("A", "a1")), (0, 0))) == ([], None)
    assert result(drafts.remove(make(("A", "a1")), (0, None))) == ([], None)


def test_after_removing_an_emptied_section_an_empty_neighbour_is_not_selected() -> None:
    routine = make(("A", "a1"), ("Section 2", ""))
    assert result(drafts.remove(routine, (0, 0))) == ([("Section 2", "")], None)


# --- move -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("selected", "step", "after", "select"),
    [
        ((0, 1), -1, [("A", "a2 a1 a3"), ("B", "b1"), ("C", "c1 c2")], (0, 0)),
        ((0, 1), 1, [("A", "a1 a3 a2"), ("B", "b1"), ("C", "c1 c2")], (0, 2)),
        ((1, 0), -1, [("A", "a1 a2 a3 b1"), ("B", ""), ("C", "c1 c2")], (0, 3)),  # to the end
        ((0, 2), 1, [("A", "a1 a2"), ("B", "a3 b1"), ("C", "c1 c2")], (1, 0)),  # to the start
        ((1, None), -1, [("B", "b1"), ("A", "a1 a2 a3"), ("C", "c1 c2")], (0, None)),
        ((1, None), 1, [("A", "a1 a2 a3"), ("C", "c1 c2"), ("B", "b1")], (2, None)),
    ],
)
def test_move_by(
    selected: drafts.Place, step: int, after: list[tuple[str, str]], select: drafts.Place
) -> None:
    assert result(drafts.move_by(ABC, selected, step)) == (after, select)


@pytest.mark.parametrize(
    ("selected", "step"),
    [(None, 1), ((0, 0), -1), ((2, 1), 1), ((0, None), -1), ((2, None), 1)],
)
def test_move_by_at_the_edges_does_nothing(selected: drafts.Place, step: int) -> None:
    assert drafts.move_by(ABC, selected, step) is None


def test_move_item_counts_the_index_before_the_move_and_clamps_it() -> None:
    assert result(drafts.move_item(ABC, (0, 0), 0, 2)) == (
        [("A", "a2 a1 a3"), ("B", "b1"), ("C", "c1 c2")],
        (0, 1),
    )
    assert result(drafts.move_item(ABC, (0, 2), 0, 0))[0][0] == ("A", "a3 a1 a2")
    assert result(drafts.move_item(ABC, (0, 0), 2, 99)) == (
        [("A", "a2 a3"), ("B", "b1"), ("C", "c1 c2 a1")],
        (2, 2),
    )
    assert drafts.move_item(ABC, None, 0, 0) is None
    assert drafts.move_item(ABC, (1, None), 0, 0) is None  # a section is not an item


def test_move_section_counts_the_target_before_the_move() -> None:
    assert result(drafts.move_section(ABC, 0, 2)) == (
        [("B", "b1"), ("A", "a1 a2 a3"), ("C", "c1 c2")],
        (1, None),
    )
    assert result(drafts.move_section(ABC, 0, 3))[0][-1] == ("A", "a1 a2 a3")  # to the end
    assert result(drafts.move_section(ABC, 2, 0)) == (
        [("C", "c1 c2"), ("A", "a1 a2 a3"), ("B", "b1")],
        (0, None),
    )


# --- drag and drop --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "target", "where", "after", "select"),
    [
        # a section: before the one it lands on, after it when below it or on one of its items
        ((0, None), None, Drop.VIEWPORT, ["B", "C", "A"], (2, None)),
        ((2, None), (0, None), Drop.ABOVE, ["C", "A", "B"], (0, None)),
        ((0, None), (1, None), Drop.BELOW, ["B", "A", "C"], (1, None)),
        ((2, None), (1, None), Drop.ON, ["A", "C", "B"], (1, None)),
        ((0, None), (1, 0), Drop.ABOVE, ["B", "A", "C"], (1, None)),
    ],
)
def test_dropping_a_section(
    source: drafts.Place,
    target: drafts.Place,
    where: Drop,
    after: list[str],
    select: drafts.Place,
) -> None:
    names, selected = result(drafts.drop(ABC, source, target, where))
    assert ([name for name, _ in names], selected) == (after, select)


@pytest.mark.parametrize(
    ("target", "where", "after", "select"),
    [
        (None, Drop.VIEWPORT, [("A", "a2 a3"), ("B", "b1"), ("C", "c1 c2 a1")], (2, 2)),
        ((2, None), Drop.ABOVE, [("A", "a2 a3"), ("B", "b1 a1"), ("C", "c1 c2")], (1, 1)),
        ((0, None), Drop.ABOVE, [("A", "a1 a2 a3"), ("B", "b1"), ("C", "c1 c2")], (0, 0)),
        ((1, None), Drop.ON, [("A", "a2 a3"), ("B", "b1 a1"), ("C", "c1 c2")], (1, 1)),
        ((1, None), Drop.BELOW, [("A", "a2 a3"), ("B", "a1 b1"), ("C", "c1 c2")], (1, 0)),
        ((2, 1), Drop.ABOVE, [("A", "a2 a3"), ("B", "b1"), ("C", "c1 a1 c2")], (2, 1)),
        ((2, 1), Drop.BELOW, [("A", "a2 a3"), ("B", "b1"), ("C", "c1 c2 a1")], (2, 2)),
        ((2, 0), Drop.ON, [("A", "a2 a3"), ("B", "b1"), ("C", "c1 a1 c2")], (2, 1)),
        ((0, 2), Drop.BELOW, [("A", "a2 a3 a1"), ("B", "b1"), ("C", "c1 c2")], (0, 2)),
    ],
)
def test_dropping_an_item(
    target: drafts.Place, where: Drop, after: list[tuple[str, str]], select: drafts.Place
) -> None:
    assert result(drafts.drop(ABC, (0, 0), target, where)) == (after, select)


def test_dropping_nothing_does_nothing() -> None:
    assert drafts.drop(ABC, None, (0, 0), Drop.ON) is None


# --- problems on the draft ------------------------------------------------------------------

LIBRARY = Library({"a": Exercise("a", "A", "S", "on-back", steps=("Go.",))})


def problems_of(routine: Routine) -> list[tuple[drafts.Place, str]]:
    found = check_routine(routine, LIBRARY, "mine.yaml")
    return [(drafts.problem_place(p), drafts.plain_message(p)) for p in found]


def test_an_empty_draft_asks_for_an_exercise() -> None:
    assert problems_of(Routine("r", "R", ())) == [
        (None, "Add at least one exercise from the library.")
    ]


def test_an_empty_section_is_marked_and_worded_for_the_builder() -> None:
    routine = Routine("r", "R", (Section("A", (Item("a", Kind.ONCE),)), Section("Section 2", ())))
    assert problems_of(routine) == [
        ((1, None), "This section is empty: add an exercise or remove it.")
    ]


def test_an_item_problem_is_marked_on_its_item_in_its_section() -> None:
    bad = Item("a", Kind.RELEASE, seconds=Range(120, 60))
    routine = Routine("r", "R", (Section("A", (Item("a", Kind.ONCE),)), Section("B", (bad,))))
    assert problems_of(routine) == [
        ((1, 0), "Seconds must be [low, high] with low ≤ high, got [120, 60]")
    ]


def test_a_routine_problem_is_worded_without_its_place() -> None:
    routine = Routine("r", " ", (Section("A", (Item("a", Kind.ONCE),)),))
    assert problems_of(routine) == [(None, "Give the routine a name (at the top).")]


def test_a_personal_routine_keeps_the_programs_order_doses_and_sections() -> None:
    from hiptimer.core.routines.drafts import personal_routine
    from tests.fakes import builtin_catalog

    catalog = builtin_catalog()
    chosen = [
        "swivel-chair",
        "deep-glutes-release",
        "figure-four-supine",
        "no-such",
        "swivel-chair",
    ]
    routine = personal_routine("My top three", chosen, catalog)
    assert [item.exercise for item in routine.items] == [
        "deep-glutes-release",
        "figure-four-supine",
        "swivel-chair",
    ]
    assert [s.name for s in routine.sections] == ["Releases", "Stretches", "Gentle movements"]
    assert routine.items[0].seconds is not None and routine.items[0].seconds.high == 120
    assert routine.name == "My top three" and routine.id not in catalog.ids


# --- sets, the limited side, the target -----------------------------------------------------


def test_kind_default_starts_sets_and_the_limited_side_afresh() -> None:
    item = drafts.kind_default("a", Kind.REPS)
    assert (item.sets, item.set_rest, item.limited) == (None, None, None)


def test_alternating_sides_drop_the_limited_sides_own_dose() -> None:
    item = Item("a", Kind.REPS, count=20, sides=Sides.BOTH, limited=(("count", 30),))
    assert drafts.with_sides(item, Sides.LIMITED).limited == (("count", 30),)
    alternating = drafts.with_sides(item, Sides.ALTERNATE)
    assert (alternating.sides, alternating.limited) == (Sides.ALTERNATE, None)


def test_the_target_and_the_limited_extra_of_a_routine() -> None:
    routine = drafts.set_target(ABC, 3, 6)
    assert routine.target == Target(3, 6) and routine.sections == ABC.sections
    assert drafts.set_target(routine, 2, None).target == Target(2, None)
    assert drafts.set_target(routine, None, 6).target is None
    assert drafts.set_limited_extra(ABC, 50).limited_extra == 50


def test_a_draft_with_sets_and_a_heavier_limited_side_checks_clean_and_reads_back() -> None:
    item = Item("a", Kind.HOLD, seconds=Range(30, 30), sets=2, set_rest=20)
    item = drafts.with_sides(item, Sides.BOTH)
    item = dataclasses.replace(item, limited=(("seconds", Range(45, 45)), ("sets", 3)))
    routine = drafts.set_limited_extra(drafts.set_target(make(("A", "a")), 3, 6), 25)
    routine = drafts.set_item(routine, (0, 0), item).routine
    assert problems_of(routine) == []
    (loaded,) = load_text(routine_text(routine), "mine.yaml", LIBRARY).routines
    assert dataclasses.replace(loaded, line=0, source="").items[0] == dataclasses.replace(
        item, line=loaded.items[0].line
    )
    assert (loaded.target, loaded.limited_extra) == (Target(3, 6), 25)


def test_a_limited_dose_on_an_alternating_item_is_a_problem_on_that_item() -> None:
    bad = Item("a", Kind.REPS, count=20, sides=Sides.ALTERNATE, limited=(("count", 30),))
    routine = Routine("r", "R", (Section("A", (bad,)),))
    ((place, message),) = problems_of(routine)
    assert place == (0, 0) and message.startswith("`limited` does not fit 'a'")
