"""The player's and the summary's words, from real plans and engine snapshots (no Qt)."""

from __future__ import annotations

from hiptimer.core.routines.model import (
    Exercise,
    Item,
    Kind,
    Library,
    Range,
    Routine,
    Section,
    Side,
    SideChoice,
    Sidedness,
    Sides,
)
from hiptimer.core.session import display
from hiptimer.core.session.engine import Session
from hiptimer.core.session.events import Snapshot
from hiptimer.core.session.plan import PhaseKind, build_plan
from hiptimer.core.session.status import SessionStatus
from tests.fakes import make_outcome

LIBRARY = Library(
    {
        "stretch": Exercise(
            "stretch",
            "Figure four",
            "Stretches",
            "on-back",
            steps=("Lie down.", "Cross the ankle."),
            feel="A stretch in the buttock.",
            cautions=("Pain at the front of the hip.",),
        ),
        "ball": Exercise("ball", "Glute release", "Releases", "figure-four-ball"),
        "drop": Exercise(
            "drop", "Knee drop", "Moves", "floor-knees-apart", sidedness=Sidedness.TOGETHER
        ),
        "rom": Exercise("rom", "Face-down test", "Tests", "face-down", normal=Range(45, 45)),
    }
)


def session_of(*items: Item, side: SideChoice = SideChoice.LEFT, rest: int = 0) -> Session:
    routine = Routine("r", "R", (Section("Main", items), Section("More", items)), rest=rest)
    return Session(build_plan(routine, LIBRARY, side, Side.LEFT, lead_in=10))


def at(session: Session, now: float) -> Snapshot:
    """The snapshot at ``now`` after the engine caught up to it."""
    session.update(now)
    return session.snapshot(now)


def test_countdown_shows_plain_seconds_up_to_ten_minutes_then_minutes() -> None:
    assert display.countdown_seconds(9) == "9"
    assert display.countdown_seconds(599) == "599"
    assert display.countdown_seconds(600) == "10:00"


def test_a_release_counts_from_its_low_end_and_says_how_far_it_may_go() -> None:
    session = session_of(Item("ball", Kind.RELEASE, seconds=Range(60, 120)))
    session.start(0.0)
    snap = at(session, 10.0)  # the get-ready ended: the release starts
    assert display.countdown_text(snap) == "60"
    assert display.widest_countdown(snap) == "000"  # sized for "120"
    assert display.detail_text(snap) == "+30 s up to 2:00"
    assert display.banner_text(snap) == "Release"


def test_get_ready_names_its_keys_and_a_paused_session_says_how_to_resume() -> None:
    session = session_of(Item("stretch", Kind.HOLD, seconds=Range(60, 60)))
    session.start(0.0)
    snap = at(session, 3.0)
    assert display.detail_text(snap) == "press G for 10 s more · Enter to begin now"
    session.pause(3.0)
    paused = at(session, 3.0)
    assert display.banner_text(paused) == display.PAUSED_WORDS
    assert display.window_title(paused, "Daily", "hiptimer").endswith(
        " left (paused) — Daily — hiptimer"
    )


def test_held_reps_show_the_rep_then_count_the_hold_down() -> None:
    session = session_of(Item("stretch", Kind.REPS, count=2, hold=Range(3, 5), pace=2))
    session.start(0.0)
    lift = at(session, 10.5)
    assert (lift.phase.kind, display.countdown_text(lift)) == (PhaseKind.WORK, "1")
    assert display.detail_text(lift) == "rep 1 of 2"
    hold = at(session, 12.5)
    assert hold.phase.kind is PhaseKind.HOLD
    assert display.countdown_text(hold) == "4"  # holding 4 s, counted down
    assert display.detail_text(hold) == "rep 1 of 2 · hold"


def test_a_rest_shows_the_next_exercise_on_its_side() -> None:
    routine = Routine(
        "r",
        "R",
        (
            Section(
                "Main",
                (
                    Item("stretch", Kind.HOLD, seconds=Range(20, 20)),
                    Item("ball", Kind.HOLD, seconds=Range(20, 20)),
                ),
            ),
        ),
        rest=15,
    )
    plan = build_plan(routine, LIBRARY, SideChoice.RIGHT, None, lead_in=10)
    session = Session(plan)
    session.start(0.0)
    working = display.step_view(plan, at(session, 12.0))
    assert (working.title, working.side, working.mirrored) == ("Figure four", Side.RIGHT, True)
    assert working.progress == "Main · exercise 1 of 2"
    assert working.next_up == "Glute release (right)"
    resting = display.step_view(plan, at(session, 35.0))  # 10 lead + 20 work, then rest
    assert resting.title == "Rest · next: Glute release"
    assert resting.step.index == 1 and resting.next_up == "finish"
    assert resting.position == "Figure-4 on a massage ball"


def test_the_measure_caption_names_the_side_and_the_normal_range() -> None:
    session = session_of(Item("rom", Kind.TEST))
    session.start(0.0)
    snap = at(session, 11.0)
    assert display.measure_caption(snap.step, Side.LEFT) == "Left degrees (normal 45°):"
    assert display.countdown_text(snap) == "00°"


def test_instructions_carry_steps_feel_stop_and_the_items_note() -> None:
    session = session_of(Item("stretch", Kind.HOLD, seconds=Range(60, 60), note="slowly"))
    text = display.instructions(session.plan.steps[0])
    assert text.steps == ("Lie down.", "Cross the ankle.")
    assert text.feel == "A stretch in the buttock."
    assert text.stop_if == "Pain at the front of the hip."
    assert text.note == "slowly"


def test_alternating_reps_of_a_two_sided_exercise_show_each_reps_side() -> None:
    session = session_of(Item("drop", Kind.REPS, count=4, sides=Sides.ALTERNATE))
    session.start(0.0)
    first = display.step_view(session.plan, at(session, 10.5))
    second = display.step_view(session.plan, at(session, 13.5))
    assert (first.side, second.side) == (Side.LEFT, Side.RIGHT)


def test_summary_lines_use_each_steps_own_unit() -> None:
    assert display.outcome_line(make_outcome(kind=Kind.ONCE, exercise_name="Hip click")) == (
        "✓ Hip click (left): done"
    )
    skipped = make_outcome(kind=Kind.HOLD, status="skipped", actual_seconds=33.4, side=None)
    assert display.outcome_line(skipped) == "– Piriformis release: 33 s of 60 s"
    reps = make_outcome(kind=Kind.REPS, planned_reps=20, actual_reps=12)
    assert display.outcome_line(reps).endswith(": 12 of 20 reps")
    assert display.outcome_line(make_outcome(kind=Kind.TEST, measurement=35)).endswith(": 35°")


def test_a_step_played_twice_counts_once_and_every_status_has_words() -> None:
    outcomes = [make_outcome(0), make_outcome(0), make_outcome(1, status="skipped")]
    assert display.steps_done(outcomes) == 1
    assert display.summary_title("Daily", SessionStatus.ENDED_EARLY) == "Daily: ended early"
    assert set(display.SESSION_WORDS) == set(SessionStatus)


def test_a_stalled_session_says_why_it_paused() -> None:
    session = Session(
        build_plan(
            Routine(
                "r", "R", (Section("Main", (Item("stretch", Kind.HOLD, seconds=Range(60, 60)),)),)
            ),
            LIBRARY,
            SideChoice.LEFT,
            None,
        ),
        stall_after=3.0,
    )
    session.start(0.0)
    session.update(0.5)
    session.update(40.0)
    snap = session.snapshot(40.0)
    assert display.banner_text(snap) == display.PAUSED_WORDS
    assert display.detail_text(snap).startswith(
        "hiptimer was stopped for 40 s, so the session paused where it was"
    )
