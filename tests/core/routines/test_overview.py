"""What a routine needs at hand, and the positions it takes you through."""

from __future__ import annotations

from hiptimer.core.routines.model import (
    Exercise,
    Item,
    Kind,
    Library,
    Range,
    Routine,
    Section,
    Target,
)
from hiptimer.core.routines.overview import (
    gear,
    gear_names,
    limited_extra_text,
    position_names,
    positions,
    target_text,
)
from tests.fakes import builtin_catalog

LIBRARY = Library(
    {
        "ball": Exercise("ball", "Ball", "Releases", "figure-four-ball", ("massage-ball",)),
        "band": Exercise("band", "Band", "Joint mobilization", "on-back", ("band",)),
        "lie": Exercise("lie", "Lie", "Stretches", "on-back"),
        "chair": Exercise("chair", "Chair", "Strengthening", "tall-chair", ("tall-chair", "ball")),
    }
)


def routine(*ids: str) -> Routine:
    items = tuple(Item(i, Kind.HOLD, seconds=Range(30, 30)) for i in ids)
    return Routine("r", "R", (Section("A", items[:2]), Section("B", items[2:])))


def test_gear_is_each_piece_once_in_order_of_first_use() -> None:
    assert gear(routine("lie", "band", "ball", "band", "chair"), LIBRARY) == (
        "band",
        "massage-ball",
        "tall-chair",
        "ball",
    )
    assert gear(routine("lie", "lie"), LIBRARY) == ()


def test_positions_in_order_a_run_kept_once() -> None:
    assert positions(routine("ball", "band", "lie", "chair", "lie", "missing"), LIBRARY) == (
        "figure-four-ball",
        "on-back",
        "tall-chair",
        "on-back",
    )


def test_the_complete_programs_gear() -> None:
    catalog = builtin_catalog()
    program = catalog.find("full-program")
    assert program is not None
    assert gear(program, catalog.library) == (
        "massage-ball",
        "chair",
        "wall",
        "band",
        "swivel-chair",
        "tall-chair",
        "ball",
        "block",
    )


def test_target_and_extra_in_words() -> None:
    assert target_text(Target(3, 6)) == "3 times a week for 6 weeks"
    assert target_text(Target(2)) == "twice a week"
    assert target_text(Target(1, 1)) == "once a week for 1 week"
    assert limited_extra_text(0) == ""
    assert "50 % more" in limited_extra_text(50)


def test_names_of_gear_and_positions() -> None:
    assert gear_names(("band", "block")) == (
        "Thick resistance band and an anchor",
        "Small block (optional)",
    )
    assert position_names(("on-back",)) == ("Lying on your back",)
