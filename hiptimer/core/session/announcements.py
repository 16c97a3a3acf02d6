"""What the app says and plays for each session event.

Pure mapping from engine events to a cue sound name and a spoken sentence, so the wording is
tested without Qt and the Qt adapters only play what they are handed.
"""

from __future__ import annotations

from dataclasses import dataclass

from hiptimer.core.routines.model import Side
from hiptimer.core.session.engine import Event, EventKind
from hiptimer.core.session.plan import PhaseKind, Plan


@dataclass(frozen=True)
class Announcement:
    sound: str | None = None  # name of a WAV in resources/sounds, without ".wav"
    speech: str | None = None


def side_words(side: Side | None) -> str:
    return "" if side is None else f"{side.value} side"


def announce(event: Event, plan: Plan) -> Announcement | None:
    """The cue for one event, or None when the event is silent."""
    step = plan.steps[event.step_index] if event.step_index < len(plan.steps) else None
    if event.kind is EventKind.SESSION_FINISHED:
        return Announcement("end", "Session complete. Well done.")
    if step is None:
        return None
    phase = step.phases[event.phase_index] if event.phase_index < len(step.phases) else None
    if event.kind is EventKind.HALFWAY:
        return Announcement(None, "Halfway")
    if event.kind is EventKind.COUNTDOWN:
        return Announcement("tick", None)
    if event.kind is EventKind.SWITCH_SIDES:
        return Announcement("switch", f"Switch sides. {side_words(step.side).capitalize()} next.")
    if event.kind is EventKind.REP:
        if phase is not None and phase.kind is PhaseKind.COUNT:
            return Announcement("rep", str(event.value))
        alternating = step.side is None and phase is not None and phase.side is not None
        side = f" {phase.side.value}" if alternating else ""
        return Announcement(None, f"{event.value}{side}")
    if event.kind is not EventKind.PHASE_STARTED or phase is None:
        return None
    return _phase_start(phase.kind, phase.word, step, event.phase_index)


def _phase_start(kind: PhaseKind, word: str, step, phase_index: int) -> Announcement | None:
    name = step.exercise.name
    if kind is PhaseKind.GET_READY:
        where = f", {side_words(step.side)}" if step.side else ""
        return Announcement(None, f"Next: {name}{where}. Get ready.")
    if kind is PhaseKind.REST:
        return Announcement("end", "Rest.")
    if kind is PhaseKind.RELAX:
        return Announcement(None, "Relax")
    if kind is PhaseKind.HOLD:
        return Announcement(None, "Hold")
    if kind is PhaseKind.MEASURE:
        return Announcement("start", f"Measure {side_words(step.side)}. Enter the degrees.")
    if kind is PhaseKind.SWITCH:
        return None  # the SWITCH_SIDES event speaks
    first_work = all(
        p.kind in (PhaseKind.GET_READY, PhaseKind.SWITCH) for p in step.phases[:phase_index]
    )
    if kind is PhaseKind.WORK and word in ("Drive",):
        return Announcement("start" if first_work else None, "Drive")
    if kind is PhaseKind.WORK and word == "Lower":
        return Announcement(None, "Release")
    if first_work:
        if step.phases[phase_index].rep is not None:
            return Announcement("start", None)  # the rep count follows at once
        return Announcement("start", "Go." if kind is not PhaseKind.ACTION else "Your turn.")
    return None
