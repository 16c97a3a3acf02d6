"""dump_file writes the documented format, and load_text reads it back into equal objects."""

from __future__ import annotations

import dataclasses
import random

import pytest

from hiptimer.core.routines.limits import MAX_NAME_CHARS
from hiptimer.core.routines.loader import load_text
from hiptimer.core.routines.model import (
    EQUIPMENT,
    POSITIONS,
    Exercise,
    Item,
    Kind,
    Library,
    Range,
    Routine,
    Section,
    Sidedness,
    Sides,
    Target,
)
from hiptimer.core.routines.schema import KIND_SPECS, Value, with_dose
from hiptimer.core.routines.writer import dump_file

LIBRARY = Library(
    {
        "deep-glutes-release": Exercise(
            "deep-glutes-release", "Deep glutes release", "Releases", "figure-four-ball"
        ),
        "prone-ir-test": Exercise(
            "prone-ir-test", "Prone IR test", "Tests", "face-down", normal=Range(35, 45)
        ),
    }
)

# Text that a careless writer would get wrong: YAML keywords, numbers, indicators, quotes.
TRICKY_TEXTS = [
    "yes",
    "No",
    "null",
    "~",
    "true",
    "123",
    "1.5",
    "0x1F",
    "1:30",
    "2024-01-01",
    "a: b",
    "# not a comment",
    "- not a list",
    "'single'",
    '"double"',
    "it's",
    "[x, y]",
    "{a: 1}",
    "*star",
    "&amp",
    "!bang",
    "%percent",
    "@at",
    "`tick",
    "> folded",
    "| literal",
    "  leading spaces",
    "trailing space ",
    "two\nlines",
    "tab\tinside",
    "café – 90/90 ✓",
    "ends with colon:",
    "<<",
    "=",
    "back\\slash",
    "x" * 1000,
]


def _text(rng: random.Random, limit: int = 1000) -> str:
    if rng.random() < 0.5:
        tricky = (
            TRICKY_TEXTS if limit > MAX_NAME_CHARS else [t for t in TRICKY_TEXTS if t.isprintable()]
        )
        return rng.choice(tricky)[:limit]
    words = ["Lie", "on", "your", "back", "knee", "turns", "in", "slowly", "90/90", "—", "hip"]
    return " ".join(rng.choice(words) for _ in range(rng.randint(1, 12)))[:limit]


def _range(rng: random.Random, low: int, high: int, fixed: bool = False) -> Range:
    a = rng.randint(low, high)
    if fixed or rng.random() < 0.3:
        return Range(a, a)
    b = rng.randint(low, high)
    return Range(min(a, b), max(a, b))


def _exercise(rng: random.Random, exercise_id: str, with_normal: bool) -> Exercise:
    def texts(n_max: int) -> tuple[str, ...]:
        return tuple(_text(rng) for _ in range(rng.randint(0, n_max)))

    return Exercise(
        id=exercise_id,
        name=_text(rng, 200),
        section=_text(rng, 200),
        position=rng.choice(list(POSITIONS)),
        equipment=tuple(rng.sample(list(EQUIPMENT), rng.randint(0, 3))),
        sidedness=rng.choice(
            [s for s in Sidedness if not (with_normal and s is Sidedness.ALTERNATING)]
        ),
        steps=tuple(_text(rng) for _ in range(rng.randint(1, 20))),
        feel=_text(rng) if rng.random() < 0.5 else "",
        cautions=texts(4),
        progressions=texts(3),
        normal=_range(rng, 0, 90) if with_normal else None,
    )


def _dose(rng: random.Random, kind: Kind, every: bool) -> dict[str, int | Range]:
    """Random values for the required dose keys of ``kind`` (all with ``every``), and each
    optional one half the time."""
    dose: dict[str, int | Range] = {}
    for field in KIND_SPECS[kind].fields:
        if (every and field.required) or rng.random() < 0.5:
            low, high = field.limits
            if field.value is Value.NUMBER:
                dose[field.key] = rng.randint(low, high)
            else:
                dose[field.key] = _range(rng, low, high, fixed=field.value is Value.FIXED)
    return dose


def _item(
    rng: random.Random, kind: Kind, exercises: dict[str, Exercise], test_ids: list[str]
) -> Item:
    """A random valid item of ``kind``: every required dose key, each optional one half the time,
    and a limited side's own dose now and then where the exercise has a limited side."""
    spec = KIND_SPECS[kind]
    sidedness = {i: e.sidedness for i, e in exercises.items()}
    usable = [
        i for i, s in sidedness.items() if s is not Sidedness.ALTERNATING or kind is Kind.REPS
    ]
    exercise_id = rng.choice(test_ids if spec.needs_normal else usable)
    alternating = sidedness.get(exercise_id) is Sidedness.ALTERNATING
    sides = rng.choice([s for s in spec.sides if not (alternating and s is Sides.BOTH)])
    limited = None
    one_side = sidedness.get(exercise_id) in (Sidedness.ONE_SIDE, Sidedness.EITHER)
    if spec.scaled and one_side and sides is not Sides.ALTERNATE and rng.random() < 0.4:
        own = _dose(rng, kind, every=False)
        limited = tuple((f.key, own[f.key]) for f in spec.fields if f.key in own)
    item = Item(
        exercise=exercise_id,
        kind=kind,
        sides=sides,
        limited=limited,
        rest=rng.choice([None, 0, rng.randint(0, 600)]),
        note=_text(rng) if rng.random() < 0.4 else "",
    )
    return with_dose(item, _dose(rng, kind, every=True))


def _random_file(seed: int) -> tuple[list[Routine], dict[str, Exercise]]:
    rng = random.Random(seed)
    exercises = {
        f"own-{n}": _exercise(rng, f"own-{n}", with_normal=n % 3 == 0)
        for n in range(rng.randint(0, 5))
    }
    known = {**LIBRARY.exercises, **exercises}
    test_ids = ["prone-ir-test", *(i for i, e in exercises.items() if e.normal is not None)]
    routines = []
    for n in range(rng.randint(1, 4)):
        kinds = list(Kind)
        rng.shuffle(kinds)  # every kind in every routine, in a random order
        items = [_item(rng, kind, known, test_ids) for kind in kinds]
        items += [_item(rng, rng.choice(list(Kind)), known, test_ids) for _ in range(3)]
        cut = rng.randint(1, len(items) - 1)
        routines.append(
            Routine(
                id=f"routine-{seed}-{n}",
                name=_text(rng, 200),
                description=_text(rng) if rng.random() < 0.5 else "",
                rest=rng.choice([15, 0, 600, rng.randint(0, 600)]),
                limited_extra=rng.choice([0, 50, rng.randint(0, 200)]),
                target=rng.choice(
                    [None, Target(rng.randint(1, 14)), Target(3, rng.randint(1, 52))]
                ),
                sections=(
                    Section(_text(rng, 200), tuple(items[:cut])),
                    Section(_text(rng, 200), tuple(items[cut:])),
                ),
            )
        )
    return routines, exercises


def _plain(obj):  # a dataclass with line/source fields zeroed
    if isinstance(obj, Routine):
        sections = tuple(
            Section(s.name, tuple(dataclasses.replace(i, line=0) for i in s.items))
            for s in obj.sections
        )
        return dataclasses.replace(obj, sections=sections, line=0, source="", builtin=False)
    return dataclasses.replace(obj, line=0, source="")


@pytest.mark.parametrize("seed", range(40))
def test_round_trip_gives_equal_objects(seed: int) -> None:
    routines, exercises = _random_file(seed)
    text = dump_file(routines, exercises)
    result = load_text(text, "dumped.yaml", LIBRARY)
    assert result.problems == [], text
    assert [_plain(r) for r in result.routines] == routines
    assert {k: _plain(e) for k, e in result.exercises.items()} == exercises


def test_every_kind_and_option_is_covered_by_the_random_files() -> None:
    seen: set[object] = set()
    for seed in range(40):
        routines, exercises = _random_file(seed)
        for item in (i for r in routines for i in r.items):
            seen.add(item.kind)
            seen.add(item.sides)
            keys = ("hold", "pace", "rest", "note", "seconds", "sets", "set_rest", "limited")
            seen.update(k for k in keys if getattr(item, k))
            seen.update("limited={}" for _ in [item] if item.limited == ())
        seen.update(e.sidedness for e in exercises.values())
        seen.update("normal" for e in exercises.values() if e.normal is not None)
        seen.update("extra" for r in routines if r.limited_extra)
        seen.update("target" for r in routines if r.target)
        seen.update("weeks" for r in routines if r.target and r.target.weeks)
    assert set(Kind) | set(Sides) | set(Sidedness) <= seen
    assert {"hold", "pace", "rest", "note", "seconds", "normal", "sets", "set_rest"} <= seen
    assert {"limited", "limited={}", "extra", "target", "weeks"} <= seen


def test_dump_uses_documented_order_and_omits_defaults() -> None:
    routine = Routine(
        id="quick",
        name="Quick",
        sections=(
            Section(
                "Move",
                (
                    Item("deep-glutes-release", Kind.RELEASE, seconds=Range(60, 120)),
                    Item("deep-glutes-release", Kind.HOLD, seconds=Range(30, 30), rest=0),
                    Item(
                        "deep-glutes-release",
                        Kind.REPS,
                        count=20,
                        sides=Sides.ALTERNATE,
                        note="Hands behind me",
                    ),
                    Item("deep-glutes-release", Kind.CYCLES, work=10, relax=5, count=5),
                ),
            ),
        ),
    )
    assert dump_file([routine]) == (
        "format: 1\n"
        "\n"
        "routines:\n"
        "  - id: quick\n"
        "    name: Quick\n"
        "    sections:\n"
        "      - name: Move\n"
        "        items:\n"
        "          - exercise: deep-glutes-release\n"
        "            kind: release\n"
        "            seconds: [60, 120]\n"
        "          - exercise: deep-glutes-release\n"
        "            kind: hold\n"
        "            seconds: 30\n"
        "            rest: 0\n"
        "          - exercise: deep-glutes-release\n"
        "            kind: reps\n"
        "            count: 20\n"
        "            sides: alternate\n"
        "            note: Hands behind me\n"
        "          - exercise: deep-glutes-release\n"
        "            kind: cycles\n"
        "            work: 10\n"
        "            relax: 5\n"
        "            count: 5\n"
    )


def test_dump_exercise_with_defaults_left_out() -> None:
    exercise = Exercise(
        "wall-turn",
        "Wall turn",
        "Gentle",
        "feet-on-wall",
        equipment=("wall",),
        steps=("Lie down.",),
    )
    assert dump_file([], {"wall-turn": exercise}) == (
        "format: 1\n"
        "\n"
        "exercises:\n"
        "  wall-turn:\n"
        "    name: Wall turn\n"
        "    section: Gentle\n"
        "    position: feet-on-wall\n"
        "    equipment: [wall]\n"
        "    steps:\n"
        "      - Lie down.\n"
    )


def test_texts_that_look_like_other_types_are_quoted() -> None:
    routine = Routine(
        "r", "yes", (Section("123", (Item("deep-glutes-release", Kind.ONCE, note="null"),)),)
    )
    text = dump_file([routine])
    assert "name: 'yes'" in text
    assert "- name: '123'" in text
    assert "note: 'null'" in text
