"""How long the routine loader takes on hostile or oversized input.

Run from the repository root:  python benchmarks/loader_bad_inputs.py
Prints, for each input, its size, the best of a few runs, and the first problem reported.
Every case should stay well under a second.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from hiptimer.core.routines import yaml_composer
from hiptimer.core.routines.loader import load_text
from hiptimer.core.routines.model import Exercise, Library

LIMIT = 256 * 1024
LIBRARY = Library({"hold-it": Exercise("hold-it", "Hold it", "S", "on-back", steps=("Go.",))})
ITEM = "          - {exercise: hold-it, kind: hold, seconds: 60}\n"
HEAD = "format: 1\nroutines:\n  - id: big\n    name: Big\n    sections:\n      - name: A\n"


def file_of_items(count: int) -> str:
    return HEAD + "        items:\n" + ITEM * count


def just_under_limit() -> str:
    """A routine file of many items, padded to just under 256 KiB: the most work we accept."""
    text = file_of_items((LIMIT - len(HEAD) - 20) // len(ITEM))
    return text + "#" * (LIMIT - len(text.encode()) - 1) + "\n"


def tiny_scalars() -> str:
    """256 KiB of one-character list entries: the most nodes a file under the limit can hold."""
    body = "[" + ",".join(["1"] * ((LIMIT - 40) // 2)) + "]"
    return "format: 1\nroutines: " + body + "\n"


def billion_laughs() -> str:
    lines = ["format: 1", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)]
    return "\n".join(lines) + "\nroutines: *a9\n"


def many_scalar_aliases() -> str:
    return "format: 1\nx: &x 1\nroutines: [" + ", ".join(["*x"] * 20_000) + "]\n"


CASES: dict[str, Callable[[], str | bytes]] = {
    "256 KiB file (items, just under the limit)": just_under_limit,
    "256 KiB file (tiny scalars, ~131k nodes)": tiny_scalars,
    "10 MB file": lambda: "format: 1\n" + "# padding\n" * (1024 * 1024),
    "billion laughs": billion_laughs,
    "20,000 scalar aliases": many_scalar_aliases,
    "deep nesting, 10,000 flow levels": lambda: "[" * 10_000 + "]" * 10_000,
    "deep nesting, 10,000 block levels": lambda: "- " * 10_000 + "x\n",
    "random binary, 256 KiB": lambda: random.Random(1).randbytes(LIMIT),
    "random binary, 64 KiB (valid UTF-8 only)": lambda: (
        random.Random(2).randbytes(64 * 1024).decode("utf-8", "ignore").replace("\x00", "")
    ),
    "5,000 items": lambda: (
        HEAD
        + "        items: ["
        + ", ".join(["{exercise: hold-it, kind: hold, seconds: 60}"] * 5_000)
        + "]\n"
    ),
}


def time_case(data: str | bytes, runs: int = 3) -> tuple[float, str]:
    best = float("inf")
    first = ""
    for _ in range(runs):
        start = time.perf_counter()
        result = load_text(data, "bench.yaml", LIBRARY)
        best = min(best, time.perf_counter() - start)
        first = str(result.problems[0]) if result.problems else "(no problems)"
    return best, first


def main() -> None:
    parser = yaml_composer._Parser.__name__
    print(f"PyYAML {yaml.__version__}, parser {parser}, Python {sys.version.split()[0]}")
    for name, make in CASES.items():
        data = make()
        size = len(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
        seconds, first = time_case(data)
        print(f"{name:45} {size:>11,} B {seconds * 1000:9.1f} ms   {first[:90]}")


if __name__ == "__main__":
    main()
