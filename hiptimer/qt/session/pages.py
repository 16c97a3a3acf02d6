"""The player and summary pages, built and wired into the main window when first needed.

The home window opens without importing them (issue 16); the window's ``player`` and
``summary`` properties call these the first time they are asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hiptimer.qt.session.player import PlayerPage
from hiptimer.qt.session.summary import SummaryPage
from hiptimer.qt.source_lines import drop_source_lines

if TYPE_CHECKING:
    from hiptimer.qt.main_window import MainWindow


def build_player(window: MainWindow) -> PlayerPage:
    player = PlayerPage()
    window.stack.addWidget(player)
    in_session = window.in_session
    player.toggle_pause.connect(lambda: in_session(lambda runner: runner.toggle_pause()))
    player.go_next.connect(lambda: in_session(lambda runner: runner.next()))
    player.go_previous.connect(lambda: in_session(lambda runner: runner.previous()))
    player.restart_step.connect(lambda: in_session(lambda runner: runner.restart_step()))
    player.extend.connect(lambda: in_session(lambda runner: runner.extend()))
    player.done.connect(window.enter_pressed)
    player.finish.connect(window.finish_session)
    player.measurement.connect(window.measure)
    player.photo_button.say = window.voice.say if window.voice is not None else None
    drop_source_lines()  # the session's modules have loaded with the player
    return player


def build_summary(window: MainWindow) -> SummaryPage:
    summary = SummaryPage()
    window.stack.addWidget(summary)
    summary.feedback.connect(window.feedback)
    summary.closed.connect(window.show_home)
    summary.again.connect(window.play_again)
    summary.limited_side_chosen.connect(window.set_limited_side)
    summary.exercise_feedback.connect(window.exercise_feedback)
    return summary
