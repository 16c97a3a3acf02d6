"""The coach loop in a real window: the assessment decides, the person chooses the limited side."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from hiptimer.core.routines.model import Side, SideChoice
from hiptimer.core.session.plan import PhaseKind
from hiptimer.core.settings import load_settings
from tests.flows.driving import in_phase, play_until, start, type_degrees


def assess(qtbot, window, clock, degrees: dict[tuple[str, Side], int]) -> None:
    """Play the assessment, typing each measurement as its step asks for it."""
    start(qtbot, window, "assessment", SideChoice.BOTH)
    for _ in range(len(degrees)):
        snapshot = play_until(window, clock, in_phase(PhaseKind.MEASURE))
        test = "prone" if snapshot.step.exercise.id == "prone-ir-test" else "seated"
        type_degrees(qtbot, window, degrees[(test, snapshot.step.side)])
    play_until(window, clock, lambda _s: window.stack.currentWidget() is window.summary)


ISSUE_EXAMPLE = {
    ("prone", Side.LEFT): 42,
    ("seated", Side.LEFT): 40,
    ("prone", Side.RIGHT): 30,
    ("seated", Side.RIGHT): 25,
}


def test_the_assessment_says_what_it_means_and_offers_the_lower_side(
    qtbot, make_window, clock, store, app_paths
) -> None:
    window = make_window(history=store)
    assess(qtbot, window, clock, ISSUE_EXAMPLE)
    summary = window.summary
    assert window.stack.currentWidget() is summary
    text = summary.verdict_label.text()
    assert "Right 30°: below the normal 45°" in text
    assert "Right is 15° lower than left." in text
    assert "Krause" in text and "program&#x27;s own" in text  # both sources are cited
    assert summary.limited_button.isVisible()
    assert summary.limited_button.text() == "&Make the right hip my limited side"
    qtbot.mouseClick(summary.limited_button, Qt.MouseButton.LeftButton)
    assert window.ctx.settings.limited_side is Side.RIGHT
    assert load_settings(app_paths.settings_file)[0].limited_side is Side.RIGHT  # saved
    assert not summary.limited_button.isVisible()
    assert "now your limited side" in summary.verdict_label.text()
    assert window.picker.limited_label.text().startswith("Your limited hip: right")
    assert "(limited)" in window.picker.side_buttons[SideChoice.RIGHT].text()


def test_a_second_assessment_tells_change_only_beyond_the_noise(
    qtbot, make_window, clock, store
) -> None:
    window = make_window(history=store)
    assess(qtbot, window, clock, ISSUE_EXAMPLE)
    qtbot.mouseClick(window.summary.save_button, Qt.MouseButton.LeftButton)
    assert window.ctx.writes.writer.flush(10)  # the first one is in the file (days later)
    later = {**ISSUE_EXAMPLE, ("prone", Side.RIGHT): 37, ("seated", Side.RIGHT): 28}
    assess(qtbot, window, clock, later)
    text = window.summary.verdict_label.text()
    assert "Right 37°: below the normal 45° · up 7° since last time" in text
    assert "Right 28°: below the normal 30–45° · about the same as last time" in text


def test_playing_one_side_never_changes_the_limited_side(qtbot, make_window, clock) -> None:
    window = make_window(limited_side=Side.LEFT)
    start(qtbot, window, "daily", SideChoice.RIGHT)
    assert window.ctx.settings.limited_side is Side.LEFT
    assert window.picker.limited_label.text().startswith("Your limited hip: left")


def test_the_summary_says_whether_it_counts_and_keeps_each_exercises_rating(
    qtbot, make_window, clock, store
) -> None:
    from hiptimer.core.history.what_helps import Rating

    window = make_window(history=store)
    start(qtbot, window, "daily", SideChoice.LEFT)
    play_until(window, clock, lambda _s: window.stack.currentWidget() is window.summary)
    summary = window.summary
    assert summary.counts_label.text() == "This session counts toward your weekly goal."
    names = [
        label.text() for label in summary.findChildren(QLabel) if label.parent() is summary.ratings
    ]
    assert len(summary.ratings.groups) == 5 and names
    first = next(iter(summary.ratings.groups))
    summary.ratings.groups[first].buttons()[0].click()  # Helped
    summary.ratings.pains[first].setCurrentIndex(3)  # pain 2
    QTest.keyClick(summary, Qt.Key.Key_Return)  # Enter saves, with or without ratings
    assert window.ctx.writes is not None and window.ctx.writes.wait_until_saved()
    rows = store._conn.execute("SELECT exercise_id, rating, pain FROM exercise_feedback").fetchall()
    assert rows == [(first, Rating.HELPED.value, 2)]
    [session] = store.sessions()
    assert session.kind == "workout"
