"""What a report holds: plain frozen records, every text already in words."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from hiptimer.core.routines.model import Prescription, Range, Side


@dataclass(frozen=True)
class Period:
    first: date
    last: date  # inclusive

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last


@dataclass(frozen=True)
class Bucket:
    """One bar of "planned vs done": a week (or a month, a quarter, a year for long periods)."""

    label: str
    first: date
    done: int  # workouts (the counting rule)
    other: int  # sessions listed that did not count (check-ins, short ones)
    planned: float  # the weekly goal for the days of the bucket inside the period
    minutes: float
    partial: bool = False  # only some of its days are in the period


@dataclass(frozen=True)
class DoseLine:
    section: str
    exercise: str
    dose: str


@dataclass(frozen=True)
class RoutineDoses:
    """A routine done in the period, as the history kept it, and how it went against its plan."""

    routine_id: str
    name: str
    sessions: int
    workouts: int
    lines: tuple[DoseLine, ...]
    origin: str  # where its content comes from, in words
    prescription: Prescription | None = None
    comparison: str = ""  # done against the prescription or plan, in words
    versions: int = 1
    sides: str = ""  # the sides it was played on: "left side 11 times, both sides once"


@dataclass(frozen=True)
class RomChart:
    """One range-of-motion test over the period, per side, against its normal range."""

    test: str
    title: str
    normal: Range | None
    points: dict[Side, tuple[tuple[date, float], ...]]  # each measurement, or period means
    baseline: dict[Side, int]  # each side's first value in the period: the noise band's middle
    summary: tuple[str, ...]  # one line per side, then the gap
    averaged_by: str = ""  # "" (each measurement), "month" or "quarter"


@dataclass(frozen=True)
class Dated:
    day: date
    text: str


@dataclass(frozen=True)
class ReportData:
    source: str  # whose history: "Your history" / "History file client.json (read-only)"
    made: date
    period: Period
    period_text: str
    goal: int
    goal_text: str  # where the weekly goal comes from
    bucket_unit: str  # "week", "month", "quarter", "year"
    buckets: tuple[Bucket, ...]
    bars_note: str  # what the chart's partial bars mean ("" when none is)
    summary: tuple[str, ...]  # the key figures, one line each
    routines: tuple[RoutineDoses, ...]
    rom: tuple[RomChart, ...]
    pain: tuple[tuple[date, float], ...]  # each rating, or period means (see pain_averaged_by)
    pain_text: str
    flags: tuple[Dated, ...]
    flags_more: int
    notes: tuple[Dated, ...]
    notes_more: int
    sources: tuple[str, ...] = field(default=())
    pain_averaged_by: str = ""
