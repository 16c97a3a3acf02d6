"""Whether a session left unfinished can go on, and where (no Qt, no history file)."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timezone

from hiptimer.core.routines.model import Item, Kind, Range, Routine, Section, Side, SideChoice
from hiptimer.core.session.resume import (
    ResumePoint,
    Verdict,
    pick_offer,
    plan_limited_side,
    resume_offer,
    routine_hash,
)
from tests.fakes import make_outcome

ROUTINE = Routine(
    "quick", "Quick", (Section("Main", (Item("a", Kind.HOLD, seconds=Range(60, 60)),)),)
)


@dataclasses.dataclass(frozen=True)
class Left:
    session_id: int = 7
    routine_id: str = "quick"
    routine_name: str = "Quick"
    routine_hash: str = routine_hash(ROUTINE)
    side_choice: SideChoice = SideChoice.BOTH
    started_at: datetime = datetime(2026, 3, 2, 18, 5, tzinfo=timezone.utc)
    last_step_index: int | None = 2
    steps_recorded: int = 3
    active_seconds: float = 125.0
    session_key: str = "k7"


def test_the_hash_follows_the_content_not_the_file() -> None:
    moved = dataclasses.replace(ROUTINE, source="/elsewhere/quick.yaml", line=9)
    assert routine_hash(moved) == routine_hash(ROUTINE)
    longer = dataclasses.replace(
        ROUTINE, sections=(Section("Main", (Item("a", Kind.HOLD, seconds=Range(90, 90)),)),)
    )
    assert routine_hash(longer) != routine_hash(ROUTINE)
    assert len(routine_hash(ROUTINE)) == 16


def test_the_same_routine_resumes_after_its_last_step_with_its_side_order_and_time() -> None:
    saved = [make_outcome(0, side=None), make_outcome(1, side=Side.RIGHT), make_outcome(2)]
    offer = resume_offer(Left(), ROUTINE, saved)
    assert offer.point.earlier == tuple(saved)  # it reads as one session with all its steps
    assert offer.verdict is Verdict.RESUMABLE
    assert offer.point.at_step == 3
    assert offer.point.first_side is Side.RIGHT
    assert offer.point.active_seconds == 125.0
    assert (offer.point.session_id, offer.point.session_key) == (7, "k7")
    assert offer.question == (
        "'Quick' (both) from Mon 02 Mar, 18:05 was left unfinished after 3 steps."
        " Carry on where it stopped?"
    )


def test_a_deleted_or_edited_routine_cannot_go_on() -> None:
    gone = resume_offer(Left(), None, [])
    assert gone.verdict is Verdict.ROUTINE_GONE
    assert gone.question.endswith("but the routine no longer exists.")
    changed = resume_offer(Left(routine_hash="0" * 16), ROUTINE, [])
    assert changed.verdict is Verdict.ROUTINE_CHANGED
    assert "has been changed since" in changed.question


def test_only_a_session_with_a_finished_step_is_offered() -> None:
    assert pick_offer([Left(steps_recorded=0), Left(session_id=3)]) == Left(session_id=3)
    assert pick_offer([Left(steps_recorded=0, last_step_index=None)]) is None
    assert resume_offer(Left(last_step_index=None), ROUTINE, []).point.at_step == 0


def test_the_plans_limited_side_keeps_a_resumed_both_sides_order_and_else_is_the_set_one() -> None:
    point = ResumePoint(session_id=7, at_step=3, first_side=Side.RIGHT)
    both, left = SideChoice.BOTH, SideChoice.LEFT
    assert plan_limited_side(both, Side.LEFT, point) is Side.RIGHT  # the order it began with
    assert plan_limited_side(both, Side.LEFT, None) is Side.LEFT
    assert plan_limited_side(both, None, None) is None  # the plan starts on the left then
    # one side: the recorded side says nothing about which side is limited
    assert plan_limited_side(
        left, Side.RIGHT, dataclasses.replace(point, first_side=Side.LEFT)
    ) is (Side.RIGHT)
    assert plan_limited_side(left, None, point) is None
