"""Time to the first painted window and peak memory: hiptimer vs a bare PySide6 window.

Run from the repository root:  python benchmarks/startup.py [--runs N]

Each case runs in a fresh Python process with QT_QPA_PLATFORM=offscreen and fresh XDG data and
config folders.  The child quits as soon as its main window receives its first paint event and
prints the monotonic time of that paint; the parent subtracts the time it launched the child
(both read CLOCK_MONOTONIC).  Peak RSS is the child's ``ru_maxrss`` from ``os.wait4``.

hiptimer has no "quit once shown" switch, so the child runs the real command line entry point
(``hiptimer.cli.main``) with an application-wide event filter that quits on the first paint of
a QMainWindow and then ends the process at once (a first-run welcome dialog may be running a
modal loop); everything ``run_app`` builds (settings, catalog, cue sounds, voice, window) is
built as usual.

Targets (/work/shared/PRODUCT.md): startup within 1.5x and peak memory within 1.3x of the bare
window (which imports QtWidgets, QtMultimedia, QtTextToSpeech and QtCharts).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

QUIT_ON_FIRST_PAINT = """
import os
import sys
import time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

def leave_now():
    # A first-run dialog may run its own modal loop, so quit() is not enough; peak RSS is
    # taken by the parent from wait4 whatever way the child ends.
    sys.stdout.flush()
    os._exit(0)

class QuitOnFirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            print("PAINTED", time.monotonic(), flush=True)
            QApplication.instance().removeEventFilter(self)
            QTimer.singleShot(0, leave_now)
        return False

def install():
    app = QApplication.instance()
    app._quit_filter = QuitOnFirstPaint()
    app.installEventFilter(app._quit_filter)
"""

BARE = (
    QUIT_ON_FIRST_PAINT
    + """
import sys
from PySide6 import QtCharts, QtMultimedia, QtTextToSpeech, QtWidgets  # noqa: F401
app = QApplication(sys.argv[:1])
install()
window = QMainWindow()
window.setWindowTitle("bare")
window.setCentralWidget(QtWidgets.QLabel("bare window"))
window.resize(1280, 800)
window.show()
sys.exit(app.exec())
"""
)

HIPTIMER = (
    QUIT_ON_FIRST_PAINT
    + """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])  # hiptimer's make_application reuses it
install()
from hiptimer.cli import main
sys.exit(main(sys.argv[1:]))
"""
)

CASES: dict[str, tuple[str, list[str]]] = {
    "bare PySide6 window": (BARE, []),
    "hiptimer (home)": (HIPTIMER, []),
    "hiptimer --start full-program": (
        HIPTIMER,
        ["--routine", "full-program", "--side", "left", "--start"],
    ),
}


def run_once(code: str, args: list[str]) -> tuple[float, float]:
    """Seconds from launch to the first paint, and peak RSS in MB, of one child process."""
    with tempfile.TemporaryDirectory(prefix="hiptimer-startup-") as home:
        env = dict(os.environ)
        env.update(
            QT_QPA_PLATFORM="offscreen",
            XDG_DATA_HOME=f"{home}/data",
            XDG_CONFIG_HOME=f"{home}/config",
            XDG_CACHE_HOME=f"{home}/cache",
            PYTHONPATH=os.pathsep.join(filter(None, [os.environ.get("PYTHONPATH"), str(ROOT)])),
        )
        env.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false;qt.speech*=false")
        # Output goes to a file, not a pipe: a speech daemon the voice probe may start inherits
        # the child's stdout and would keep a pipe open long after the child has quit.
        with open(f"{home}/out.txt", "w+") as out, open(f"{home}/err.txt", "w+") as err:
            launched = time.monotonic()
            child = subprocess.Popen(
                [sys.executable, "-c", code, *args],
                env=env,
                cwd=home,  # so `python -c` imports hiptimer from PYTHONPATH, not the cwd
                stdout=out,
                stderr=err,
            )
            _, status, usage = os.wait4(child.pid, 0)
            returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            err.seek(0)
            output, errors = out.read(), err.read()
    painted = [line.split()[1] for line in output.splitlines() if line.startswith("PAINTED")]
    if not painted or returncode != 0:
        raise SystemExit(f"child failed (exit {returncode}): {output[-500:]}{errors[-2000:]}")
    return float(painted[0]) - launched, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per case (median reported)")
    args = parser.parse_args(argv)
    results: dict[str, tuple[float, float, float]] = {}
    for name, (code, cli_args) in CASES.items():
        run_once(code, cli_args)  # warm the file cache
        times, peaks = [], []
        for _ in range(args.runs):
            seconds, peak = run_once(code, cli_args)
            times.append(seconds)
            peaks.append(peak)
        results[name] = (statistics.median(times), min(times), statistics.median(peaks))
    bare_time, _, bare_rss = results["bare PySide6 window"]
    print(
        f"{'case':<32} {'first paint':>12} {'(best)':>9} {'x bare':>7} "
        f"{'peak RSS':>10} {'x bare':>7}"
    )
    ok = True
    for name, (median, best, rss) in results.items():
        t_ratio, m_ratio = median / bare_time, rss / bare_rss
        print(
            f"{name:<32} {median * 1000:9.0f} ms {best * 1000:6.0f} ms {t_ratio:6.2f}x "
            f"{rss:7.1f} MB {m_ratio:6.2f}x"
        )
        if name != "bare PySide6 window":
            ok = ok and t_ratio <= 1.5 and m_ratio <= 1.3
    print(f"({args.runs} runs per case, medians; targets: startup <= 1.5x, memory <= 1.3x)")
    print("RESULT:", "all targets met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
