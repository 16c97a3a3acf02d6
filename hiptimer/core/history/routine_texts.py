"""The routine each session played, kept with it: a routine file that reads on its own.

The app hands the text over when a session begins (the routine with every exercise it uses,
:func:`hiptimer.core.session.resume.routine_record`); the file keeps it once per
``sessions.routine_hash`` (table ``routine_texts``, history format 8), so ten years of the same
routine cost one row.  The JSON export carries them, and the report reads them back.
"""

from __future__ import annotations

import sqlite3

#: The longest routine text kept with a session: a routine file's own limit.
MAX_ROUTINE_TEXT_CHARS = 256 * 1024


def check_routine_text(text: object) -> None:
    """ValueError unless ``text`` is None or a routine file's text within the file limit."""
    if text is None:
        return
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"a routine text must be a non-empty text, got {str(text)[:40]!r}")
    if len(text) > MAX_ROUTINE_TEXT_CHARS:
        raise ValueError(
            f"a routine text is at most {MAX_ROUTINE_TEXT_CHARS:,} characters, got {len(text):,}"
        )


def keep_routine_text(conn: sqlite3.Connection, routine_hash: str, text: str | None) -> None:
    """Keep ``text`` for ``routine_hash`` unless it is already kept (or there is none);
    ValueError for a text that is not one (see :func:`check_routine_text`)."""
    check_routine_text(text)
    if text is not None:
        conn.execute(
            "INSERT INTO routine_texts (routine_hash, text) VALUES (?, ?)"
            " ON CONFLICT (routine_hash) DO NOTHING",
            (routine_hash, text),
        )
