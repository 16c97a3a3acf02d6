"""The library search: every word must match; the best match has the most words in its name."""

from __future__ import annotations

from hiptimer.core.routines.model import Exercise
from hiptimer.core.routines.search import Matches, exercise_haystack, search

BALL = Exercise(
    "deep-glutes-release", "Deep glute release", "Releases", "figure-four-ball", ("massage-ball",)
)
BAND = Exercise("band-distraction", "Band distraction", "Stretches", "on-back", ("band",))
GLUTE_BAND = Exercise("glute-band-hold", "Glute hold", "Stretches", "on-back", ("band",))
EXERCISES = [BALL, BAND, GLUTE_BAND]


def test_the_haystack_holds_ids_names_and_words_of_position_and_equipment() -> None:
    haystack = exercise_haystack(BALL)
    for word in ("deep-glutes-release", "deep glute release", "releases", "figure-four-ball"):
        assert word in haystack
    assert "figure-4 on a massage ball" in haystack  # the position's words
    assert "massage-ball massage ball" in haystack  # the equipment's id and words
    assert haystack == haystack.lower()


def test_no_words_show_everything_and_pick_the_first() -> None:
    assert search(EXERCISES, "") == Matches((0, 1, 2), 0)
    assert search(EXERCISES, "   ") == Matches((0, 1, 2), 0)


def test_every_word_must_match_somewhere_in_any_case() -> None:
    assert search(EXERCISES, "BAND").shown == (1, 2)
    assert search(EXERCISES, "band glute").shown == (2,)
    assert search(EXERCISES, "massage ball figure").shown == (0,)  # equipment and position
    assert search(EXERCISES, "nothing like it") == Matches((), None)


def test_the_best_match_has_the_most_words_in_its_name_then_comes_first() -> None:
    assert search(EXERCISES, "band").best == 1  # both have "band"; only one in its name, first
    assert search(EXERCISES, "glute").best == 0  # both named "glute…": the first
    assert search(EXERCISES, "hold band").best == 2  # "hold" is only in the third's name
