"""The item form builds one row per dose key of each kind from the schema, and edits only."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from hiptimer.core.routines.model import Exercise, Item, Kind, Range, Sidedness, Sides
from hiptimer.core.routines.schema import KIND_SPECS
from hiptimer.qt.builder.dose_rows import NumberOrDefaultRow, NumberRow, RangeRow, ToggledRangeRow
from hiptimer.qt.builder.item_form import ItemForm

ONE_SIDED = Exercise("x", "Side lying lift", "Strengthening", "side-lying")
TWO_SIDED = Exercise("y", "Bridge", "Strengthening", "on-back", sidedness=Sidedness.TOGETHER)
TEST = Exercise("t", "Prone test", "Tests", "face-down", normal=Range(35, 45))

ITEMS = {
    Kind.HOLD: Item("x", Kind.HOLD, seconds=Range(60, 60)),
    Kind.RELEASE: Item("x", Kind.RELEASE, seconds=Range(60, 120)),
    Kind.REPS: Item("x", Kind.REPS, count=20),
    Kind.CYCLES: Item("x", Kind.CYCLES, work=10, relax=5, count=5),
    Kind.ONCE: Item("x", Kind.ONCE),
    Kind.TEST: Item("t", Kind.TEST),
}


@pytest.fixture
def form(qtbot) -> ItemForm:
    widget = ItemForm()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def edits(form: ItemForm) -> list[tuple[Item, str]]:
    found: list[tuple[Item, str]] = []
    form.edited.connect(lambda item, field: found.append((item, field)))
    return found


def label_of(form: ItemForm, key: str) -> str:
    label = form.form.labelForField(form.dose_row(key))
    return label.text() if isinstance(label, QLabel) else ""


@pytest.mark.parametrize("kind", list(Kind), ids=lambda kind: kind.value)
def test_each_kind_shows_the_rows_of_its_spec(
    form: ItemForm, edits: list[tuple[Item, str]], kind: Kind
) -> None:
    form.show_item(ITEMS[kind], TEST if kind is Kind.TEST else ONE_SIDED)
    spec = KIND_SPECS[kind]
    assert form.shown_keys() == spec.keys
    for dose in spec.fields:
        assert label_of(form, dose.key) == dose.label
        assert form.dose_row(dose.key).accessibleName() == dose.name
    assert edits == []  # showing never edits


def test_the_labels_and_names_people_see(form: ItemForm) -> None:
    form.show_item(ITEMS[Kind.ONCE], ONE_SIDED)
    assert label_of(form, "seconds") == "Wait:"
    form.show_item(ITEMS[Kind.HOLD], ONE_SIDED)
    assert label_of(form, "seconds") == "Seconds:"
    form.show_item(ITEMS[Kind.REPS], ONE_SIDED)
    reps = form.dose_row("count")
    assert isinstance(reps, NumberRow)
    assert (reps.spin.accessibleName(), reps.spin.maximum()) == ("Reps", 500)
    form.show_item(ITEMS[Kind.CYCLES], ONE_SIDED)
    cycles = form.dose_row("count")
    assert isinstance(cycles, NumberRow)
    assert (cycles.spin.accessibleName(), cycles.spin.maximum()) == ("Cycles", 100)
    form.show_item(ITEMS[Kind.RELEASE], ONE_SIDED)
    release = form.dose_row("seconds")
    assert isinstance(release, RangeRow)
    assert release.low.accessibleName() == "Release: shortest seconds"
    assert release.high.accessibleName() == "Release: longest seconds"
    assert (release.low.value(), release.high.value()) == (60, 120)


def test_once_shows_the_players_wait_and_saves_what_you_set(
    form: ItemForm, edits: list[tuple[Item, str]]
) -> None:
    form.show_item(ITEMS[Kind.ONCE], ONE_SIDED)
    row = form.dose_row("seconds")
    assert isinstance(row, NumberRow) and row.spin.value() == 10
    row.spin.setValue(25)
    assert edits == [(Item("x", Kind.ONCE, seconds=Range(25, 25)), "seconds")]


def test_pace_blank_means_the_default_which_depends_on_the_hold(
    form: ItemForm, edits: list[tuple[Item, str]]
) -> None:
    form.show_item(ITEMS[Kind.REPS], ONE_SIDED)
    pace = form.dose_row("pace")
    assert isinstance(pace, NumberOrDefaultRow)
    assert pace.spin.value() == pace.spin.minimum()
    assert pace.spin.text() == "default (3 s)"
    form.show_item(Item("x", Kind.REPS, count=20, hold=Range(3, 5)), ONE_SIDED)
    assert pace.spin.text() == "default (2 s)"
    pace.spin.setValue(4)
    pace.spin.setValue(pace.spin.minimum())
    assert [(item.pace, field) for item, field in edits] == [(4, "pace"), (None, "pace")]


def test_hold_each_rep_turns_a_3_to_5_s_hold_on_and_off(
    form: ItemForm, edits: list[tuple[Item, str]]
) -> None:
    form.show_item(ITEMS[Kind.REPS], ONE_SIDED)
    hold = form.dose_row("hold")
    assert isinstance(hold, ToggledRangeRow)
    assert hold.toggle.text() == "Hold each rep" and not hold.toggle.isChecked()
    assert (hold.low.value(), hold.high.value()) == (3, 5)
    assert not hold.low.isEnabled() and not hold.high.isEnabled()
    hold.toggle.setChecked(True)
    assert edits[-1] == (Item("x", Kind.REPS, count=20, hold=Range(3, 5)), "hold")
    form.show_item(edits[-1][0], ONE_SIDED)
    assert hold.low.isEnabled()
    hold.high.setValue(8)
    assert edits[-1][0].hold == Range(3, 8)
    hold.toggle.setChecked(False)
    assert edits[-1] == (Item("x", Kind.REPS, count=20), "hold")


def test_the_kind_menu_offers_test_only_with_a_normal_range_and_keeps_rest_and_note(
    form: ItemForm, edits: list[tuple[Item, str]]
) -> None:
    item = Item("x", Kind.REPS, count=12, sides=Sides.ALTERNATE, rest=30, note="slow")
    form.show_item(item, ONE_SIDED)
    offered = [form.kind.itemData(i) for i in range(form.kind.count())]
    assert offered == ["hold", "release", "reps", "cycles", "once"]
    form.show_item(ITEMS[Kind.TEST], TEST)
    assert form.kind.findData("test") >= 0
    form.show_item(item, ONE_SIDED)
    form.kind.setCurrentIndex(form.kind.findData("hold"))
    form.kind.activated.emit(form.kind.currentIndex())
    assert edits == [(Item("x", Kind.HOLD, seconds=Range(60, 60), rest=30, note="slow"), "kind")]


def test_sides_rest_and_note(form: ItemForm, edits: list[tuple[Item, str]]) -> None:
    form.show_item(ITEMS[Kind.HOLD], TWO_SIDED)
    assert not form.sides.isVisibleTo(form)  # no side to choose
    form.show_item(ITEMS[Kind.HOLD], ONE_SIDED)
    assert form.sides.isVisibleTo(form)
    assert form.rest.text() == "routine default"
    form.rest.setValue(20)
    form.rest.setValue(form.rest.minimum())
    form.sides.setCurrentIndex(form.sides.findData(Sides.BOTH.value))
    form.sides.activated.emit(form.sides.currentIndex())
    assert [(item.rest, field) for item, field in edits[:2]] == [(20, "rest"), (None, "rest")]
    assert edits[2][0].sides is Sides.BOTH


# --- sets, sidedness, the limited side -------------------------------------------------------

EITHER = Exercise(
    "e", "Knee drop", "Gentle movements", "floor-knees-apart", sidedness=Sidedness.EITHER
)
ALTERNATING = Exercise(
    "a", "Wipers", "Gentle movements", "on-back", sidedness=Sidedness.ALTERNATING
)


def offered(form: ItemForm) -> list[str]:
    return [form.sides.itemData(i) for i in range(form.sides.count())]


def test_sets_and_the_rest_between_them_are_rows_of_the_kinds_that_take_them(
    form: ItemForm, edits: list[tuple[Item, str]]
) -> None:
    form.show_item(ITEMS[Kind.REPS], ONE_SIDED)
    sets = form.dose_row("sets")
    assert isinstance(sets, NumberRow) and sets.spin.value() == 1
    assert label_of(form, "sets") == "Sets:"
    sets.spin.setValue(3)
    assert edits[-1] == (Item("x", Kind.REPS, count=20, sets=3), "sets")
    sets.spin.setValue(1)  # one set is the same as none: the key is left out
    assert edits[-1] == (Item("x", Kind.REPS, count=20), "sets")
    rest = form.dose_row("set_rest")
    assert isinstance(rest, NumberOrDefaultRow) and rest.spin.text() == "default (30 s)"
    form.show_item(ITEMS[Kind.RELEASE], ONE_SIDED)
    assert "sets" not in form.shown_keys()


def test_the_sides_offered_follow_the_exercises_sidedness(form: ItemForm) -> None:
    form.show_item(ITEMS[Kind.REPS], ONE_SIDED)
    assert offered(form) == ["limited", "both"]
    form.show_item(Item("x", Kind.REPS, count=5, sides=Sides.ALTERNATE), ONE_SIDED)
    assert offered(form) == ["limited", "both", "alternate"]  # an older file's choice stays
    form.show_item(Item("e", Kind.REPS, count=20), EITHER)
    assert offered(form) == ["limited", "both", "alternate"]
    form.show_item(Item("e", Kind.HOLD, seconds=Range(30, 30)), EITHER)
    assert offered(form) == ["limited", "both"]  # only reps alternate
    for exercise, words in ((TWO_SIDED, "Both legs together"), (ALTERNATING, "Alternates")):
        form.show_item(Item(exercise.id, Kind.REPS, count=5), exercise)
        assert not form.sides.isVisibleTo(form) and form.sidedness.isVisibleTo(form)
        assert form.sidedness.text().startswith(words)


def test_the_limited_side_box_shows_only_for_items_done_one_side_at_a_time(form: ItemForm) -> None:
    box = form.side_dose
    form.show_item(ITEMS[Kind.HOLD], ONE_SIDED)
    assert box.isVisibleTo(form) and box.shown_keys() == ("seconds", "sets")
    for item, exercise in (
        (Item("y", Kind.HOLD, seconds=Range(30, 30)), TWO_SIDED),
        (Item("a", Kind.REPS, count=5), ALTERNATING),
        (Item("e", Kind.REPS, count=5, sides=Sides.ALTERNATE), EITHER),
        (ITEMS[Kind.ONCE], ONE_SIDED),
        (ITEMS[Kind.TEST], TEST),
    ):
        form.show_item(item, exercise)
        assert not box.isVisibleTo(form), item


def test_an_own_dose_for_the_limited_side_starts_from_the_routines_extra(
    form: ItemForm, edits: list[tuple[Item, str]]
) -> None:
    box = form.side_dose
    form.show_item(ITEMS[Kind.HOLD], ONE_SIDED, extra_percent=50)
    assert not box.toggle.isChecked() and not box.row("seconds").isEnabled()
    assert box.row("seconds").spin.value() == 90  # what the limited side plays now
    assert "50 % more" in box.hint.text()
    box.toggle.setChecked(True)
    own = edits[-1]
    assert own == (
        Item("x", Kind.HOLD, seconds=Range(60, 60), limited=(("seconds", Range(90, 90)),)),
        "limited",
    )
    form.show_item(own[0], ONE_SIDED, extra_percent=50)
    assert box.row("seconds").isEnabled()
    box.row("sets").spin.setValue(3)
    assert edits[-1][0].limited == (("seconds", Range(90, 90)), ("sets", 3))
    form.show_item(edits[-1][0], ONE_SIDED, extra_percent=50)
    box.row("sets").spin.setValue(1)  # one set on the limited side is kept as written
    assert edits[-1][0].limited == (("seconds", Range(90, 90)), ("sets", 1))
    box.toggle.setChecked(False)
    assert edits[-1] == (ITEMS[Kind.HOLD], "limited")


def test_choosing_alternate_drops_the_limited_sides_own_dose(
    form: ItemForm, edits: list[tuple[Item, str]]
) -> None:
    item = Item("e", Kind.REPS, count=20, limited=(("count", 30),))
    form.show_item(item, EITHER)
    form.sides.setCurrentIndex(form.sides.findData(Sides.ALTERNATE.value))
    form.sides.activated.emit(form.sides.currentIndex())
    assert edits[-1] == (Item("e", Kind.REPS, count=20, sides=Sides.ALTERNATE), "sides")
