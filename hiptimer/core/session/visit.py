"""What happens during one visit of a step: its work time, reps done, degrees, its outcome.

The engine tells a :class:`Visit` each time a phase of the step ends or the person leaves it;
the visit turns that into the step's :class:`~hiptimer.core.session.events.StepOutcome`.
"""

from __future__ import annotations

from dataclasses import dataclass

from hiptimer.core.session.events import StepOutcome
from hiptimer.core.session.plan import PhaseKind, Step
from hiptimer.core.session.status import StepStatus


@dataclass
class Visit:
    step: Step
    work_seconds: float = 0.0  # session seconds spent in work phases
    units_done: int = 0  # reps or cycles completed
    measurement: int | None = None
    recorded: bool = False

    def phase_ended(self, phase_index: int, seconds: float, reps_counted: int) -> None:
        """Phase ``phase_index`` ended normally after ``seconds`` of session time."""
        phase = self.step.phases[phase_index]
        if not phase.is_work:
            return
        self.work_seconds += seconds
        if phase.kind is PhaseKind.COUNT:
            self.units_done = reps_counted
        elif phase.cycle is not None and phase.kind is PhaseKind.WORK:
            self.units_done = phase.cycle
        elif phase.rep is not None and ends_rep(self.step, phase_index):
            self.units_done = phase.rep

    def left_during(self, phase_index: int, seconds: float) -> None:
        """The person left the step ``seconds`` into phase ``phase_index``."""
        if self.step.phases[phase_index].is_work:
            self.work_seconds += seconds

    def outcome(self, status: StepStatus) -> StepOutcome:
        """Record the visit (once) as ``status``."""
        step = self.step
        self.recorded = True
        return StepOutcome(
            step_index=step.index,
            exercise_id=step.exercise.id,
            exercise_name=step.exercise.name,
            kind=step.item.kind,
            side=step.side,
            status=status,
            planned_seconds=step.planned_seconds,
            actual_seconds=self.work_seconds,
            planned_reps=step.planned_reps,
            actual_reps=None if step.planned_reps is None else self.units_done,
            measurement=self.measurement,
            set_number=step.set_number,
            set_count=step.set_count,
        )


def starts_rep(step: Step, phase_index: int) -> bool:
    """Phase ``phase_index`` begins a rep (a held rep has lift, hold and lower phases)."""
    phases = step.phases
    return phase_index == 0 or phases[phase_index - 1].rep != phases[phase_index].rep


def ends_rep(step: Step, phase_index: int) -> bool:
    phases = step.phases
    return phase_index + 1 >= len(phases) or phases[phase_index + 1].rep != phases[phase_index].rep
