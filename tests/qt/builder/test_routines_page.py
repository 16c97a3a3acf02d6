"""The "My routines" page: duplicate, edit a copy, rename, delete and restore, import, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from hiptimer.core.paths import AppPaths
from hiptimer.qt.builder import RoutinesPage
from tests.fakes import make_ctx

CORPUS = Path(__file__).parents[2] / "core" / "routines" / "corpus"
DOC_EXAMPLE = CORPUS / "valid" / "doc_example.yaml"


def make_page(qtbot, app_paths: AppPaths) -> RoutinesPage:
    ctx = make_ctx(app_paths)
    page = RoutinesPage(ctx)
    qtbot.addWidget(page)
    return page


@pytest.fixture
def page(qtbot, app_paths: AppPaths) -> RoutinesPage:
    return make_page(qtbot, app_paths)


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    return shown


def yaml_files(app_paths: AppPaths) -> list[str]:
    folder = app_paths.user_routines_dir
    return sorted(p.name for p in folder.glob("*.yaml")) if folder.exists() else []


def listed(page: RoutinesPage) -> list[str]:
    return [page.routine_list.item(r).text() for r in range(page.routine_list.count())]


def test_builtins_are_listed_read_only(page: RoutinesPage) -> None:
    page.select("full-program")
    assert page.selected_routine().builtin
    assert "Built in" in page.routine_list.currentItem().text()
    assert not page.rename_button.isEnabled() and not page.delete_button.isEnabled()
    assert page.duplicate_button.isEnabled()
    assert page.edit_button.text() == "&Edit a copy"
    assert "read-only" in page.details.toPlainText()


def test_duplicate_a_builtin(page: RoutinesPage, app_paths: AppPaths, qtbot) -> None:
    page.select("daily")
    with qtbot.waitSignal(page.catalog_changed):
        page.duplicate_button.click()
    assert yaml_files(app_paths) == ["daily-hip-routine-my-copy.yaml"]
    copy = page.selected_routine()
    assert copy.id == "daily-hip-routine-my-copy" and not copy.builtin
    assert copy.name == "Daily hip routine (my copy)"
    assert page.rename_button.isEnabled() and page.edit_button.text() == "&Edit"
    assert "Saved a copy" in page.status.text()


def test_edit_a_copy_of_a_builtin_saves_a_new_file(page: RoutinesPage, app_paths: AppPaths) -> None:
    page.select("daily")
    page.edit_button.click()
    editor = page.editor
    assert editor is not None and editor.original is None
    assert editor.draft.name == "Daily hip routine (my copy)"
    editor.remove_selected()
    assert editor.save()
    assert yaml_files(app_paths) == ["daily-hip-routine-my-copy.yaml"]
    assert len(page.ctx.catalog.find("daily-hip-routine-my-copy").items) == 4
    assert len(page.ctx.catalog.find("daily").items) == 5  # the built-in is untouched


def test_rename(page: RoutinesPage, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    page.select("daily")
    page.duplicate()
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("Morning hips", True))
    page.rename_button.click()
    assert yaml_files(app_paths) == ["morning-hips.yaml"]
    assert page.selected_routine().name == "Morning hips"


def test_delete_asks_then_restore_brings_it_back(
    page: RoutinesPage, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.select("daily")
    page.duplicate()
    copy_id = page.selected_routine().id
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: answers.pop(0))
    page.delete_button.click()
    assert yaml_files(app_paths) == ["daily-hip-routine-my-copy.yaml"]  # cancelled
    assert not page.restore_button.isEnabled()
    page.delete_button.click()
    assert yaml_files(app_paths) == []
    assert page.ctx.catalog.find(copy_id) is None
    assert page.restore_button.isEnabled() and "Restore" in page.status.text()
    page.restore_button.click()
    assert yaml_files(app_paths) == ["daily-hip-routine-my-copy.yaml"]
    assert page.selected_routine().id == copy_id
    assert not page.restore_button.isEnabled()


def test_restore_survives_a_restart(
    qtbot, page: RoutinesPage, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.select("daily")
    page.duplicate()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    page.delete()
    later = make_page(qtbot, app_paths)
    assert later.restore_button.isEnabled()
    later.restore()
    assert later.ctx.catalog.find("daily-hip-routine-my-copy") is not None


def test_import_a_good_file(
    page: RoutinesPage, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(DOC_EXAMPLE), ""))
    with qtbot.waitSignal(page.catalog_changed):
        page.import_button.click()
    assert yaml_files(app_paths) == ["my-quick-hips.yaml"]
    assert page.selected_routine().id == "my-quick-hips"
    assert "Imported doc_example.yaml" in page.status.text()
    page.import_path(DOC_EXAMPLE)  # again: ids are renamed, never clash
    assert yaml_files(app_paths) == ["my-quick-hips-2.yaml", "my-quick-hips.yaml"]
    assert "now 'my-quick-hips-2'" in page.status.text()
    assert not page.ctx.catalog.problems


def test_import_a_bad_file_says_why_and_imports_nothing(
    page: RoutinesPage,
    app_paths: AppPaths,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    warnings: list[str],
) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text(
        "format: 1\nroutines:\n  - id: x\n    name: X\n    sections:\n"
        "      - name: S\n        items:\n          - {exercise: nope, kind: hold, seconds: 9}\n"
        "          - {exercise: hip-click, kind: hold, secnds: 9}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(bad), ""))
    emitted: list[bool] = []
    page.catalog_changed.connect(lambda: emitted.append(True))
    page.import_button.click()
    assert yaml_files(app_paths) == [] and not emitted
    assert len(warnings) == 1
    assert "broken.yaml was not imported" in warnings[0]
    assert "broken.yaml:8:" in warnings[0] and "unknown exercise 'nope'" in warnings[0]
    assert "did you mean 'seconds'" in warnings[0]
    assert "Not imported" in page.status.text()


def test_import_cancelled_does_nothing(
    page: RoutinesPage, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: ("", ""))
    page.import_button.click()
    assert yaml_files(app_paths) == []


def test_export_writes_a_file_a_friend_can_import(
    qtbot,
    page: RoutinesPage,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page.import_path(DOC_EXAMPLE)  # a routine with its own exercise
    target = tmp_path / "for-a-friend.yaml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    page.export_button.click()
    assert "wall-sit-rotation:" in target.read_text(encoding="utf-8")
    friend = make_page(qtbot, AppPaths(tmp_path / "friend-data", tmp_path / "friend-config"))
    assert friend.import_path(target)
    assert friend.selected_routine().name == "My quick hips"


def test_export_of_a_builtin(page: RoutinesPage, tmp_path: Path) -> None:
    page.select("daily")
    target = tmp_path / "daily.yaml"
    assert page.export_path(page.selected_routine(), target)
    assert "id: daily" in target.read_text(encoding="utf-8")


def test_a_prescribed_routine_shows_its_prescription_and_is_changed_only_as_a_copy(
    page: RoutinesPage, app_paths: AppPaths, tmp_path: Path, qtbot
) -> None:
    from tests.core.routines.test_prescription import FILE

    source = tmp_path / "from-ana.yaml"
    source.write_text(FILE, encoding="utf-8")
    with qtbot.waitSignal(page.catalog_changed):
        assert page.import_path(source)
    said = "Prescribed by Ana Ruiz, physiotherapist: 3 times a week; review on 2 March 2026"
    assert said in page.status.text()
    assert page.selected_routine().id == "rx-hips"
    assert said in page.details.toPlainText()
    assert page.edit_button.text() == "&Edit a copy"
    page.edit_button.click()
    editor = page.editor
    assert editor is not None and editor.original is None  # never the prescribed file
    assert editor.draft.prescription is None
    assert editor.draft.name == "Prescribed hips (my copy)"
    assert editor.save()
    assert yaml_files(app_paths) == ["prescribed-hips-my-copy.yaml", "prescribed-hips.yaml"]
    page.reload_catalog()
    prescribed = page.ctx.catalog.find("rx-hips")
    assert prescribed is not None and prescribed.prescription is not None  # as written
    page.select("rx-hips")
    assert not page.rename_button.isEnabled()
    assert "done as written" in page.rename_button.toolTip()
