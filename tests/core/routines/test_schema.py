"""The per-kind spec table: complete, consistent with the limits, and what its readers use."""

from __future__ import annotations

import dataclasses

import pytest

from hiptimer.core.routines import limits
from hiptimer.core.routines.model import Item, Kind, Range, Sides
from hiptimer.core.routines.schema import (
    DEFAULT_HELD_PACE,
    DEFAULT_HELD_REP,
    DEFAULT_ONCE_SECONDS,
    DEFAULT_PACE,
    DOSE_KEYS,
    ITEM_KEYS,
    KIND_SPECS,
    DoseField,
    KindSpec,
    Row,
    Value,
    dose_text,
    kinds_allowing,
    kinds_taking,
    with_dose,
)

FIELDS = [(spec, dose) for spec in KIND_SPECS.values() for dose in spec.fields]


def field_id(pair: tuple[KindSpec, DoseField]) -> str:
    return f"{pair[0].kind.value}.{pair[1].key}"


def test_every_kind_has_one_spec() -> None:
    assert list(KIND_SPECS) == list(Kind)
    assert all(kind is spec.kind for kind, spec in KIND_SPECS.items())


def test_the_dose_keys_in_the_documented_order() -> None:
    sets = ("sets", "set_rest")
    assert {kind: spec.keys for kind, spec in KIND_SPECS.items()} == {
        Kind.HOLD: ("seconds", *sets),
        Kind.RELEASE: ("seconds",),
        Kind.REPS: ("count", "hold", "pace", *sets),
        Kind.CYCLES: ("work", "relax", "count", *sets),
        Kind.ONCE: ("seconds",),
        Kind.TEST: (),
    }
    assert {kind: spec.required_keys for kind, spec in KIND_SPECS.items()} == {
        Kind.HOLD: ("seconds",),
        Kind.RELEASE: ("seconds",),
        Kind.REPS: ("count",),
        Kind.CYCLES: ("work", "relax", "count"),
        Kind.ONCE: (),
        Kind.TEST: (),
    }
    assert DOSE_KEYS == ("seconds", "sets", "set_rest", "count", "hold", "pace", "work", "relax")
    assert ("exercise", "kind", "sides", "rest", "note", *DOSE_KEYS, "limited") == ITEM_KEYS


def test_the_kinds_with_sets_and_a_limited_side_dose() -> None:
    with_sets = [spec.kind for spec in KIND_SPECS.values() if spec.field("sets")]
    assert with_sets == [Kind.HOLD, Kind.REPS, Kind.CYCLES]
    assert {kind: spec.scaled for kind, spec in KIND_SPECS.items() if spec.scaled} == {
        Kind.HOLD: ("seconds",),
        Kind.RELEASE: ("seconds",),
        Kind.REPS: ("count",),
        Kind.CYCLES: ("count",),
    }
    for spec in KIND_SPECS.values():
        assert set(spec.scaled) <= set(spec.keys)


def test_the_limits_come_from_the_limits_module() -> None:
    found = {(spec.kind, dose.key): dose.limits for spec, dose in FIELDS}
    assert found[(Kind.REPS, "count")] is limits.REPS_COUNT_LIMITS == (1, 500)
    assert found[(Kind.CYCLES, "count")] is limits.CYCLES_COUNT_LIMITS == (1, 100)
    for kind in (Kind.HOLD, Kind.RELEASE, Kind.ONCE):
        assert found[(kind, "seconds")] is limits.SECONDS_LIMITS
    for key in ("hold", "pace"):
        assert found[(Kind.REPS, key)] is limits.SHORT_SECONDS_LIMITS
    for key in ("work", "relax"):
        assert found[(Kind.CYCLES, key)] is limits.SHORT_SECONDS_LIMITS
    for kind in (Kind.HOLD, Kind.REPS, Kind.CYCLES):
        assert found[(kind, "sets")] is limits.SETS_LIMITS == (1, 10)
        assert found[(kind, "set_rest")] is limits.REST_LIMITS


def test_only_release_takes_a_range_of_seconds_and_only_reps_alternate() -> None:
    assert kinds_taking("seconds", Value.RANGE) == (Kind.RELEASE,)
    assert kinds_taking("seconds", Value.FIXED) == (Kind.HOLD, Kind.ONCE)
    assert kinds_allowing(Sides.ALTERNATE) == (Kind.REPS,)
    assert kinds_allowing(Sides.LIMITED) == tuple(Kind)
    assert kinds_allowing(Sides.BOTH) == tuple(Kind)


@pytest.mark.parametrize(("spec", "dose"), FIELDS, ids=map(field_id, FIELDS))
def test_every_field_is_consistent(spec: KindSpec, dose: DoseField) -> None:
    assert dose.key in {f.name for f in dataclasses.fields(Item)}
    assert dose.name, "every control needs an accessible name"
    if dose.required:
        assert dose.fallback is None and dose.key in spec.defaults
    if dose.row is Row.TOGGLED_RANGE:
        assert not dose.required and dose.switched_on is not None
        assert dose.limits.low <= dose.switched_on.low <= dose.switched_on.high <= dose.limits.high
    if dose.row is Row.NUMBER_OR_DEFAULT:
        assert not dose.required and dose.fallback is not None
    if dose.row in (Row.NUMBER, Row.NUMBER_OR_DEFAULT, Row.RANGE):
        assert dose.label, "a row without a label must say what it is on its check box"
    if dose.row is Row.RANGE:
        assert dose.ends
    if dose.key in spec.defaults:
        value = spec.defaults[dose.key]
        numbers = (value.low, value.high) if isinstance(value, Range) else (value,)
        assert all(number in dose.limits for number in numbers)
        assert isinstance(value, Range) is (dose.value is not Value.NUMBER)


def test_the_builder_rows_by_field() -> None:
    rows = {field_id((spec, dose)): dose.row for spec, dose in FIELDS}
    sets = {
        f"{kind}.{key}": row
        for kind in ("hold", "reps", "cycles")
        for key, row in (("sets", Row.NUMBER), ("set_rest", Row.NUMBER_OR_DEFAULT))
    }
    assert rows == {
        "hold.seconds": Row.NUMBER,
        "release.seconds": Row.RANGE,
        "reps.count": Row.NUMBER,
        "reps.hold": Row.TOGGLED_RANGE,
        "reps.pace": Row.NUMBER_OR_DEFAULT,
        "cycles.work": Row.NUMBER,
        "cycles.relax": Row.NUMBER,
        "cycles.count": Row.NUMBER,
        "once.seconds": Row.NUMBER,
        **sets,
    }
    assert Range(3, 5) == DEFAULT_HELD_REP


def test_the_players_fallbacks() -> None:
    pace = KIND_SPECS[Kind.REPS].field("pace")
    assert pace is not None and pace.fallback is not None
    plain = Item("x", Kind.REPS, count=5)
    held = dataclasses.replace(plain, hold=Range(3, 5))
    assert (
        (pace.fallback(plain), pace.fallback(held)) == (DEFAULT_PACE, DEFAULT_HELD_PACE) == (3, 2)
    )
    assert (pace.blank_text(plain), pace.blank_text(held)) == ("default (3 s)", "default (2 s)")
    wait = KIND_SPECS[Kind.ONCE].field("seconds")
    assert wait is not None and wait.fallback is not None
    assert wait.fallback(Item("x", Kind.ONCE)) == DEFAULT_ONCE_SECONDS == 10
    assert wait.shown_value(Item("x", Kind.ONCE)) == Range(10, 10)
    count = KIND_SPECS[Kind.CYCLES].field("count")
    assert count is not None and count.shown_value(Item("x", Kind.CYCLES)) == 1
    sets = KIND_SPECS[Kind.HOLD].field("sets")
    assert sets is not None and sets.shown_value(Item("x", Kind.HOLD)) == 1 == sets.implied
    set_rest = KIND_SPECS[Kind.HOLD].field("set_rest")
    assert set_rest is not None and set_rest.blank_text(Item("x", Kind.HOLD)) == "default (30 s)"


def test_a_test_needs_a_normal_range_and_nothing_else_does() -> None:
    assert [spec.kind for spec in KIND_SPECS.values() if spec.needs_normal] == [Kind.TEST]


def test_the_kind_menu_labels() -> None:
    assert [spec.label for spec in KIND_SPECS.values()] == [
        "Hold (a countdown)",
        "Release (a time range)",
        "Reps",
        "Cycles (drive and relax)",
        "Once (do it, then Done)",
        "Test (measure degrees)",
    ]


@pytest.mark.parametrize(
    ("item", "text"),
    [
        (Item("x", Kind.HOLD, seconds=Range(60, 60)), "hold 60 s"),
        (Item("x", Kind.HOLD, seconds=Range(30, 30), sides=Sides.BOTH), "hold 30 s, both sides"),
        (Item("x", Kind.RELEASE, seconds=Range(60, 120)), "60–120 s"),
        (Item("x", Kind.RELEASE, seconds=Range(90, 90)), "90 s"),
        (Item("x", Kind.REPS, count=20), "20 reps"),
        (Item("x", Kind.REPS, count=12, hold=Range(3, 5)), "12 reps, hold 3–5 s each"),
        (Item("x", Kind.REPS, count=20, sides=Sides.ALTERNATE), "20 reps, alternating sides"),
        (Item("x", Kind.CYCLES, work=10, relax=5, count=5), "5 × 10 s drive, 5 s relax"),
        (Item("x", Kind.ONCE), "once"),
        (Item("x", Kind.TEST), "measure each side"),
        (Item("x", Kind.REPS, count=20, sets=2), "2 sets: 20 reps"),
        (Item("x", Kind.HOLD, seconds=Range(30, 30), sets=1), "hold 30 s"),
        (
            Item("x", Kind.CYCLES, work=10, relax=5, count=5, sets=3),
            "3 sets: 5 × 10 s drive, 5 s relax",
        ),
        (
            Item(
                "x",
                Kind.HOLD,
                seconds=Range(60, 60),
                sides=Sides.BOTH,
                limited=(("seconds", Range(90, 90)),),
            ),
            "hold 60 s, both sides; limited side hold 90 s",
        ),
        (
            Item("x", Kind.REPS, count=20, sets=2, limited=(("sets", 3),)),
            "2 sets: 20 reps; limited side 3 sets: 20 reps",
        ),
        (Item("x", Kind.REPS, count=20, limited=()), "20 reps"),
    ],
)
def test_dose_text(item: Item, text: str) -> None:
    assert dose_text(item) == text


def test_with_dose_sets_dose_keys_only() -> None:
    item = with_dose(Item("x", Kind.REPS), {"count": 5, "hold": None})
    assert (item.count, item.hold) == (5, None)
    with pytest.raises(ValueError, match="note"):
        with_dose(item, {"note": 1})  # type: ignore[dict-item]
