"""The routine tree: shows sections and items with their doses, marks problems, maps drops."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QAbstractItemView

from hiptimer.core.routines.drafts import Drop
from hiptimer.core.routines.model import Exercise, Item, Kind, Library, Range, Routine, Section
from hiptimer.qt.builder.routine_tree import RoutineTree, drop_position, tree_place

INDICATOR = QAbstractItemView.DropIndicatorPosition
LIBRARY = Library({"a": Exercise("a", "Ankle pump", "S", "on-back")})
ROUTINE = Routine(
    "r",
    "R",
    (
        Section("First", (Item("a", Kind.HOLD, seconds=Range(30, 30), note="easy"),)),
        Section("", (Item("gone", Kind.ONCE), Item("a", Kind.REPS, count=5))),
    ),
)


@pytest.mark.parametrize(
    ("indicator", "drop"),
    [
        (INDICATOR.AboveItem, Drop.ABOVE),
        (INDICATOR.BelowItem, Drop.BELOW),
        (INDICATOR.OnItem, Drop.ON),
        (INDICATOR.OnViewport, Drop.VIEWPORT),
    ],
)
def test_drop_positions(indicator: QAbstractItemView.DropIndicatorPosition, drop: Drop) -> None:
    assert drop_position(indicator) is drop


def test_the_tree_shows_every_item_and_marks_the_bad_places(qtbot) -> None:
    tree = RoutineTree()
    qtbot.addWidget(tree)
    tree.show_routine(ROUTINE, LIBRARY, {(1, 0), (1, None)})
    first, second = tree.topLevelItem(0), tree.topLevelItem(1)
    assert (first.text(0), first.text(1)) == ("First", "")
    assert second.text(0) == "(untitled section)" and "see problems" in second.text(1)
    assert [first.child(0).text(0), first.child(0).text(1)] == ["Ankle pump", "hold 30 s"]
    assert first.child(0).toolTip(0) == "easy"
    assert second.child(0).text(0) == "gone"  # an unknown exercise shows its id
    assert "see problems" in second.child(0).text(1)
    assert second.child(1).text(1) == "5 reps"
    assert [tree_place(node) for node in (first, second.child(1))] == [(0, None), (1, 1)]


def test_select_returns_the_place_only_when_it_is_shown(qtbot) -> None:
    tree = RoutineTree()
    qtbot.addWidget(tree)
    tree.show_routine(ROUTINE, LIBRARY, set())
    assert tree.select((1, 1)) == (1, 1) and tree_place(tree.currentItem()) == (1, 1)
    assert tree.select((1, 5)) is None and tree.currentItem() is None
    assert tree.select((7, None)) is None
    assert tree.select(None) is None
