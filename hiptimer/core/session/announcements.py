"""What the app says and plays for each session event.

Pure mapping from engine events to a cue sound and a spoken sentence, so the wording is tested
without Qt and the Qt adapters only play what they are handed.  What is said follows each
phase's :class:`~hiptimer.core.session.plan.PhaseRole`, never the word shown on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from hiptimer.core.routines.model import EQUIPMENT, Side
from hiptimer.core.session.display import set_text
from hiptimer.core.session.events import Event, EventKind
from hiptimer.core.session.plan import Phase, PhaseRole, Plan, Step


class Sound(str, Enum):
    """The cue sounds; each value names ``resources/sounds/<value>.wav``."""

    START = "start"
    TICK = "tick"
    END = "end"
    SWITCH = "switch"
    REP = "rep"


@dataclass(frozen=True)
class Announcement:
    sound: Sound | None = None
    speech: str | None = None


def side_words(side: Side | None) -> str:
    return "" if side is None else f"{side.value} side"


def announce(event: Event, plan: Plan) -> Announcement | None:
    """The cue for one event, or None when the event is silent."""
    step = plan.steps[event.step_index] if event.step_index < len(plan.steps) else None
    if event.kind is EventKind.SESSION_FINISHED:
        return Announcement(Sound.END, "Session complete. Well done.")
    if step is None:
        return None
    phase = step.phases[event.phase_index] if event.phase_index < len(step.phases) else None
    if event.kind is EventKind.STALLED:
        return Announcement(None, "Paused. Press Space to go on.")
    if event.kind is EventKind.HALFWAY:
        return Announcement(None, "Halfway")
    if event.kind is EventKind.COUNTDOWN:
        return Announcement(Sound.TICK, None)
    if event.kind is EventKind.SWITCH_SIDES:
        sets = f", {set_text(step)}" if step.in_sets else ""
        return Announcement(
            Sound.SWITCH, f"Switch sides. {side_words(step.side).capitalize()} next{sets}."
        )
    if event.kind is EventKind.REP:
        if phase is not None and phase.role is PhaseRole.COUNT:
            return Announcement(Sound.REP, str(event.value))
        alternating = step.side is None and phase is not None and phase.side is not None
        side = f" {phase.side.value}" if alternating and phase and phase.side else ""
        return Announcement(None, f"{event.value}{side}")
    if event.kind is not EventKind.PHASE_STARTED or phase is None:
        return None
    return _phase_start(phase, step, event.phase_index, plan)


#: What is said when a phase of these roles starts (and nothing else is due).
_SAID_AT_START: dict[PhaseRole, Announcement] = {
    PhaseRole.REST: Announcement(Sound.END, "Rest."),
    PhaseRole.RELAX: Announcement(None, "Relax"),
    PhaseRole.HOLD_REP: Announcement(None, "Hold"),
    PhaseRole.LOWER: Announcement(None, "Release"),
}


def _gear_words(ids: tuple[str, ...]) -> str:
    names = (EQUIPMENT.get(equipment, equipment) for equipment in ids)
    return ", ".join(name[:1].lower() + name[1:] for name in names)


def _getting_ready(step: Step, plan: Plan) -> str:
    """What the get-ready says besides the name: the set, and the gear to have at hand (the
    session's gear before the first exercise, then what the last exercise did not use)."""
    parts = [f"{set_text(step).capitalize()}." if step.in_sets else ""]
    fetch = plan.gear if step.index == 0 else step.change.fetch
    parts.append(f"You need: {_gear_words(fetch)}." if fetch else "")
    return "".join(f"{part} " for part in parts if part)


def _phase_start(phase: Phase, step: Step, phase_index: int, plan: Plan) -> Announcement | None:
    role = phase.role
    if role is PhaseRole.GET_READY:
        where = f", {side_words(step.side)}" if step.side else ""
        extra = _getting_ready(step, plan)
        return Announcement(None, f"Next: {step.exercise.name}{where}. {extra}Get ready.")
    if role is PhaseRole.SET_REST:
        return Announcement(Sound.END, f"Rest. {set_text(step).capitalize()} next.")
    if role is PhaseRole.MEASURE:
        return Announcement(Sound.START, f"Measure {side_words(step.side)}. Enter the degrees.")
    if role is PhaseRole.SWITCH_SIDES:
        return None  # the SWITCH_SIDES event speaks
    if role in _SAID_AT_START:
        return _SAID_AT_START[role]
    leads = (PhaseRole.GET_READY, PhaseRole.SWITCH_SIDES, PhaseRole.SET_REST)
    first_work = all(p.role in leads for p in step.phases[:phase_index])
    if role is PhaseRole.DRIVE:
        return Announcement(Sound.START if first_work else None, "Drive")
    if not first_work:
        return None
    if phase.rep is not None:
        return Announcement(Sound.START, None)  # the rep count follows at once
    return Announcement(Sound.START, "Your turn." if role is PhaseRole.ACTION else "Go.")
