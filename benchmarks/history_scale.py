"""History at scale: is the history view as fast with ten years of daily sessions as with none?

Builds three history files — empty, one month of daily sessions (30 sessions, a few weekly
range-of-motion tests) and ten years of them (3,650 sessions, ~91,000 steps) — then times, on
each, opening the file and every query the history view runs.  Prints medians and the ratios
of ten years to empty and to one month (target: within 1.5×).  An empty history draws no
chart at all, so "one month" is the fairer baseline for the Qt probe.

    /work/venv/bin/python benchmarks/history_scale.py [--repeat 15] [--keep DIR]

A probe takes the path of a history file and returns {stage: seconds}.  The core probe is
here; the Qt history view adds its own (open the store, build the view, show its first page)
by adding to ``PROBES`` — the harness, the files and the report stay the same.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hiptimer.core.history.store import HistoryStore, open_history
from hiptimer.core.routines.model import Kind, Side
from hiptimer.core.session.events import StepOutcome
from hiptimer.core.session.status import SessionStatus, StepStatus

TZ = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 6, 1)
YEARS = 10
STEPS_PER_SESSION = 25
WEEKLY_GOAL = 3

Probe = Callable[[Path], dict[str, float]]


_EXERCISES = [
    ("deep-glutes-release", "Deep glutes release", Kind.RELEASE, 60.0, None),
    ("piriformis-release", "Piriformis release", Kind.RELEASE, 60.0, None),
    ("figure-four-sitting", "Figure 4, sitting", Kind.HOLD, 60.0, None),
    ("posterior-capsule-stretch", "Posterior capsule stretch", Kind.HOLD, 60.0, None),
    ("band-distraction-neutral", "Band distraction, hip neutral", Kind.RELEASE, 60.0, None),
    ("swivel-chair", "Swivel chair", Kind.REPS, 60.0, 20),
    ("seated-hip-internal-rotation", "Seated hip internal rotation", Kind.REPS, 100.0, 20),
]


def _session_steps(rng: random.Random, test_day: bool) -> list[StepOutcome]:
    steps: list[StepOutcome] = []
    if test_day:
        for exercise_id, name in (("prone-ir-test", "Prone test"), ("seated-ir-test", "Seated")):
            for side in Side:
                degrees = rng.randint(20, 45)
                steps.append(
                    StepOutcome(
                        len(steps),
                        exercise_id,
                        name,
                        Kind.TEST,
                        side,
                        StepStatus.DONE,
                        0,
                        30,
                        None,
                        None,
                        degrees,
                    )
                )
    while len(steps) < STEPS_PER_SESSION:
        exercise_id, name, kind, seconds, reps = _EXERCISES[len(steps) % len(_EXERCISES)]
        skipped = rng.random() < 0.05
        steps.append(
            StepOutcome(
                len(steps),
                exercise_id,
                name,
                kind,
                Side.LEFT if len(steps) % 2 else Side.RIGHT,
                StepStatus.SKIPPED if skipped else StepStatus.DONE,
                seconds,
                rng.uniform(1, 5) if skipped else seconds + rng.uniform(0, 30),
                reps,
                (0 if skipped else reps) if reps else None,
                None,
            )
        )
    return steps


def build_ten_years(path: Path) -> tuple[int, int]:
    """Fill ``path`` with a daily session for ten years up to TODAY; return (sessions, steps)."""
    return build_daily(path, 365 * YEARS)


def build_daily(path: Path, days: int) -> tuple[int, int]:
    """Fill ``path`` with a session a day for ``days`` days up to TODAY: (sessions, steps)."""
    rng = random.Random(2026)
    store, _ = open_history(path)
    sessions = steps = 0
    first_day = TODAY - timedelta(days=days)
    with store:
        day = first_day
        while day < TODAY:
            with store.batch():  # one transaction per year keeps the build quick
                year_end = min(TODAY, day + timedelta(days=365))
                while day < year_end:
                    started = datetime.combine(day, datetime.min.time(), TZ) + timedelta(
                        hours=19,
                        minutes=rng.randint(0, 240),  # some late-evening sessions
                    )
                    session_id = store.begin_session(
                        "full-program", "Full program", "sha256:0123", "both", started
                    )
                    clock = started
                    for step in _session_steps(rng, test_day=day.weekday() == 0):
                        clock += timedelta(seconds=step.actual_seconds + 10)
                        store.record_step(session_id, step, clock)
                        steps += 1
                    roll = rng.random()
                    status = (
                        SessionStatus.COMPLETED
                        if roll < 0.9
                        else SessionStatus.ENDED_EARLY
                        if roll < 0.97
                        else None
                    )
                    if status:
                        store.finish_session(session_id, clock, status, (clock - started).seconds)
                        if rng.random() < 0.3:
                            store.set_feedback(session_id, rng.randint(0, 4), "")
                    elif rng.random() < 0.5:
                        store.discard_session(session_id)
                    sessions += 1
                    day += timedelta(days=1)
    return sessions, steps


def core_probe(path: Path) -> dict[str, float]:
    """Open the file and run every query the history view shows on its first screen."""
    times: dict[str, float] = {}

    def timed(stage: str, action: Callable[[], object]) -> object:
        start = time.perf_counter()
        result = action()
        times[stage] = time.perf_counter() - start
        return result

    store: HistoryStore = timed("open (integrity check)", lambda: open_history(path)[0])  # type: ignore[assignment]
    store.close()
    store = timed("open (no check)", lambda: HistoryStore.open(path, verify=False))  # type: ignore[assignment]
    with store:
        page = timed("sessions(50)", lambda: store.sessions(limit=50))
        timed("sessions(50, offset=3000)", lambda: store.sessions(limit=50, offset=3000))
        timed("session_count", store.session_count)
        if page:
            timed("session_steps", lambda: store.session_steps(page[0].id))  # type: ignore[index]
        else:
            timed("session_steps", lambda: store.session_steps(1))
        timed(
            "week_counts(52 weeks)",
            lambda: store.week_counts(TODAY - timedelta(weeks=51), TODAY, TZ),
        )
        timed("streak", lambda: store.streak(WEEKLY_GOAL, TODAY, TZ))
        timed("totals", store.totals)
        timed("measurement_trends (the chart's)", lambda: store.measurement_trends(150))
        timed("measurement_series (every point)", store.measurement_series)
        timed("incomplete_sessions", store.incomplete_sessions)
    not_shown = ("sessions(50, offset=3000)", "measurement_series (every point)")
    view = [stage for stage in times if not stage.startswith("open") and stage not in not_shown]
    times["= view queries"] = sum(times[stage] for stage in view)
    times["= open (no check) + view queries"] = times["open (no check)"] + times["= view queries"]
    times["= open (integrity check) + view queries"] = (
        times["open (integrity check)"] + times["= view queries"]
    )
    return times


def qt_probe(path: Path) -> dict[str, float]:
    """Open the file, build the history tab (HistoryPage) on it and draw it once at 1280×800."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from hiptimer.core.paths import AppPaths, builtin_routines_dir
    from hiptimer.core.routines.catalog import Catalog, load_library
    from hiptimer.core.settings import Settings
    from hiptimer.qt.context import AppContext
    from hiptimer.qt.history.page import HistoryPage

    app = QApplication.instance() or QApplication([])
    times: dict[str, float] = {}
    start = time.perf_counter()
    store, _ = open_history(path)
    times["open (integrity check)"] = time.perf_counter() - start
    store.close()
    start = time.perf_counter()
    store = HistoryStore.open(path, verify=False)
    times["open (no check)"] = time.perf_counter() - start
    scratch = path.parent / "qt-probe"
    ctx = AppContext(
        paths=AppPaths(data_dir=scratch, config_dir=scratch),
        catalog=Catalog(library=load_library(builtin_routines_dir())[0]),  # the normal bands
        settings=Settings(weekly_goal=WEEKLY_GOAL),
        history=store,
    )
    start = time.perf_counter()
    page = HistoryPage(ctx, today=lambda: TODAY, tz=TZ)  # runs refresh(): every query
    page.resize(1280, 800)
    times["build page (queries + widgets)"] = time.perf_counter() - start
    start = time.perf_counter()
    page.grab()  # lays out and paints everything, the charts included
    times["draw (grab)"] = time.perf_counter() - start
    start = time.perf_counter()
    page.refresh()
    times["refresh()"] = time.perf_counter() - start
    del page
    app.processEvents()
    store.close()
    view = times["build page (queries + widgets)"] + times["draw (grab)"]
    times["= build + draw"] = view
    times["= open (no check) + build + draw"] = times["open (no check)"] + view
    times["= open (integrity check) + build + draw"] = times["open (integrity check)"] + view
    return times


#: name -> probe.
PROBES: dict[str, Probe] = {"core": core_probe, "qt": qt_probe}


def _medians(probe: Probe, path: Path, repeat: int) -> dict[str, float]:
    runs = [probe(path) for _ in range(repeat)]
    return {stage: statistics.median(run[stage] for run in runs) for stage in runs[0]}


def _ratio(value: float, baseline: float) -> float:
    return value / baseline if baseline else float("inf")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--keep", type=Path, help="build the files in DIR and keep them")
    parser.add_argument("--probe", choices=sorted(PROBES), action="append")
    args = parser.parse_args(argv)

    folder = args.keep or Path(tempfile.mkdtemp(prefix="hiptimer-history-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    empty, month, full = (
        folder / "empty.sqlite3",
        folder / "one-month.sqlite3",
        folder / "ten-years.sqlite3",
    )
    if not empty.exists():
        open_history(empty)[0].close()
    if not month.exists():
        build_daily(month, 30)
    if not full.exists():
        start = time.perf_counter()
        sessions, steps = build_ten_years(full)
        print(f"built {full.name}: {sessions} sessions, {steps} steps "
              f"in {time.perf_counter() - start:.1f} s")  # fmt: skip
    with HistoryStore.open(full, verify=False) as store:
        measurements = sum(len(points) for points in store.measurement_series().values())
        print(f"{full.name}: {store.session_count(include_discarded=True)} sessions, "
              f"{sum(1 for _ in store.all_steps())} steps, {measurements} measurements, "
              f"{full.stat().st_size / 1e6:.1f} MB")  # fmt: skip

    for name in args.probe or sorted(PROBES):
        probe = PROBES[name]
        probe(empty), probe(month), probe(full)  # warm up
        on_empty = _medians(probe, empty, args.repeat)
        on_month = _medians(probe, month, args.repeat)
        on_full = _medians(probe, full, args.repeat)
        print(f"\n[{name}] median of {args.repeat} runs, milliseconds")
        print(f"{'stage':<42}{'empty':>9}{'1 month':>9}{'10 years':>10}{'/empty':>8}{'/month':>8}")
        for stage, seconds in on_empty.items():
            print(
                f"{stage:<42}{seconds * 1e3:>9.3f}{on_month[stage] * 1e3:>9.3f}"
                f"{on_full[stage] * 1e3:>10.3f}{_ratio(on_full[stage], seconds):>7.2f}×"
                f"{_ratio(on_full[stage], on_month[stage]):>7.2f}×"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
