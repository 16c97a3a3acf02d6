"""One hiptimer per user, with real processes: a second launch hands its request to the first
and exits 0; a lock left by a killed process is taken over."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path

import pytest

from tests.real_parts import AppHome, hiptimer, stop, wait_for


def socket_of(home: AppHome) -> list[Path]:
    return list(home.runtime.glob("*.socket"))


@pytest.fixture
def home(tmp_path: Path) -> AppHome:
    return AppHome.make(tmp_path)


def test_a_second_launch_hands_over_and_exits(home: AppHome) -> None:
    first = hiptimer(env=home.env())
    try:
        wait_for(lambda: socket_of(home) or first.poll() is not None, 30, "the first instance")
        assert first.poll() is None, stop(first)
        second = subprocess.run(
            [*first.args[:3], "--routine", "daily", "--side", "left", "--start"],
            env=home.env(),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert second.returncode == 0, second.stderr
        # The first one started it: its session is in the history.
        wait_for(lambda: home.sessions() == [("daily", "incomplete")], 30, "the session")
        plain = subprocess.run(
            first.args, env=home.env(), capture_output=True, text=True, timeout=60, check=False
        )
        assert plain.returncode == 0, plain.stderr  # only raised the window
        assert first.poll() is None
        assert home.sessions() == [("daily", "incomplete")]  # the session went on
    finally:
        stop(first)


def test_a_lock_left_by_a_killed_process_is_taken_over(home: AppHome) -> None:
    first = hiptimer(env=home.env())
    wait_for(lambda: socket_of(home) or first.poll() is not None, 30, "the first instance")
    first.send_signal(signal.SIGKILL)
    stop(first)  # reaps it and closes its pipes
    assert list(home.runtime.glob("*.lock"))  # left behind
    again = hiptimer("--routine", "daily", "--side", "right", "--start", env=home.env())
    try:
        wait_for(lambda: home.sessions() == [("daily", "incomplete")], 30, "the new instance")
        assert again.poll() is None  # it runs on as the instance
    finally:
        stop(again)


def test_two_launches_at_once_make_one_instance(home: AppHome) -> None:
    launches = [hiptimer(env=home.env()) for _ in range(2)]
    try:
        wait_for(lambda: any(p.poll() is not None for p in launches), 30, "one to hand over")
        ended = [p for p in launches if p.poll() is not None]
        assert len(ended) == 1 and ended[0].returncode == 0, stop(ended[0])
        running = next(p for p in launches if p.poll() is None)
        assert running.poll() is None
    finally:
        for process in launches:
            stop(process)


def test_a_runtime_folder_too_deep_for_a_socket_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hiptimer.qt.desktop.single_instance import private_temp_dir, runtime_dir

    deep = tmp_path / ("x" * 90)
    deep.mkdir()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(deep))
    assert runtime_dir() == private_temp_dir()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert runtime_dir("short") == tmp_path or len(str(tmp_path)) > 80
