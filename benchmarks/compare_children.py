"""The child processes of ``compare.py``, and its timer and history figures.

Each child program reports one line ``REPORT {json}``: the monotonic time of its main window's
first paint, its resident memory by mapped file at that moment, and the CPU time it used over
the window ``COMPARE_CPU_FROM`` … ``COMPARE_LINGER`` seconds after the paint.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Installed into every child before its window exists.
_WATCH = """
import json, os, resource, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

LINGER = float(os.environ["COMPARE_LINGER"])
CPU_FROM = float(os.environ["COMPARE_CPU_FROM"])
REPORT = {}

def cpu_now():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

def rss_by_file():
    sizes, name = {}, "[anonymous]"
    with open("/proc/self/smaps") as smaps:
        for line in smaps:
            head = line.split()
            if not head:
                continue
            if "-" in head[0] and not head[0].endswith(":"):
                name = head[5] if len(head) > 5 else "[anonymous]"
                name = os.path.basename(name) if name.startswith("/") else name
            elif head[0] == "Rss:":
                sizes[name] = sizes.get(name, 0) + int(head[1]) / 1024
    return sorted(sizes.items(), key=lambda item: -item[1])[:12]

def status_mb(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0

def leave():
    REPORT["hwm_mb"] = status_mb("VmHWM")
    print("REPORT " + json.dumps(REPORT), flush=True)
    os._exit(0)  # a modal loop may be running; peak memory comes from wait4

def start_cpu():
    REPORT["cpu0"] = cpu_now()

def stop_cpu():
    if "cpu0" in REPORT:
        REPORT["cpu_seconds"] = cpu_now() - REPORT.pop("cpu0")
        REPORT["cpu_window"] = LINGER - CPU_FROM
    leave()

class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            REPORT["painted"] = time.monotonic()
            QApplication.instance().removeEventFilter(self)
            REPORT["rss_by_file"] = rss_by_file()
            REPORT["rss_paint_mb"] = status_mb("VmRSS")
            if CPU_FROM:
                QTimer.singleShot(int(CPU_FROM * 1000), start_cpu)
            QTimer.singleShot(int(LINGER * 1000), stop_cpu)
        return False

def watch(app):
    app._compare_watch = Watch()
    app.installEventFilter(app._compare_watch)
"""

_BARE = """
import sys
from PySide6.QtWidgets import QLabel
app = QApplication(sys.argv[:1])
watch(app)
window = QMainWindow()
window.setWindowTitle("bare")
window.setCentralWidget(QLabel("bare window"))
window.resize(1280, 800)
window.show()
sys.exit(app.exec())
"""

_COUNTING = """
import sys
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel
app = QApplication(sys.argv[:1])
watch(app)
window = QMainWindow()
label = QLabel("2:00")
label.setAlignment(Qt.AlignmentFlag.AlignCenter)
font = QFont()
font.setPixelSize(300)
label.setFont(font)
window.setCentralWidget(label)
window.resize(1280, 800)
start = time.monotonic()
timer = QTimer()
timer.setSingleShot(True)
timer.setTimerType(Qt.TimerType.PreciseTimer)

def tick():
    left = max(0, 120 - int(time.monotonic() - start))
    label.setText(f"{left // 60}:{left % 60:02d}")
    next_second = 1000 - int((time.monotonic() - start) * 1000) % 1000
    timer.start(next_second)

timer.timeout.connect(tick)
tick()
window.show()
sys.exit(app.exec())
"""

_ADDONS = "from PySide6 import QtCharts, QtMultimedia, QtTextToSpeech  # noqa: F401\n"

#: The command line module first, as the ``hiptimer`` command does: what it imports comes
#: before Qt (PySide6 reads the source of every module imported after it).
_HIPTIMER_FIRST = "from hiptimer.cli import main\n"

_HIPTIMER = """
import sys
app = QApplication(sys.argv[:1])  # hiptimer's make_application reuses it
watch(app)
sys.exit(main(sys.argv[1:]))
"""

CHILD_CODE = {
    "bare": _WATCH + _BARE,
    "bare_addons": _WATCH + _ADDONS + _BARE,
    "bare_counting": _WATCH + _COUNTING,
    "hiptimer": _HIPTIMER_FIRST + _WATCH + _HIPTIMER,
}

_TIMER = """
import json, sys
sys.path.insert(0, sys.argv[1])
import timer_accuracy as t
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
plan = t.bench_plan(sys.argv[2] == "quick")
phases = t.planned_phases(plan)
figures = {}
for load in ("idle", "busy"):
    r = t.run(plan, load, app)
    errors = [real - (r.start + end) for real, (_, end) in zip(r.phase_ends, phases)]
    figures[load + "_max_ms"] = max(abs(e) for e in errors) * 1000
    figures[load + "_drift_ms"] = errors[-1] * 1000
print("REPORT " + json.dumps(figures))
"""


def _child_json(code: str, *args: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    env.setdefault("QT_LOGGING_RULES", "qt.multimedia*=false;qt.speech*=false")
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=False
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("REPORT ")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"child failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    return json.loads(lines[-1][7:])


def timer_figures(quick: bool) -> dict[str, float]:
    """The real runner's largest phase end error and drift, idle and under a busy loop."""
    return _child_json(_TIMER, str(ROOT / "benchmarks"), "quick" if quick else "full")


_HISTORY = """
import json, statistics, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
import history_scale as h
folder = Path(sys.argv[2])
repeat = int(sys.argv[3])
month, years = folder / "month.sqlite3", folder / "years.sqlite3"
h.build_daily(month, 30)
h.build_ten_years(years)
stage = "= open (no check) + build + draw"  # the window's path; the writer checks
h.qt_probe(month), h.qt_probe(years)  # warm up
times = {month: [], years: []}
for _ in range(repeat):  # interleaved, so a noisy neighbour slows both alike
    for path in (month, years):
        times[path].append(h.qt_probe(path)[stage] * 1000)
def check_ms(path):
    return statistics.median(h.qt_probe(path)["open (integrity check)"] for _ in range(3)) * 1000
print("REPORT " + json.dumps({
    "month_ms": statistics.median(times[month]),
    "ten_years_ms": statistics.median(times[years]),
    "check_ms": check_ms(years),
}))
"""


def history_figures(*, quick: bool) -> dict[str, float]:
    """Open, build and draw the History tab: ten years against one month (milliseconds)."""
    with tempfile.TemporaryDirectory(prefix="hiptimer-compare-history-") as folder:
        return _child_json(_HISTORY, str(ROOT / "benchmarks"), folder, "5" if quick else "11")
