"""What the player and the summary say, as plain text: tested without Qt.

The Qt pages only lay these strings out (and escape them where they use rich text).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from hiptimer.core.routines.model import EQUIPMENT, POSITIONS, Kind, Side
from hiptimer.core.session.events import SessionState, Snapshot, StepOutcome
from hiptimer.core.session.plan import PhaseKind, PhaseRole, Plan, Step
from hiptimer.core.session.status import SessionStatus, StepStatus
from hiptimer.core.text import clock_text, duration_text

#: What Enter / the Done button does in each phase; in timed work phases it does nothing.
DONE_WORDS: dict[PhaseKind, str] = {
    PhaseKind.COUNT: "Rep done",
    PhaseKind.ACTION: "Done",
    PhaseKind.MEASURE: "Save",
    PhaseKind.GET_READY: "Begin now",
    PhaseKind.SWITCH: "Begin now",
    PhaseKind.REST: "Begin now",
}

#: The big number's text while a phase waits for the person.
WAITING_WORDS: dict[PhaseKind, str] = {
    PhaseKind.ACTION: "Done?",
    PhaseKind.MEASURE: "00°",
}

PAUSED_WORDS = "Paused — Space to resume"

#: How a finished session is described in the summary and the window title.
SESSION_WORDS: dict[SessionStatus, str] = {
    SessionStatus.COMPLETED: "complete",
    SessionStatus.ENDED_EARLY: "ended early",
    SessionStatus.INCOMPLETE: "not finished",
    SessionStatus.DISCARDED: "discarded",
}

STOP_ADVICE = (
    "Stop and get checked if you felt sharp pain, pain with popping, or pain at the front of "
    "the hip."
)


#: Phases at least this long count in m:ss (a release of 2:00 shows 1:50, never "110").
MINUTE_PHASE = 60


def countdown_seconds(seconds: int, longest: float = 0) -> str:
    """Seconds left as the big number shows them: m:ss through a phase that lasts a minute or
    more (``longest``: its longest length), plain seconds in a shorter one ("25" reads faster
    than "0:25")."""
    if longest >= MINUTE_PHASE or seconds >= MINUTE_PHASE:
        return duration_text(seconds)
    return str(seconds)


def _longest(snapshot: Snapshot) -> float:
    phase = snapshot.phase
    return phase.extendable_to or snapshot.phase_seconds or phase.seconds or 0


@dataclass(frozen=True)
class Figure:
    """A big number with the word that says what it counts."""

    text: str
    caption: str


def held_reps(step: Step) -> bool:
    """Reps held at their end (lift, hold, lower): the rep and the seconds are two figures."""
    return any(phase.kind is PhaseKind.HOLD and phase.rep is not None for phase in step.phases)


def rep_figure(snapshot: Snapshot) -> Figure | None:
    """In held reps, the rep being done, beside the seconds of its lift, hold or lower."""
    phase = snapshot.phase
    if phase.rep is None or not held_reps(snapshot.step):
        return None
    return Figure(str(phase.rep), f"rep of {phase.reps}")


def countdown_caption(snapshot: Snapshot) -> str:
    """What the big number counts, where it could be taken for the rep: "seconds to hold"."""
    phase = snapshot.phase
    if phase.rep is not None and held_reps(snapshot.step):
        return f"seconds to {phase.word.lower()}"
    return ""


def countdown_text(snapshot: Snapshot) -> str:
    """The big number: seconds left, the rep being done, or the reps counted.

    In held reps it is always the seconds of the lift, hold or lower (:func:`rep_figure` shows
    the rep beside it), so one figure never switches between two meanings.
    """
    phase = snapshot.phase
    if phase.kind is PhaseKind.COUNT:
        return str(snapshot.reps_counted)  # "of 20 reps" is the line under it
    if phase.rep is not None and not held_reps(snapshot.step):
        return str(phase.rep)
    if snapshot.shown_seconds is None:
        return WAITING_WORDS.get(phase.kind, "")
    return countdown_seconds(snapshot.shown_seconds, _longest(snapshot))


def widest_countdown(snapshot: Snapshot) -> str:
    """The widest text the big number can show during this phase, to size the font once."""
    phase = snapshot.phase
    if phase.kind is PhaseKind.COUNT:
        return "0" * len(str(phase.reps))
    if phase.rep is not None and not held_reps(snapshot.step):
        return "0" * len(str(phase.reps or phase.rep))
    longest = _longest(snapshot)
    if not longest:
        return WAITING_WORDS.get(phase.kind, "0") or "0"
    widest = countdown_seconds(math.ceil(longest), longest)
    return "".join("0" if ch.isdigit() else ch for ch in widest)


def time_left_text(snapshot: Snapshot) -> str:
    """Real time left in the session, counted up like a countdown (never 0 while running)."""
    return duration_text(math.ceil(snapshot.session_left / snapshot.speed))


def set_text(step: Step) -> str:
    """ "set 2 of 3" for an item done in sets, else ""."""
    return f"set {step.set_number} of {step.set_count}" if step.in_sets else ""


def detail_text(snapshot: Snapshot) -> str:
    """The line under the big number: which set, rep or cycle, what the range allows."""
    phase = snapshot.phase
    parts: list[str] = []
    if snapshot.stalled_for is not None:
        parts.append(
            f"hiptimer was stopped for {round(snapshot.stalled_for)} s, so the session paused"
            " where it was"
        )
    if snapshot.step.in_sets:
        coming = phase.role is PhaseRole.SET_REST
        parts.append(set_text(snapshot.step) + (" next" if coming else ""))
    if phase.rep is not None and phase.reps and not held_reps(snapshot.step):
        parts.append(f"rep {phase.rep} of {phase.reps}")
    if phase.cycle is not None and phase.cycles:
        parts.append(f"cycle {phase.cycle} of {phase.cycles}")
    if phase.kind is PhaseKind.COUNT:
        parts.append(f"of {phase.reps} reps · press Enter after each rep")
    if phase.kind is PhaseKind.MEASURE:
        parts.append("type the degrees, then Enter")
    if phase.kind is PhaseKind.ACTION:
        parts.append(
            "press Enter when done"
            if phase.seconds is None
            else "moves on by itself · Enter when done"
        )
    if phase.extendable_to is not None:
        parts.append(
            f"+30 s up to {clock_text(phase.extendable_to)}"
            if snapshot.can_extend
            else f"at the most ({clock_text(phase.extendable_to)})"
        )
    if phase.kind is PhaseKind.GET_READY or phase.role is PhaseRole.SET_REST:
        parts.append("G adds 10 s · Enter begins now")
    return " · ".join(parts)


def banner_text(snapshot: Snapshot) -> str:
    """The phase band: the phase's word, or how to resume a paused session."""
    return PAUSED_WORDS if snapshot.state is SessionState.PAUSED else snapshot.phase.word


def window_title(snapshot: Snapshot, routine_name: str, app_name: str) -> str:
    """Whole minutes left (rounded up), so the title changes once a minute, not every second:
    the taskbar and the window manager redraw it each time."""
    minutes = max(1, math.ceil(snapshot.session_left / snapshot.speed / 60))
    paused = " (paused)" if snapshot.state is SessionState.PAUSED else ""
    return f"{minutes} min left{paused} — {routine_name} — {app_name}"


def following_step(plan: Plan, step: Step) -> Step | None:
    return next(iter(plan.steps[step.index + 1 :]), None)


@dataclass(frozen=True)
class StepView:
    """What the player shows about the exercise at hand.

    While resting, everything but the countdown is about the exercise that comes next, so the
    person can get into its position on its side.
    """

    step: Step  # the step shown (the next one during a rest)
    title: str  # the exercise name, or "Rest · next: …"
    side: Side | None
    position: str  # the starting position in words
    progress: str  # "Releases · exercise 2 of 5"
    next_up: str  # "Figure four (right)" or "finish"
    #: Before an exercise (its get-ready, the rest before it): what to fetch, where to move.
    getting_ready: str = ""

    @property
    def mirrored(self) -> bool:
        """The pictograms are drawn for the left side; the right side shows them mirrored."""
        return self.side is Side.RIGHT


def equipment_names(ids: Sequence[str]) -> str:
    """ "Massage ball, Chair": the names of equipment ids, in order."""
    return ", ".join(EQUIPMENT.get(equipment, equipment) for equipment in ids)


def getting_ready_text(plan: Plan, step: Step) -> str:
    """What the get-ready before ``step`` names: the whole gear list before the session's first
    exercise, else the gear the last exercise did not use, and a new position."""
    if step.set_number > 1 or step.phases[0].kind is PhaseKind.SWITCH:
        return ""  # the same exercise goes on: nothing to fetch
    parts = []
    if step.index == 0 and plan.gear:
        parts.append(f"You need for this session: {equipment_names(plan.gear)}")
    elif step.change.fetch:
        parts.append(f"Fetch: {equipment_names(step.change.fetch)}")
    if step.change.moves and step.index > 0:
        parts.append(f"New position: {POSITIONS.get(step.exercise.position, '')}")
    return " · ".join(parts)


def step_view(plan: Plan, snapshot: Snapshot) -> StepView:
    step, phase = snapshot.step, snapshot.phase
    following = following_step(plan, step)
    resting = phase.role is PhaseRole.REST and following is not None
    shown = following if resting and following is not None else step
    exercise = shown.exercise
    after = following_step(plan, shown)
    next_up = "finish"
    if after is not None:
        about = [after.side.value] if after.side else []
        about += [set_text(after)] if after.in_sets else []
        next_up = after.exercise.name + (f" ({', '.join(about)})" if about else "")
    before = resting or phase.kind is PhaseKind.GET_READY
    return StepView(
        step=shown,
        title=f"Rest · next: {exercise.name}" if resting else exercise.name,
        side=shown.side if resting else (phase.side or step.side),
        position=POSITIONS.get(exercise.position, exercise.position),
        progress=f"{shown.section} · exercise {shown.number} of {plan.item_count}",
        next_up=next_up,
        getting_ready=getting_ready_text(plan, shown) if before else "",
    )


def side_text(side: Side | None) -> str:
    return f"{side.value} side" if side else ""


def measure_caption(step: Step, side: Side | None) -> str:
    """The label of the degrees box: "Left degrees (normal 45°):"."""
    normal = step.exercise.normal
    normal_text = f" (normal {normal}°)" if normal is not None else ""
    return f"{side.value.capitalize() if side else ''} degrees{normal_text}:".strip()


@dataclass(frozen=True)
class Instructions:
    """The numbered steps of an exercise, what to feel, when to stop, and the item's note."""

    steps: tuple[str, ...]
    feel: str
    stop_if: str
    note: str


def instructions(step: Step) -> Instructions:
    exercise = step.exercise
    return Instructions(exercise.steps, exercise.feel, " ".join(exercise.cautions), step.item.note)


# --- the summary ---------------------------------------------------------------------------


def outcome_line(outcome: StepOutcome) -> str:
    """One line per step: what was planned against what was done, in the step's own unit."""
    about = [outcome.side.value] if outcome.side else []
    if outcome.set_count > 1:
        about.append(f"set {outcome.set_number} of {outcome.set_count}")
    side = f" ({', '.join(about)})" if about else ""
    done = outcome.status is StepStatus.DONE
    if outcome.measurement is not None:
        amount = f"{outcome.measurement}°"
    elif outcome.kind is Kind.ONCE:
        amount = "done" if done else "skipped"
    elif outcome.planned_reps:
        amount = f"{outcome.actual_reps or 0} of {outcome.planned_reps} reps"
    else:
        amount = f"{round(outcome.actual_seconds)} s of {round(outcome.planned_seconds)} s"
    return f"{'✓' if done else '–'} {outcome.exercise_name}{side}: {amount}"


def steps_done(outcomes: Sequence[StepOutcome]) -> int:
    """How many different steps ended done (a step played twice counts once)."""
    return len({o.step_index for o in outcomes if o.status is StepStatus.DONE})


def summary_title(routine_name: str, status: SessionStatus) -> str:
    return f"{routine_name}: {SESSION_WORDS[status]}"
