"""The week after the session just finished, for the summary: the core's
:func:`~hiptimer.core.history.glance.week_after`, read from the window's history.

The session itself may still be on its way to the file (the writer saves on its own thread);
the core adds it when the file does not count it yet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hiptimer.core.history.glance import WeekGlance, week_after

if TYPE_CHECKING:
    from hiptimer.core.history.adherence import SessionKind
    from hiptimer.qt.context import AppContext
    from hiptimer.qt.session.controller import SessionController


def session_week(
    controller: SessionController, ctx: AppContext, counts: SessionKind | None
) -> WeekGlance | None:
    """The week after ``controller``'s session, for the summary (None: not recorded, no
    history, or no goal)."""
    from hiptimer.core.history.adherence import SessionKind
    from hiptimer.core.history.local_time import local_zone
    from hiptimer.core.settings import weekly_goal

    if ctx.history is None or controller.started_at is None or counts is None:
        return None
    tz = local_zone()
    day = controller.started_at.astimezone(tz).date()
    goal = weekly_goal(ctx.settings, ctx.catalog)
    workout = counts is SessionKind.WORKOUT
    return week_after(ctx.history, controller.session_key or "", workout, goal, day, tz)
