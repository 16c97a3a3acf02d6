"""The sample files under corpus/: valid ones load cleanly, invalid ones give exact problems.

Each ``invalid/NAME.yaml`` has a sidecar ``invalid/NAME.expected`` holding the expected
problems, one ``LINE: message`` per line, in the order the loader reports them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hiptimer.core.routines.loader import load_file
from hiptimer.core.routines.model import Exercise, Library, Range, Sidedness, Sides, Target

CORPUS = Path(__file__).parent / "corpus"
VALID = sorted((CORPUS / "valid").glob("*.yaml"))
INVALID = sorted((CORPUS / "invalid").glob("*.yaml"))


def corpus_library() -> Library:
    """A stand-in for the built-in library, so the corpus never depends on it."""
    plain = ["deep-glutes-release", "figure-four-supine", "sitting-knee-drop"]
    plain.append("femoral-head-centration")
    exercises = {
        exercise_id: Exercise(exercise_id, exercise_id, "Built in", "on-back", steps=("Do it.",))
        for exercise_id in plain
    }
    for exercise_id, normal in (
        ("prone-ir-test", Range(35, 45)),
        ("seated-ir-test", Range(30, 45)),
    ):
        exercises[exercise_id] = Exercise(
            exercise_id, exercise_id, "Tests", "face-down", steps=("Measure.",), normal=normal
        )
    return Library(exercises)


def test_the_corpus_is_big_enough() -> None:
    assert len(VALID) >= 3
    assert len(INVALID) >= 25
    assert all(path.with_suffix(".expected").is_file() for path in INVALID)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_file_loads_without_problems(path: Path) -> None:
    result = load_file(path, corpus_library())
    assert [str(problem) for problem in result.problems] == []
    assert result.ok
    assert result.routines or result.exercises
    for routine in result.routines:
        assert routine.source == str(path)
        assert routine.line > 0
        assert all(item.line > 0 for item in routine.items)
    for exercise in result.exercises.values():
        assert exercise.source == str(path)
        assert exercise.line > 0


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_file_gives_the_expected_problems(path: Path) -> None:
    result = load_file(path, corpus_library())
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert [f"{p.line}: {p.message}" for p in result.problems] == expected
    assert not result.ok
    assert all(problem.file == str(path) for problem in result.problems)


def test_doc_example_reads_as_documented() -> None:
    result = load_file(CORPUS / "valid" / "doc_example.yaml", corpus_library())
    (routine,) = result.routines
    assert routine.id == "my-quick-hips"
    assert routine.rest == 10
    assert [s.name for s in routine.sections] == ["Release", "Stretch and move"]
    release, hold, reps, alternate, cycles = routine.items
    assert release.seconds == Range(60, 120)
    assert hold.seconds == Range(60, 60)
    assert (reps.exercise, reps.count, reps.pace) == ("wall-sit-rotation", 15, 4)
    assert alternate.sides.value == "alternate"
    assert alternate.note == "Hands behind me on the floor."
    assert (cycles.work, cycles.relax, cycles.count, cycles.rest) == (10, 5, 5, 0)
    assert result.exercises["wall-sit-rotation"].equipment == ("wall",)


def test_bad_routines_are_skipped_and_good_ones_kept() -> None:
    result = load_file(CORPUS / "invalid" / "keeps_going.yaml", corpus_library())
    assert [routine.id for routine in result.routines] == ["good-one", "good-two"]


def test_invalid_files_still_yield_their_valid_exercises() -> None:
    result = load_file(CORPUS / "invalid" / "test_without_normal.yaml", corpus_library())
    assert list(result.exercises) == ["my-check"]
    assert result.routines == []


def test_sets_limited_side_sidedness_and_target_read_as_written() -> None:
    result = load_file(CORPUS / "valid" / "sets_and_sides.yaml", corpus_library())
    plan, only_target = result.routines
    assert (plan.limited_extra, plan.target) == (50, Target(3, 6))
    assert (only_target.limited_extra, only_target.target) == (0, Target(2, None))
    held, stretch, extra_set, release, cycles, squeeze, wipers, wipers_alt, either, heavier = (
        plan.items
    )
    assert (held.count, held.hold, held.sets, held.set_rest) == (20, Range(5, 5), 2, 45)
    assert (held.limited, stretch.limited) == (None, (("seconds", Range(90, 90)),))
    assert (extra_set.sets, extra_set.limited) == (2, (("sets", 3),))
    assert release.limited == ()
    assert (cycles.sets, cycles.set_rest) == (2, 0)
    assert (squeeze.sides, wipers.sides, wipers_alt.sides) == (
        Sides.LIMITED,
        Sides.LIMITED,
        Sides.ALTERNATE,
    )
    assert (either.sides, heavier.sides, heavier.limited) == (
        Sides.ALTERNATE,
        Sides.BOTH,
        (("count", 15),),
    )
    # `limited` keys come back in the documented order whatever order the file has
    assert only_target.items[0].limited == (("count", 12), ("sets", 2))
    sidedness = {key: e.sidedness for key, e in result.exercises.items()}
    assert sidedness == {
        "knee-squeeze": Sidedness.TOGETHER,
        "windscreen-wipers": Sidedness.ALTERNATING,
        "knee-drop-either": Sidedness.EITHER,
        "plain-turn": Sidedness.ONE_SIDE,
    }


def test_sets_is_no_longer_taken_for_sides() -> None:
    """The issue's first complaint: `sets:` was "unknown key 'sets' (did you mean 'sides'?)"."""
    result = load_file(CORPUS / "valid" / "sets_and_sides.yaml", corpus_library())
    assert not any("did you mean 'sides'" in problem.message for problem in result.problems)
    assert result.routines[0].items[0].sets == 2
