"""Resuming a session left unfinished: whether it can go on, and where.

A session can go on only with the very routine it began with: the history keeps a short hash
of the routine's content, and an edited routine (other items, other doses) cannot continue
where the old one stopped.  It carries on at the step after its last recorded one, with its
sides in the order it began with and the active time it had already done.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any, Protocol, TypeVar

from hiptimer.core.digest import sha256_hex
from hiptimer.core.routines.model import Exercise, Routine, Side, SideChoice
from hiptimer.core.routines.writer import dump_file
from hiptimer.core.session.events import StepOutcome
from hiptimer.core.text import plural


def routine_hash(routine: Routine) -> str:
    """A short hash of the routine's content, so history can tell edited routines apart."""
    return sha256_hex(dump_file([routine]).encode())[:16]


def routine_record(plan_routine: Routine, exercises: Iterable[Exercise]) -> str:
    """The routine as a file that reads on its own, for the history to keep with its sessions:
    the routine with every exercise it uses (so a therapist's hiptimer can read it, whatever
    that computer's library holds)."""
    used = {exercise.id: exercise for exercise in exercises}
    clean = dataclasses.replace(plan_routine, source="", builtin=False, line=0)
    return dump_file([clean], used)


class LeftSession(Protocol):
    """What the history tells about an unfinished session (its ``IncompleteSession`` row)."""

    @property
    def session_id(self) -> int: ...
    @property
    def routine_id(self) -> str: ...
    @property
    def routine_name(self) -> str: ...
    @property
    def routine_hash(self) -> str: ...
    @property
    def side_choice(self) -> SideChoice: ...
    @property
    def started_at(self) -> datetime: ...
    @property
    def last_step_index(self) -> int | None: ...
    @property
    def steps_recorded(self) -> int: ...
    @property
    def active_seconds(self) -> float: ...
    @property
    def session_key(self) -> str: ...


@dataclass(frozen=True)
class ResumePoint:
    """Where a session left unfinished goes on: its row and key, next step, side order, and
    the active time it had already done."""

    session_id: int
    at_step: int
    first_side: Side | None
    active_seconds: float = 0
    session_key: str = ""
    earlier: tuple[StepOutcome, ...] = ()  # its steps saved before, so it reads as one session


def plan_limited_side(
    side_choice: SideChoice, limited_side: Side | None, resume: ResumePoint | None
) -> Side | None:
    """The plan's ``limited_side``: a resumed session of both sides keeps the order it began
    with; otherwise the limited side the person set (which side plays the limited side's dose,
    and goes first with both sides)."""
    if resume is not None and resume.first_side is not None and side_choice is SideChoice.BOTH:
        return resume.first_side
    return limited_side


class Verdict(Enum):
    RESUMABLE = "resumable"
    ROUTINE_GONE = "routine_gone"
    ROUTINE_CHANGED = "routine_changed"


@dataclass(frozen=True)
class ResumeOffer:
    left: LeftSession
    routine: Routine | None
    verdict: Verdict
    point: ResumePoint

    @property
    def question(self) -> str:
        """The offer in words, for the "Resume your session?" box."""
        left = self.left
        when = left.started_at.strftime("%a %d %b, %H:%M")
        what = (
            f"'{left.routine_name}' ({left.side_choice.value}) from {when} was left "
            f"unfinished after {plural(left.steps_recorded, 'step')}"
        )
        if self.verdict is Verdict.ROUTINE_GONE:
            return f"{what}, but the routine no longer exists."
        if self.verdict is Verdict.ROUTINE_CHANGED:
            return (
                f"{what}, but the routine has been changed since, so it cannot go on "
                "where it stopped."
            )
        return f"{what}. Carry on where it stopped?"


#: What a window is told when it tries to resume (or discard) a session and cannot.
RESUMED_ELSEWHERE = "This session was already resumed in another hiptimer window."
NO_LONGER_UNFINISHED = (
    "This session is no longer unfinished: another hiptimer window finished or discarded it."
)
CLAIM_NO_ANSWER = (
    "The history file is busy (another program is using it), so the session cannot be "
    "resumed right now. It stays in your history, and hiptimer offers it again at the next start."
)


L = TypeVar("L", bound=LeftSession)


def pick_offer(left_sessions: Sequence[L]) -> L | None:
    """The session to offer: the newest one with a finished step (one left before its first
    step ended has nothing to carry on from)."""
    return next((left for left in left_sessions if left.steps_recorded), None)


def resume_offer(
    left: LeftSession, routine: Routine | None, recorded: Sequence[Any]
) -> ResumeOffer:
    """The offer for ``left``; ``routine`` is the routine with its id now (None: deleted);
    ``recorded`` its saved steps in order (the history's rows have an outcome's fields)."""
    if routine is None:
        verdict = Verdict.ROUTINE_GONE
    elif routine_hash(routine) != left.routine_hash:
        verdict = Verdict.ROUTINE_CHANGED
    else:
        verdict = Verdict.RESUMABLE
    point = ResumePoint(
        session_id=left.session_id,
        at_step=0 if left.last_step_index is None else left.last_step_index + 1,
        first_side=next((step.side for step in recorded if step.side is not None), None),
        active_seconds=left.active_seconds or 0,
        session_key=left.session_key,
        earlier=tuple(_as_outcome(step) for step in recorded),
    )
    return ResumeOffer(left, routine, verdict, point)


def _as_outcome(step: Any) -> StepOutcome:
    """A saved step (anything with an outcome's fields) as the engine's own outcome."""
    return StepOutcome(**{f.name: getattr(step, f.name) for f in dataclasses.fields(StepOutcome)})
