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
from hiptimer.core.session.announcements import Announcement, Sound, announce, spoken_phrases
from hiptimer.core.session.engine import Session
from hiptimer.core.session.events import Event, EventKind
from hiptimer.core.session.plan import PhaseRole, Plan, build_plan

LIBRARY = Library(
    {
        "stretch": Exercise("stretch", "Figure four", "Stretches", "on-back"),
        "lift": Exercise("lift", "Side lift", "Strength", "side-lying"),
        "drop": Exercise("drop", "Knee drop", "Moves", "floor-knees-apart"),
        "press": Exercise("press", "Ball press", "Strength", "chair-edge", ("ball",)),
    }
)


def make_plan(*items: Item, side: SideChoice = SideChoice.LEFT, rest: int = 0, **kw) -> Plan:
    routine = Routine("r", "R", (Section("Main", items),), rest=rest)
    return build_plan(routine, LIBRARY, side, None, lead_in=5, **kw)


def play(plan: Plan) -> list[tuple[Event, Announcement | None]]:
    """Every event of a hands-free run of ``plan``, with its announcement."""
    session = Session(plan)
    events = session.start(0.0)
    t = 0.0
    while session.state.value != "finished" and t < 10_000:
        t += 0.25
        events += session.update(t)
    return [(event, announce(event, plan)) for event in events]


def spoken_and_sounds(*items: Item, side: SideChoice = SideChoice.LEFT) -> tuple[list, list]:
    cues = [cue for _, cue in play(make_plan(*items, side=side))]
    return [c.speech for c in cues if c and c.speech], [c.sound for c in cues if c and c.sound]


def test_a_hold_names_the_exercise_and_side_then_halfway_countdown_and_finish() -> None:
    speech, sounds = spoken_and_sounds(Item("stretch", Kind.HOLD, seconds=Range(60, 60)))
    assert speech[0] == "Next: Figure four, left side. Get ready."
    assert "Go." in speech and "Halfway" in speech
    assert speech[-1] == "Session complete. Well done."
    assert sounds.count(Sound.TICK) == 6  # 3-2-1 before the start and before the end
    assert sounds == [Sound.TICK] * 3 + [Sound.START, Sound.HALFWAY] + [Sound.TICK] * 3 + [
        Sound.FINISH
    ]


def test_both_sides_says_switch_sides_with_the_next_side() -> None:
    speech, sounds = spoken_and_sounds(
        Item("stretch", Kind.HOLD, seconds=Range(30, 30)), side=SideChoice.BOTH
    )
    assert "Switch sides. Right side next." in speech
    assert Sound.SWITCH in sounds


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
    assert sounds[3:] == [Sound.REP, Sound.HOLD, Sound.LOWER] * 2 + [Sound.FINISH]


def test_alternating_reps_say_the_side_and_alternate_two_pitches() -> None:
    speech, sounds = spoken_and_sounds(Item("drop", Kind.REPS, count=4, sides=Sides.ALTERNATE))
    assert speech == [
        "Next: Knee drop. Get ready.",
        "1 left",
        "2 right",
        "3 left",
        "4 right",
        "Session complete. Well done.",
    ]
    assert sounds[3:7] == [Sound.REP_LEFT, Sound.REP_RIGHT] * 2


def test_plain_reps_count_without_a_side() -> None:
    speech, _ = spoken_and_sounds(Item("stretch", Kind.REPS, count=3))
    assert speech[1:4] == ["1", "2", "3"]


def test_cycles_say_drive_and_relax() -> None:
    speech, sounds = spoken_and_sounds(Item("stretch", Kind.CYCLES, work=10, relax=5, count=2))
    assert speech.count("Drive") == 2
    assert speech.count("Relax") == 1
    assert sounds.count(Sound.DRIVE) == 2 and sounds.count(Sound.RELAX) == 1


#: The sound each phase of a paced set must start with: one each, all different.
SET_SOUNDS = {
    PhaseRole.REP: Sound.REP,
    PhaseRole.LIFT: Sound.REP,
    PhaseRole.HOLD_REP: Sound.HOLD,
    PhaseRole.LOWER: Sound.LOWER,
    PhaseRole.DRIVE: Sound.DRIVE,
    PhaseRole.RELAX: Sound.RELAX,
}


def test_every_phase_of_paced_sets_starts_with_its_own_sound_with_the_voice_off() -> None:
    """20 reps, 20 held reps of 3-5 s and 5 drive/relax cycles, followed by sound alone."""
    plan = make_plan(
        Item("stretch", Kind.REPS, count=20),
        Item("lift", Kind.REPS, count=20, hold=Range(3, 5)),
        Item("press", Kind.CYCLES, work=10, relax=5, count=5),
        rest=10,
    )
    at_phase_start: dict[tuple[int, int], list[Sound]] = {}
    starts: dict[tuple[int, int], float] = {}
    for event, cue in play(plan):
        where = (event.step_index, event.phase_index)
        if event.kind is EventKind.PHASE_STARTED:
            starts[where] = event.at
            at_phase_start[where] = []
        if cue is not None and cue.sound is not None and starts.get(where) == event.at:
            at_phase_start[where].append(cue.sound)
    checked = 0
    for step in plan.steps:
        for index, phase in enumerate(step.phases):
            if phase.role in SET_SOUNDS:
                assert at_phase_start[(step.index, index)] == [SET_SOUNDS[phase.role]], (
                    step.exercise.id,
                    index,
                    phase.role,
                )
                checked += 1
    assert checked == 20 + 20 * 3 + 5 + 4
    # a rep sounds the same whether it is held or not; every other phase has its own sound
    assert len(set(SET_SOUNDS.values()) | {Sound.TICK, Sound.END, Sound.START}) == 8


def test_an_exercise_that_ends_without_a_rest_sounds_its_end_at_the_next_get_ready() -> None:
    plan = make_plan(
        Item("stretch", Kind.HOLD, seconds=Range(10, 10)),
        Item("lift", Kind.HOLD, seconds=Range(10, 10)),
    )
    get_ready = [
        cue
        for event, cue in play(plan)
        if event.kind is EventKind.PHASE_STARTED and event.phase_index == 0
    ]
    assert [c.sound for c in get_ready if c] == [None, Sound.END]
    with_rest = make_plan(*plan.routine.items, rest=10)
    sounds = [cue.sound for _, cue in play(with_rest) if cue and cue.sound]
    assert sounds.count(Sound.END) == 1  # at the rest, not again at the get-ready


def test_events_without_a_cue_are_silent() -> None:
    routine = Routine(
        "r", "R", (Section("Main", (Item("stretch", Kind.HOLD, seconds=Range(60, 60)),)),)
    )
    plan = build_plan(routine, LIBRARY, SideChoice.LEFT, None)
    events = Session(plan).start(0.0)
    step_finished = [e for e in events if e.kind is EventKind.STEP_FINISHED]
    assert all(announce(e, plan) is None for e in step_finished)


def test_a_reading_plan_reads_the_steps_at_get_ready() -> None:
    plan = make_plan(Item("press", Kind.HOLD, seconds=Range(10, 10)), reading_wpm=175)
    speech = [cue.speech for _, cue in play(plan) if cue and cue.speech]
    assert speech[0] == "Next: Ball press, left side. You need: ball to hold between the knees."


def test_spoken_phrases_hold_everything_a_run_says_in_the_order_first_needed() -> None:
    items = (
        Item("stretch", Kind.HOLD, seconds=Range(40, 40)),
        Item("lift", Kind.REPS, count=3, hold=Range(3, 5)),
        Item("drop", Kind.REPS, count=4, sides=Sides.ALTERNATE),
        Item("press", Kind.CYCLES, work=6, relax=3, count=2),
    )
    for reading in (None, 175.0):
        plan = make_plan(*items, side=SideChoice.BOTH, rest=5, reading_wpm=reading)
        phrases = spoken_phrases(plan)
        said = [cue.speech for _, cue in play(plan) if cue and cue.speech]
        assert set(said) <= set(phrases)
        first_said = list(dict.fromkeys(said))
        assert [p for p in phrases if p in first_said] == first_said
        assert len(phrases) == len(set(phrases))
    assert "Paused. Press Space to go on." in phrases


def test_spoken_phrases_count_every_self_paced_rep() -> None:
    plan = make_plan(Item("lift", Kind.REPS, count=5), self_paced_reps=True)
    assert [p for p in spoken_phrases(plan) if p.isdigit()] == ["1", "2", "3", "4", "5"]


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
