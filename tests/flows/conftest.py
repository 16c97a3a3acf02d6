"""Fixtures for whole-window flows: a real MainWindow on the fake clock, with the mock voice."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from hiptimer.core.paths import AppPaths
from hiptimer.core.settings import Settings
from hiptimer.qt.main_window import MainWindow
from hiptimer.qt.session.voice import Voice
from tests.fakes import FakeClock, make_ctx


@pytest.fixture
def make_window(qtbot, app_paths: AppPaths, clock: FakeClock, monkeypatch, request):
    """Build a shown, active MainWindow; ``settings`` and ``speed`` may be given, and
    ``history`` (the ``store`` fixture): sessions are then recorded, through the ``writes``
    fixture's history writer."""
    # Closing mid-session asks first; at teardown, answer "leave".
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes
    )

    def make(
        speed: float = 1.0,
        real_clock: bool = False,
        history=None,
        **settings: object,
    ) -> MainWindow:
        settings_ = Settings(**settings)  # type: ignore[arg-type]
        writes = None if history is None else request.getfixturevalue("writes")
        ctx = make_ctx(
            app_paths,
            settings=settings_,
            history=history,
            writes=writes,
            clock=None if real_clock else clock,
        )
        voice = Voice("mock")
        assert voice.problem is None
        window = MainWindow(ctx, cues=None, voice=voice, speed=speed)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        return window

    return make
