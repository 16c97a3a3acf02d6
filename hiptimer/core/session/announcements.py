"""What the app says and plays for each session event.

Pure mapping from engine events to a cue sound and a spoken sentence, so the wording is tested
without Qt and the Qt adapters only play what they are handed.  What is said follows each
phase's :class:`~hiptimer.core.session.plan.PhaseRole`, never the word shown on screen.

Every rep, hold, lower, drive and relax has its own sound, so a paced set can be followed with
the eyes closed and the voice off; the voice adds the count on top.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from hiptimer.core.routines.model import Side
from hiptimer.core.session.display import set_text
from hiptimer.core.session.events import Event, EventKind
from hiptimer.core.session.plan import Phase, PhaseKind, PhaseRole, Plan, Step
from hiptimer.core.session.reading import gear_words, reading_text


class Sound(str, Enum):
    """The cue sounds; each value names ``resources/sounds/<value>.wav``."""

    START = "start"  # the work of an exercise begins (a hold, a release, a one-off, a test)
    TICK = "tick"  # each of the last three seconds
    HALFWAY = "halfway"
    END = "end"  # an exercise's work (or a set's) is over
    FINISH = "finish"  # the whole session is over
    SWITCH = "switch"  # switch sides
    REP = "rep"  # a rep begins (or is counted)
    REP_LEFT = "rep_left"  # a rep of an alternating set, on the left
    REP_RIGHT = "rep_right"  # … on the right
    HOLD = "hold"  # hold the rep at its end position
    LOWER = "lower"  # release the hold, back to the start
    DRIVE = "drive"  # a contraction of a cycle begins
    RELAX = "relax"  # relax between contractions


@dataclass(frozen=True)
class Announcement:
    sound: Sound | None = None
    speech: str | None = None


FINISHED_WORDS = "Session complete. Well done."
STALLED_WORDS = "Paused. Press Space to go on."


def side_words(side: Side | None) -> str:
    return "" if side is None else f"{side.value} side"


def announce(event: Event, plan: Plan) -> Announcement | None:
    """The cue for one event, or None when the event is silent."""
    step = plan.steps[event.step_index] if event.step_index < len(plan.steps) else None
    if event.kind is EventKind.SESSION_FINISHED:
        return Announcement(Sound.FINISH, FINISHED_WORDS)
    if step is None:
        return None
    phase = step.phases[event.phase_index] if event.phase_index < len(step.phases) else None
    if event.kind is EventKind.STALLED:
        return Announcement(None, STALLED_WORDS)
    if event.kind is EventKind.HALFWAY:
        return Announcement(Sound.HALFWAY, "Halfway")
    if event.kind is EventKind.COUNTDOWN:
        return Announcement(Sound.TICK, None)
    if event.kind is EventKind.SWITCH_SIDES:
        sets = f", {set_text(step)}" if step.in_sets else ""
        return Announcement(
            Sound.SWITCH, f"Switch sides. {side_words(step.side).capitalize()} next{sets}."
        )
    if event.kind is EventKind.REP:
        return _rep(event.value, phase, step)
    if event.kind is not EventKind.PHASE_STARTED or phase is None:
        return None
    return _phase_start(phase, step, event.phase_index, plan)


def _rep(value: int | None, phase: Phase | None, step: Step) -> Announcement:
    """A rep begins (paced) or is counted (self-paced): its own sound, and its number."""
    alternating = step.side is None and phase is not None and phase.side is not None
    if not alternating or phase is None or phase.side is None:
        return Announcement(Sound.REP, str(value))
    sound = Sound.REP_LEFT if phase.side is Side.LEFT else Sound.REP_RIGHT
    return Announcement(sound, f"{value} {phase.side.value}")


#: What is said when a phase of these roles starts (and nothing else is due).
_SAID_AT_START: dict[PhaseRole, Announcement] = {
    PhaseRole.REST: Announcement(Sound.END, "Rest."),
    PhaseRole.RELAX: Announcement(Sound.RELAX, "Relax"),
    PhaseRole.DRIVE: Announcement(Sound.DRIVE, "Drive"),
    PhaseRole.HOLD_REP: Announcement(Sound.HOLD, "Hold"),
    PhaseRole.LOWER: Announcement(Sound.LOWER, "Release"),
}

#: Phases whose start is told by the REP event that comes with it (sound and count).
_REP_ROLES = frozenset({PhaseRole.REP, PhaseRole.LIFT})


def _getting_ready(step: Step, plan: Plan) -> str:
    """What the get-ready says besides the name: the set, and the gear to have at hand (the
    session's gear before the first exercise, then what the last exercise did not use)."""
    parts = [f"{set_text(step).capitalize()}." if step.in_sets else ""]
    fetch = plan.gear if step.index == 0 else step.change.fetch
    parts.append(f"You need: {gear_words(fetch)}." if fetch else "")
    return "".join(f"{part} " for part in parts if part)


def get_ready_words(step: Step, plan: Plan) -> str:
    """What is said when an exercise's get-ready begins: its name, side, set and the gear to
    fetch, or the whole reading (gear, first steps, what to feel) when the plan reads them."""
    if plan.read_steps:
        sets = f" {set_text(step).capitalize()}." if step.in_sets else ""
        return reading_text(step.exercise, step.side) + sets
    where = f", {side_words(step.side)}" if step.side else ""
    return f"Next: {step.exercise.name}{where}. {_getting_ready(step, plan)}Get ready."


def _phase_start(phase: Phase, step: Step, phase_index: int, plan: Plan) -> Announcement | None:
    role = phase.role
    if role is PhaseRole.GET_READY:
        return Announcement(_work_just_ended(plan, step), get_ready_words(step, plan))
    if role is PhaseRole.SET_REST:
        return Announcement(Sound.END, f"Rest. {set_text(step).capitalize()} next.")
    if role is PhaseRole.MEASURE:
        return Announcement(Sound.START, f"Measure {side_words(step.side)}. Enter the degrees.")
    if role is PhaseRole.SWITCH_SIDES or role in _REP_ROLES:
        return None  # the SWITCH_SIDES / REP event that comes with it speaks
    if role in _SAID_AT_START:
        return _SAID_AT_START[role]
    leads = (PhaseRole.GET_READY, PhaseRole.SWITCH_SIDES, PhaseRole.SET_REST)
    first_work = all(p.role in leads for p in step.phases[:phase_index])
    if not first_work:
        return None
    return Announcement(Sound.START, "Your turn." if role is PhaseRole.ACTION else "Go.")


def _work_just_ended(plan: Plan, step: Step) -> Sound | None:
    """The end sound at a get-ready that follows an exercise's work with no rest between."""
    if step.index == 0:
        return None
    before = plan.steps[step.index - 1].phases[-1]
    return None if before.kind is PhaseKind.REST else Sound.END


def spoken_phrases(plan: Plan) -> list[str]:
    """Every sentence the session may say, each once, in the order they are first needed.

    The built-in voice renders these ahead of time; it asks :func:`announce` for each event
    a phase can bring, so the wording has one source.
    """
    said: dict[str, None] = {}

    def add(kind: EventKind, step_index: int, phase_index: int, value: int | None = None):
        cue = announce(Event(kind, step_index, phase_index, value), plan)
        if cue is not None and cue.speech:
            said.setdefault(cue.speech, None)

    for step in plan.steps:
        for index, phase in enumerate(step.phases):
            add(EventKind.PHASE_STARTED, step.index, index)
            if phase.kind is PhaseKind.SWITCH:
                add(EventKind.SWITCH_SIDES, step.index, index)
            if phase.rep is not None:
                add(EventKind.REP, step.index, index, phase.rep)
            for rep in range(1, (phase.reps or 0) + 1 if phase.kind is PhaseKind.COUNT else 1):
                add(EventKind.REP, step.index, index, rep)
            if phase.is_work and phase.seconds is not None:
                add(EventKind.HALFWAY, step.index, index)
    if plan.steps:
        add(EventKind.STALLED, 0, 0)
        add(EventKind.SESSION_FINISHED, len(plan.steps), 0)
    return list(said)
