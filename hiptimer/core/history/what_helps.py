"""Learning what helps: ratings, how often each exercise was done, how the hip moved meanwhile.

The program's advice (its source article): do the exercises in order at first, and over time
keep the 3–5 that help you most.  hiptimer ranks exercises by what the person said at the
summary (helped / neutral / not for me), by how often they were done, and by how the
measurements of the limited side moved in the weeks they were done, and offers a personal
routine of the top ones.  Movement counts only beyond the measurement noise, and it is a hint,
not proof: several exercises are done in the same weeks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from hiptimer.core.history.verdict import NOISE_DEGREES
from hiptimer.core.routines.model import Side

#: A personal routine keeps this many of the top exercises (the program's "3–5").
KEEP_AT_LEAST, KEEP_AT_MOST = 3, 5


class Rating(str, Enum):
    """What the person said about an exercise at the summary (stored as the value)."""

    HELPED = "helped"
    NEUTRAL = "neutral"
    NOT_FOR_ME = "not_for_me"


RATING_WORDS = {Rating.HELPED: "Helped", Rating.NEUTRAL: "Neutral", Rating.NOT_FOR_ME: "Not for me"}
_RATING_POINTS = {Rating.HELPED: 2.0, Rating.NEUTRAL: 0.0, Rating.NOT_FOR_ME: -3.0}


@dataclass(frozen=True)
class ExerciseRecord:
    """What the history holds about one exercise."""

    exercise_id: str
    name: str
    days_done: tuple[date, ...]  # one per session it was done in, oldest first
    ratings: tuple[Rating, ...] = ()

    @property
    def times_done(self) -> int:
        return len(self.days_done)


@dataclass(frozen=True)
class Ranked:
    record: ExerciseRecord
    score: float
    movement: float | None  # degrees the limited side moved while it was done (beyond noise)
    reasons: tuple[str, ...] = field(default=())

    @property
    def not_for_me(self) -> bool:
        """Rated "not for me" more often than "helped": never put in a personal routine."""
        ratings = self.record.ratings
        return ratings.count(Rating.NOT_FOR_ME) > ratings.count(Rating.HELPED)


def movement_while_done(
    days_done: Sequence[date], measurements: Sequence[tuple[date, float]]
) -> float | None:
    """How the measurements moved from the last one before the exercise was first done to
    the last one while it was still done; None without a measurement on both ends."""
    if not days_done:
        return None
    first, last = days_done[0], days_done[-1]
    before = [value for day, value in measurements if day <= first]
    during = [value for day, value in measurements if first < day <= last]
    if not before or not during:
        return None
    return during[-1] - before[-1]


def rank(
    records: Sequence[ExerciseRecord], limited_side_measurements: Sequence[tuple[date, float]]
) -> list[Ranked]:
    """Exercises best first.  ``limited_side_measurements``: (day, degrees) oldest first."""
    ranked: list[Ranked] = []
    for record in records:
        points = sum(_RATING_POINTS[rating] for rating in record.ratings)
        reasons = []
        helped = record.ratings.count(Rating.HELPED)
        if helped:
            reasons.append(f"helped {helped}×")
        if record.ratings.count(Rating.NOT_FOR_ME):
            reasons.append(f"not for me {record.ratings.count(Rating.NOT_FOR_ME)}×")
        reasons.append(f"done {record.times_done}×")
        movement = movement_while_done(record.days_done, limited_side_measurements)
        if movement is not None and abs(movement) >= NOISE_DEGREES:
            points += 1.0 if movement > 0 else -1.0
            reasons.append(f"{'+' if movement > 0 else '−'}{abs(movement):.0f}° meanwhile")
        else:
            movement = None
        score = points + min(record.times_done, 10) * 0.1  # done often breaks ties
        ranked.append(Ranked(record, score, movement, tuple(reasons)))
    ranked.sort(key=lambda r: (-r.score, -r.record.times_done, r.record.name))
    return ranked


def personal_choice(ranked: Sequence[Ranked]) -> list[str]:
    """The exercise ids for a personal routine: the top 3–5 that were not "not for me",
    preferring those rated "helped"; fewer than 3 when fewer were done."""
    usable = [r for r in ranked if not r.not_for_me and r.record.times_done]
    helped = [r for r in usable if Rating.HELPED in r.record.ratings]
    chosen = helped[:KEEP_AT_MOST]
    for candidate in usable:
        if len(chosen) >= KEEP_AT_LEAST:
            break
        if candidate not in chosen:
            chosen.append(candidate)
    return [r.record.exercise_id for r in chosen]


def limited_side_series(
    series: Mapping[tuple[str, Side], Sequence[tuple[date, int]]], side: Side | None
) -> list[tuple[date, float]]:
    """The limited hip's measurements, oldest first: both tests, each day's mean."""
    if side is None:
        return []
    by_day: dict[date, list[int]] = {}
    for (_test, measured_side), points in series.items():
        if measured_side is side:
            for day, degrees in points:
                by_day.setdefault(day, []).append(degrees)
    return [(day, sum(values) / len(values)) for day, values in sorted(by_day.items())]
