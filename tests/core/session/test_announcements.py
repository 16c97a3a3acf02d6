"""What the voice says and which cue plays for each engine event."""

from __future__ import annotations

from hiptimer.core.routines.model import (
    Exercise,
    Item,
    Kind,
    Library,
    Range,
    Routine,
    Section,
    SideChoice,
    Sidedness,
    Sides,
)
from hiptimer.core.session.announcements import announce
from hiptimer.core.session.engine import Session
from hiptimer.core.session.events import EventKind
from hiptimer.core.session.plan import build_plan

LIBRARY = Library(
    {
        "stretch": Exercise("stretch", "Figure four", "Stretches", "on-back"),
        "lift": Exercise("lift", "Side lift", "Strength", "side-lying"),
        "drop": Exercise("drop", "Knee drop", "Moves", "floor-knees-apart"),
    }
)


def spoken_and_sounds(*items: Item, side: SideChoice = SideChoice.LEFT) -> tuple[list, list]:
    routine = Routine("r", "R", (Section("Main", items),), rest=0)
    plan = build_plan(routine, LIBRARY, side, None, lead_in=5)
    session = Session(plan)
    events = session.start(0.0)
    t = 0.0
    while session.state.value != "finished" and t < 10_000:
        t += 0.25
        events += session.update(t)
    cues = [announce(event, plan) for event in events]
    return [c.speech for c in cues if c and c.speech], [c.sound for c in cues if c and c.sound]


def test_a_hold_names_the_exercise_and_side_then_halfway_countdown_and_end() -> None:
    speech, sounds = spoken_and_sounds(Item("stretch", Kind.HOLD, seconds=Range(60, 60)))
    assert speech[0] == "Next: Figure four, left side. Get ready."
    assert "Go." in speech and "Halfway" in speech
    assert speech[-1] == "Session complete. Well done."
    assert sounds.count("tick") == 6  # 3-2-1 before the start and before the end
    assert sounds[-1] == "end"


def test_both_sides_says_switch_sides_with_the_next_side() -> None:
    speech, sounds = spoken_and_sounds(
        Item("stretch", Kind.HOLD, seconds=Range(30, 30)), side=SideChoice.BOTH
    )
    assert "Switch sides. Right side next." in speech
    assert "switch" in sounds


def test_held_reps_count_then_say_hold_and_release() -> None:
    speech, sounds = spoken_and_sounds(Item("lift", Kind.REPS, count=2, hold=Range(3, 5)))
    assert speech[1:] == [
        "1",
        "Hold",
        "Release",
        "2",
        "Hold",
        "Release",
        "Session complete. Well done.",
    ]
    assert "start" in sounds


def test_alternating_reps_say_the_side_with_each_count() -> None:
    speech, _ = spoken_and_sounds(Item("drop", Kind.REPS, count=4, sides=Sides.ALTERNATE))
    assert speech == [
        "Next: Knee drop. Get ready.",
        "1 left",
        "2 right",
        "3 left",
        "4 right",
        "Session complete. Well done.",
    ]


def test_plain_reps_count_without_a_side() -> None:
    speech, _ = spoken_and_sounds(Item("stretch", Kind.REPS, count=3))
    assert speech[1:4] == ["1", "2", "3"]


def test_cycles_say_drive_and_relax() -> None:
    speech, _ = spoken_and_sounds(Item("stretch", Kind.CYCLES, work=10, relax=5, count=2))
    assert speech.count("Drive") == 2
    assert speech.count("Relax") == 1


def test_events_without_a_cue_are_silent() -> None:
    routine = Routine(
        "r", "R", (Section("Main", (Item("stretch", Kind.HOLD, seconds=Range(60, 60)),)),)
    )
    plan = build_plan(routine, LIBRARY, SideChoice.LEFT, None)
    events = Session(plan).start(0.0)
    step_finished = [e for e in events if e.kind is EventKind.STEP_FINISHED]
    assert all(announce(e, plan) is None for e in step_finished)


def test_sets_are_announced_and_each_set_starts_like_the_first() -> None:
    speech, sounds = spoken_and_sounds(
        Item("stretch", Kind.HOLD, seconds=Range(20, 20), sets=2, set_rest=5),
        side=SideChoice.BOTH,
    )
    assert speech[0] == "Next: Figure four, left side. Set 1 of 2. Get ready."
    assert speech.count("Rest. Set 2 of 2 next.") == 2  # on each side
    assert "Switch sides. Right side next, set 1 of 2." in speech
    assert speech.count("Go.") == 4  # every set begins with the start cue and "Go."
    assert sounds.count("start") == 4


def test_the_get_ready_names_the_sessions_gear_first_then_what_to_fetch() -> None:
    library = Library(
        {
            "ball": Exercise(
                "ball", "Ball release", "Releases", "figure-four-ball", ("massage-ball",)
            ),
            "band": Exercise("band", "Band pull", "Joint mobilization", "on-back", ("band",)),
            "lie": Exercise("lie", "Lying stretch", "Stretches", "on-back"),
        }
    )
    items = tuple(Item(i, Kind.HOLD, seconds=Range(10, 10)) for i in ("ball", "band", "lie"))
    plan = build_plan(Routine("r", "R", (Section("S", items),), rest=0), library, SideChoice.LEFT)
    session = Session(plan)
    events = session.start(0.0) + session.update(500.0)
    ready = [
        cue.speech
        for event in events
        if event.kind is EventKind.PHASE_STARTED and event.phase_index == 0
        if (cue := announce(event, plan)) is not None
    ]
    assert ready == [
        "Next: Ball release, left side. You need: massage ball, thick resistance band and an"
        " anchor. Get ready.",
        "Next: Band pull, left side. You need: thick resistance band and an anchor. Get ready.",
        "Next: Lying stretch, left side. Get ready.",
    ]


def test_the_hip_click_kind_of_exercise_is_announced_without_a_side() -> None:
    library = Library(
        {"click": Exercise("click", "Hip click", "Joint mobilization", "chair-edge",
                           sidedness=Sidedness.TOGETHER)}
    )  # fmt: skip
    routine = Routine("r", "R", (Section("S", (Item("click", Kind.ONCE),)),))
    plan = build_plan(routine, library, SideChoice.BOTH)
    events = Session(plan).start(0.0)
    assert announce(events[0], plan).speech == "Next: Hip click. Get ready."
