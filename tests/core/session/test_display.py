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
from hiptimer.core.session.plan import build_plan
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


def test_countdown_shows_plain_seconds_in_short_phases_and_m_ss_in_a_minute_or_more() -> None:
    assert display.countdown_seconds(9) == "9"
    assert display.countdown_seconds(59, 59) == "59"
    assert display.countdown_seconds(45, 60) == "0:45"  # a one-minute hold stays in m:ss
    assert display.countdown_seconds(110, 120) == "1:50"  # the issue: never "110"
    assert display.countdown_seconds(600) == "10:00"


def test_a_release_counts_from_its_low_end_and_says_how_far_it_may_go() -> None:
    session = session_of(Item("ball", Kind.RELEASE, seconds=Range(60, 120)))
    session.start(0.0)
    snap = at(session, 10.0)  # the get-ready ended: the release starts
    assert display.countdown_text(snap) == "1:00"
    assert display.widest_countdown(snap) == "0:00"  # sized for "2:00"
    assert display.detail_text(snap) == "+30 s up to 2:00"
    assert display.banner_text(snap) == "Release"


def test_get_ready_names_its_keys_and_a_paused_session_says_how_to_resume() -> None:
    session = session_of(Item("stretch", Kind.HOLD, seconds=Range(60, 60)))
    session.start(0.0)
    snap = at(session, 3.0)
    assert display.detail_text(snap) == "G adds 10 s · Enter begins now"
    session.pause(3.0)
    paused = at(session, 3.0)
    assert display.banner_text(paused) == display.PAUSED_WORDS
    assert display.window_title(paused, "Daily", "hiptimer").endswith(
        " min left (paused) — Daily — hiptimer"
    )


def test_held_reps_show_the_rep_and_the_seconds_as_two_labelled_figures() -> None:
    """The issue: "In held reps the big number switches between the rep number and the hold
    countdown".  Now the rep is one figure and the seconds another, each with its word."""
    session = session_of(Item("stretch", Kind.REPS, count=2, hold=Range(3, 5), pace=2))
    session.start(0.0)
    seen = []
    for now in (10.5, 11.5, 12.5, 15.5, 16.5, 18.5, 20.5, 24.5):  # lift, hold, lower of 1 and 2
        snap = at(session, now)
        figure = display.rep_figure(snap)
        assert figure is not None
        seen.append(
            (
                figure.text,
                figure.caption,
                display.countdown_text(snap),
                display.countdown_caption(snap),
            )
        )
    assert seen == [
        ("1", "rep of 2", "2", "seconds to lift"),
        ("1", "rep of 2", "1", "seconds to lift"),
        ("1", "rep of 2", "4", "seconds to hold"),  # holding 4 s, counted down
        ("1", "rep of 2", "1", "seconds to hold"),
        ("1", "rep of 2", "2", "seconds to lower"),
        ("2", "rep of 2", "2", "seconds to lift"),
        ("2", "rep of 2", "4", "seconds to hold"),
        ("2", "rep of 2", "2", "seconds to lower"),
    ]
    hold = at(session, 22.5)
    assert display.detail_text(hold) == ""  # the figures say it all
    assert display.widest_countdown(hold) == "0"


def test_plain_reps_have_one_figure_the_rep() -> None:
    session = session_of(Item("stretch", Kind.REPS, count=12, pace=3))
    session.start(0.0)
    snap = at(session, 14.0)
    assert (display.countdown_text(snap), display.countdown_caption(snap)) == ("2", "")
    assert display.rep_figure(snap) is None
    assert display.detail_text(snap) == "rep 2 of 12"
    assert display.widest_countdown(snap) == "00"


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


# --- sets, the get-ready's gear ------------------------------------------------------------

GEAR = Library(
    {
        "ball": Exercise(
            "ball", "Glute release", "Releases", "figure-four-ball", ("massage-ball",)
        ),
        "band": Exercise("band", "Band pull", "Joint mobilization", "on-back", ("band",)),
        "lie": Exercise("lie", "Lying stretch", "Stretches", "on-back"),
    }
)


def gear_plan(*items: Item, rest: int = 10, side: SideChoice = SideChoice.LEFT):
    routine = Routine("r", "R", (Section("Main", items),), rest=rest)
    return build_plan(routine, GEAR, side, Side.LEFT, lead_in=10, change_lead_in=20)


def test_sets_show_as_set_k_of_n_and_the_rest_between_says_which_comes() -> None:
    plan = gear_plan(Item("lie", Kind.HOLD, seconds=Range(30, 30), sets=2, set_rest=15))
    session = Session(plan)
    session.start(0.0)
    assert display.detail_text(at(session, 25.0)) == "set 1 of 2"  # 20 s get-ready, then work
    between = at(session, 55.0)
    assert display.banner_text(between) == "Rest"
    assert display.detail_text(between) == ("set 2 of 2 next · G adds 10 s · Enter begins now")
    view = display.step_view(plan, between)
    assert (view.title, view.step.set_number) == ("Lying stretch", 2)  # not "Rest · next: …"
    assert display.detail_text(at(session, 70.0)) == "set 2 of 2"


def test_next_up_names_the_set_and_the_side() -> None:
    plan = gear_plan(Item("lie", Kind.HOLD, seconds=Range(30, 30), sets=2), side=SideChoice.BOTH)
    session = Session(plan)
    session.start(0.0)
    assert display.step_view(plan, at(session, 21.0)).next_up == "Lying stretch (left, set 2 of 2)"


def test_the_first_get_ready_lists_the_sessions_gear_and_later_ones_what_to_fetch() -> None:
    plan = gear_plan(
        Item("ball", Kind.RELEASE, seconds=Range(60, 60)),
        Item("band", Kind.RELEASE, seconds=Range(60, 60)),
        Item("lie", Kind.HOLD, seconds=Range(30, 30)),
    )
    session = Session(plan)
    session.start(0.0)
    first = display.step_view(plan, at(session, 1.0))
    assert (
        first.getting_ready
        == "You need for this session: Massage ball, Thick resistance band and an anchor"
    )
    assert display.step_view(plan, at(session, 30.0)).getting_ready == ""  # working
    resting = display.step_view(plan, at(session, 85.0))  # the rest before the band
    assert resting.getting_ready == (
        "Fetch: Thick resistance band and an anchor · New position: Lying on your back"
    )
    band_ready = display.step_view(plan, at(session, 95.0))
    assert band_ready.getting_ready == resting.getting_ready
    session.next(95.0)
    lie_ready = display.step_view(plan, at(session, 96.0))
    assert lie_ready.getting_ready == ""  # still on your back, nothing new


def test_summary_lines_name_the_set() -> None:
    line = display.outcome_line(make_outcome(set_number=2, set_count=3, side=Side.RIGHT))
    assert line == "✓ Piriformis release (right, set 2 of 3): 76 s of 60 s"
    assert "set" not in display.outcome_line(make_outcome(set_number=1, set_count=1))
