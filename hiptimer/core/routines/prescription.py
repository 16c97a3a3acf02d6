"""A routine's ``prescription``: said in words and written back (read by
:mod:`hiptimer.core.routines.prescription_reader`).

``prescription: {by: "Ana Ruiz, physiotherapist", per_week: 3, review: 2026-03-02}`` marks a
routine a clinician or coach prescribed.  Its keys are the table
:data:`~hiptimer.core.routines.schema.PRESCRIPTION_SPEC`.  A prescribed routine is used as
written; when it also has a ``target``, the two must agree on the sessions a week (one fact,
one value).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from hiptimer.core.routines.model import Prescription
from hiptimer.core.text import plural


def prescription_lines(
    prescription: Prescription, text: Callable[[str], str], indent: str
) -> list[str]:
    """The block the writer puts under ``prescription:`` (``text`` quotes a text)."""
    lines = [f"{indent}by: {text(prescription.by)}", f"{indent}per_week: {prescription.per_week}"]
    if prescription.review is not None:
        lines.append(f"{indent}review: {prescription.review.isoformat()}")
    return lines


def prescription_text(prescription: Prescription, today: date | None = None) -> str:
    """``Prescribed by Ana Ruiz, physiotherapist: 3 times a week; review on 2 March 2026``.

    With ``today`` given, a review date that has come is told as such.
    """
    times = {1: "once", 2: "twice"}.get(prescription.per_week, f"{prescription.per_week} times")
    text = f"Prescribed by {prescription.by}: {times} a week"
    review = prescription.review
    if review is not None:
        when = f"{review.day} {review:%B %Y}"
        if today is not None and review <= today:
            ago = (today - review).days
            text += f"; review was due on {when}" + (
                f" ({plural(ago, 'day')} ago)" if ago else " (today)"
            )
        else:
            text += f"; review on {when}"
    return text
