"""Problems in routine files are listed on the home page as FILE:LINE, with the way to the file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QWidget

from hiptimer.core.routines.problems import Code, Problem
from hiptimer.qt.home.file_problems import FileProblemsPanel
from hiptimer.qt.home.picker import PickerPage
from hiptimer.qt.main_window import MainWindow
from tests.fakes import make_ctx

BROKEN = (
    "format: 1\nroutines:\n  - id: quick\n    name: Quick\n    sections:\n"
    "      - name: Release\n        items: []\n"
)
FIXED = BROKEN.replace(
    "items: []",
    "items:\n          - exercise: deep-glutes-release\n"
    "            kind: release\n            seconds: 60",
)


def test_each_problem_is_listed_and_its_folder_opens(qtbot, tmp_path: Path) -> None:
    opened: list[QUrl] = []
    home = QWidget()
    panel = FileProblemsPanel(tmp_path / "routines", home, open_url=opened.append)
    qtbot.addWidget(home)
    home.show()
    assert not panel.isVisible()  # nothing wrong, nothing shown
    other = tmp_path / "elsewhere"
    other.mkdir()
    problems = [
        Problem(str(tmp_path / "routines" / "a.yaml"), 3, Code.SYNTAX, "not YAML"),
        Problem(str(other / "b.yaml"), 7, Code.EMPTY, "no items"),
    ]
    panel.show_problems(problems)
    assert panel.isVisible()
    rows = [panel.list.item(r).text() for r in range(panel.list.count())]
    assert rows == [f"{tmp_path}/routines/a.yaml:3: not YAML", f"{other}/b.yaml:7: no items"]
    assert panel.title.text().startswith("2 problems in 2 routine files")
    panel.open_button.click()
    panel.list.setCurrentRow(1)
    panel.open_folder()
    assert [url.toLocalFile() for url in opened] == [str(tmp_path / "routines"), str(other)]


def test_a_broken_file_shows_on_home_and_no_longer_in_the_status_bar(qtbot, app_paths) -> None:
    folder = app_paths.user_routines_dir
    folder.mkdir(parents=True)
    (folder / "quick.yaml").write_text(BROKEN)
    window = MainWindow(make_ctx(app_paths))
    qtbot.addWidget(window)
    window.show()
    window.show_notices()
    problems = window.picker.problems
    assert problems.isVisible() and problems.list.count() >= 1
    assert problems.list.item(0).text().startswith(f"{folder / 'quick.yaml'}:")
    assert "hiptimer routines" not in window.statusBar().currentMessage()


def test_check_again_reads_the_fixed_file(qtbot, app_paths) -> None:
    folder = app_paths.user_routines_dir
    folder.mkdir(parents=True)
    broken = folder / "quick.yaml"
    broken.write_text(BROKEN)
    window = MainWindow(make_ctx(app_paths))
    qtbot.addWidget(window)
    window.show()
    picker: PickerPage = window.picker
    assert picker.problems.isVisible() and window.ctx.catalog.find("quick") is None
    broken.write_text(FIXED)
    picker.problems.again_button.click()
    assert not picker.problems.isVisible()
    assert window.ctx.catalog.find("quick") is not None
    cards = [picker.routine_list.card(r) for r in range(picker.routine_list.count())]
    assert "quick" in [card.routine_id for card in cards if card is not None]
