"""A routine as a therapist writes it: made in the builder, saved, reopened, played, recorded.

"2 × 20, hold 3–5 s, an extra set on the tight side" and "the tight side holds 50 % longer",
three times a week for six weeks: it round-trips through the builder (load → edit → save →
load gives equal routines), plays every set of every side, and the history and its export
hold each set of each side as its own step.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import pytest
from PySide6.QtCore import Qt

from hiptimer.core.history.export import export
from hiptimer.core.history.store import HistoryStore
from hiptimer.core.paths import AppPaths
from hiptimer.core.routines.loader import load_file
from hiptimer.core.routines.model import Range, Routine, Side, SideChoice, Target
from hiptimer.core.session.events import SessionState
from hiptimer.core.settings import Settings, weekly_goal
from hiptimer.qt.builder import RoutinesPage
from hiptimer.qt.builder.editor import RoutineEditor
from hiptimer.qt.main_window import MainWindow
from tests.fakes import FakeClock, builtin_catalog, make_ctx

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def plain(routine: Routine) -> Routine:
    """Without the places it was read from."""
    sections = tuple(
        dataclasses.replace(s, items=tuple(dataclasses.replace(i, line=0) for i in s.items))
        for s in routine.sections
    )
    return dataclasses.replace(routine, sections=sections, line=0, source="", builtin=False)


def add(editor: RoutineEditor, qtbot, search: str) -> None:
    editor.library.search_edit.setFocus()
    editor.library.search_edit.selectAll()
    qtbot.keyClicks(editor.library.search_edit, search)
    qtbot.keyClick(editor.library.search_edit, Qt.Key.Key_Return)


def make_in_the_builder(qtbot, app_paths: AppPaths) -> Routine:
    page = RoutinesPage(make_ctx(app_paths))
    qtbot.addWidget(page)
    page.resize(1280, 760)
    page.show()
    page.new_routine()
    editor = page.editor
    assert editor is not None
    qtbot.keyClicks(editor.name_edit, "Tight side sets")
    add(editor, qtbot, "seated internal")  # 20 reps, hold 3-5 s each
    form = editor.selection.item_form
    form.dose_row("sets").spin.setValue(2)
    form.dose_row("set_rest").spin.setValue(20)
    form.sides.setCurrentIndex(form.sides.findData("both"))
    form.sides.activated.emit(form.sides.currentIndex())
    form.side_dose.toggle.setChecked(True)
    form.side_dose.row("sets").spin.setValue(3)  # an extra set on the tight side
    add(editor, qtbot, "hip shift")  # a 30 s strengthening hold
    editor.fields.extra_spin.setValue(50)  # the tight side holds 45 s
    editor.fields.per_week_spin.setValue(3)
    editor.fields.weeks_spin.setValue(6)
    assert editor.valid, [p.message for p, _ in editor.problems]
    assert editor.save()
    return editor.routine()


def test_made_in_the_builder_saved_reopened_edited_and_saved_again(
    qtbot, app_paths: AppPaths
) -> None:
    made = make_in_the_builder(qtbot, app_paths)
    path = app_paths.user_routines_dir / "tight-side-sets.yaml"
    library = builtin_catalog().library
    (loaded,) = load_file(path, library).routines
    assert plain(loaded) == plain(made)  # what the builder saved reads back equal
    held, shift = loaded.items
    assert (held.sets, held.set_rest, held.limited) == (2, 20, (("sets", 3),))
    assert (loaded.limited_extra, loaded.target, shift.seconds) == (50, Target(3, 6), Range(30, 30))

    # load → edit → save → load: the edit is all that changed
    page = RoutinesPage(make_ctx(app_paths))
    qtbot.addWidget(page)
    page.select("tight-side-sets")
    editor = page.open_editor(page.selected_routine(), page.selected_routine())
    editor._select((0, 0))
    editor.selection.item_form.side_dose.row("count").spin.setValue(25)
    assert editor.save()
    (again,) = load_file(path, library).routines
    assert plain(again) == plain(editor.routine())
    assert again.items[0].limited == (("count", 25), ("sets", 3))
    assert plain(again) == plain(dataclasses.replace(loaded, sections=again.sections))


@pytest.fixture
def window(qtbot, app_paths: AppPaths, clock: FakeClock, store: HistoryStore, writes) -> MainWindow:
    make_in_the_builder(qtbot, app_paths)
    settings = Settings(welcome_done=True, limited_side=Side.RIGHT, change_lead_in_seconds=10)
    ctx = make_ctx(app_paths, settings=settings, history=store, writes=writes, clock=clock)
    main = MainWindow(ctx, cues=None, voice=None)
    qtbot.addWidget(main)
    return main


def test_it_plays_and_is_recorded_per_side_and_per_set(
    window: MainWindow, clock: FakeClock, store: HistoryStore
) -> None:
    routine = window.ctx.catalog.find("tight-side-sets")
    assert routine is not None
    window.ctx.settings.main_routine = routine.id
    assert weekly_goal(window.ctx.settings, window.ctx.catalog) == 3
    window.start_routine(routine, SideChoice.BOTH)
    controller = window.controller
    assert controller is not None
    while controller.session.state is SessionState.RUNNING:
        clock.now += 1
        controller.runner.tick()
    assert controller.status == "completed"
    assert window.ctx.writes is not None and window.ctx.writes.writer.flush(10)
    session = store.session_by_key(controller.session_key)
    assert session is not None and session.steps_of == 7
    rows = store.session_steps(session.id)
    right, left = Side.RIGHT, Side.LEFT
    assert [(r.exercise_id, r.side, r.set_number, r.set_count, r.status) for r in rows] == [
        ("seated-hip-ir", right, 1, 3, "done"),
        ("seated-hip-ir", right, 2, 3, "done"),
        ("seated-hip-ir", right, 3, 3, "done"),
        ("seated-hip-ir", left, 1, 2, "done"),
        ("seated-hip-ir", left, 2, 2, "done"),
        ("hip-shift-wall", right, 1, 1, "done"),
        ("hip-shift-wall", left, 1, 1, "done"),
    ]
    assert [r.planned_seconds for r in rows[-2:]] == [45, 30]  # 50 % more on the tight side
    steps = [r for r in csv.DictReader(io.StringIO(export(store, "csv"))) if r["record"] == "step"]
    assert [(r["side"], r["set_number"], r["set_count"]) for r in steps[:5]] == [
        ("right", "1", "3"),
        ("right", "2", "3"),
        ("right", "3", "3"),
        ("left", "1", "2"),
        ("left", "2", "2"),
    ]
    (exported,) = json.loads(export(store, "json"))["sessions"]
    assert [(s["side"], s["set_number"]) for s in exported["steps"]][-2:] == [
        ("right", 1),
        ("left", 1),
    ]
    summary = window.summary.report.toPlainText()
    assert "Seated internal rotation (right, set 3 of 3): 20 of 20 reps" in summary
