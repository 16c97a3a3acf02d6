"""What the app says about saving the history: a busy or failing file, writes kept for later.

Plain functions from the writer's reports to words, so the window and the command line only
show them.
"""

from __future__ import annotations

from hiptimer.core.history.writer import Closed, WriterReport, WriteState


def changes(count: int) -> str:
    return f"{count} change{'' if count == 1 else 's'}"


def saving_notice(report: WriterReport) -> str:
    """What the player shows while writes wait, or "" once everything is saved."""
    if report.state is WriteState.BUSY:
        return (
            "The history file is busy (another program is using it). "
            f"{changes(report.waiting).capitalize()} to your history "
            f"{'is' if report.waiting == 1 else 'are'} kept and saved as soon as it is free."
        )
    if report.state is WriteState.FAILING:
        return (
            f"History cannot be saved right now ({report.reason}). "
            f"{changes(report.waiting).capitalize()} {'is' if report.waiting == 1 else 'are'} "
            "kept: hiptimer keeps trying, and saves them at the next start if it closes first."
        )
    if report.state is WriteState.DAMAGED:
        return (
            f"The history file failed its check ({report.reason}), so nothing is written to "
            f"it. {changes(report.waiting).capitalize()} "
            f"{'is' if report.waiting == 1 else 'are'} kept until a new file is started."
        )
    return ""


def replayed_notice(count: int) -> str:
    """At a start: what an earlier run could not save is saved now."""
    return (
        f"{changes(count).capitalize()} to your history that could not be saved when hiptimer "
        f"last closed {'was' if count == 1 else 'were'} saved now."
    )


def unsaved_at_exit(closed: Closed, reason: str) -> str:
    """The line printed when the app closes with writes still unsaved ("" when none)."""
    if not closed.unsaved:
        return ""
    why = f" ({reason})" if reason else ""
    they = "it" if closed.unsaved == 1 else "they"
    are = "is" if closed.unsaved == 1 else "are"
    if closed.kept_in is not None:
        return (
            f"the history file could not take {changes(closed.unsaved)} before closing{why}; "
            f"{they} {are} kept in {closed.kept_in} and saved at the next start"
        )
    return (
        f"the history file could not take {changes(closed.unsaved)} before closing{why}, "
        f"and {they} could not be kept ({closed.problem}): {they} {are} lost"
    )
