"""Command line: ``hiptimer`` (the window), ``routines``, ``check``, ``history``, ``report``,
``remind``, ``desktop``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from hiptimer import __version__
from hiptimer.core.paths import AppPaths, builtin_routines_dir
from hiptimer.core.routines.catalog import LIBRARY_FILE, load_catalog, load_library
from hiptimer.core.routines.model import Routine, SideChoice
from hiptimer.core.routines.prescription import prescription_text
from hiptimer.core.session.plan import estimate_seconds
from hiptimer.core.settings import load_settings
from hiptimer.core.text import min_sec_text, plural, terminal_safe

MAX_SPEED = 1000.0
#: Slower than real time is never useful for rehearsing; this also keeps every number sane.
MIN_SPEED = 0.1
#: A session at the chosen speed must end within a day.
MAX_SESSION_SECONDS = 24 * 3600


def _speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not MIN_SPEED <= value <= MAX_SPEED:  # also refuses nan and inf
        raise argparse.ArgumentTypeError(
            f"speed must be between {MIN_SPEED:g} and {MAX_SPEED:g}, got {text}"
        )
    return value


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a date: write it YYYY-MM-DD, like 2026-03-02"
        ) from None


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one line: what is wrong and where to look."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {terminal_safe(message)} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="hiptimer",
        description="A hands-free, follow-along timer for a hip internal rotation program. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"hiptimer {__version__}")
    parser.add_argument(
        "--routine", metavar="ID", help="open this routine (see 'hiptimer routines')"
    )
    parser.add_argument(
        "--side",
        choices=[c.value for c in SideChoice],
        help="the side to work: left, right, or both (limited side first)",
    )
    parser.add_argument("--start", action="store_true", help="start the routine at once")
    parser.add_argument("--fullscreen", action="store_true", help="open in fullscreen")
    parser.add_argument(
        "--tray",
        action="store_true",
        help="start in the system tray with the window closed (what autostart uses)",
    )
    parser.add_argument(
        "--speed",
        type=_speed,
        default=1.0,
        metavar="X",
        help="play X times faster, to rehearse a routine (default 1)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("routines", help="list built-in and user routines")
    check = commands.add_parser("check", help="validate routine files")
    check.add_argument("files", nargs="+", type=Path, metavar="FILE")
    history = commands.add_parser("history", help="print recorded sessions and measurements")
    history.add_argument("--format", choices=["table", "csv", "json"], default="table")
    report = commands.add_parser(
        "report", help="write the clinician report (PDF) of your history or of a client's file"
    )
    report.add_argument("--since", type=_date, metavar="DATE", help="first day (YYYY-MM-DD)")
    report.add_argument("--until", type=_date, metavar="DATE", help="last day (default today)")
    report.add_argument(
        "--from",
        dest="from_file",
        type=Path,
        metavar="FILE.json",
        help="report a 'hiptimer history --format json' file (read-only) instead of yours",
    )
    report.add_argument(
        "--page-size", choices=["a4", "letter"], help="paper size (default: from the locale)"
    )
    report.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.pdf", help="the PDF to write"
    )
    commands.add_parser(
        "remind",
        help="show the session reminder if one is due now (what the reminder timer runs)",
    )
    desktop = commands.add_parser(
        "desktop", help="add or remove the application-menu launcher for this install"
    )
    desktop.add_argument("action", choices=["install", "uninstall"])
    return parser


def cmd_routines(paths: AppPaths) -> int:
    catalog = load_catalog(builtin_routines_dir(), paths.user_routines_dir, paths.cache_dir)
    settings, _ = load_settings(paths.settings_file)
    rows = [("ID", "NAME", "DURATION", "ORIGIN", "PATH")]
    for routine in catalog.routines:
        seconds = estimate_seconds(routine, catalog.library, SideChoice.LEFT, **settings.lead_ins())
        origin = "built-in" if routine.builtin else "user"
        rows.append((routine.id, routine.name, min_sec_text(seconds), origin, routine.source))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print(terminal_safe("  ".join([*cells, row[4]])))
    if catalog.problems:
        print(
            f"\n{len(catalog.problems)} problem(s) in routine files (those routines are "
            "not listed):",
            file=sys.stderr,
        )
        for problem in catalog.problems:
            print(terminal_safe(str(problem)), file=sys.stderr)
    return 0


def check_summary(routines: Sequence[Routine], defined_exercises: int) -> str:
    """E.g. "1 routine of 4 exercises" or "defines 26 exercises"."""
    parts = [
        f"{plural(1, 'routine')} of {plural(len(r.items), 'exercise')}"
        + ("" if r.prescription is None else f"; {_lower_first(prescription_text(r.prescription))}")
        for r in routines
    ]
    if defined_exercises:
        parts.append(f"defines {plural(defined_exercises, 'exercise')}")
    return "; ".join(parts) or "nothing in it"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def is_library_file(path: Path) -> bool:
    """The built-in exercise library, or a copy of the built-in folder's (as in a source tree)."""
    return path.name == LIBRARY_FILE and (path.parent / "full-program.yaml").is_file()


def cmd_check(files: Sequence[Path]) -> int:
    from hiptimer.core.routines.loader import load_file

    library, _ = load_library(builtin_routines_dir())
    failed = False
    for path in files:
        is_library = is_library_file(path)
        result = load_file(path, None if is_library else library, builtin=is_library)
        for problem in result.problems:
            print(terminal_safe(str(problem)), file=sys.stderr)
        failed = failed or not result.ok
        if result.ok:
            summary = check_summary(result.routines, len(result.exercises))
            print(terminal_safe(f"{path}: ok ({summary})"))
    return 1 if failed else 0


def cmd_history(paths: AppPaths, fmt: str) -> int:
    """Print the history; a history that cannot be read (busy, unreadable, read-only, not
    where it should be) is one line on stderr and exit 1."""
    import sqlite3

    from hiptimer.core.history.errors import HistoryError
    from hiptimer.core.history.export import export
    from hiptimer.core.history.store import open_history

    try:
        store, message = open_history(paths.history_file)
    except HistoryError as exc:
        print(f"hiptimer: {terminal_safe(str(exc))}", file=sys.stderr)
        return 1
    if message:
        print(f"hiptimer: {terminal_safe(message)}", file=sys.stderr)
    try:
        text = export(store, fmt)
    except (HistoryError, sqlite3.Error) as exc:
        print(
            f"hiptimer: the history file {paths.history_file} could not be read: "
            f"{terminal_safe(str(exc))}",
            file=sys.stderr,
        )
        return 1
    finally:
        store.close()
    if fmt == "table":  # for a terminal: a name from an old file never moves the cursor
        text = "\n".join(terminal_safe(line) for line in text.split("\n"))
    sys.stdout.write(text)
    return 0


def cmd_desktop(action: str) -> int:
    from hiptimer.core.desktop.install import install, uninstall
    from hiptimer.core.desktop.launcher import data_home, launch_command
    from hiptimer.core.paths import resources_dir

    data = data_home()
    if action == "install":
        command = launch_command()
        try:
            written = install(resources_dir(), data, command)
        except OSError as exc:
            print(f"hiptimer: the launcher could not be installed: {exc}", file=sys.stderr)
            return 1
        print(f"installed the menu launcher ({len(written)} files under {data})")
        print(f"it runs: {' '.join(command)}")
        return 0
    try:
        removed = uninstall(resources_dir(), data)
    except OSError as exc:
        print(f"hiptimer: the launcher could not be removed: {exc}", file=sys.stderr)
        return 1
    print(f"removed the menu launcher ({len(removed)} files under {data})")
    return 0


def main(argv: Sequence[str] | None = None, paths: AppPaths | None = None) -> int:
    """Run one command; a failure is one line on stderr and a non-zero exit, never a trace."""
    try:
        code = _run(argv, paths)
        if sys.stdout is not None:
            sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
        return code
    except BrokenPipeError:  # `hiptimer check … | head -1`: the reader has gone
        _silence_stdout()
        return 1
    except OSError as exc:
        _silence_stdout()
        print(f"hiptimer: cannot write the output: {exc.strerror or exc}", file=sys.stderr)
        return 1


def _silence_stdout() -> None:
    """Point stdout at /dev/null so Python's flush at exit cannot fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass


def no_screen(environ: Mapping[str, str], platform: str) -> bool:
    """No display to open a window on (over ssh, in a plain console): Qt would abort with a
    core dump and advice about xcb libraries.  A chosen ``QT_QPA_PLATFORM`` is trusted."""
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return False
    return not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def _run(argv: Sequence[str] | None, paths: AppPaths | None) -> int:
    args = build_parser().parse_args(argv)
    if args.command in ("routines", "check", "history", "report", "desktop") and sys.stdout is None:
        print("hiptimer: standard output is closed; nothing to write to", file=sys.stderr)
        return 1
    paths = paths or AppPaths.default()
    if args.command == "routines":
        return cmd_routines(paths)
    if args.command == "check":
        return cmd_check(args.files)
    if args.command == "history":
        return cmd_history(paths, args.format)
    if args.command == "desktop":
        return cmd_desktop(args.action)
    if args.command == "report":
        from hiptimer.qt.report.command import run_report  # Qt draws the PDF

        return run_report(args, paths)
    if args.command == "remind":
        from hiptimer.qt.desktop.remind import run_remind  # a QCoreApplication, no window

        return run_remind(
            paths, load_catalog(builtin_routines_dir(), paths.user_routines_dir, paths.cache_dir)
        )
    if args.routine is not None and not args.routine.strip():
        print("hiptimer: --routine needs an id (see 'hiptimer routines')", file=sys.stderr)
        return 2
    if args.side and not args.routine:
        print("hiptimer: --side needs --routine ID", file=sys.stderr)
        return 2
    catalog = load_catalog(builtin_routines_dir(), paths.user_routines_dir, paths.cache_dir)
    routine = catalog.find(args.routine) if args.routine else None
    if args.routine and routine is None:
        print(
            f"hiptimer: unknown routine '{terminal_safe(args.routine)}'. Valid ids: "
            + ", ".join(catalog.ids),
            file=sys.stderr,
        )
        return 2
    if routine is not None:
        seconds = estimate_seconds(routine, catalog.library, SideChoice.BOTH) / args.speed
        if seconds > MAX_SESSION_SECONDS:
            slowest = (
                estimate_seconds(routine, catalog.library, SideChoice.BOTH) / MAX_SESSION_SECONDS
            )
            print(
                f"hiptimer: at --speed {args.speed:g} '{routine.id}' would take "
                f"{seconds / 3600:,.0f} hours; use --speed {max(slowest, MIN_SPEED):.2g} or more",
                file=sys.stderr,
            )
            return 2
    if no_screen(os.environ, sys.platform):
        print(
            "hiptimer: there is no screen to open the window on (neither DISPLAY nor "
            "WAYLAND_DISPLAY is set): start it from your desktop, or use a command that needs "
            "no window (routines, check, history, report)",
            file=sys.stderr,
        )
        return 1
    from hiptimer.qt.app import run_app  # the Qt layer loads only when a window is wanted

    return run_app(args, paths, catalog)
