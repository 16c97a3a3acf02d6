"""The screen is kept on while a session plays, and let go on pause, summary, home and exit.

The calls go over a private D-Bus to a screensaver service the test itself runs there.
"""

from __future__ import annotations

import pytest

from hiptimer.core.routines.model import SideChoice
from hiptimer.qt.desktop.bus import open_bus
from hiptimer.qt.desktop.inhibit import ScreenInhibitor
from hiptimer.qt.main_window import MainWindow
from tests.fakes import make_ctx
from tests.real_parts import FakeScreenSaver

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def screensaver(private_bus):
    service = FakeScreenSaver(private_bus.address).start()
    yield service
    service.stop()


@pytest.fixture
def window_with_inhibitor(qtbot, private_bus, app_paths, clock):
    bus = open_bus(private_bus.address)
    assert bus is not None
    inhibitor = ScreenInhibitor(bus)
    window = MainWindow(make_ctx(app_paths, clock=clock))
    window.playing.connect(inhibitor.set_active)  # as the desktop integration wires it
    qtbot.addWidget(window)
    yield window, inhibitor
    bus.close()


def test_inhibited_while_playing_released_on_pause_summary_and_home(
    qtbot, screensaver, window_with_inhibitor
) -> None:
    window, inhibitor = window_with_inhibitor
    routine = window.ctx.catalog.find("daily")
    assert routine is not None
    window.start_routine(routine, SideChoice.LEFT)
    qtbot.waitUntil(lambda: inhibitor.held, timeout=5000)
    first = screensaver.calls[0]
    assert (first.method, first.body[0]) == ("Inhibit", "hiptimer")
    cookie = 41

    assert window.controller is not None
    window.controller.runner.pause()
    qtbot.waitUntil(lambda: screensaver.methods() == ["Inhibit", "UnInhibit"], timeout=5000)
    assert screensaver.calls[1].body == (cookie,)

    window.controller.runner.toggle_pause()
    qtbot.waitUntil(lambda: screensaver.methods().count("Inhibit") == 2, timeout=5000)
    qtbot.waitUntil(lambda: inhibitor.held, timeout=5000)
    window.controller.finish_early()  # the summary shows
    assert window.stack.currentWidget() is window.summary
    qtbot.waitUntil(lambda: screensaver.methods().count("UnInhibit") == 2, timeout=5000)
    assert screensaver.calls[-1].body == (cookie + 1,)

    window.start_routine(routine, SideChoice.LEFT)
    qtbot.waitUntil(lambda: screensaver.methods().count("Inhibit") == 3, timeout=5000)
    window.show_home()
    qtbot.waitUntil(lambda: screensaver.methods().count("UnInhibit") == 3, timeout=5000)

    window.start_routine(routine, SideChoice.LEFT)
    qtbot.waitUntil(lambda: screensaver.methods().count("Inhibit") == 4, timeout=5000)
    qtbot.waitUntil(lambda: inhibitor.held, timeout=5000)
    window.close()  # quitting mid-session
    qtbot.waitUntil(lambda: screensaver.methods().count("UnInhibit") == 4, timeout=5000)
    assert not inhibitor.held


def test_a_release_asked_for_before_the_answer_is_done_when_it_comes(
    qtbot, screensaver, private_bus
) -> None:
    bus = open_bus(private_bus.address)
    inhibitor = ScreenInhibitor(bus)
    inhibitor.set_active(True)
    inhibitor.set_active(False)  # before the cookie came back
    qtbot.waitUntil(lambda: screensaver.methods() == ["Inhibit", "UnInhibit"], timeout=5000)
    assert not inhibitor.held
    bus.close()


def test_no_screensaver_service_is_no_error(qtbot, private_bus) -> None:
    bus = open_bus(private_bus.address)
    inhibitor = ScreenInhibitor(bus)
    inhibitor.set_active(True)
    qtbot.waitUntil(lambda: inhibitor._unavailable, timeout=5000)  # asked both, once
    assert not inhibitor.held
    inhibitor.set_active(False)
    bus.close()


def test_no_bus_at_all_is_no_error() -> None:
    assert open_bus("unix:path=/nonexistent/bus") is None
    inhibitor = ScreenInhibitor(None)
    inhibitor.set_active(True)
    inhibitor.set_active(False)
    assert not inhibitor.held


def test_the_bus_is_opened_when_a_session_first_plays_and_only_once(
    qtbot, screensaver, private_bus
) -> None:
    opened = []

    def connect():
        bus = open_bus(private_bus.address)
        opened.append(bus)
        return bus

    inhibitor = ScreenInhibitor(connect=connect)
    inhibitor.set_active(False)
    assert opened == []  # a window that never plays never connects
    inhibitor.set_active(True)
    assert len(opened) == 1 and opened[0] is not None
    qtbot.waitUntil(lambda: inhibitor.held, timeout=5000)
    inhibitor.set_active(False)
    qtbot.waitUntil(lambda: not inhibitor.held, timeout=5000)
    inhibitor.set_active(True)
    qtbot.waitUntil(lambda: inhibitor.held, timeout=5000)
    assert len(opened) == 1
    opened[0].close()
