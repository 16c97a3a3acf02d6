"""The player page: two labelled figures in held reps, the get-ready's gear, sets."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics

from hiptimer.core.routines.model import Item, Kind, Range, Routine, Section, Side, SideChoice
from hiptimer.core.session.engine import Session
from hiptimer.core.session.plan import PhaseKind, build_plan
from hiptimer.qt.session.player import PlayerPage
from tests.fakes import builtin_catalog


def player_with(qtbot, *items: Item) -> tuple[PlayerPage, Session]:
    catalog = builtin_catalog()
    routine = Routine("r", "R", (Section("S", items),), rest=0)
    plan = build_plan(routine, catalog.library, SideChoice.LEFT, Side.LEFT, change_lead_in=20)
    page = PlayerPage()
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitExposed(page)
    page.set_plan(plan, 1.0)
    session = Session(plan)
    session.start(0.0)
    return page, session


def show_at(page: PlayerPage, session: Session, now: float):
    session.update(now)
    snapshot = session.snapshot(now)
    page.show_snapshot(snapshot)
    return snapshot


def fits(label) -> bool:
    return QFontMetrics(label.font()).horizontalAdvance(label.text()) <= label.width()


def test_held_reps_show_the_rep_and_the_seconds_side_by_side_each_labelled(qtbot) -> None:
    held = Item("seated-hip-ir", Kind.REPS, count=20, hold=Range(3, 5), sets=2)
    page, session = player_with(qtbot, held)
    snapshot = show_at(page, session, 23.0)  # 20 s get-ready, 2 s lift: into the hold
    assert snapshot.phase.kind is PhaseKind.HOLD
    assert page.rep_column.isVisible() and page.countdown_caption.isVisible()
    # the set rides with the rep's word (held reps have no detail line under the figures)
    assert (page.rep_figure.text(), page.rep_caption.text()) == ("1", "rep of 20 · set 1 of 2")
    assert (page.countdown.text(), page.countdown_caption.text()) == ("3", "seconds to hold")
    assert page.rep_figure.font().pixelSize() == page.countdown.font().pixelSize()
    show_at(page, session, 26.5)  # lowering rep 1
    assert (page.rep_figure.text(), page.countdown.text()) == ("1", "2")
    assert page.countdown_caption.text() == "seconds to lower"
    show_at(page, session, 28.5)
    assert (page.rep_figure.text(), page.countdown_caption.text()) == ("2", "seconds to lift")
    assert "set 1 of 2" in page.detail_label.text()
    qtbot.waitUntil(lambda: fits(page.rep_figure) and fits(page.countdown), timeout=2000)


def test_other_phases_have_one_figure_without_a_caption(qtbot) -> None:
    page, session = player_with(qtbot, Item("hip-shift-wall", Kind.HOLD, seconds=Range(30, 30)))
    show_at(page, session, 25.0)
    assert not page.rep_column.isVisibleTo(page)
    assert not page.countdown_caption.isVisibleTo(page)
    assert page.countdown.text() == "25"
    assert page.phase_band.text() == "STRENGTHEN"  # the hip shift is a strengthening hold


def test_the_first_get_ready_names_the_sessions_gear_and_a_later_one_what_to_fetch(qtbot) -> None:
    page, session = player_with(
        qtbot,
        Item("hip-shift-wall", Kind.HOLD, seconds=Range(30, 30)),
        Item("band-distraction-neutral", Kind.RELEASE, seconds=Range(60, 60)),
    )
    show_at(page, session, 1.0)
    assert page.ready_label.isVisible()
    assert page.ready_label.text() == (
        "You need for this session: Wall, Thick resistance band and an anchor"
    )
    show_at(page, session, 25.0)  # holding: nothing to fetch now
    assert not page.ready_label.isVisible()
    show_at(page, session, 51.0)  # the band's get-ready
    assert page.ready_label.text() == (
        "Fetch: Thick resistance band and an anchor · New position: Lying on your back"
    )


def test_the_buttons_say_the_keys_of_the_action_table(qtbot) -> None:
    """One source for each key: the buttons' tooltips come from qt/actions.py."""
    from hiptimer.qt.actions import ACTIONS, shown_keys
    from hiptimer.qt.session.player import PlayerPage

    page = PlayerPage()
    qtbot.addWidget(page)
    pause = next(spec for spec in ACTIONS if spec.name == "toggle_pause")
    assert page.buttons["pause"].toolTip() == f"{pause.help} ({' or '.join(shown_keys(pause))})"
    assert page.buttons["pause"].accessibleName() == pause.help
    assert "Left arrow" in page.buttons["previous"].toolTip()
    assert "Ctrl+E" in page.buttons["finish"].toolTip()
