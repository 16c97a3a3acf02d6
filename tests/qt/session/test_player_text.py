"""The player's instructions name the version of the exercise the person does."""

from __future__ import annotations

from hiptimer.core.routines.model import Item, Kind, Routine, Section, SideChoice
from hiptimer.core.session.plan import build_plan
from hiptimer.qt.session.player import instructions_html
from tests.fakes import builtin_catalog


def _step(exercise_id: str):
    catalog = builtin_catalog()
    routine = Routine("r", "R", (Section("S", (Item(exercise_id, Kind.REPS, count=5),)),))
    return build_plan(routine, catalog.library, SideChoice.LEFT).steps[0]


def test_the_progression_is_offered_then_named_once_chosen() -> None:
    step = _step("seated-hip-ir")
    progression = step.exercise.progressions[0]
    assert f"<b>When it gets easy:</b> {progression}" in instructions_html(step, 0)
    assert f"<b>You do:</b> {progression}" in instructions_html(step, 1)


def test_an_exercise_without_progressions_says_nothing_about_them() -> None:
    html = instructions_html(_step("swivel-chair"))
    assert "When it gets easy" not in html and "You do" not in html
