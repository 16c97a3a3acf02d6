"""The routines done in a report's period: their doses as written, and done against the plan.

A routine's content comes from the history itself (the routine file kept with its sessions,
format 8 on); for sessions recorded before that, from the routine of the same id on this
computer, and the report says so; failing both, only its name is known.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from hiptimer.core.history import weeks
from hiptimer.core.history.adherence import SessionKind
from hiptimer.core.history.report.model import DoseLine, Period, RoutineDoses
from hiptimer.core.history.rows import SessionRow
from hiptimer.core.routines.loader import load_text
from hiptimer.core.routines.model import Library, Routine
from hiptimer.core.routines.schema import dose_text
from hiptimer.core.text import plural

KEPT = "as recorded with the sessions"
FROM_HERE = "the history did not keep its content; shown as this computer has it now"
UNKNOWN = "the history did not keep its content, and this computer does not have it"
UNREADABLE = "kept with the sessions, but it does not read as a routine file"


@dataclass(frozen=True)
class _Read:
    routine: Routine
    library: Library


def read_kept(text: str) -> _Read | None:
    """A routine file kept with sessions, read on its own (None if it does not read cleanly)."""
    result = load_text(text, "history", Library())
    if result.problems or not result.routines:
        return None
    return _Read(result.routines[0], Library(dict(result.exercises)))


def routine_doses(
    sessions: Sequence[tuple[date, SessionRow]],
    kept: Mapping[str, str],
    here: Mapping[str, Routine],
    library: Library,
    period: Period,
) -> tuple[RoutineDoses, ...]:
    """Each routine done in the period, the most done first."""
    by_routine: dict[str, list[tuple[date, SessionRow]]] = {}
    for day, session in sessions:
        by_routine.setdefault(session.routine_id, []).append((day, session))
    found: list[RoutineDoses] = []
    cache: dict[str, _Read | None] = {}
    for routine_id, done in by_routine.items():
        latest = done[-1][1]
        hashes = list(dict.fromkeys(session.routine_hash for _day, session in done))
        read = None
        if latest.routine_hash in kept:
            if latest.routine_hash not in cache:
                cache[latest.routine_hash] = read_kept(kept[latest.routine_hash])
            read = cache[latest.routine_hash]
        origin = KEPT
        if read is None and routine_id in here:
            read, origin = _Read(here[routine_id], library), FROM_HERE
        elif read is None:
            origin = UNREADABLE if latest.routine_hash in kept else UNKNOWN
        workouts = [day for day, s in done if s.kind == SessionKind.WORKOUT.value]
        routine = None if read is None else read.routine
        found.append(
            RoutineDoses(
                routine_id=routine_id,
                name=latest.routine_name if routine is None else routine.name,
                sessions=len(done),
                workouts=len(workouts),
                lines=() if read is None else _lines(read),
                origin=origin,
                prescription=None if routine is None else routine.prescription,
                comparison="" if routine is None else _comparison(routine, workouts, period),
                versions=len(hashes),
                sides=_sides([session for _day, session in done]),
            )
        )
    found.sort(key=lambda r: (-r.sessions, r.name))
    return tuple(found)


def _sides(sessions: Sequence[SessionRow]) -> str:
    """``Played on the left side 11 times, both sides once.``"""
    counts: dict[str, int] = {}
    for session in sessions:
        choice = session.side_choice.value
        counts[choice] = counts.get(choice, 0) + 1
    words = {"left": "the left side", "right": "the right side", "both": "both sides"}
    times = {1: "once", 2: "twice"}
    parts = [
        f"{words[choice]} {times.get(count, f'{count} times')}"
        for choice, count in sorted(counts.items(), key=lambda pair: -pair[1])
    ]
    return f"Played on {', '.join(parts)}." if parts else ""


def _lines(read: _Read) -> tuple[DoseLine, ...]:
    lines: list[DoseLine] = []
    for section in read.routine.sections:
        for item in section.items:
            exercise = read.library.exercises.get(item.exercise)
            name = exercise.name if exercise is not None else item.exercise
            lines.append(DoseLine(section.name, name, dose_text(item)))
    return tuple(lines)


def _comparison(routine: Routine, workouts: Sequence[date], period: Period) -> str:
    """``Done 2.5 times a week over 6 weeks; 4 of 6 weeks met the 3 prescribed.``"""
    if routine.prescription is None:
        return ""  # only a prescription is held against what was done
    goal = routine.prescription.per_week
    what = "prescribed"
    first_week = weeks.week_start(min(workouts) if workouts else period.first)
    mondays = weeks.weeks_in_range(max(first_week, weeks.week_start(period.first)), period.last)
    per_week = dict.fromkeys(mondays, 0)
    for day in workouts:
        monday = weeks.week_start(day)
        if monday in per_week:
            per_week[monday] += 1
    # the week the period ends in counts only if it is over
    if mondays and mondays[-1] + timedelta(days=6) > period.last:
        per_week.pop(mondays[-1])
    whole = len(per_week)
    if not whole:
        return f"No finished week of it in this period yet ({goal} a week {what})."
    mean = sum(per_week.values()) / whole
    met = sum(1 for count in per_week.values() if count >= goal)
    return (
        f"Done {mean:.1f} times a week over {plural(whole, 'finished week')}; "
        f"{met} of {whole} weeks met the {goal} {what}."
    )
