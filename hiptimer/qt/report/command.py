"""Make a report: of one's own history or of a client's file; for the window and the command
line (``hiptimer report [--since DATE] [--until DATE] [--from FILE.json] [--page-size
a4|letter] -o FILE.pdf``)."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, datetime, tzinfo
from pathlib import Path

from hiptimer.core.history.local_time import local_zone
from hiptimer.core.history.measurements import normal_ranges
from hiptimer.core.history.report.gather import gather
from hiptimer.core.history.report.model import ReportData
from hiptimer.core.history.store import HistoryStore
from hiptimer.core.paths import AppPaths, builtin_routines_dir
from hiptimer.core.routines.catalog import Catalog, load_catalog
from hiptimer.core.settings import Settings, load_settings, main_routine, weekly_goal
from hiptimer.core.text import terminal_safe

#: When a client's file has no prescription: the program's own advice, 2–3 a week.
PROGRAM_GOAL = 3


def own_report(
    store: HistoryStore,
    catalog: Catalog,
    settings: Settings,
    *,
    today: date,
    tz: tzinfo,
    since: date | None = None,
    until: date | None = None,
) -> ReportData:
    """The report of one's own history: the weekly goal is one's own."""
    routine = main_routine(settings, catalog)
    if routine is not None and routine.per_week is not None:
        goal_text = f"the plan of the main routine, “{routine.name}”"
    else:
        goal_text = "as set in hiptimer's Settings"
    return gather(
        store,
        source=f"History of this computer's user ({store.path})",
        normals=normal_ranges(catalog.library),
        library=catalog.library,
        routines_here={r.id: r for r in catalog.routines},
        goal=weekly_goal(settings, catalog),
        goal_text=goal_text,
        today=today,
        tz=tz,
        since=since,
        until=until,
    )


def client_report(
    store: HistoryStore,
    catalog: Catalog,
    *,
    today: date,
    tz: tzinfo,
    since: date | None = None,
    until: date | None = None,
) -> ReportData:
    """The report of a client's file: its prescription is the goal, else the program's."""
    return gather(
        store,
        source=f"History file {store.path.name} (someone else's, opened read-only)",
        normals=normal_ranges(catalog.library),
        library=catalog.library,
        routines_here={},  # this computer's routines say nothing about the client's
        goal=PROGRAM_GOAL,
        goal_text="the program's advice (the file has no prescription)",
        today=today,
        tz=tz,
        since=since,
        until=until,
    )


def run_report(args: argparse.Namespace, paths: AppPaths) -> int:
    """``hiptimer report``: write the PDF; a failure is one line on stderr and exit 1."""
    from PySide6.QtGui import QGuiApplication

    from hiptimer.core.history.client_file import ClientFileError
    from hiptimer.core.history.client_store import last_record_day, open_client_history
    from hiptimer.core.history.errors import HistoryError
    from hiptimer.core.history.store import open_history
    from hiptimer.qt.report.page_size import locale_page_size
    from hiptimer.qt.report.pdf import write_report

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a report needs fonts, not a screen
    app = QGuiApplication.instance() or QGuiApplication(["hiptimer"])
    tz = local_zone()
    today = datetime.now(tz).date()
    catalog = load_catalog(builtin_routines_dir(), paths.user_routines_dir, paths.cache_dir)
    output = Path(args.output)
    try:
        if args.from_file is not None:
            store, _client = open_client_history(Path(args.from_file))
            with store:  # its period ends with its last record unless told otherwise
                until = args.until or last_record_day(store) or today
                data = client_report(
                    store, catalog, today=today, tz=tz, since=args.since, until=until
                )
        else:
            store, message = open_history(paths.history_file)
            if message:
                print(f"hiptimer: {terminal_safe(message)}", file=sys.stderr)
            settings, _ = load_settings(paths.settings_file)
            with store:
                data = own_report(
                    store,
                    catalog,
                    settings,
                    today=today,
                    tz=tz,
                    since=args.since,
                    until=args.until,
                )
        pages = write_report(data, output, args.page_size or locale_page_size())
    except (ClientFileError, HistoryError, ValueError) as exc:
        print(f"hiptimer: {terminal_safe(str(exc))}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"hiptimer: the report could not be written to {output}: {exc}", file=sys.stderr)
        return 1
    del app
    print(terminal_safe(f"wrote {output} ({pages} pages, {data.period_text})"))
    return 0
