"""How to take each range-of-motion test's photo alone: camera, level, what must be in view.

One protocol per measured test (keys of :data:`hiptimer.core.history.measurements.TESTS`), in
our own words, with the pictogram that shows the set-up.  Each also says which way the foot
goes when the hip turns inward, as a lean of the shin in the picture (see
:mod:`hiptimer.core.history.photo_angle`), so a shin leaning the other way can be queried.
"""

from __future__ import annotations

from dataclasses import dataclass

from hiptimer.core.routines.model import Side

#: The self-timer's choices in seconds; the first is the default.  Long enough to put the
#: phone or laptop down and get into position on the floor.
SELF_TIMER_SECONDS = (10, 5, 20)
#: What the voice says as the self-timer starts its last seconds.
HOLD_STILL_WORDS = {"prone": "Lie still", "seated": "Sit still"}
#: The self-timer says the last seconds as numbers.
COUNTED_SECONDS = 3


def self_timer_words(test: str, seconds_left: int, seconds: int) -> str | None:
    """What the self-timer says with ``seconds_left`` of ``seconds`` to go, or None.

    It says when the photo comes as it starts, asks to keep still just before the count,
    then counts the last seconds: "Photo in 10 seconds" … "Lie still" … "3", "2", "1".
    """
    if seconds_left == seconds:
        return f"Photo in {seconds} seconds"
    if seconds_left == COUNTED_SECONDS + 1:
        return HOLD_STILL_WORDS[test]
    if 0 < seconds_left <= COUNTED_SECONDS:
        return str(seconds_left)
    return None


@dataclass(frozen=True)
class PhotoProtocol:
    test: str  # the stored test key
    pictogram: str  # resources/pictograms/<id>.svg
    camera: str  # where the camera goes
    level: str  # how to set it level
    in_view: str  # what must be in the picture
    steps: tuple[str, ...]  # what to do, in order
    marks: str  # where the knee and ankle points go
    outward: dict[Side, int]  # the lean (+1 right, -1 left) of a shin whose foot went outward
    alone: str  # what doing it without a helper takes


PROTOCOLS: dict[str, PhotoProtocol] = {
    "prone": PhotoProtocol(
        test="prone",
        pictogram="photo-face-down",
        camera=(
            "On the floor behind your feet, about 1.5 m (5 ft) away, lens low (a phone propped "
            "on a book, or the laptop on the floor), looking along your body towards your head."
        ),
        level=(
            "Stand the camera upright, not tipped to one side: a phone's level helps, or line "
            "the floor up with the bottom of the preview. If it was not level, mark the floor "
            "line or a door frame afterwards and hiptimer corrects for it."
        ),
        in_view=(
            "Both knees and both ankles, with some floor on each side. A door frame or the "
            "line where floor meets wall is a good reference."
        ),
        steps=(
            "Lie face down, body straight, not twisted to one side.",
            "Bend both knees to a right angle, knees together.",
            "Let both feet fall outward on their own weight; do not push them.",
            "Stay still until the photo is taken, then lower your legs.",
        ),
        marks=(
            "Knee: the middle of the knee where it rests on the floor. Ankle: the middle of "
            "the ankle, halfway between its two sides."
        ),
        # The camera at the feet sees the person from behind: their left is the picture's left.
        outward={Side.LEFT: -1, Side.RIGHT: 1},
        alone="Nothing else: gravity turns the feet out, so this test needs no helper.",
    ),
    "seated": PhotoProtocol(
        test="seated",
        pictogram="photo-seated",
        camera=(
            "In front of you, about 1.5–2 m (5–6 ft) away, at the height of your knees (on a "
            "chair or a stack of books), pointing straight at your knees."
        ),
        level=(
            "Stand the camera upright, not tipped: a phone's level helps, or line the chair's "
            "legs up with the side of the preview. If it was not level, mark a chair leg, a "
            "door frame or the floor line afterwards and hiptimer corrects for it."
        ),
        in_view="Both knees and both feet, and the chair's legs or a door frame as a reference.",
        steps=(
            "Sit tall on a high chair or table, feet clear of the floor, thighs parallel.",
            "Loop a band round the ankle you measure and hold its end in the hand on the same "
            "side, arm out to the side.",
            "Pull gently outward until the leg stops turning; keep both sitting bones down and "
            "the thigh still.",
            "Hold it there until the photo is taken, then let the band go slack.",
        ),
        marks=(
            "Knee: the middle of the kneecap's lower edge. Ankle: the middle of the front of "
            "the ankle, halfway between its two sides."
        ),
        # The camera in front faces the person: their left is the picture's right.
        outward={Side.LEFT: 1, Side.RIGHT: -1},
        alone=(
            "A band turns the foot out instead of a helper's hands. Without a band, turn the "
            "foot out with your own muscles: that usually reads a few degrees less, so compare "
            "like with like and say which in the note. If your pelvis lifts or the thigh moves, "
            "ask a helper to turn the foot instead."
        ),
    ),
}

#: What to stop for, whichever test.
STOP_IF = "Stop and lower the leg if it pinches in the hip or groin; never force it."


def protocol_for(test: str) -> PhotoProtocol:
    """The protocol of a stored test key; KeyError for an unknown one."""
    return PROTOCOLS[test]


def lean_words(lean: int) -> str:
    """Where the ankle is from the knee, in the picture."""
    if lean == 0:
        return "straight in line with the knee"
    return f"to the picture's {'right' if lean > 0 else 'left'} of the knee"


def lean_problem(test: str, side: Side, lean: int) -> str | None:
    """A question for a shin that leans inward for ``side``, or None when it leans outward.

    A mirrored selfie swaps left and right, so this only asks; it never refuses a value.
    """
    if lean == 0 or lean == protocol_for(test).outward[side]:
        return None
    return (
        f"The ankle is {lean_words(lean)}, which is inward for your {side.value} leg as the "
        "camera sees it. Check you marked the right leg, or whether the photo is mirrored "
        "(a selfie camera may flip it)."
    )
