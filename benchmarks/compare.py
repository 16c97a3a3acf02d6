"""hiptimer beside a bare PySide6 window, measured in the same run: one table of ratios.

Run from the repository root:  python benchmarks/compare.py [--quick] [--rounds N]

Every figure comes from fresh child processes with fresh XDG data, config and cache folders
(seeded as a returning person's: the welcome done, the routine catalog cached),
on one private Xvfb screen of 1280×800 (``--offscreen`` uses Qt's offscreen platform instead,
as CI does when Xvfb is missing).  The cases run interleaved, round after round, so a noisy
neighbour slows all of them alike; medians are printed.

* first paint: launch to the first paint event of the main window (CLOCK_MONOTONIC in both
  processes), for the bare window (QtWidgets only), the bare window with the Qt add-ons
  hiptimer uses imported (shown for reference), hiptimer's home and ``--start``;
* peak memory: ``ru_maxrss`` of the child from ``wait4``, the home after it has settled and a
  session after it has played for a while;
* CPU while counting: the child's own CPU time (``getrusage``) over a window in which a session
  counts at real speed, per minute; the baseline is the bare window showing a m:ss countdown
  label that changes every second;
* timer: the largest phase end error of the real session runner, idle and under a busy event
  loop (``timer_accuracy.run``), and the drift of the last phase end;
* history: opening, building and drawing the History tab on ten years of daily sessions against
  one month (``history_scale``), the way the app opens the file on the path to its window;
* where it goes: the import time by package, the resident memory by mapped file at the first
  paint, and the installed size by distribution.

Targets (issue 16): first paint ≤ 1.3× the bare window; CPU ≤ 0.06 s per minute while
counting; peak memory ≤ 65 MB at home and ≤ 75 MB while a session plays; phase ends within
5 ms busy and 2 ms idle with no drift; ten years of history within 1.2× of one month.  The
script prints and never fails on a figure: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from compare_children import CHILD_CODE  # noqa: E402

from hiptimer import APP_NAME  # noqa: E402
from hiptimer.core.paths import builtin_routines_dir  # noqa: E402
from hiptimer.core.routines.catalog import load_catalog  # noqa: E402
from hiptimer.core.settings import Settings, save_settings  # noqa: E402


@dataclass
class Case:
    """One kind of child process: what it runs and how long it stays after the first paint."""

    name: str
    code: str  # key into CHILD_CODE
    args: list[str] = field(default_factory=list)
    linger: float = 0.0  # seconds after the first paint
    cpu_from: float = 0.0  # the CPU window starts this long after the first paint


@dataclass
class Run:
    paint: float  # seconds from launch
    peak_mb: float
    cpu_per_minute: float | None
    extra: dict


def cases(quick: bool) -> list[Case]:
    window = 20.0 if quick else 60.0
    return [
        Case("bare window", "bare"),
        Case("bare + Charts, Multimedia, TextToSpeech", "bare_addons"),
        Case("hiptimer home", "hiptimer", [], linger=2.0),
        Case("hiptimer --start", "hiptimer", ["--routine", "daily", "--side", "left", "--start"]),
        Case("bare window counting", "bare_counting", linger=window + 3, cpu_from=3),
        Case(
            "hiptimer session counting",
            "hiptimer",
            ["--routine", "daily", "--side", "left", "--start"],
            linger=window + 5,
            cpu_from=5,
        ),
    ]


@contextmanager
def display(offscreen: bool) -> Iterator[dict[str, str]]:
    """The environment a child needs for its screen: a private Xvfb, or Qt's offscreen."""
    xvfb = None if offscreen else shutil.which("Xvfb")
    if xvfb is None:
        yield {"QT_QPA_PLATFORM": "offscreen"}
        return
    number = 90 + os.getpid() % 100
    server = subprocess.Popen(
        [xvfb, f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("Xvfb did not start; run with --offscreen")
            time.sleep(0.05)
        yield {"QT_QPA_PLATFORM": "xcb", "DISPLAY": f":{number}"}
    finally:
        server.terminate()
        server.wait()


def run_child(case: Case, screen: dict[str, str], python_flags: list[str] | None = None) -> Run:
    with tempfile.TemporaryDirectory(prefix="hiptimer-compare-") as home:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(screen)
        env.update(
            HOME=home,
            XDG_DATA_HOME=f"{home}/data",
            XDG_CONFIG_HOME=f"{home}/config",
            XDG_CACHE_HOME=f"{home}/cache",
            XDG_RUNTIME_DIR=home,
            PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
            COMPARE_LINGER=str(case.linger),
            COMPARE_CPU_FROM=str(case.cpu_from),
        )
        env.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false;qt.speech*=false")
        os.chmod(home, 0o700)
        # A returning person: the first-run welcome is behind them.
        save_settings(Path(home, "config", APP_NAME, "settings.json"), Settings(welcome_done=True))
        # ... whose routine files were read once before: the catalog comes from its cache.
        load_catalog(
            builtin_routines_dir(),
            Path(home, "data", APP_NAME, "routines"),
            Path(home, "cache", APP_NAME),
        )
        # Files, not pipes: a helper the child starts may keep a pipe open after it quits.
        with open(f"{home}/out", "w+") as out, open(f"{home}/err", "w+") as err:
            launched = time.monotonic()
            child = subprocess.Popen(
                [sys.executable, *(python_flags or []), "-c", CHILD_CODE[case.code], *case.args],
                env=env,
                cwd=home,
                stdout=out,
                stderr=err,
            )
            _, status, usage = os.wait4(child.pid, 0)
            out.seek(0)
            err.seek(0)
            output, errors = out.read(), err.read()
    code = os.waitstatus_to_exitcode(status)
    report = [json.loads(line[7:]) for line in output.splitlines() if line.startswith("REPORT ")]
    if code != 0 or not report:
        raise SystemExit(
            f"{case.name}: child failed (exit {code}):\n{output[-800:]}{errors[-3000:]}"
        )
    data = report[0]
    cpu = data.get("cpu_seconds")
    window = data.get("cpu_window")
    return Run(
        paint=data["painted"] - launched,
        peak_mb=usage.ru_maxrss / 1024,
        cpu_per_minute=cpu / window * 60 if cpu is not None and window else None,
        extra={**data, "stderr": errors},
    )


def import_profile(screen: dict[str, str]) -> list[tuple[str, float]]:
    """Import time by top package (self time, ms) for hiptimer's home, from ``-X importtime``."""
    run = run_child(Case("importtime", "hiptimer"), screen, ["-X", "importtime"])
    totals: dict[str, float] = {}
    third_party = _third_party()
    for line in run.extra["stderr"].splitlines():
        fields = line.removeprefix("import time:").split("|")
        if not line.startswith("import time:") or len(fields) != 3 or "self [us]" in line:
            continue
        self_us, module = fields[0].strip(), fields[2].strip()
        parts = module.split(".")
        if parts[0] == "hiptimer":
            group = ".".join(parts[:3]) if len(parts) > 2 else module
        elif parts[0] == "PySide6":
            group = ".".join(parts[:2])
        else:
            group = parts[0] if parts[0] in third_party else "(standard library)"
        totals[group] = totals.get(group, 0.0) + float(self_us) / 1000
    return sorted(totals.items(), key=lambda item: -item[1])


def _third_party() -> set[str]:
    names: set[str] = set()
    for dist in metadata.distributions():
        for top in (dist.read_text("top_level.txt") or "").split():
            names.add(top)
    return names


def installed_sizes() -> list[tuple[str, float]]:
    """MB on disk per installed distribution of this environment."""
    sizes = []
    for dist in metadata.distributions():
        total = 0
        for file in dist.files or ():
            with suppress(OSError):
                total += Path(str(dist.locate_file(file))).stat().st_size
        sizes.append((dist.metadata["Name"], total / 1e6))
    return sorted(sizes, key=lambda item: -item[1])


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def verdict(value: float, limit: float) -> str:
    return "ok" if value <= limit else "MISSED"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 rounds, 20 s windows (CI)")
    parser.add_argument("--rounds", type=int, help="rounds of every case (default 7, quick 3)")
    parser.add_argument("--offscreen", action="store_true", help="Qt offscreen, not Xvfb")
    args = parser.parse_args(argv)
    rounds = args.rounds or (3 if args.quick else 7)
    plan = cases(args.quick)
    runs: dict[str, list[Run]] = {case.name: [] for case in plan}
    started = time.monotonic()
    with display(args.offscreen) as screen:
        platform = screen["QT_QPA_PLATFORM"]
        print(f"{rounds} rounds on {'Xvfb 1280x800' if platform == 'xcb' else 'offscreen'}; "
              f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}", flush=True)  # fmt: skip
        for case in plan[:4]:
            run_child(case, screen)  # warm the file cache and write the bytecode
        for round_number in range(rounds):
            for case in plan:
                runs[case.name].append(run_child(case, screen))
            print(f"  round {round_number + 1} of {rounds} done", flush=True)
        imports = import_profile(screen)
        smaps = runs["hiptimer home"][-1].extra.get("rss_by_file", [])
    from compare_children import history_figures, timer_figures

    timer = timer_figures(args.quick)
    history = history_figures(quick=args.quick)

    paint = {name: median([r.paint * 1000 for r in rs]) for name, rs in runs.items()}
    peak = {name: median([r.peak_mb for r in rs]) for name, rs in runs.items()}
    cpu = {
        name: median([r.cpu_per_minute for r in rs if r.cpu_per_minute is not None])
        for name, rs in runs.items()
    }
    bare = paint["bare window"]
    rows = [
        ("first paint, home", f"{paint['hiptimer home']:.0f} ms",
         f"{paint['hiptimer home'] / bare:.2f}x bare ({bare:.0f} ms)", "<= 1.30x",
         verdict(paint["hiptimer home"] / bare, 1.3)),
        ("first paint, --start", f"{paint['hiptimer --start']:.0f} ms",
         f"{paint['hiptimer --start'] / bare:.2f}x bare", "<= 1.30x",
         verdict(paint["hiptimer --start"] / bare, 1.3)),
        ("  (bare + Qt add-ons)", f"{paint[plan[1].name]:.0f} ms",
         f"{paint[plan[1].name] / bare:.2f}x bare", "", ""),
        ("peak memory, home", f"{peak['hiptimer home']:.1f} MB",
         f"{peak['hiptimer home'] / peak['bare window']:.2f}x bare "
         f"({peak['bare window']:.1f} MB)", "<= 65 MB", verdict(peak["hiptimer home"], 65)),
        ("peak memory, session", f"{peak['hiptimer session counting']:.1f} MB",
         f"{peak['hiptimer session counting'] / peak['bare window']:.2f}x bare", "<= 75 MB",
         verdict(peak["hiptimer session counting"], 75)),
        ("CPU while counting", f"{cpu['hiptimer session counting']:.3f} s/min",
         f"{cpu['hiptimer session counting'] / cpu['bare window counting']:.2f}x bare "
         f"({cpu['bare window counting']:.3f} s/min)", "<= 0.06 s/min",
         verdict(cpu["hiptimer session counting"], 0.06)),
        ("phase end error, idle", f"{timer['idle_max_ms']:.2f} ms",
         f"drift {timer['idle_drift_ms']:+.2f} ms", "<= 2 ms", verdict(timer["idle_max_ms"], 2)),
        ("phase end error, busy loop", f"{timer['busy_max_ms']:.2f} ms",
         f"drift {timer['busy_drift_ms']:+.2f} ms", "<= 5 ms", verdict(timer["busy_max_ms"], 5)),
        ("history, 10 years to window", f"{history['ten_years_ms']:.0f} ms",
         f"{history['ten_years_ms'] / history['month_ms']:.2f}x one month "
         f"({history['month_ms']:.0f} ms)", "<= 1.20x",
         verdict(history["ten_years_ms"] / history["month_ms"], 1.2)),
    ]  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    head = ("measure", "hiptimer", "against", "target", "")
    widths = [max(w, len(h)) for w, h in zip(widths, head, strict=True)]
    print()
    for row in (head, tuple("-" * w for w in widths), *rows):
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
    print(f"\n(medians of {rounds} interleaved rounds; the integrity check of ten years in the "
          f"background: {history['check_ms']:.0f} ms)")  # fmt: skip
    print("\nImport time at home, by package (self time, ms):")
    for group, ms in imports[:10]:
        print(f"  {ms:7.1f}  {group}")
    print("\nResident memory at the first paint of home, by mapped file (MB):")
    for name, mb in smaps[:10]:
        print(f"  {mb:7.1f}  {name}")
    print("\nInstalled size of this environment, by distribution (MB):")
    sizes = installed_sizes()
    for name, mb in sizes[:8]:
        print(f"  {mb:7.1f}  {name}")
    print(f"  {sum(mb for _, mb in sizes):7.1f}  in all")
    missed = [row[0] for row in rows if row[4] == "MISSED"]
    print(f"\nRESULT: {'all targets met' if not missed else 'missed: ' + ', '.join(missed)}"
          f" ({time.monotonic() - started:.0f} s)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
