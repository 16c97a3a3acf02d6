"""Reading a routine's ``prescription`` from a file, and checking it against its ``target``.

Apart from :mod:`hiptimer.core.routines.prescription` (its words and its written form) so that
the window and the command line show a prescription without loading the file readers.
"""

from __future__ import annotations

from datetime import date

from hiptimer.core.routines.limits import MAX_NAME_CHARS, SESSIONS_PER_WEEK_LIMITS
from hiptimer.core.routines.model import Prescription, Target
from hiptimer.core.routines.problems import Code, Location
from hiptimer.core.routines.schema import PRESCRIPTION_KEYS, REQUIRED_PRESCRIPTION_KEYS
from hiptimer.core.routines.values import ValueReader, describe, did_you_mean
from hiptimer.core.routines.yaml_nodes import Node, YMapping

#: The earliest and latest review dates a file may give (a typo like 0202 or 9999 is refused).
REVIEW_YEARS = (2000, 2200)


def read_prescription(reader: ValueReader, node: Node, where: Location) -> Prescription | None:
    """The prescription in ``node``, or None after reporting every problem in it."""
    if reader.broken(node):
        return None
    if not isinstance(node, YMapping):
        detail = (
            "prescription must be a mapping like {by: 'Ana Ruiz, physiotherapist', "
            f"per_week: 3, review: 2026-03-02}}, got {describe(node)}"
        )
        reader.add(node.line, where, Code.WRONG_TYPE, detail)
        return None
    before = reader.failures()
    found = reader.fields(
        node,
        where,
        PRESCRIPTION_KEYS,
        lambda key: (
            Code.UNKNOWN_KEY,
            f"unknown key '{key}' in prescription"
            + (
                did_you_mean(key, PRESCRIPTION_KEYS)
                or f" (it takes {', '.join(PRESCRIPTION_KEYS)})"
            ),
        ),
    )
    reader.require(found, REQUIRED_PRESCRIPTION_KEYS, node.line, where)
    by = per_week = review = None
    if "by" in found:
        by = reader.text(found["by"][1], where, "by", MAX_NAME_CHARS)
    if "per_week" in found:
        per_week = reader.integer(found["per_week"][1], where, "per_week", SESSIONS_PER_WEEK_LIMITS)
    if "review" in found:
        review = _review_date(reader, found["review"][1], where)
    if reader.failures() != before or by is None or per_week is None:
        return None
    return Prescription(by=by, per_week=per_week, review=review)


def _review_date(reader: ValueReader, node: Node, where: Location) -> date | None:
    text = reader.text(node, where, "review", MAX_NAME_CHARS)
    if text is None:
        return None
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        day = None
    if day is None or len(text.strip()) != 10:
        detail = f"review must be a date written YYYY-MM-DD, like 2026-03-02, got {describe(node)}"
        reader.add(node.line, where, Code.WRONG_TYPE, detail, "review")
        return None
    low, high = REVIEW_YEARS
    if not low <= day.year <= high:
        detail = f"review must be a date between the years {low} and {high}, got {text}"
        reader.add(node.line, where, Code.OUT_OF_RANGE, detail, "review")
        return None
    return day


def target_conflict(prescription: Prescription, target: Target) -> str | None:
    """Why a routine's ``target`` and ``prescription`` disagree, or None."""
    if target.per_week == prescription.per_week:
        return None
    return (
        f"the prescription says {prescription.per_week} sessions a week but the target says "
        f"{target.per_week}: give the same number, or leave per_week out of one of them"
    )
