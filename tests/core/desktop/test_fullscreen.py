"""The fullscreen check reads the window manager's properties with the real xprop on Xvfb."""

from __future__ import annotations

import subprocess

import pytest

from hiptimer.core.desktop.fullscreen import (
    active_window,
    fullscreen_window_active,
    is_fullscreen_state,
)
from tests.real_parts import Display, need


def test_parsing_xprop_answers() -> None:
    assert active_window("_NET_ACTIVE_WINDOW 0x1c00007") == "0x1c00007"
    assert active_window("_NET_ACTIVE_WINDOW 0x0") is None
    assert active_window("_NET_ACTIVE_WINDOW:  not found.\n") is None
    assert is_fullscreen_state("_NET_WM_STATE(ATOM) = _NET_WM_STATE_FULLSCREEN\n")
    assert not is_fullscreen_state("_NET_WM_STATE(ATOM) = _NET_WM_STATE_MAXIMIZED_VERT\n")


def test_no_display_means_no_fullscreen_window() -> None:
    assert fullscreen_window_active({}) is False


@pytest.fixture(scope="module")
def display():
    shown = Display.start()
    yield shown
    shown.stop()


def test_the_active_window_in_fullscreen_is_seen(display: Display) -> None:
    xprop = need("xprop")
    env = {"DISPLAY": display.name, "PATH": "/usr/bin:/bin"}

    def xset(*args: str) -> None:
        subprocess.run([xprop, "-root", *args], env=env, check=True, timeout=30)

    root = subprocess.run(
        ["xwininfo", "-root"], env=env, capture_output=True, text=True, timeout=30, check=True
    ).stdout
    root_id = root.split("Window id: ")[1].split()[0]
    # What a window manager does for a fullscreen window, done on the root window itself.
    xset("-f", "_NET_ACTIVE_WINDOW", "32x", "-set", "_NET_ACTIVE_WINDOW", root_id)
    xset("-f", "_NET_WM_STATE", "32a", "-set", "_NET_WM_STATE", "_NET_WM_STATE_MAXIMIZED_VERT")
    assert fullscreen_window_active(env) is False
    xset("-f", "_NET_WM_STATE", "32a", "-set", "_NET_WM_STATE", "_NET_WM_STATE_FULLSCREEN")
    assert fullscreen_window_active(env) is True
    xset("-remove", "_NET_ACTIVE_WINDOW")
    assert fullscreen_window_active(env) is False
