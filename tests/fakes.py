"""Shared test doubles and builders: one of each, used by every test that needs it."""

from __future__ import annotations

import dataclasses
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest

from hiptimer.core.history.store import HistoryStore, open_history
from hiptimer.core.paths import AppPaths, builtin_routines_dir
from hiptimer.core.routines.catalog import Catalog, load_catalog
from hiptimer.core.routines.model import Kind, Library, Side
from hiptimer.core.session.events import StepOutcome
from hiptimer.core.session.status import StepStatus
from hiptimer.core.settings import Settings


class FakeClock:
    """A monotonic clock the test moves by hand (call it to read it, like ``time.monotonic``)."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


_OUTCOME = StepOutcome(
    step_index=0,
    exercise_id="piriformis-release",
    exercise_name="Piriformis release",
    kind=Kind.RELEASE,
    side=Side.LEFT,
    status=StepStatus.DONE,
    planned_seconds=60.0,
    actual_seconds=75.5,
    planned_reps=None,
    actual_reps=None,
    measurement=None,
)


_FIELDS = [field.name for field in dataclasses.fields(StepOutcome)]


def make_outcome(*values: object, **changes: object) -> StepOutcome:
    """A real engine :class:`StepOutcome`: a done 60 s release on the left, step 0.

    Positional ``values`` fill the fields in their order (step_index, exercise_id, …) and win
    over keyword ``changes``, so ``partial(make_outcome, actual_seconds=61)`` sets a default.
    """
    merged = {**changes, **dict(zip(_FIELDS, values, strict=False))}
    if isinstance(merged.get("status"), str):
        merged["status"] = StepStatus(merged["status"])
    return dataclasses.replace(_OUTCOME, **merged)  # type: ignore[arg-type]


@cache
def builtin_catalog() -> Catalog:
    """The built-in routines and exercise library, loaded once per test run."""
    return load_catalog(builtin_routines_dir(), None)


def empty_catalog() -> Catalog:
    return Catalog(library=Library({}))


def make_ctx(
    paths: AppPaths,
    *,
    catalog: Catalog | None = None,
    settings: Settings | None = None,
    history: HistoryStore | None = None,
    writes=None,  # HistoryWrites: the conftest ``writes`` fixture
    clock: FakeClock | None = None,
):  # -> AppContext (the Qt layer is imported only by tests that use it)
    """An app context on ``paths``: the built-in catalog plus the user's routines by default."""
    from hiptimer.qt.context import AppContext

    if catalog is None:
        catalog = load_catalog(builtin_routines_dir(), paths.user_routines_dir)
    ctx = AppContext(
        paths=paths,
        catalog=catalog,
        settings=settings or Settings(),
        history=history,
        writes=writes,
    )
    if clock is not None:
        ctx.clock = clock
    return ctx


def open_store(path: Path) -> HistoryStore:
    """A fresh history file at ``path`` that opened without a problem."""
    store, message = open_history(path)
    assert message is None, message
    return store


@contextmanager
def read_only_folder(folder: Path) -> Iterator[Path]:
    """``folder`` made truly read-only for as long as the block runs, even for root.

    Root ignores permission bits, so this bind-mounts the folder onto itself and remounts the
    bind read-only (writes then fail with EROFS, as on a read-only disk).  Where the test
    machine cannot mount (not root, no mount namespace), the test fails and says so rather
    than passing without having checked anything.
    """
    folder = Path(folder)
    steps = (
        ["mount", "--bind", str(folder), str(folder)],
        ["mount", "-o", "remount,ro,bind", str(folder), str(folder)],
    )
    mounted = False
    try:
        for step in steps:
            done = subprocess.run(step, capture_output=True, text=True, timeout=30)
            if done.returncode != 0:
                pytest.fail(
                    f"this test needs a real read-only folder and could not make one "
                    f"({' '.join(step)}: {done.stderr.strip() or done.returncode}); run it as "
                    "root on a machine that allows bind mounts"
                )
            mounted = True
        probe = folder / ".write-probe"
        try:
            probe.touch()
        except OSError:
            pass
        else:
            probe.unlink()
            pytest.fail(f"{folder} is still writable after the read-only bind mount")
        yield folder
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], capture_output=True, timeout=30, check=True)


_LOCKER = (
    "import sqlite3, sys\n"
    "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "conn.execute('BEGIN IMMEDIATE')\n"
    "print('locked', flush=True)\n"
    "sys.stdin.readline()\n"
    "conn.execute('ROLLBACK')\n"
)


@contextmanager
def write_lock_in_another_process(path: Path) -> Iterator[None]:
    """Another process holds the SQLite write lock on ``path`` until the block ends."""
    import sys

    holder = subprocess.Popen(
        [sys.executable, "-c", _LOCKER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        yield
    finally:
        if holder.stdin is not None:
            holder.stdin.close()  # the holder rolls back and ends
        try:
            holder.wait(timeout=30)
        finally:
            if holder.poll() is None:
                holder.kill()
                holder.wait()
            if holder.stdout is not None:
                holder.stdout.close()
