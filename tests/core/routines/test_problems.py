"""Problems carry a code and a structured location; their text is rendered from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from hiptimer.core.paths import builtin_routines_dir
from hiptimer.core.routines.catalog import load_catalog
from hiptimer.core.routines.loader import load_file, load_text
from hiptimer.core.routines.model import Exercise, Item, Kind, Library, Range, Routine, Section
from hiptimer.core.routines.problems import NOWHERE, Code, Location, Problem
from hiptimer.core.routines.user_files import check_routine
from tests.core.routines.test_loader_corpus import INVALID, corpus_library

LIBRARY = Library(
    {
        "hold-it": Exercise("hold-it", "Hold it", "S", "on-back", steps=("Go.",)),
        "prone-ir-test": Exercise(
            "prone-ir-test", "Prone", "Tests", "face-down", steps=("Lie.",), normal=Range(35, 45)
        ),
    }
)

TWO_SECTIONS = """\
format: 1
routines:
  - id: r
    name: R
    sections:
      - name: A
        items:
          - {exercise: hold-it, kind: hold, seconds: 60}
      - name: B
        items:
          - {exercise: hold-it, kind: hold, seconds: 60}
          - {exercise: hold-it, kind: hold, seconds: 0}
"""
CLEAN = TWO_SECTIONS.replace("seconds: 0}", "seconds: 5}")


def only(text: str) -> Problem:
    (problem,) = load_text(text, "t.yaml", LIBRARY).problems
    return problem


def test_a_problem_renders_file_line_place_and_detail() -> None:
    where = Location(routine=0, routine_id="r", section=1, item=0, number=2, item_exercise="x")
    problem = Problem("a.yaml", 3, Code.OUT_OF_RANGE, "seconds must be …", where.at("seconds"))
    assert problem.message == "routine 'r', item 2 (x): seconds must be …"
    assert str(problem) == "a.yaml:3: routine 'r', item 2 (x): seconds must be …"
    assert str(Problem("a.yaml", 3, Code.SYNTAX, "bad")) == "a.yaml:3: bad"


@pytest.mark.parametrize(
    ("location", "text"),
    [
        (NOWHERE, ""),
        (Location(key="routines"), ""),
        (Location(routine=2), "routine 3"),
        (Location(routine=0, routine_id="quick"), "routine 'quick'"),
        (Location(routine=0, routine_id="quick", section=1), "routine 'quick', section 2"),
        (Location(routine=0, section=1, item=0, number=4), "routine 1, item 4"),
        (
            Location(routine=0, section=0, item=0, number=1, item_exercise=""),
            "routine 1, item 1 ()",
        ),
        (Location(exercise="wall-turn", key="feel"), "exercise 'wall-turn'"),
        (Location(routine_id="daily", key="id"), ""),  # a routine as a whole, no place in a file
    ],
)
def test_location_text(location: Location, text: str) -> None:
    assert location.text() == text


def test_at_sets_the_key_once() -> None:
    assert Location(routine=0).at("name").key == "name"
    assert Location(routine=0, key="steps").at("steps entry 2").key == "steps"
    assert Location(routine=0).at("") == Location(routine=0)


def test_an_item_problem_names_its_section_item_and_key() -> None:
    problem = only(TWO_SECTIONS)
    assert problem.code is Code.OUT_OF_RANGE
    assert problem.location == Location(
        routine=0,
        routine_id="r",
        section=1,
        item=1,
        number=3,
        item_exercise="hold-it",
        key="seconds",
    )
    assert problem.message == (
        "routine 'r', item 3 (hold-it): seconds must be between 1 and 1800, got 0"
    )
    assert problem.detail == "seconds must be between 1 and 1800, got 0"


def test_an_empty_section_is_located_at_its_items() -> None:
    first = "        items:\n          - {exercise: hold-it, kind: hold, seconds: 60}\n"
    problem = only(CLEAN.replace(first, "        items: []\n", 1))
    assert (problem.code, problem.location.section, problem.location.item) == (Code.EMPTY, 0, None)
    assert problem.location.key == "items"
    assert problem.message == "routine 'r', section 1: items must list at least one item"


@pytest.mark.parametrize(
    ("old", "new", "code", "key"),
    [
        ("name: R", "name: ''", Code.EMPTY, "name"),
        ("name: R", "name: [R]", Code.WRONG_TYPE, "name"),
        ("name: R", "name: R\n    nme: R", Code.UNKNOWN_KEY, "nme"),
        ("    name: R\n", "", Code.MISSING_KEY, "name"),
        ("id: r", "id: R!", Code.BAD_ID, "id"),
        ("seconds: 5}", "seconds: 5, sides: sideways}", Code.UNKNOWN_CHOICE, "sides"),
        ("seconds: 5}", "seconds: 5, sides: alternate}", Code.NOT_FOR_KIND, "sides"),
        ("seconds: 5}", "seconds: [5, 9]}", Code.NOT_FOR_KIND, "seconds"),
        ("seconds: 5}", "seconds: 5, count: 3}", Code.NOT_FOR_KIND, "count"),
        ("seconds: 5}", "seconds: 5, rest: 601}", Code.OUT_OF_RANGE, "rest"),
        ("seconds: 5}", "seconds: 5, seconds: 6}", Code.DUPLICATE, "seconds"),
        ("hold-it, kind: hold, seconds: 5", "hold-it, kind: test", Code.NOT_FOR_KIND, "exercise"),
        ("hold-it, kind: hold, seconds: 5", "nope, kind: once", Code.UNKNOWN_EXERCISE, "exercise"),
        ("format: 1", "format: 2", Code.FORMAT, "format"),
    ],
)
def test_each_problem_has_a_code_and_a_key(old: str, new: str, code: Code, key: str) -> None:
    problem = only(CLEAN.replace(old, new, 1))
    assert (problem.code, problem.location.key) == (code, key)


def test_a_routine_with_a_bad_id_is_named_by_its_number() -> None:
    problem = only(CLEAN.replace("id: r", "id: 'R R'"))
    assert problem.location.routine == 0 and problem.location.routine_id is None
    assert problem.message.startswith("routine 1: id 'R R' is not a valid id")


def test_an_exercise_definition_problem_names_the_exercise() -> None:
    text = "format: 1\nexercises:\n  mine: {name: M, section: S, position: nowhere, steps: [Go.]}\n"
    problem = only(text)
    assert problem.code is Code.UNKNOWN_CHOICE
    assert problem.location == Location(exercise="mine", key="position")
    assert problem.message.startswith("exercise 'mine': unknown position 'nowhere'")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("format: [1", Code.SYNTAX),
        ("[" * 20 + "]" * 20, Code.TOO_DEEP),
        ("format: !!python/object:os.system {}\n", Code.NOT_ALLOWED),
        ("", Code.EMPTY),
        (b"caf\xe9", Code.UNREADABLE),
        ("format: 1\n" + "#" * (256 * 1024), Code.TOO_LARGE),
        ("format: 1\nroutines: [1" + "0" * 50 + "]\n", Code.TOO_LONG),
    ],
)
def test_file_level_problems_have_codes_and_no_place(text: str | bytes, code: Code) -> None:
    problems = load_text(text, "t.yaml", LIBRARY).problems
    assert problems[0].code is code
    assert problems[0].location == NOWHERE


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_every_corpus_problem_is_rendered_from_its_parts(path: Path) -> None:
    for problem in load_file(path, corpus_library()).problems:
        assert problem.code is not Code.INTERNAL
        where = problem.location.text()
        assert problem.message == (f"{where}: {problem.detail}" if where else problem.detail)
        if problem.location.number is not None:
            assert problem.location.section is not None and problem.location.item is not None


def test_the_id_clash_of_check_routine_names_the_routine_and_its_id() -> None:
    routine = Routine("x", "X", (Section("S", (Item("hold-it", Kind.ONCE),)),))
    (problem,) = check_routine(routine, LIBRARY, "x.yaml", taken_ids=["x"])
    assert problem.code is Code.ID_CLASH
    assert problem.location == Location(routine_id="x", key="id")
    assert problem.message == "routine id 'x' is already used by another routine"


def test_the_catalog_id_clash_names_the_routine(tmp_path: Path) -> None:
    mine = (
        "format: 1\nroutines:\n  - id: daily\n    name: Mine\n    sections:\n"
        "      - {name: A, items: [{exercise: figure-four-supine, kind: once}]}\n"
    )
    (tmp_path / "clash.yaml").write_text(mine, encoding="utf-8")
    (problem,) = load_catalog(builtin_routines_dir(), tmp_path).problems
    assert problem.code is Code.ID_CLASH
    assert problem.location == Location(routine_id="daily", key="id")
    assert problem.message.startswith("routine id 'daily' is already used by ")
