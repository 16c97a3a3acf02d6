"""The clinician report of ten years: how long from the history file to the PDF (target < 2 s).

Builds ten years of daily sessions (3,650 sessions, ~91,000 steps, weekly range-of-motion
tests: ``history_scale.build_ten_years``), then times, as ``hiptimer report`` does them:
opening the file, gathering the report for the last twelve weeks and for all ten years, and
drawing the PDF; then the same from the history's JSON export (``hiptimer report --from``),
which reads and checks the whole file first.  Prints medians of a few runs.

    .venv/bin/python benchmarks/report.py [--repeat 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication

from benchmarks.history_scale import TODAY, TZ, YEARS, build_ten_years
from hiptimer.core.history.client_store import open_client_history
from hiptimer.core.history.export import export
from hiptimer.core.history.store import HistoryStore
from hiptimer.core.paths import builtin_routines_dir
from hiptimer.core.routines.catalog import load_catalog
from hiptimer.core.settings import Settings
from hiptimer.qt.report.command import client_report, own_report
from hiptimer.qt.report.pdf import write_report


def timed(action: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="keep the files in this folder")
    args = parser.parse_args()
    app = QGuiApplication.instance() or QGuiApplication([])
    folder = args.keep or Path(tempfile.mkdtemp(prefix="hiptimer-report-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    history = folder / "ten-years.sqlite3"
    if not history.exists():
        seconds, (sessions, steps) = timed(lambda: build_ten_years(history))  # type: ignore[misc]
        print(f"built {YEARS} years: {sessions:,} sessions, {steps:,} steps in {seconds:.1f} s")
    catalog = load_catalog(builtin_routines_dir(), None)
    settings = Settings()
    exported = folder / "ten-years.json"
    with HistoryStore.open(history, verify=False) as store:
        exported.write_text(export(store, "json"), encoding="utf-8")
    print(f"export: {exported.stat().st_size / 1e6:.1f} MB")
    since_all = date(TODAY.year - YEARS, TODAY.month, TODAY.day)
    results: dict[str, list[float]] = {}

    def note(stage: str, since: float) -> float:
        now = time.perf_counter()
        results.setdefault(stage, []).append(now - since)
        return now

    for _ in range(args.repeat):
        mark = time.perf_counter()
        store = HistoryStore.open(history)
        mark = note("open the history", mark)
        with store:
            own_report(store, catalog, settings, today=TODAY, tz=TZ)
            twelve = note("gather: last 12 weeks", mark)
            data = own_report(store, catalog, settings, today=TODAY, tz=TZ, since=since_all)
            mark = note("gather: all ten years", twelve)
        write_report(data, folder / "r.pdf", "a4")
        mark = note("draw the PDF (ten years)", mark)
        stages = ("open the history", "gather: all ten years", "draw the PDF (ten years)")
        results.setdefault("= report of ten years, file to PDF", []).append(
            sum(results[stage][-1] for stage in stages)
        )
        mark = time.perf_counter()
        client, _read = open_client_history(exported)
        note("--from: read and check the JSON", mark)
        with client:
            data = client_report(client, catalog, today=TODAY, tz=TZ, since=since_all)
            write_report(data, folder / "c.pdf", "a4")
        note("= report --from the JSON of ten years", mark)
    width = max(len(stage) for stage in results)
    print(f"median of {args.repeat} runs:")
    for stage, values in results.items():
        print(f"  {stage:<{width}}  {statistics.median(values) * 1000:8.0f} ms")
    del app
    if args.keep is None:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
