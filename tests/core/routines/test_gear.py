"""What a routine needs at hand, and the positions it takes you through."""

from __future__ import annotations

from hiptimer.core.routines.gear import gear, positions
from hiptimer.core.routines.model import Exercise, Item, Kind, Library, Range, Routine, Section
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
