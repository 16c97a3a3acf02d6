"""Routine files written before sets, per-side doses and sidedness still play exactly as then.

``golden/format1_plans.json`` was written by the plan as it was before those additions, from
the saved user files in ``tests/core/routines/corpus/valid/``: every step's exercise, side,
planned work and reps, and every phase's kind, role, length (lead phases' lengths aside: the
get-ready may now grow when the position changes), side, rep and cycle.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hiptimer.core.routines.loader import load_file
from hiptimer.core.routines.model import Side, SideChoice
from hiptimer.core.session.plan import Plan, build_plan
from tests.core.routines.test_loader_corpus import VALID, corpus_library

GOLDEN = json.loads((Path(__file__).parent / "golden" / "format1_plans.json").read_text())
CHOICES = ((SideChoice.LEFT, None), (SideChoice.RIGHT, None), (SideChoice.BOTH, Side.RIGHT))


def played(plan: Plan) -> list[dict[str, object]]:
    steps = []
    for step in plan.steps:
        phases = [
            [
                phase.kind.value,
                phase.role.value,
                None if index == 0 and not phase.is_work else phase.seconds,
                phase.side.value if phase.side else None,
                phase.rep,
                phase.reps,
                phase.cycle,
                phase.cycles,
                phase.extendable_to,
            ]
            for index, phase in enumerate(step.phases)
        ]
        steps.append(
            {
                "exercise": step.exercise.id,
                "side": step.side.value if step.side else None,
                "number": step.number,
                "planned_seconds": step.planned_seconds,
                "planned_reps": step.planned_reps,
                "phases": phases,
            }
        )
    return steps


def _plans() -> dict[str, list[dict[str, object]]]:
    plans = {}
    for path in VALID:
        result = load_file(path, corpus_library())
        library = corpus_library().merged(result.exercises)
        for routine in result.routines:
            for choice, limited in CHOICES:
                plan = build_plan(routine, library, choice, limited)
                plans[f"{path.name}:{routine.id}:{choice.value}"] = played(plan)
    return plans


PLANS = _plans()


def test_every_saved_routine_has_its_golden_plan() -> None:
    assert set(GOLDEN) <= set(PLANS)
    assert len(GOLDEN) >= 18


@pytest.mark.parametrize("key", sorted(GOLDEN))
def test_saved_routine_plays_as_it_did(key: str) -> None:
    assert PLANS[key] == GOLDEN[key]
