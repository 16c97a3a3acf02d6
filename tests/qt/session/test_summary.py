"""The summary: what was done in each step's own unit, and Enter saves and closes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from hiptimer.core.routines.model import Kind
from hiptimer.core.session.display import outcome_line
from hiptimer.core.session.events import StepOutcome
from hiptimer.core.session.status import SessionStatus
from hiptimer.qt.session.summary import SummaryPage
from tests.fakes import make_outcome


def outcome(kind: Kind, **changes: object) -> StepOutcome:
    defaults = {"exercise_name": "Hip click", "planned_seconds": 10, "actual_seconds": 10}
    return make_outcome(kind=kind, **{**defaults, **changes})


def test_each_step_is_described_in_its_own_unit() -> None:
    assert outcome_line(outcome(Kind.ONCE)) == "✓ Hip click (left): done"
    assert (
        outcome_line(outcome(Kind.HOLD, actual_seconds=33.4, planned_seconds=60, status="skipped"))
        == "– Hip click (left): 33 s of 60 s"
    )
    assert (
        outcome_line(outcome(Kind.REPS, planned_reps=20, actual_reps=12))
        == "✓ Hip click (left): 12 of 20 reps"
    )
    assert outcome_line(outcome(Kind.TEST, measurement=35)) == "✓ Hip click (left): 35°"


@pytest.mark.parametrize("focus_note", [False, True])
def test_enter_saves_and_closes(qtbot, focus_note: bool) -> None:
    page = SummaryPage()
    qtbot.addWidget(page)
    page.show_summary("Daily", SessionStatus.COMPLETED, 64, [outcome(Kind.ONCE)], 5)
    page.show()
    qtbot.waitExposed(page)
    saved: list[tuple] = []
    page.feedback.connect(lambda pain, note: saved.append((pain, note)))
    if focus_note:
        page.note.setFocus()
        QTest.keyClicks(page.note, "Felt good")
    with qtbot.waitSignal(page.closed, timeout=1000):
        QTest.keyClick(page.note if focus_note else page, Qt.Key.Key_Return)
    assert saved == [(None, "Felt good" if focus_note else "")]
    assert "1 of 5 steps done" in page.report.toPlainText()
    assert "1:04" in page.report.toPlainText()


def test_digits_rate_the_pain_from_anywhere_but_the_note(qtbot) -> None:
    page = SummaryPage()
    qtbot.addWidget(page)
    page.show_summary("Daily", SessionStatus.COMPLETED, 64, [outcome(Kind.ONCE)], 5)
    page.show()
    qtbot.waitExposed(page)
    page.save_button.setFocus()
    QTest.keyClick(page.save_button, Qt.Key.Key_7)
    assert page.pain.value() == 7
    page.note.setFocus()
    QTest.keyClicks(page.note, "3 sets")
    assert page.pain.value() == 7 and page.note.text() == "3 sets"


def test_the_summary_names_each_exercise_and_the_week_after_it(qtbot) -> None:
    from hiptimer.core.history.glance import WeekGlance

    page = SummaryPage()
    qtbot.addWidget(page)
    done = [outcome(Kind.HOLD), outcome(Kind.HOLD, side=None, step_index=1, status="skipped")]
    page.show_summary("Daily", SessionStatus.COMPLETED, 64, done, 2, week=WeekGlance(3, 3, 2))
    page.show()
    assert page.week_label.text() == "3 of 3 workouts this week"
    assert page.streak_label.text() == "Goal met. Streak: 2 weeks in a row."
    assert page.week_dots.text() == "●●●"
    assert "Done." in page.acknowledgement.text() and "!" not in page.acknowledgement.text()
