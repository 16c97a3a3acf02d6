"""Shared test doubles and builders: one of each, used by every test that needs it."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from hiptimer.core.history.store import HistoryStore, open_history
from hiptimer.core.paths import AppPaths, builtin_routines_dir
from hiptimer.core.routines.catalog import Catalog, load_catalog
from hiptimer.core.routines.model import Kind, Library, Side
from hiptimer.core.session.events import StepOutcome
from hiptimer.core.session.status import SessionStatus, StepStatus
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


def add_session(
    store: HistoryStore,
    started: datetime,
    status: SessionStatus | str = SessionStatus.COMPLETED,
    *,
    work_seconds: float = 1500.0,
    routine: tuple[str, str] = ("full", "Full program"),
    side: str = "both",
) -> int:
    """A session of one exercise step of ``work_seconds`` (enough for a workout by default),
    ended as ``status`` ("incomplete": left unfinished; "discarded": left, then discarded)."""
    status = SessionStatus(status.value if isinstance(status, SessionStatus) else status)
    session = store.begin_session(routine[0], routine[1], "h", side, started)
    step = make_outcome(
        0, kind=Kind.HOLD, planned_seconds=work_seconds, actual_seconds=work_seconds
    )
    store.record_step(session, step, started + timedelta(seconds=work_seconds))
    if status is SessionStatus.DISCARDED:
        store.discard_session(session)
    elif status is not SessionStatus.INCOMPLETE:
        store.finish_session(session, started + timedelta(minutes=30), status, work_seconds)
    return session
