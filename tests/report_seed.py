"""A history like a real few weeks of the program, for the report's tests and the benchmark.

Sessions of a prescribed routine and of the built-in daily one, played through the real plan
(so their steps, times and routine texts are what the app records), some ended early, pain
rated after most, notes, and weekly range-of-motion measurements on both sides.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta, tzinfo

from hiptimer.core.history.store import HistoryStore
from hiptimer.core.routines.loader import load_text
from hiptimer.core.routines.model import Routine, Side, SideChoice
from hiptimer.core.session.plan import build_plan
from hiptimer.core.session.resume import routine_hash, routine_record
from hiptimer.core.session.status import SessionStatus
from tests.fakes import builtin_catalog, make_outcome

PRESCRIBED = """\
format: 1
routines:
  - id: rx-left-hip
    name: Left hip, from Ana
    prescription:
      by: Ana Ruiz, physiotherapist
      per_week: 3
      review: 2026-03-02
    sections:
      - name: Release and stretch
        items:
          - {exercise: deep-glutes-release, kind: release, seconds: [60, 120]}
          - {exercise: figure-four-supine, kind: hold, seconds: 60, sets: 2}
      - name: Strengthen
        items:
          - {exercise: seated-hip-ir, kind: reps, count: 20, hold: [3, 5]}
"""

NOTES = (
    "Left hip felt tight in the morning, easier after the release.",
    "Knee drop easier today.",
    "Sore at the front of the hip during the stretch, so I stopped early.",
)


def prescribed_routine() -> Routine:
    result = load_text(PRESCRIBED, "rx.yaml", builtin_catalog().library)
    assert result.problems == [], result.problems
    return result.routines[0]


def record(
    store: HistoryStore,
    routine: Routine,
    started: datetime,
    *,
    early: bool = False,
    pain: int | None = None,
    note: str = "",
) -> int:
    """One session of ``routine`` as the app records it: every step done (or the first half,
    when ``early``), finished, with feedback."""
    library = builtin_catalog().library
    plan = build_plan(routine, library, SideChoice.LEFT, Side.LEFT)
    session = store.begin_session(
        routine.id,
        routine.name,
        routine_hash(routine),
        "left",
        started,
        planned_steps=len(plan.steps),
        planned_work_seconds=plan.exercise_seconds(),
        routine_text=routine_record(routine, (step.exercise for step in plan.steps)),
    )
    clock = started
    steps = plan.steps[: max(1, len(plan.steps) // 2)] if early else plan.steps
    for step in steps:
        clock += timedelta(seconds=step.planned_seconds + 15)
        store.record_step(
            session,
            make_outcome(
                step.index,
                step.exercise.id,
                step.exercise.name,
                step.item.kind,
                step.side,
                "done",
                step.planned_seconds,
                step.planned_seconds,
                step.planned_reps,
                step.planned_reps,
                None,
            ),
            clock,
            active_seconds=(clock - started).total_seconds(),
        )
    status = SessionStatus.ENDED_EARLY if early else SessionStatus.COMPLETED
    store.finish_session(session, clock, status, (clock - started).total_seconds())
    if pain is not None or note:
        store.set_feedback(session, pain, note)
    return session


def seed_weeks(store: HistoryStore, first: date, weeks: int, tz: tzinfo, seed: int = 17) -> None:
    """``weeks`` weeks from the Monday ``first``: Mon/Wed/Fri sessions (a few missed), a
    measurement every Monday morning, left improving, right steady."""
    rng = random.Random(seed)
    rx = prescribed_routine()
    daily = builtin_catalog().find("daily")
    assert daily is not None
    with store.batch():
        for week in range(weeks):
            monday = first + timedelta(weeks=week)
            left = 24 + 2 * week + rng.choice((-1, 0, 1))
            right = 38 + rng.choice((-1, 0, 1))
            for test, low_left, low_right in (("prone", left, right), ("seated", left + 4, right)):
                taken = datetime.combine(monday, time(7, 30), tzinfo=tz)
                store.add_measurement(test, "left", low_left, taken)
                store.add_measurement(test, "right", low_right, taken, note="")
            for offset in (0, 2, 4):
                if rng.random() < 0.15:
                    continue  # a missed day
                day = monday + timedelta(days=offset)
                started = datetime.combine(day, time(18, rng.randint(0, 45)), tzinfo=tz)
                early = rng.random() < 0.1
                pain = rng.choice((1, 2, 2, 3, 3, 4, 6)) if rng.random() < 0.8 else None
                note = NOTES[(week + offset) % len(NOTES)] if rng.random() < 0.2 else ""
                routine = rx if offset != 4 or week % 2 else daily
                record(store, routine, started, early=early, pain=pain, note=note)


def seed_years(store: HistoryStore, last: date, years: int, tz: tzinfo, seed: int = 10) -> int:
    """Three sessions a week for ``years`` years up to ``last`` (two steps each, so it builds
    in a second or two), a measurement of each test and side every four weeks; the number of
    sessions."""
    rng = random.Random(seed)
    rx = prescribed_routine()
    text = routine_record(rx, (builtin_catalog().library[i.exercise] for i in rx.items))
    first = last - timedelta(days=365 * years)
    sessions = 0
    with store.batch():
        day = first
        while day <= last:
            if day.weekday() in (0, 2, 4) and rng.random() < 0.85:
                started = datetime.combine(day, time(18), tzinfo=tz)
                session = store.begin_session(
                    rx.id,
                    rx.name,
                    routine_hash(rx),
                    "left",
                    started,
                    planned_steps=2,
                    planned_work_seconds=400,
                    routine_text=text,
                )
                early = rng.random() < 0.05
                for index in range(1 if early else 2):
                    store.record_step(
                        session,
                        make_outcome(
                            index,
                            "figure-four-supine",
                            "Lying figure 4 stretch",
                            actual_seconds=200.0,
                            planned_seconds=200.0,
                        ),
                        started + timedelta(minutes=4 * (index + 1)),
                    )
                status = SessionStatus.ENDED_EARLY if early else SessionStatus.COMPLETED
                store.finish_session(
                    session, started + timedelta(minutes=9), status, 200.0 * (1 if early else 2)
                )
                if rng.random() < 0.5:
                    store.set_feedback(session, rng.randint(0, 7), "")
                sessions += 1
            if (day - first).days % 28 == 0:
                taken = datetime.combine(day, time(7), tzinfo=tz)
                for test in ("prone", "seated"):
                    store.add_measurement(test, "left", rng.randint(25, 40), taken)
                    store.add_measurement(test, "right", rng.randint(35, 45), taken)
            day += timedelta(days=1)
    return sessions
