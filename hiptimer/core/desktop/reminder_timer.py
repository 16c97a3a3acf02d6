"""Reminders while hiptimer is closed: a systemd user timer that runs ``hiptimer remind``.

Why a timer and not a program left running: systemd wakes the reminder at the chosen times
with nothing of ours in memory in between, survives logouts and reboots, and with
``Persistent=true`` starts one run (never a burst) after the computer slept or was off through
a time.  The run itself stays only while its notification waits for an answer.

The two unit files live in ``$XDG_CONFIG_HOME/systemd/user/``.  Where systemd's user manager is
not there (some distributions, containers), :func:`enable_timer` says so and the running app's
tray still shows when the next reminder is.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from hiptimer.core.atomic_file import atomic_write
from hiptimer.core.reminders.schedule import ReminderPlan

UNIT = "hiptimer-reminders"


def on_calendar(plan: ReminderPlan) -> str:
    """``OnCalendar=`` for the plan: ``Mon,Wed,Fri *-*-* 18:00:00`` (local time)."""
    days = ",".join(day.capitalize() for day in plan.day_names)
    return f"{days} *-*-* {plan.at.strftime('%H:%M')}:00"


def unit_command(command: Sequence[str]) -> str:
    """``command`` as a systemd ``ExecStart=`` line: each word quoted, with ``%`` (specifiers)
    and ``$`` (variables) doubled so they stay literal."""
    words = []
    for word in command:
        word = word.replace("\\", "\\\\").replace('"', '\\"')
        words.append('"' + word.replace("%", "%%").replace("$", "$$") + '"')
    return " ".join(words)


def service_text(command: Sequence[str]) -> str:
    # Type=exec: the run may wait long for an answer (no start timeout). KillMode=process: a
    # window opened by "Start now" lives on after the run ends.
    return (
        "[Unit]\n"
        "Description=hiptimer: the reminder for your hip mobility session\n\n"
        "[Service]\n"
        "Type=exec\n"
        f"ExecStart={unit_command([*command, 'remind'])}\n"
        "KillMode=process\n"
    )


def timer_text(plan: ReminderPlan) -> str:
    return (
        "[Unit]\n"
        "Description=hiptimer reminders on the days and time you chose\n\n"
        "[Timer]\n"
        f"OnCalendar={on_calendar(plan)}\n"
        "Persistent=true\n"
        "AccuracySec=30s\n\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


def unit_dir(config: Path) -> Path:
    return config / "systemd" / "user"


def unit_files(config: Path) -> tuple[Path, Path]:
    folder = unit_dir(config)
    return folder / f"{UNIT}.service", folder / f"{UNIT}.timer"


def _systemctl(*args: str) -> str | None:
    """Run ``systemctl --user``; the problem in words, or None when it worked."""
    tool = shutil.which("systemctl")
    if tool is None:
        return "systemd is not installed here"
    try:
        done = subprocess.run(
            [tool, "--user", *args], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"systemctl could not run ({exc})"
    if done.returncode != 0:
        return (done.stderr.strip() or done.stdout.strip() or "systemctl failed").splitlines()[0]
    return None


def enable_timer(config: Path, plan: ReminderPlan, command: Sequence[str]) -> str | None:
    """Write the units and start the timer; a problem in words (the units stay) or None."""
    service, timer = unit_files(config)

    atomic_write(service, service_text(command))
    atomic_write(timer, timer_text(plan))
    problem = _systemctl("daemon-reload") or _systemctl("enable", "--now", f"{UNIT}.timer")
    if problem is None:
        problem = _systemctl("restart", f"{UNIT}.timer")  # a new time takes effect now
    if problem:
        return f"Reminders could not be scheduled while hiptimer is closed: {problem}"
    return None


def disable_timer(config: Path) -> str | None:
    """Stop the timer and remove its units; a problem in words or None."""
    service, timer = unit_files(config)
    had_units = timer.exists() or service.exists()
    problem = _systemctl("disable", "--now", f"{UNIT}.timer") if had_units else None
    for path in (service, timer):
        path.unlink(missing_ok=True)
    if had_units:
        _systemctl("daemon-reload")
    return problem
