"""The routine editor: add, reorder, dose, validate, undo/redo, save, reopen, try, close."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from hiptimer.core.paths import AppPaths
from hiptimer.core.routines import user_files as ur
from hiptimer.core.routines.drafts import Drop
from hiptimer.core.routines.model import Kind, Range, Sides, Target
from hiptimer.qt.builder import RoutinesPage
from hiptimer.qt.builder.editor import RoutineEditor
from hiptimer.qt.context import AppContext
from tests.fakes import make_ctx

# The offscreen platform says this for every top-level window it shows; not our problem.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def ctx(app_paths: AppPaths) -> AppContext:
    return make_ctx(app_paths)


@pytest.fixture
def page(qtbot, ctx: AppContext) -> RoutinesPage:
    widget = RoutinesPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def add(editor: RoutineEditor, qtbot, search: str) -> None:
    """Type into the library search and press Enter, as a user does."""
    search_edit = editor.library.search_edit
    search_edit.setFocus()
    search_edit.selectAll()
    qtbot.keyClicks(search_edit, search)
    qtbot.keyClick(search_edit, Qt.Key.Key_Return)


def exercises(editor: RoutineEditor) -> list[str]:
    return [item.exercise for item in editor.draft.items]


@pytest.fixture
def editor(page: RoutinesPage, qtbot) -> RoutineEditor:
    page.new_routine()
    editor = page.editor
    assert editor is not None and page.stack.currentWidget() is editor
    qtbot.keyClicks(editor.name_edit, "Test hips")
    for search in ("deep glute", "posterior capsule", "seated internal"):
        add(editor, qtbot, search)
    return editor


def test_new_routine_starts_empty_and_cannot_be_saved(page: RoutinesPage) -> None:
    page.new_routine()
    editor = page.editor
    assert editor.draft.items == ()
    assert not editor.save_button.isEnabled() and not editor.try_button.isEnabled()
    texts = [editor.problem_list.item(i).text() for i in range(editor.problem_list.count())]
    assert texts == ["Add at least one exercise from the library."]
    assert not editor.dirty  # nothing typed yet: closing does not ask
    assert editor.save() is False


def test_add_groups_by_program_section_with_program_doses(editor: RoutineEditor) -> None:
    assert exercises(editor) == [
        "deep-glutes-release",
        "posterior-capsule-stretch",
        "seated-hip-ir",
    ]
    assert [s.name for s in editor.draft.sections] == ["Releases", "Stretches", "Strengthening"]
    first, second, third = editor.draft.items
    assert first.kind is Kind.RELEASE and first.seconds == Range(60, 120)
    assert second.kind is Kind.HOLD and second.seconds == Range(60, 60)
    assert third.kind is Kind.REPS and third.count == 20 and third.hold == Range(3, 5)
    assert editor.selected == (2, 0)  # the new item is selected
    assert editor.tree.topLevelItem(2).child(0).text(0) == "Seated internal rotation"
    assert editor.valid and editor.save_button.isEnabled()
    assert "Estimated time" in editor.estimate_label.text()


def test_library_search_filters_by_equipment_and_shows_instructions(
    editor: RoutineEditor,
) -> None:
    library = editor.library
    library.search_edit.setText("band")
    shown = [
        library.library_list.item(r).data(Qt.ItemDataRole.UserRole)
        for r in range(library.library_list.count())
        if not library.library_list.item(r).isHidden()
    ]
    assert shown == [
        "band-distraction-neutral",
        "band-distraction-flexion",
        "lateral-band-distraction",
    ]
    library.search_edit.setText("massage ball figure")  # equipment and position words
    assert library.selected_exercise().id == "deep-glutes-release"
    assert "Deep glute release" in library.exercise_details.toPlainText()
    assert library.pictogram.position() == ("figure-four-ball", False)


def test_reorder_with_keys_and_drop(editor: RoutineEditor, qtbot) -> None:
    editor._select((2, 0))
    editor.tree.setFocus()
    qtbot.keyClick(editor.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    # moving up across a section border puts it at the end of the section above
    assert exercises(editor) == [
        "deep-glutes-release",
        "posterior-capsule-stretch",
        "seated-hip-ir",
    ]
    assert editor.selected == (1, 1)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert exercises(editor) == [
        "deep-glutes-release",
        "seated-hip-ir",
        "posterior-capsule-stretch",
    ]
    # drag the release below the last item of "Stretches"
    editor._dropped((0, 0), (1, 1), Drop.BELOW)
    assert exercises(editor) == [
        "seated-hip-ir",
        "posterior-capsule-stretch",
        "deep-glutes-release",
    ]
    # drag a whole section to the top
    editor._dropped((2, None), (0, None), Drop.ABOVE)
    assert editor.draft.sections[0].name == "Strengthening"


def test_edit_parameters_only_of_the_items_kind(editor: RoutineEditor, qtbot) -> None:
    editor._select((2, 0))  # seated internal rotation: reps
    form = editor.selection.item_form
    assert form.shown_keys() == ("count", "hold", "pace", "sets", "set_rest")  # no work
    before = editor.estimate_label.text()
    count = form.dose_row("count").spin
    count.selectAll()
    qtbot.keyClicks(count, "12")
    assert editor.draft.items[2].count == 12
    assert editor.estimate_label.text() != before
    form.sides.setCurrentIndex(form.sides.findData(Sides.BOTH.value))
    form.sides.activated.emit(form.sides.currentIndex())
    assert editor.draft.items[2].sides is Sides.BOTH
    qtbot.keyClicks(form.note, "knees together")
    assert editor.draft.items[2].note == "knees together"
    form.rest.setValue(30)
    assert editor.draft.items[2].rest == 30
    # switch the kind: the dose fields change with it
    form.kind.setCurrentIndex(form.kind.findData(Kind.CYCLES.value))
    form.kind.activated.emit(form.kind.currentIndex())
    item = editor.draft.items[2]
    assert (item.kind, item.work, item.relax, item.count) == (Kind.CYCLES, 10, 5, 5)
    assert item.note == "knees together" and item.rest == 30
    assert form.shown_keys() == ("work", "relax", "count", "sets", "set_rest")  # no pace


def test_invalid_input_is_shown_inline_and_blocks_saving(
    editor: RoutineEditor, app_paths: AppPaths
) -> None:
    editor._select((0, 0))  # release 60-120
    editor.selection.item_form.dose_row("seconds").low.setValue(200)
    assert not editor.valid
    assert not editor.save_button.isEnabled() and not editor.try_button.isEnabled()
    problem = editor.problem_list.item(0).text()
    assert problem.startswith("1. Deep glute release: ") and "low ≤ high" in problem
    assert "see problems" in editor.tree.topLevelItem(0).child(0).text(1)
    assert editor.save() is False
    assert not list(app_paths.user_routines_dir.glob("*.yaml"))
    editor.selection.item_form.dose_row("seconds").high.setValue(240)
    assert editor.valid and editor.save_button.isEnabled()
    editor.name_edit.setText("   ")
    assert any(
        "Give the routine a name (at the top)." in editor.problem_list.item(i).text()
        for i in range(editor.problem_list.count())
    )


def test_undo_and_redo_cover_every_edit(editor: RoutineEditor, qtbot) -> None:
    editor.window().activateWindow()
    qtbot.waitActive(editor.window())
    start = editor.draft
    editor._select((0, 0))
    editor.selection.item_form.dose_row("seconds").high.setValue(150)
    editor.remove_selected()
    editor.add_section()
    assert len(editor.draft.sections) == 3
    for _ in range(3):
        qtbot.keyClick(editor.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.draft == start
    qtbot.keyClick(
        editor.tree,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert editor.draft.items[0].seconds == Range(60, 150)
    # the whole build is undoable, down to the empty routine
    while editor.undo_stack.canUndo():
        editor.undo_stack.undo()
    assert editor.draft.items == () and editor.draft.name == "My routine"


def test_save_then_reopen_gives_the_same_routine(
    editor: RoutineEditor, page: RoutinesPage, app_paths: AppPaths, qtbot
) -> None:
    with qtbot.waitSignal(page.catalog_changed):
        assert editor.save()
    path = app_paths.user_routines_dir / "test-hips.yaml"
    assert path.is_file()
    assert not editor.dirty and "test-hips.yaml" in editor.title.text()
    saved = editor.routine()
    text = path.read_text(encoding="utf-8")
    editor.request_close()
    assert page.editor is None

    fresh = RoutinesPage(make_ctx(app_paths))
    qtbot.addWidget(fresh)
    fresh.select("test-hips")
    assert fresh.selected_routine().id == "test-hips"
    reopened = fresh.open_editor(fresh.selected_routine(), fresh.selected_routine())
    assert [dataclasses.replace(i, line=0) for i in reopened.draft.items] == list(saved.items)
    assert [s.name for s in reopened.draft.sections] == [s.name for s in saved.sections]
    assert reopened.save()
    assert path.read_text(encoding="utf-8") == text  # load → save → load is stable


def test_renaming_a_saved_routine_in_the_editor_renames_its_file(
    editor: RoutineEditor, app_paths: AppPaths
) -> None:
    assert editor.save()
    editor.name_edit.setText("Evening hips")
    assert editor.dirty
    assert editor.save()
    folder = app_paths.user_routines_dir
    assert [p.name for p in folder.glob("*.yaml")] == ["evening-hips.yaml"]
    assert editor.ctx.catalog.find("test-hips").name == "Evening hips"


def test_failed_save_keeps_the_old_file(
    editor: RoutineEditor, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert editor.save()
    path = app_paths.user_routines_dir / "test-hips.yaml"
    before = path.read_bytes()
    editor.description_edit.setText("changed")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))

    def disk_full(_src: str, _dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ur.os, "replace", disk_full)
    assert editor.save() is False
    assert path.read_bytes() == before
    assert warnings and "unchanged" in warnings[0]
    assert editor.dirty  # the edit is still there to save later
    assert sorted(p.name for p in path.parent.iterdir()) == ["test-hips.yaml"]


def test_close_with_unsaved_changes_asks(
    editor: RoutineEditor, page: RoutinesPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    asked: list[str] = []

    def question(_parent, _title, text, *_args):
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    editor.close_button.click()
    assert page.editor is editor and len(asked) == 1  # cancelled: still editing
    editor.close_button.click()
    assert page.editor is None and page.stack.currentWidget() is page.list_page
    assert page.ctx.catalog.find("test-hips") is None  # discarded


def test_close_asking_save_saves(
    editor: RoutineEditor, page: RoutinesPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Save)
    assert page.maybe_close()
    assert page.editor is None and page.ctx.catalog.find("test-hips") is not None


def test_try_it_plays_the_unsaved_routine_at_the_chosen_speed(
    editor: RoutineEditor, page: RoutinesPage, app_paths: AppPaths, qtbot
) -> None:
    editor.speed_combo.setCurrentIndex(1)
    with qtbot.waitSignal(page.play_requested) as blocker:
        editor.try_button.click()
    routine, speed = blocker.args
    assert speed == 10.0
    assert [i.exercise for i in routine.items] == exercises(editor)
    assert not list(app_paths.user_routines_dir.glob("*.yaml"))  # not saved by trying


def test_enter_on_a_problem_goes_to_what_it_is_about(editor: RoutineEditor, qtbot) -> None:
    editor.window().activateWindow()
    qtbot.waitActive(editor.window())
    editor._select((0, 0))
    editor.selection.item_form.dose_row("seconds").low.setValue(200)  # release: low > high
    editor._select(None)
    editor.problem_list.setCurrentRow(0)
    editor.problem_list.itemActivated.emit(editor.problem_list.item(0))
    assert editor.selected == (0, 0) and editor.tree.hasFocus()
    editor.selection.item_form.dose_row("seconds").low.setValue(60)
    editor.description_edit.setText("x" * 10)
    editor.name_edit.setText(" ")
    editor.tree.setFocus()
    (entry,) = [editor.problem_list.item(i) for i in range(editor.problem_list.count())]
    assert entry.text() == "Give the routine a name (at the top)."
    editor.problem_list.itemActivated.emit(entry)
    assert editor.name_edit.hasFocus()
    editor.name_edit.setText("Fine")
    none = editor.problem_list.item(0)
    assert none.text().startswith("None:")
    editor.tree.setFocus()
    editor.problem_list.itemActivated.emit(none)  # the "none" row goes nowhere
    assert editor.tree.hasFocus()


# --- sets, the limited side, the plan ---------------------------------------------------------


def test_the_plan_and_the_limited_sides_extra_are_undoable_routine_edits(
    editor: RoutineEditor, qtbot
) -> None:
    fields = editor.fields
    assert fields.per_week_spin.text() == "no plan" and not fields.weeks_spin.isEnabled()
    fields.per_week_spin.setValue(3)
    assert editor.draft.target == Target(3, None) and fields.weeks_spin.isEnabled()
    fields.weeks_spin.setValue(6)
    assert editor.draft.target == Target(3, 6)
    fields.extra_spin.setValue(50)
    assert editor.draft.limited_extra == 50
    assert editor.valid
    editor.undo_stack.undo()
    assert editor.draft.limited_extra == 0 and fields.extra_spin.text() == "the same"
    editor.undo_stack.undo()  # the plan's two boxes were one edit
    assert editor.draft.target is None and fields.per_week_spin.text() == "no plan"
    editor.undo_stack.redo()
    editor.undo_stack.redo()
    assert (editor.draft.target, editor.draft.limited_extra) == (Target(3, 6), 50)
    fields.per_week_spin.setValue(fields.per_week_spin.minimum())
    assert editor.draft.target is None


def test_the_routines_extra_shows_in_the_limited_side_box(editor: RoutineEditor) -> None:
    editor._select((1, 0))  # posterior capsule stretch: a 60 s hold
    box = editor.selection.item_form.side_dose
    assert box.row("seconds").spin.value() == 60
    editor.fields.extra_spin.setValue(50)
    assert box.row("seconds").spin.value() == 90


def test_every_routine_field_has_a_label_with_a_mnemonic(editor: RoutineEditor) -> None:
    from PySide6.QtWidgets import QLabel

    labels = {lb.buddy(): lb.text() for lb in editor.fields.findChildren(QLabel) if lb.buddy()}
    for widget in editor.fields.widgets():
        assert "&" in labels[widget], widget.accessibleName()
        assert widget.accessibleName()
    letters = [text[text.index("&") + 1].lower() for text in labels.values()]
    assert len(letters) == len(set(letters))


def test_a_problem_with_a_routine_field_names_its_control(editor: RoutineEditor) -> None:
    fields = editor.fields
    assert fields.field("target") is fields.per_week_spin
    assert fields.field("limited_extra") is fields.extra_spin
    assert fields.field("name") is fields.name_edit
