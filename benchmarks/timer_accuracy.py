"""How exactly the real session runner ends phases and changes the shown second.

Run from the repository root:  python benchmarks/timer_accuracy.py [--quick]

A real QApplication (offscreen) and the real :class:`hiptimer.qt.runner.SessionRunner` play a
small routine at speed 1 (holds, a release, cycles, lead-ins and rests) three times:

* idle: nothing else on the event loop; a real PlayerPage shows every snapshot, and the CPU
  time and the repaints of its countdown label are counted;
* busy: a QTimer(0) burns about 5 ms of CPU on every pass of the event loop;
* stall: the GUI thread sleeps 2 s once, mid-phase, with a phase deadline inside the sleep.

Measured:

* phase end error: when the runner handed out the phase change (``time.monotonic()`` in the
  ``events`` slot) minus the planned real deadline (start time + sum of the planned phase
  lengths before it).  The engine's own ``Event.at`` is also checked against the plan;
* shown-second lateness: when ``snapshot.shown_seconds`` changed minus when it should have;
* drift: the last phase end minus (start + sum of every planned phase length);
* CPU: ``time.process_time`` used per wall second while counting (idle case), as % of a core;
* countdown repaints per second (paint events of ``PlayerPage.countdown``).

Targets (docs in /work/shared/PRODUCT.md): every step ends within 10 ms of its deadline, no
drift, under 0.5 % of a core while counting, about one countdown repaint per second.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false;qt.speech*=false")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from hiptimer.core.catalog import load_library  # noqa: E402
from hiptimer.core.model import Item, Kind, Range, Routine, Section, SideChoice  # noqa: E402
from hiptimer.core.paths import builtin_routines_dir  # noqa: E402
from hiptimer.core.plan import Plan, build_plan  # noqa: E402
from hiptimer.core.session import Event, EventKind, Snapshot  # noqa: E402
from hiptimer.qt.player import PlayerPage  # noqa: E402
from hiptimer.qt.runner import SessionRunner  # noqa: E402

STALL_SECONDS = 2.0
BUSY_BURN_SECONDS = 0.005
TARGET_END_MS = 10.0
TARGET_CPU_PERCENT = 0.5


def bench_routine(quick: bool) -> Routine:
    """Holds of 3-5 s, a release, cycles; rests of 1 s between items."""
    if quick:
        items = (
            Item("figure-four-sitting", Kind.HOLD, seconds=Range(2, 2)),
            Item("deep-glutes-release", Kind.RELEASE, seconds=Range(1, 3)),
            Item("femoral-head-centration", Kind.CYCLES, work=1, relax=1, count=2),
        )
    else:
        items = (
            Item("figure-four-sitting", Kind.HOLD, seconds=Range(5, 5)),
            Item("figure-four-supine", Kind.HOLD, seconds=Range(4, 4)),
            Item("posterior-capsule-stretch", Kind.HOLD, seconds=Range(3, 3)),
            Item("deep-glutes-release", Kind.RELEASE, seconds=Range(4, 6)),
            Item("femoral-head-centration", Kind.CYCLES, work=2, relax=1, count=3),
        )
    return Routine("bench", "Benchmark", (Section("Bench", items),), rest=0 if quick else 1)


def bench_plan(quick: bool) -> Plan:
    library, problems = load_library(builtin_routines_dir())
    if problems:
        raise SystemExit(f"built-in exercises do not load: {problems[0]}")
    return build_plan(bench_routine(quick), library, SideChoice.LEFT,
                      lead_in=0.5 if quick else 2)


def planned_phases(plan: Plan) -> list[tuple[str, float]]:
    """(label, planned end in session seconds) for every phase, in order."""
    rows: list[tuple[str, float]] = []
    end = 0.0
    for step in plan.steps:
        for phase in step.phases:
            assert phase.seconds is not None, "the benchmark plan has only timed phases"
            end += phase.seconds
            label = f"{step.number}.{step.exercise.id[:18]} {phase.word}"
            if phase.cycle is not None:
                label += f" {phase.cycle}"
            rows.append((label, end))
    return rows


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


@dataclass
class Result:
    name: str
    start: float = 0.0  # real monotonic time the session started
    wall: float = 0.0
    cpu: float = 0.0
    phase_ends: list[float] = field(default_factory=list)  # real times, in order
    event_at: list[float] = field(default_factory=list)  # engine session times of the ends
    shown_lateness: list[tuple[float, float]] = field(default_factory=list)  # (planned, late)
    snapshots: int = 0
    repaints: int | None = None
    stall: tuple[float, float] | None = None  # real window of the stall


def run(plan: Plan, load: str, app: QApplication) -> Result:
    """Play the plan once under ``load`` ('idle', 'busy', 'stall') and measure it."""
    result = Result(load)
    runner = SessionRunner(plan, speed=1.0)
    player: PlayerPage | None = None
    counter: PaintCounter | None = None
    if load == "idle":
        player = PlayerPage()
        player.resize(1280, 800)
        player.set_plan(plan, 1.0)
        counter = PaintCounter()
        player.countdown.installEventFilter(counter)
        player.show()
        runner.changed.connect(player.show_snapshot)
    loop = QEventLoop()
    last_shown: list[tuple[int, int | None]] = []
    done = {"finished": False}

    def on_events(events: list[Event]) -> None:
        now = time.monotonic()
        for event in events:
            if event.kind is EventKind.SESSION_FINISHED or (
                event.kind is EventKind.PHASE_STARTED and event.at > 0
            ):
                result.phase_ends.append(now)
                result.event_at.append(event.at)
            if event.kind is EventKind.SESSION_FINISHED:
                done["finished"] = True
                QTimer.singleShot(0, loop.quit)

    def on_changed(snapshot: Snapshot) -> None:
        now = time.monotonic()
        result.snapshots += 1
        key = (snapshot.step_index * 1000 + snapshot.phase_index, snapshot.shown_seconds)
        if last_shown and last_shown[-1] == key:
            return
        last_shown.append(key)
        if snapshot.remaining is None or snapshot.shown_seconds is None or done["finished"]:
            return
        # The shown value s appears when the time left reaches s (ceil display).
        phase_end = snapshot.elapsed + snapshot.remaining
        planned = result.start + (phase_end - snapshot.shown_seconds) / snapshot.speed
        result.shown_lateness.append((planned, now - planned))

    runner.events.connect(on_events)
    runner.changed.connect(on_changed)

    burner = QTimer()
    burner.setInterval(0)

    def burn() -> None:
        until = time.perf_counter() + BUSY_BURN_SECONDS
        while time.perf_counter() < until:
            pass

    burner.timeout.connect(burn)

    total = planned_phases(plan)[-1][1]
    settle_until = time.monotonic() + 0.3
    while time.monotonic() < settle_until:  # let the window appear before timing
        app.processEvents()
    if load == "busy":
        burner.start()
    cpu0 = time.process_time()
    runner.start()
    result.start = runner.session._anchor_real  # the exact `now` the engine started at
    if load == "stall":
        # Sleep so that the first work phase's deadline falls 1 s into the stall.
        first_end = planned_phases(plan)[1][1]
        stall_at = max(first_end - STALL_SECONDS / 2, 0.1)

        def stall() -> None:
            begin = time.monotonic()
            time.sleep(STALL_SECONDS)
            result.stall = (begin, time.monotonic())

        QTimer.singleShot(int(stall_at * 1000), stall)
    guard = QTimer()  # a session that never finishes must not hang the benchmark
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)
    guard.start(int((total + 5) * 1000))
    loop.exec()  # a real event loop, like app.exec()
    guard.stop()
    result.wall = time.monotonic() - result.start
    result.cpu = time.process_time() - cpu0
    burner.stop()
    if counter is not None:
        result.repaints = counter.count
    if player is not None:
        player.hide()
        player.deleteLater()
    runner.deleteLater()
    app.processEvents()
    if not done["finished"]:
        raise SystemExit(f"{load}: the session did not finish in time")
    return result

