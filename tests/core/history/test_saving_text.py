"""What the app says about saving: a busy or failing file, writes kept at exit, the replay."""

from __future__ import annotations

from pathlib import Path

from hiptimer.core.history.saving_text import replayed_notice, saving_notice, unsaved_at_exit
from hiptimer.core.history.writer import Closed, WriterReport, WriteState


def test_the_notice_says_what_waits_and_why_and_nothing_once_saved() -> None:
    assert saving_notice(WriterReport(WriteState.SAVED, 0)) == ""
    assert saving_notice(WriterReport(WriteState.BUSY, 1, "locked")) == (
        "The history file is busy (another program is using it). 1 change to your history is "
        "kept and saved as soon as it is free."
    )
    assert "3 changes to your history are kept" in saving_notice(WriterReport(WriteState.BUSY, 3))
    failing = saving_notice(WriterReport(WriteState.FAILING, 2, "disk full"))
    assert failing.startswith("History cannot be saved right now (disk full). 2 changes are kept")
    assert "at the next start" in failing


def test_what_is_said_at_exit_and_at_the_next_start() -> None:
    assert unsaved_at_exit(Closed(0, None), "") == ""
    kept = unsaved_at_exit(Closed(1, Path("/d/h.unsaved-1.json")), "locked")
    assert kept == (
        "the history file could not take 1 change before closing (locked); it is kept in "
        "/d/h.unsaved-1.json and saved at the next start"
    )
    lost = unsaved_at_exit(Closed(4, None, "read-only file system"), "")
    assert "4 changes" in lost and "(read-only file system): they are lost" in lost
    assert replayed_notice(1) == (
        "1 change to your history that could not be saved when hiptimer last closed was saved now."
    )
    assert replayed_notice(2).startswith("2 changes") and "were saved now" in replayed_notice(2)
