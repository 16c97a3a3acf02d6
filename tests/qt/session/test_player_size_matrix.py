"""The player in every phase kind, and the summary, at every size of the matrix in light and
dark: no text clipped or overlapping, every text at least 1/25 of the window's height and the
countdown's digits a third of it (issue 13)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QMainWindow, QWidget

from hiptimer.core.history.glance import WeekGlance
from hiptimer.core.routines.model import Item, Kind, Range, Routine, Section, Side, SideChoice
from hiptimer.core.session.engine import Session
from hiptimer.core.session.events import SessionState, Snapshot
from hiptimer.core.session.plan import PhaseKind, build_plan
from hiptimer.core.session.status import SessionStatus
from hiptimer.qt.session.player import PlayerPage
from hiptimer.qt.session.summary import SummaryPage
from tests.fakes import builtin_catalog, make_outcome
from tests.qt.layout_checks import (
    assert_layout_ok,
    scheme_applied,
    size_matrix,
    text_height_at_least,
)

ITEMS = (
    Item("hip-shift-wall", Kind.HOLD, seconds=Range(30, 30)),
    Item("band-distraction-neutral", Kind.RELEASE, seconds=Range(60, 120)),
    Item("swivel-chair", Kind.REPS, count=12, pace=3),
    Item("seated-hip-ir", Kind.REPS, count=20, hold=Range(3, 5), sets=2),
    Item("femoral-head-centration", Kind.CYCLES, work=5, relax=2, count=3),
    Item("hip-click", Kind.ONCE),
    Item("prone-ir-test", Kind.TEST),
)

Want = Callable[[Snapshot], bool]


def kind(phase_kind: PhaseKind, held: bool | None = None) -> Want:
    def want(snapshot: Snapshot) -> bool:
        if snapshot.phase.kind is not phase_kind:
            return False
        return held is None or (snapshot.phase.rep is not None and snapshot.step.in_sets) == held

    return want


#: (name, what the snapshot shows, self-paced reps)
PHASES: list[tuple[str, Want, bool]] = [
    ("get ready", kind(PhaseKind.GET_READY), False),
    ("hold", lambda s: s.phase.kind is PhaseKind.WORK and s.step.item.kind is Kind.HOLD, False),
    ("switch sides", kind(PhaseKind.SWITCH), False),
    (
        "release",
        lambda s: s.step.item.kind is Kind.RELEASE and s.phase.kind is PhaseKind.WORK,
        False,
    ),
    (
        "reps",
        lambda s: s.step.exercise.id == "swivel-chair" and s.phase.kind is PhaseKind.WORK,
        False,
    ),
    ("reps with hold", kind(PhaseKind.HOLD), False),
    ("rest between sets", lambda s: s.phase.kind is PhaseKind.REST and s.step.in_sets, False),
    ("cycles", kind(PhaseKind.RELAX), False),
    ("once", kind(PhaseKind.ACTION), False),
    ("test", kind(PhaseKind.MEASURE), False),
    ("self-paced reps", kind(PhaseKind.COUNT), True),
]


def reach(session: Session, want: Want, limit: float = 4000) -> tuple[Snapshot, float]:
    """Play on (answering what waits) until ``want`` holds; (the snapshot, the time)."""
    now = 0.0
    session.start(now)
    while now < limit:
        session.update(now)
        snapshot = session.snapshot(now)
        if want(snapshot):
            return snapshot, now
        phase = snapshot.phase.kind
        if snapshot.remaining is None:
            if phase is PhaseKind.MEASURE:
                session.record_measurement(now, 40)
            elif phase is PhaseKind.COUNT:
                session.rep_done(now)
            else:
                session.done(now)
        now += 0.5
    raise AssertionError("the phase never came")


def host(qtbot, page: QWidget, size: QSize) -> QMainWindow:
    """A window like the app's: a menu bar and a status bar around the page."""
    window = QMainWindow()
    qtbot.addWidget(window)
    for title in ("&File", "&Session", "&Help", "&View"):
        window.menuBar().addMenu(title)
    window.statusBar().showMessage("Sound on")
    window.setCentralWidget(page)
    window.resize(size)
    window.show()
    qtbot.waitExposed(window)
    return window


def check_player(page: PlayerPage, window: QMainWindow, name: str) -> None:
    height = window.height()
    assert_layout_ok(window)
    texts = [page.name_label, page.phase_band, page.next_label, page.side_word]
    texts += [w for w in (page.steps_label, page.ready_label) if w.isVisible()]
    texts += [
        w for w in (page.detail_label, page.rep_caption, page.countdown_caption) if w.isVisible()
    ]
    small = text_height_at_least([w for w in texts if w.isVisible()], height / 25)
    assert not small, (name, small)
    ink = QFontMetrics(page.countdown.font()).tightBoundingRect("0").height()
    assert ink >= height / 3, (name, ink, height)
    if not page.rep_column.isVisible():  # the countdown sits centred under the title
        digits = page.countdown.mapTo(window, page.countdown.text_rect().center())
        title = page.name_label.mapTo(window, page.name_label.rect().center())
        assert abs(digits.x() - title.x()) <= 4, (name, digits, title)


def slots(page: PlayerPage) -> list[object]:
    """Where the fixed slots are: they stay put from phase to phase."""
    return [
        page.name_label.geometry(),
        page.figures.geometry(),
        page.phase_bar.geometry(),
        page.steps_card.geometry(),
        page.next_card.geometry(),
        page.phase_band.geometry().top(),
        page.phase_band.height(),
    ]


@pytest.mark.parametrize(("size", "scheme"), size_matrix())
def test_every_phase_kind_fits_and_reads_from_the_floor(qtbot, size: QSize, scheme: str) -> None:
    catalog = builtin_catalog()
    routine = Routine("m", "Matrix", (Section("Everything", ITEMS),), rest=15)
    with scheme_applied(scheme):
        page = PlayerPage()
        window = host(qtbot, page, size)
        placed: set[tuple[str, ...]] = set()
        for name, want, self_paced in PHASES:
            plan = build_plan(
                routine,
                catalog.library,
                SideChoice.BOTH,
                Side.LEFT,
                change_lead_in=20,
                self_paced_reps=self_paced,
            )
            page.set_plan(plan, 6.0 if name == "hold" else 1.0)  # one as a rehearsal
            session = Session(plan)
            snapshot, now = reach(session, want)
            page.show_snapshot(snapshot)
            check_player(page, window, name)
            placed.add(tuple(str(slot) for slot in slots(page)))
            if name == "hold":
                session.pause(now)
                paused = session.snapshot(now)
                assert paused.state is SessionState.PAUSED
                page.show_snapshot(paused)
                check_player(page, window, "paused")
            if name == "release":
                assert ":" in page.countdown.text()  # m:ss, never "110"
        assert len(placed) == 1, "\n".join(
            map(repr, placed)
        )  # nothing moved between phases and exercises


def outcomes():
    done = []
    for index, (exercise, name, kind_, side) in enumerate(
        [
            ("hip-shift-wall", "Hip shift at the wall", Kind.HOLD, Side.LEFT),
            ("hip-shift-wall", "Hip shift at the wall", Kind.HOLD, Side.RIGHT),
            ("band-distraction-neutral", "Band distraction, neutral", Kind.RELEASE, Side.LEFT),
            ("seated-hip-ir", "Seated internal rotation", Kind.REPS, Side.LEFT),
            ("femoral-head-centration", "Femoral head centration", Kind.CYCLES, Side.LEFT),
            ("hip-click", "Hip click", Kind.ONCE, None),
            ("prone-ir-test", "Prone internal rotation test", Kind.TEST, Side.LEFT),
        ]
    ):
        extra = {"measurement": 38} if kind_ is Kind.TEST else {}
        extra |= {"planned_reps": 20, "actual_reps": 20} if kind_ is Kind.REPS else {}
        done.append(
            make_outcome(
                step_index=index,
                exercise_id=exercise,
                exercise_name=name,
                kind=kind_,
                side=side,
                **extra,
            )
        )
    return done


@pytest.mark.parametrize(("size", "scheme"), size_matrix())
def test_the_summary_fits(qtbot, size: QSize, scheme: str) -> None:
    positions = {item.exercise: builtin_catalog().library[item.exercise].position for item in ITEMS}
    with scheme_applied(scheme):
        page = SummaryPage()
        window = host(qtbot, page, size)
        from hiptimer.core.history.adherence import SessionKind

        page.show_summary(
            "Matrix",
            SessionStatus.COMPLETED,
            1325,
            outcomes(),
            9,
            counts=SessionKind.WORKOUT,
            week=WeekGlance(2, 3, 4),
            positions=positions,
        )
        assert_layout_ok(window)
        small = text_height_at_least([page.title, page.week_label], window.height() / 40)
        assert not small
