"""A real hiptimer process stopped with SIGSTOP does not race through the time it missed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROUTINE = """\
format: 1
routines:
  - id: stall-check
    name: Stall check
    rest: 0
    sections:
      - name: Main
        items:
          - {exercise: figure-four-supine, kind: hold, seconds: 6}
          - {exercise: figure-four-sitting, kind: hold, seconds: 6}
"""


def _steps(history: Path) -> list[tuple[int, str]]:
    if not history.exists():
        return []
    with sqlite3.connect(history) as conn:
        return list(conn.execute("SELECT step_index, status FROM steps ORDER BY step_index"))


def _wait_for(condition, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_a_stopped_process_pauses_where_it_was(tmp_path: Path) -> None:
    data, config = tmp_path / "data", tmp_path / "config"
    (data / "hiptimer" / "routines").mkdir(parents=True)
    (data / "hiptimer" / "routines" / "stall.yaml").write_text(ROUTINE)
    (config / "hiptimer").mkdir(parents=True)
    (config / "hiptimer" / "settings.json").write_text(
        '{"welcome_done": true, "lead_in_seconds": 1}'
    )
    history = data / "hiptimer" / "history.sqlite3"
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(data),
        "XDG_CONFIG_HOME": str(config),
        "XDG_RUNTIME_DIR": str(runtime),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    app = subprocess.Popen(
        [sys.executable, "-m", "hiptimer", "--routine", "stall-check", "--side", "left", "--start"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert _wait_for(history.exists, 30), "the session never began"
        time.sleep(2.5)  # 1 s get-ready, then 1.5 s into the first 6 s hold
        app.send_signal(signal.SIGSTOP)
        time.sleep(12)  # both holds (and the session) would have ended meanwhile
        app.send_signal(signal.SIGCONT)
        time.sleep(2)  # time to race through the gap, if it did
        assert app.poll() is None, "the app died"
        assert _steps(history) == []  # nothing of the gap happened: no step ended
    finally:
        app.kill()
        app.wait(timeout=30)
