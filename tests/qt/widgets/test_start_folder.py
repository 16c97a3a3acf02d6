"""Every file dialog starts in the Documents folder (home when there is none)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog

from hiptimer.core.routines.model import Side
from hiptimer.qt.builder import RoutinesPage
from hiptimer.qt.history.dialogs import export_history_dialog
from hiptimer.qt.photo.dialog import PhotoMeasureDialog
from hiptimer.qt.widgets.start_folder import documents_folder
from tests.fakes import make_ctx


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _location: str(folder))
    return folder


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folder (or suggested file) each file dialog was opened with; every one cancelled."""
    folders: list[str] = []

    def fake(_parent, _title, folder, *_args, **_kwargs):
        folders.append(folder)
        return "", ""

    for name in ("getOpenFileName", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(fake))
    return folders


def test_documents_when_it_exists_else_home(documents: Path) -> None:
    assert documents_folder() == documents
    documents.rmdir()
    assert documents_folder() == Path.home()


def test_no_documents_location_at_all_means_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _location: "")
    assert documents_folder() == Path.home()


def test_history_export_starts_in_documents(qtbot, store, documents, asked) -> None:
    assert export_history_dialog(None, store) is None
    assert len(asked) == 1 and Path(asked[0]).parent == documents
    assert Path(asked[0]).name.startswith("hiptimer-history-")


def test_routine_import_and_export_start_in_documents(qtbot, app_paths, documents, asked) -> None:
    page = RoutinesPage(make_ctx(app_paths))
    qtbot.addWidget(page)
    page.import_routine()
    page.select("daily")
    page.export()
    assert asked[0] == str(documents)
    assert Path(asked[1]).parent == documents and asked[1].endswith(".yaml")


def test_the_photo_file_dialog_starts_in_documents(qtbot, documents, asked) -> None:
    dialog = PhotoMeasureDialog(None, "prone", Side.LEFT, cameras=lambda: [])
    qtbot.addWidget(dialog)
    dialog.choose_file()
    assert asked == [str(documents)]
