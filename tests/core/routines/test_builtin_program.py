"""The built-in library and routines are complete and faithful to the program.

The expected program is transcribed below from the project's reference table (PROGRAM.md, kept
outside the repository), so these tests run from a clean clone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from hiptimer.core.paths import builtin_routines_dir
from hiptimer.core.routines.loader import LoadResult, load_file, load_text
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
    Side,
    SideChoice,
    Sidedness,
    Sides,
    Target,
)
from hiptimer.core.session import plan

SECTIONS = (
    "Releases",
    "Stretches",
    "Joint mobilization",
    "Gentle movements",
    "Strengthening",
    "Encourage",
)


@dataclass(frozen=True)
class Row:
    """One row of the program table: what the exercise is and its dose in the full program."""

    number: int
    section: str
    exercise: str
    position: str
    equipment: tuple[str, ...]
    kind: Kind
    dose: dict[str, object] = field(default_factory=dict)
    sides: Sides = Sides.LIMITED
    sidedness: Sidedness = Sidedness.ONE_SIDE  # "one-sided unless the row says otherwise"


RELEASE = {"seconds": Range(60, 120)}
STRETCH = {"seconds": Range(60, 60)}
TWENTY = {"count": 20, "hold": None}
TWENTY_HELD = {"count": 20, "hold": Range(3, 5)}

REL, HOLD, REPS = Kind.RELEASE, Kind.HOLD, Kind.REPS
RELS, STR, MOB, GENTLE, STRONG, ENC = SECTIONS
BALL, BAND, WALL = ("massage-ball",), ("band",), ("wall",)

# Equipment column mapped to EQUIPMENT ids: "thick band, anchor" -> band, "small block
# (optional)" -> block; the seated rotation's "chair" is a tall one (feet off the floor).
PROGRAM: tuple[Row, ...] = (
    Row(1, RELS, "deep-glutes-release", "figure-four-ball", BALL, REL, RELEASE),
    Row(2, RELS, "piriformis-release", "figure-four-ball", BALL, REL, RELEASE),
    Row(3, RELS, "obturator-internus-release", "figure-four-ball", BALL, REL, RELEASE),
    Row(4, RELS, "glute-max-release", "figure-four-ball", BALL, REL, RELEASE),
    Row(5, RELS, "glute-med-min-release", "figure-four-ball", BALL, REL, RELEASE),
    Row(6, STR, "figure-four-sitting", "chair-edge", ("chair",), HOLD, STRETCH),
    Row(7, STR, "figure-four-supine", "on-back", (), HOLD, STRETCH),
    Row(8, STR, "posterior-capsule-stretch", "four-point-kneel", (), HOLD, STRETCH),
    Row(9, STR, "ir-stretch-supine", "on-back", (), HOLD, STRETCH),
    Row(10, STR, "ir-stretch-wall", "feet-on-wall", WALL, HOLD, STRETCH),
    Row(11, MOB, "band-distraction-neutral", "on-back", BAND, REL, RELEASE),
    Row(12, MOB, "band-distraction-flexion", "on-back", BAND, REL, RELEASE),
    Row(13, MOB, "lateral-band-distraction", "on-back", BAND, REL, RELEASE),
    # "a squeeze with both knees": done once, both legs together
    Row(14, MOB, "hip-click", "chair-edge", ("chair",), Kind.ONCE,
        sidedness=Sidedness.TOGETHER),
    Row(15, MOB, "femoral-head-centration", "feet-on-wall", WALL, Kind.CYCLES,
        {"work": 10, "relax": 5, "count": 5}),
    Row(16, GENTLE, "swivel-chair", "kneel-swivel-chair", ("swivel-chair",), REPS, TWENTY),
    Row(17, GENTLE, "straight-leg-rolls", "floor-legs-straight", (), REPS, TWENTY),
    # "two-sided: alternates every rep"; "work only the limited side if you like"
    Row(18, GENTLE, "sitting-knee-drop", "floor-knees-apart", (), REPS, TWENTY, Sides.ALTERNATE,
        Sidedness.EITHER),
    Row(19, STRONG, "seated-hip-ir", "tall-chair", ("tall-chair", "ball"), REPS, TWENTY_HELD),
    Row(20, STRONG, "side-lying-ir", "side-lying", (), REPS, TWENTY_HELD),
    Row(21, STRONG, "hip-shift-wall", "feet-on-wall", WALL, HOLD, {"seconds": Range(30, 30)}),
    Row(22, STRONG, "ninety-ninety-foot-lift", "ninety-ninety", ("block",), REPS,
        {"count": 10, "hold": None}),
    Row(23, ENC, "step-across", "staggered-stance", (), REPS, TWENTY),
    Row(24, ENC, "staggered-stance-hinge", "staggered-stance", (), REPS, TWENTY),
)  # fmt: skip

#: id -> (position, equipment, normal range in degrees)
TESTS: dict[str, tuple[str, tuple[str, ...], Range]] = {
    "prone-ir-test": ("face-down", (), Range(45, 45)),
    "seated-ir-test": ("tall-chair", ("tall-chair",), Range(30, 45)),
}

#: The rows whose notes give a progression.
WITH_PROGRESSIONS = {
    "band-distraction-neutral",
    "band-distraction-flexion",
    "femoral-head-centration",
    "seated-hip-ir",
    "side-lying-ir",
}


def _row_id(row: Row) -> str:
    return row.exercise


ALL_IDS = [row.exercise for row in PROGRAM] + list(TESTS)

# Readability from a few metres away, and the format's documented limits.
MAX_NAME_SHOWN = 32
MAX_STEP_SHOWN = 90
MAX_NAME = 200
MAX_TEXT = 1000
MAX_LIST = 20


# --- loading ---------------------------------------------------------------------------------


def _load(name: str, library: Library | None = None) -> LoadResult:
    path = builtin_routines_dir() / name
    result = load_file(path, library, builtin=True)
    assert result.problems == [], "\n".join(str(p) for p in result.problems)
    assert result.ok
    return result


@pytest.fixture(scope="module")
def exercises() -> dict[str, Exercise]:
    return dict(_load("exercises.yaml").exercises)


@pytest.fixture(scope="module")
def library(exercises: dict[str, Exercise]) -> Library:
    return Library(dict(exercises))


def _routine(name: str, routine_id: str, library: Library) -> Routine:
    result = _load(name, library)
    assert [r.id for r in result.routines] == [routine_id]
    return result.routines[0]


@pytest.fixture(scope="module")
def full_program(library: Library) -> Routine:
    return _routine("full-program.yaml", "full-program", library)


@pytest.fixture(scope="module")
def assessment(library: Library) -> Routine:
    return _routine("assessment.yaml", "assessment", library)


@pytest.fixture(scope="module")
def daily(library: Library) -> Routine:
    return _routine("daily.yaml", "daily", library)


@pytest.fixture(scope="module")
def daily_10(library: Library) -> Routine:
    return _routine("daily-10.yaml", "daily-10", library)


# --- a rough duration estimate (one side) ----------------------------------------------------

LEAD_IN = 10
PACE = 3
MOVE = 2  # seconds to move into and out of a held rep
ONCE_DEFAULT = 10


def _item_seconds(item: Item) -> float:
    if item.kind in (Kind.HOLD, Kind.RELEASE):
        assert item.seconds is not None
        return item.seconds.low
    if item.kind is Kind.REPS:
        assert item.count is not None
        if item.hold is None:
            return item.count * (item.pace or PACE)
        return item.count * (MOVE + (item.hold.low + item.hold.high) / 2 + MOVE)
    if item.kind is Kind.CYCLES:
        assert item.count is not None and item.work is not None and item.relax is not None
        return item.count * (item.work + item.relax)
    if item.kind is Kind.ONCE:
        return item.seconds.low if item.seconds else ONCE_DEFAULT
    raise AssertionError(f"no estimate for {item.kind}")


def estimate_seconds(routine: Routine) -> float:
    """Lead-in and work of every item, plus the rest between items (none after the last)."""
    items = routine.items
    total = sum(LEAD_IN + _item_seconds(item) for item in items)
    total += sum(routine.rest if item.rest is None else item.rest for item in items[:-1])
    return total


def test_estimate_counts_lead_in_work_and_rest_between() -> None:
    assert estimate_seconds(Routine(id="r", name="R", sections=())) == 0
    hold = Item("a", Kind.HOLD, seconds=Range(60, 60), rest=5)
    reps = Item("b", Kind.REPS, count=10, hold=Range(3, 5))
    cycles = Item("c", Kind.CYCLES, work=10, relax=5, count=5)
    routine = Routine(id="r", name="R", rest=15, sections=(Section("S", (hold, reps, cycles)),))
    # 3 lead-ins + 60 + 10*(2+4+2) + 5*15 + rests 5 (after hold) and 15 (after reps)
    assert estimate_seconds(routine) == 30 + 60 + 80 + 75 + 5 + 15


# --- the exercise library ----------------------------------------------------------------------


def test_library_has_exactly_the_program_and_tests_in_order(exercises: dict[str, Exercise]) -> None:
    assert list(exercises) == ALL_IDS


@pytest.mark.parametrize("row", PROGRAM, ids=_row_id)
def test_exercise_matches_program_row(row: Row, exercises: dict[str, Exercise]) -> None:
    exercise = exercises[row.exercise]
    assert exercise.section == row.section
    assert exercise.position == row.position
    assert set(exercise.equipment) == set(row.equipment)
    assert exercise.sidedness is row.sidedness
    assert exercise.normal is None
    assert (len(exercise.progressions) > 0) is (row.exercise in WITH_PROGRESSIONS)


@pytest.mark.parametrize("test_id", list(TESTS))
def test_range_of_motion_tests(test_id: str, exercises: dict[str, Exercise]) -> None:
    position, equipment, normal = TESTS[test_id]
    exercise = exercises[test_id]
    assert exercise.section == "Assessment"
    assert exercise.position == position
    assert set(exercise.equipment) == set(equipment)
    assert exercise.normal == normal
    assert exercise.sidedness is Sidedness.ONE_SIDE
    text = " ".join((*exercise.steps, *exercise.cautions)).lower()
    assert "vertical" in text and "shin" in text
    assert "not always better" in text
    assert "ceiling" in text


def test_seated_test_says_a_helper_or_a_band_is_needed(exercises: dict[str, Exercise]) -> None:
    first = exercises["seated-ir-test"].steps[0].lower()
    assert "helper" in first and "band" in first and "photo" in first
    assert "helper" not in " ".join(exercises["prone-ir-test"].steps).lower()


@pytest.mark.parametrize("exercise_id", ALL_IDS)
def test_exercise_text_is_readable_from_the_floor(
    exercise_id: str, exercises: dict[str, Exercise]
) -> None:
    exercise = exercises[exercise_id]
    assert 0 < len(exercise.name) <= MAX_NAME_SHOWN
    assert 3 <= len(exercise.steps) <= 7
    for step in exercise.steps:
        assert len(step) < MAX_STEP_SHOWN, step
        assert step[0].isupper() or step[0] == '"', step
    assert exercise.feel
    assert exercise.cautions


@pytest.mark.parametrize("exercise_id", ALL_IDS)
def test_exercise_text_within_format_limits(
    exercise_id: str, exercises: dict[str, Exercise]
) -> None:
    exercise = exercises[exercise_id]
    assert exercise.position in POSITIONS
    assert set(exercise.equipment) <= set(EQUIPMENT)
    assert len(exercise.name) <= MAX_NAME
    assert len(exercise.feel) <= MAX_TEXT
    for texts in (exercise.steps, exercise.cautions, exercise.progressions):
        assert len(texts) <= MAX_LIST
        assert all(0 < len(text) <= MAX_TEXT for text in texts)


_DOSE_IN_TEXT = re.compile(r"\b\d+\s*(seconds?|secs?|minutes?|mins?|times|reps?)\b", re.I)


@pytest.mark.parametrize("exercise_id", ALL_IDS)
def test_steps_leave_the_dose_to_the_routine(
    exercise_id: str, exercises: dict[str, Exercise]
) -> None:
    for step in exercises[exercise_id].steps:
        assert not _DOSE_IN_TEXT.search(step), step


@pytest.mark.parametrize("row", [r for r in PROGRAM if r.section == RELS], ids=_row_id)
def test_releases_name_the_target_and_say_look_it_up(
    row: Row, exercises: dict[str, Exercise]
) -> None:
    steps = " ".join(exercises[row.exercise].steps).lower()
    assert "target:" in steps
    assert "look up where" in steps


def test_cautions_cover_the_reasons_to_stop(exercises: dict[str, Exercise]) -> None:
    for row in PROGRAM:
        cautions = " ".join(exercises[row.exercise].cautions).lower()
        assert "stop" in cautions, row.exercise
    assert "pain" in " ".join(exercises["hip-click"].cautions).lower()


def test_hip_shift_is_written_for_either_side(exercises: dict[str, Exercise]) -> None:
    exercise = exercises["hip-shift-wall"]
    text = " ".join((*exercise.steps, exercise.feel, *exercise.cautions)).lower()
    assert not re.search(r"\b(left|right)\b(?! angle)", text)
    assert "working knee" in text and "other knee" in text


# --- the routines ----------------------------------------------------------------------------


def _dose(item: Item) -> dict[str, object]:
    return {
        "seconds": item.seconds,
        "count": item.count,
        "hold": item.hold,
        "work": item.work,
        "relax": item.relax,
    }


def test_full_program_has_six_sections_in_order(full_program: Routine) -> None:
    assert full_program.name
    assert full_program.description
    assert [s.name for s in full_program.sections] == list(SECTIONS)
    by_section = {s.name: [i.exercise for i in s.items] for s in full_program.sections}
    for name in SECTIONS:
        assert by_section[name] == [r.exercise for r in PROGRAM if r.section == name]


def test_full_program_has_all_24_in_order(full_program: Routine) -> None:
    assert [item.exercise for item in full_program.items] == [row.exercise for row in PROGRAM]


@pytest.mark.parametrize("row", PROGRAM, ids=_row_id)
def test_full_program_doses(row: Row, full_program: Routine) -> None:
    item = full_program.items[row.number - 1]
    assert item.exercise == row.exercise
    assert item.kind is row.kind
    assert item.sides is row.sides
    dose = _dose(item)
    for key, expected in row.dose.items():
        assert dose[key] == expected, key
    if row.kind is Kind.ONCE:
        assert item.seconds in (None, Range(ONCE_DEFAULT, ONCE_DEFAULT))


def test_full_program_rests_are_short(full_program: Routine) -> None:
    rests = [full_program.rest if i.rest is None else i.rest for i in full_program.items]
    assert all(5 <= rest <= 20 for rest in rests)
    # Rolling to the next spot on the ball needs hardly any break.
    assert rests[:4] == [5, 5, 5, 5]


def test_assessment_measures_both_tests_on_both_sides(
    assessment: Routine, exercises: dict[str, Exercise]
) -> None:
    assert assessment.description
    assert [item.exercise for item in assessment.items] == list(TESTS)
    for item in assessment.items:
        assert item.kind is Kind.TEST
        assert item.sides is Sides.BOTH
    assert exercises["prone-ir-test"].normal == Range(45, 45)
    assert exercises["seated-ir-test"].normal == Range(30, 45)


def test_daily_is_a_short_mix_of_the_program(
    daily: Routine, exercises: dict[str, Exercise]
) -> None:
    assert daily.description
    assert 4 <= len(daily.items) <= 5
    sections = [exercises[item.exercise].section for item in daily.items]
    assert sections.count("Releases") == 1
    assert 1 <= sections.count("Stretches") <= 2
    assert "Joint mobilization" in sections
    assert "Strengthening" in sections
    assert len({item.exercise for item in daily.items}) == len(daily.items)


def test_daily_takes_twelve_to_fifteen_minutes(daily: Routine) -> None:
    assert 12 * 60 <= estimate_seconds(daily) <= 15 * 60


def test_daily_takes_twelve_to_fifteen_minutes_by_the_plan(
    daily: Routine, library: Library
) -> None:
    """The app's own estimate (what ``hiptimer routines`` shows) agrees, for one side."""
    seconds = plan.estimate_seconds(daily, library, SideChoice.LEFT)
    assert 12 * 60 <= seconds <= 15 * 60


def test_full_program_estimate_is_plausible(full_program: Routine) -> None:
    # A sanity figure for the whole thing on one side: more than half an hour.
    assert 30 * 60 <= estimate_seconds(full_program) <= 60 * 60


ROUTINE_FILES = ["full-program.yaml", "assessment.yaml", "daily.yaml", "daily-10.yaml"]


@pytest.mark.parametrize("name", ROUTINE_FILES)
def test_routine_files_define_no_exercises(name: str, library: Library) -> None:
    assert _load(name, library).exercises == {}


def test_builtin_files_are_the_ones_shipped() -> None:
    names = sorted(p.name for p in Path(builtin_routines_dir()).glob("*.yaml"))
    assert names == sorted([*ROUTINE_FILES, "exercises.yaml"])


# --- sides as the program says ---------------------------------------------------------------


@pytest.mark.parametrize("choice", list(SideChoice))
def test_the_hip_click_plays_once_with_both_knees_and_no_side(
    choice: SideChoice, full_program: Routine, library: Library
) -> None:
    """The issue: with "both" chosen it played twice with an L/R badge."""
    steps = plan.build_plan(full_program, library, choice).steps
    (click,) = [step for step in steps if step.exercise.id == "hip-click"]
    assert click.side is None
    assert all(phase.side is None for phase in click.phases)


def test_the_knee_drop_alternates_in_the_program_and_can_be_done_on_one_side(
    full_program: Routine, library: Library
) -> None:
    steps = plan.build_plan(full_program, library, SideChoice.BOTH, Side.RIGHT).steps
    (drop,) = [step for step in steps if step.exercise.id == "sitting-knee-drop"]
    sides = [phase.side for phase in drop.phases if phase.rep is not None]
    assert sides[:4] == [Side.RIGHT, Side.LEFT, Side.RIGHT, Side.LEFT] and len(sides) == 20
    text = """
format: 1
routines:
  - id: limited-knee-drop
    name: Knee drop on my limited side
    sections:
      - name: Move
        items:
          - {exercise: sitting-knee-drop, kind: reps, count: 20}
"""
    (mine,) = load_text(text, "mine.yaml", library).routines
    one_side = plan.build_plan(mine, library, SideChoice.RIGHT).steps
    assert [(step.side, step.planned_reps) for step in one_side] == [(Side.RIGHT, 20)]
    assert {phase.side for phase in one_side[0].phases} == {Side.RIGHT}


# --- how often -------------------------------------------------------------------------------


@pytest.mark.parametrize("routine_id", ["full-program", "daily", "daily-10"])
def test_the_program_routines_carry_the_sources_target(
    routine_id: str, full_program: Routine, daily: Routine, daily_10: Routine
) -> None:
    """At least 2–3 times a week; noticeable change typically after 4–6 weeks."""
    routine = {r.id: r for r in (full_program, daily, daily_10)}[routine_id]
    assert routine.target == Target(per_week=3, weeks=6)


def test_the_assessment_has_no_weekly_target(assessment: Routine) -> None:
    assert assessment.target is None


# --- the daily routines ----------------------------------------------------------------------

NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def test_dailys_description_says_truly_what_it_holds(
    daily: Routine, exercises: dict[str, Exercise]
) -> None:
    text = daily.description.lower()
    parts = {exercises[item.exercise].section for item in daily.items}
    assert f"{NUMBER_WORDS[len(daily.items)]} exercises" in text
    assert (
        f"{NUMBER_WORDS[len(parts)]} of the program's {NUMBER_WORDS[len(SECTIONS)]} parts" in text
    )
    assert "one from each" not in text
    left_out = set(SECTIONS) - parts
    assert {"Gentle movements", "Encourage"} <= left_out
    assert "leaves out" in text and "gentle movements" in text and "encourage" in text


def test_daily_10_is_daily_without_the_band_in_about_ten_minutes(
    daily: Routine, daily_10: Routine, library: Library
) -> None:
    kept = [item.exercise for item in daily_10.items]
    dropped = [item.exercise for item in daily.items if item.exercise not in kept]
    assert kept == [item.exercise for item in daily.items if item.exercise in kept]
    assert dropped == ["band-distraction-flexion"]
    seconds = plan.estimate_seconds(daily_10, library, SideChoice.LEFT, change_lead_in=20)
    assert 9 * 60 <= seconds <= 11 * 60
    text = daily_10.description.lower()
    assert "leaves out" in text and "band distraction" in text and "no band" in text
    assert "one minute instead of two" in text  # the release it shortens
    for item in daily_10.items:
        if item.kind is Kind.RELEASE:
            assert item.seconds == Range(60, 120)  # the program's range, at its low end
