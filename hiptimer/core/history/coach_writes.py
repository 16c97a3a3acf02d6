"""The coach's part of a history write: what a session counts as, and feedback per exercise.

A session's kind (workout, check-in, short) is decided by the one rule in
:func:`hiptimer.core.history.adherence.classify` each time one of its steps is recorded or it
ends, and stored, so the weekly counts and the streak read it through an index.
"""

from __future__ import annotations

import sqlite3

from hiptimer.core.history.adherence import SessionKind, classify
from hiptimer.core.history.rows import PAIN_LIMITS
from hiptimer.core.history.what_helps import Rating
from hiptimer.core.session.status import SessionStatus

#: The most progression levels an exercise may have (the schema allows 0–9).
MAX_PROGRESSION_LEVEL = 9


def refresh_kind(conn: sqlite3.Connection, session_id: int) -> SessionKind:
    """Decide and store what session ``session_id`` counts as, from its saved steps, and how
    many steps it saved.

    Planned exercise time is what the plan said when the session began (older rows: the
    planned time of the steps recorded); tests are measuring, not exercise.
    """
    row = conn.execute(
        "SELECT s.status, s.planned_work_seconds,"
        " (SELECT coalesce(sum(planned_seconds), 0) FROM steps"
        "   WHERE session_id = s.id AND kind != 'test'),"
        " (SELECT coalesce(sum(actual_seconds), 0) FROM steps"
        "   WHERE session_id = s.id AND kind != 'test'),"
        " EXISTS (SELECT 1 FROM steps WHERE session_id = s.id AND measurement IS NOT NULL)"
        " FROM sessions s WHERE s.id = ?",
        (session_id,),
    ).fetchone()
    if row is None:
        return SessionKind.SHORT
    status, planned, planned_of_steps, done, measured = row
    if status == SessionStatus.DISCARDED.value:
        kind = SessionKind.SHORT
    else:
        kind = classify(planned if planned is not None else planned_of_steps, done, bool(measured))
    conn.execute(
        "UPDATE sessions SET kind = ?,"
        " steps_saved = (SELECT count(*) FROM steps WHERE session_id = sessions.id)"
        " WHERE id = ?",
        (kind.value, session_id),
    )
    return kind


def check_progression_level(level: object) -> int:
    if (
        isinstance(level, bool)
        or not isinstance(level, int)
        or not 0 <= level <= MAX_PROGRESSION_LEVEL
    ):
        raise ValueError(
            f"a progression level must be a whole number 0–{MAX_PROGRESSION_LEVEL}, got {level!r}"
        )
    return level


def check_feedback(rating: Rating | str | None, pain: int | None) -> str | None:
    """The rating's stored word (None: not rated); ValueError for a bad rating or pain."""
    if pain is not None and pain not in PAIN_LIMITS:
        raise ValueError(f"pain must be a whole number within {PAIN_LIMITS}, got {pain!r}")
    if rating is None:
        return None
    return Rating(rating.value if isinstance(rating, Rating) else rating).value


def set_exercise_feedback(
    conn: sqlite3.Connection,
    session_id: int,
    exercise_id: str,
    rating: Rating | str | None,
    pain: int | None,
) -> None:
    """What the person said about one exercise of a session (again: the newest counts)."""
    stored = check_feedback(rating, pain)
    if stored is None and pain is None:
        conn.execute(
            "DELETE FROM exercise_feedback WHERE session_id = ? AND exercise_id = ?",
            (session_id, exercise_id),
        )
        return
    conn.execute(
        "INSERT INTO exercise_feedback (session_id, exercise_id, rating, pain)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (session_id, exercise_id)"
        " DO UPDATE SET rating = excluded.rating, pain = excluded.pain",
        (session_id, exercise_id, stored, pain),
    )
