"""The steps read aloud at get-ready, and the get-ready time they need."""

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
)
from hiptimer.core.session.plan import PhaseKind, build_plan
from hiptimer.core.session.reading import (
    AFTER_READING_SECONDS,
    reading_lead_in,
    reading_seconds,
    reading_text,
)
from hiptimer.core.speech import words_per_minute

BAND = Exercise(
    "band",
    "Band distraction",
    "Open the joint",
    "on-back",
    ("band", "wall"),
    steps=(
        "Loop the band high on the thigh",
        "Step away until it pulls.",
        "Let the leg sink.",
        "4th",
    ),
    feel="A gentle pull deep in the hip",
)


def test_the_reading_says_name_side_gear_the_first_three_steps_then_what_to_feel() -> None:
    assert reading_text(BAND, Side.LEFT) == (
        "Next: Band distraction, left side. "
        "You need: thick resistance band and an anchor, wall. "
        "Loop the band high on the thigh. Step away until it pulls. Let the leg sink. "
        "What to feel: A gentle pull deep in the hip."
    )


def test_an_exercise_with_no_side_gear_or_feel_reads_only_what_it_has() -> None:
    plain = Exercise(
        "x", "Hip click", "Moves", "on-back", sidedness=Sidedness.TOGETHER, steps=("Click.",)
    )
    assert reading_text(plain, None) == "Next: Hip click. Click."


def test_reading_time_grows_with_words_and_shrinks_with_a_faster_voice() -> None:
    text = reading_text(BAND, Side.LEFT)
    normal = reading_seconds(text, words_per_minute(0))
    assert (
        reading_seconds(text, words_per_minute(50))
        < normal
        < reading_seconds(text, words_per_minute(-50))
    )
    assert normal > len(text.split()) / 175 * 60  # on the long side
    assert reading_lead_in(BAND, Side.LEFT, 175) == normal + AFTER_READING_SECONDS


def test_a_reading_plan_gives_each_first_side_a_get_ready_long_enough_to_read() -> None:
    library = Library({"band": BAND})
    item = Item("band", Kind.HOLD, seconds=Range(30, 30))
    routine = Routine("r", "R", (Section("S", (item,)),), rest=0)
    plain = build_plan(routine, library, SideChoice.BOTH, Side.LEFT, lead_in=10)
    read = build_plan(routine, library, SideChoice.BOTH, Side.LEFT, lead_in=10, reading_wpm=175)
    assert not plain.read_steps and read.read_steps
    first = read.steps[0].phases[0]
    assert first.kind is PhaseKind.GET_READY
    assert first.seconds is not None and first.seconds >= reading_lead_in(BAND, Side.LEFT, 175)
    assert plain.steps[0].phases[0].seconds == 10
    assert read.steps[1].phases[0].kind is PhaseKind.SWITCH  # the second side is not read again
    assert read.steps[1].phases[0].seconds == plain.steps[1].phases[0].seconds
    # a get-ready of 0 s still reads, and a long get-ready is kept
    zero = build_plan(routine, library, SideChoice.LEFT, lead_in=0, reading_wpm=175)
    assert zero.steps[0].phases[0].kind is PhaseKind.GET_READY
    long = build_plan(routine, library, SideChoice.LEFT, lead_in=120, reading_wpm=175)
    assert long.steps[0].phases[0].seconds == 120
