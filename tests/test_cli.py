"""The command line: routines, check, history, --help/--version, and launch-argument errors."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from hiptimer import __version__
from hiptimer.cli import main
from hiptimer.core.paths import AppPaths, builtin_routines_dir

GOOD = """\
format: 1
routines:
  - id: mine
    name: Mine
    sections:
      - name: Main
        items:
          - {exercise: figure-four-supine, kind: hold, seconds: 60}
"""


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"hiptimer {__version__}"
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for word in (
        "--routine",
        "--side",
        "--start",
        "--fullscreen",
        "--speed",
        "routines",
        "check",
        "history",
    ):
        assert word in out


def test_routines_lists_builtins_and_user_files_and_reports_broken_ones(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    app_paths.user_routines_dir.mkdir(parents=True)
    (app_paths.user_routines_dir / "mine.yaml").write_text(GOOD)
    (app_paths.user_routines_dir / "broken.yaml").write_text("format: 1\nroutines: [1\n")
    assert main(["routines"], paths=app_paths) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].split() == ["ID", "NAME", "DURATION", "ORIGIN", "PATH"]
    by_id = {line.split()[0]: line for line in lines[1:]}
    assert {"full-program", "assessment", "daily", "mine"} <= set(by_id)
    assert "built-in" in by_id["full-program"]
    assert "user" in by_id["mine"]
    assert str(app_paths.user_routines_dir / "mine.yaml") in by_id["mine"]
    assert "1 min" in by_id["mine"]  # 10 s get ready + 60 s hold
    assert f"{app_paths.user_routines_dir / 'broken.yaml'}:" in captured.err


def test_check_accepts_the_builtin_files(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p) for p in builtin_routines_dir().glob("*.yaml"))
    assert len(files) == 5
    assert main(["check", *files]) == 0
    assert capsys.readouterr().err == ""


def test_check_reports_file_and_line_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(GOOD)
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD.replace("seconds: 60", "secnds: 60"))
    assert main(["check", str(good), str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err and all(line.startswith(f"{bad}:8: ") for line in err)
    assert "did you mean 'seconds'" in err[0]


def test_check_of_a_missing_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tmp_path / "nope.yaml")]) == 1
    assert str(tmp_path / "nope.yaml") in capsys.readouterr().err


def test_unknown_routine_lists_the_valid_ids(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--routine", "nope", "--side", "left"], paths=app_paths) == 2
    err = capsys.readouterr().err
    assert "unknown routine 'nope'" in err
    assert "full-program" in err and "assessment" in err and "daily" in err


def test_unknown_side_lists_the_valid_sides(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--routine", "daily", "--side", "middle"])
    assert exit_info.value.code == 2
    assert "left" in capsys.readouterr().err


@pytest.mark.parametrize("speed", ["0", "-1", "abc", "5000"])
def test_bad_speed_is_refused(speed: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--speed", speed])
    assert "speed" in capsys.readouterr().err


def test_python_dash_m_runs_the_same_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "hiptimer", "--version"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"hiptimer {__version__}"


# --- failures are one line and a non-zero exit, also with a real process ----------------------


def _shell(command: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
        "HIPTIMER": f"{sys.executable} -m hiptimer",
    }
    return subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, timeout=60, env=env
    )


def _one_line(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


def test_a_reader_that_stops_early_is_not_a_traceback(tmp_path: Path) -> None:
    files = " ".join(str(p) for p in sorted(builtin_routines_dir().glob("*.yaml")))
    result = _shell(f"$HIPTIMER check {files} | head -1; echo ${{PIPESTATUS[0]}}", tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stdout.count("ok (") == 1  # head printed one line
    assert result.stdout.splitlines()[-1] in ("0", "1")  # the status, never a crash (120)


@pytest.mark.parametrize(
    ("redirect", "words"),
    [(">&-", "standard output is closed"), ("> /dev/full", "No space left on device")],
)
def test_closed_or_full_output_is_one_line(tmp_path: Path, redirect: str, words: str) -> None:
    result = _shell(f"$HIPTIMER routines {redirect}", tmp_path)
    assert result.returncode == 1
    assert words in _one_line(result.stderr)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ("--speed 1e-300", "speed must be between 0.1 and 1000, got 1e-300"),
        ("--speed 0.000001", "speed must be between 0.1 and 1000"),
        ("--speed nan", "speed must be between"),
        ("--speed fast", "'fast' is not a number"),
        ("--routine ''", "--routine needs an id"),
        ("--routine $'x\\e[2J' --start", "unknown routine 'x\\x1b[2J'"),
        ("--side up", "argument --side: invalid choice"),
    ],
)
def test_bad_launch_arguments_are_one_line_and_exit_2(
    tmp_path: Path, args: str, words: str
) -> None:
    result = _shell(f"$HIPTIMER {args}", tmp_path)
    assert result.returncode == 2
    assert words in _one_line(result.stderr)
    assert "\x1b" not in result.stderr


def test_a_speed_that_would_make_a_session_last_over_a_day_is_refused(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    """50 half-hour holds on both sides: about 51 hours at real speed."""
    hold = "          - {exercise: figure-four-supine, kind: hold, seconds: 1800}\n"
    head = GOOD.split("        items:\n")[0] + "        items:\n"
    app_paths.user_routines_dir.mkdir(parents=True)
    (app_paths.user_routines_dir / "long.yaml").write_text(head + hold * 50)
    assert main(["--routine", "mine", "--speed", "0.5", "--start"], paths=app_paths) == 2
    error = capsys.readouterr().err.strip()
    assert error == "hiptimer: at --speed 0.5 'mine' would take 101 hours; use --speed 2.1 or more"


def test_check_on_a_pipe_or_device_answers_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    result = _shell(f"timeout 20 $HIPTIMER check {pipe} /dev/zero", tmp_path)
    assert result.returncode == 1  # not 124: nothing hung
    assert result.stderr.splitlines() == [
        f"{pipe}:1: the file is not a regular file (a pipe)",
        "/dev/zero:1: the file is not a regular file (a device)",
    ]


# --- `hiptimer history` on a history it cannot read: one line, exit 1, the file untouched -------


def _history_in(tmp_path: Path) -> Path:
    """A healthy history with one session, where `_shell` runs find it."""
    from hiptimer.core.history.store import open_history

    history = tmp_path / "data" / "hiptimer" / "history.sqlite3"
    store, _ = open_history(history)
    with store:
        store.begin_session(
            "daily", "Daily", "h", "left", datetime(2026, 3, 2, tzinfo=timezone.utc)
        )
    return history


@pytest.mark.parametrize(
    ("spoil", "words"),
    [
        ("data folder is a file", "folder for the history file"),
        ("history is a folder", "is not a regular file (a folder)"),
        ("history is a pipe", "is not a regular file (a pipe)"),
        ("its -wal cannot be opened", "cannot be opened or written"),
    ],
)
def test_history_that_cannot_be_read_is_one_line_and_exit_1(
    tmp_path: Path, spoil: str, words: str
) -> None:
    import shutil

    history = _history_in(tmp_path)
    if spoil == "data folder is a file":
        shutil.rmtree(history.parent)
        history.parent.write_text("not a folder")
    elif spoil == "history is a folder":
        history.unlink()
        history.mkdir()
    elif spoil == "history is a pipe":
        history.unlink()
        os.mkfifo(history)
    else:
        Path(f"{history}-wal").mkdir()
    before = sorted(p.name for p in history.parent.parent.rglob("*"))
    result = _shell("$HIPTIMER history", tmp_path)
    assert result.returncode == 1, result
    line = _one_line(result.stderr)
    assert words in line and line.startswith("hiptimer: ")
    assert sorted(p.name for p in history.parent.parent.rglob("*")) == before  # nothing moved


def test_history_in_a_read_only_folder_is_one_line_and_leaves_it_alone(tmp_path: Path) -> None:
    from tests.real_parts import read_only_folder

    history = _history_in(tmp_path)
    before = {p.name: p.read_bytes() for p in history.parent.iterdir()}
    with read_only_folder(history.parent):
        result = _shell("$HIPTIMER history", tmp_path)
    assert result.returncode == 1
    assert "cannot be opened or written" in _one_line(result.stderr)
    assert {p.name: p.read_bytes() for p in history.parent.iterdir()} == before


_EXCLUSIVE = (
    "import sqlite3, sys\n"
    "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "conn.execute('PRAGMA locking_mode = EXCLUSIVE')\n"
    "conn.execute('BEGIN EXCLUSIVE')\n"
    "print('locked', flush=True)\n"
    "sys.stdin.readline()\n"
)


def test_a_busy_history_is_one_line_and_exit_1(
    app_paths: AppPaths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program holds the file so that not even reading is possible (exclusive mode)."""
    from hiptimer.core.history import database
    from hiptimer.core.history.store import open_history

    open_history(app_paths.history_file)[0].close()
    monkeypatch.setattr(database, "BUSY_TIMEOUT_SECONDS", 0.05)
    holder = subprocess.Popen(
        [sys.executable, "-c", _EXCLUSIVE, str(app_paths.history_file)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        assert main(["history"], paths=app_paths) == 1
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
        assert holder.stdout is not None
        holder.stdout.close()
    captured = capsys.readouterr()
    assert captured.out == ""
    line = _one_line(captured.err)
    assert "stayed locked by another program" in line and str(app_paths.history_file) in line
    assert main(["history"], paths=app_paths) == 0  # free again: it prints


def test_without_a_screen_the_window_is_one_line_not_a_core_dump(tmp_path: Path) -> None:
    """Over ssh or in a console Qt would abort (exit 134) with advice about xcb libraries."""
    result = _shell("$HIPTIMER --routine daily --side left --start", tmp_path)
    assert result.returncode == 1
    line = _one_line(result.stderr)
    assert "no screen" in line and "DISPLAY" in line and "routines" in line
    assert not (tmp_path / "data").exists()  # nothing was started or written


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({}, "linux", True),
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"DISPLAY": ""}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),  # a chosen platform is trusted
        ({}, "darwin", False),
        ({}, "win32", False),
    ],
)
def test_no_screen_is_only_a_linux_session_without_a_display(
    environ: dict[str, str], platform: str, expected: bool
) -> None:
    from hiptimer.cli import no_screen

    assert no_screen(environ, platform) is expected
