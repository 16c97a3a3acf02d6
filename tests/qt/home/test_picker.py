"""The picker: before you start, the gear, the positions in order and the plan; the main
routine."""

from __future__ import annotations

from PySide6.QtCore import Qt

from hiptimer.core.paths import AppPaths
from hiptimer.core.settings import Settings, weekly_goal
from hiptimer.qt.home.picker import PickerPage
from tests.fakes import make_ctx


def picker(qtbot, app_paths: AppPaths, **settings: object) -> PickerPage:
    ctx = make_ctx(app_paths, settings=Settings(**settings))  # type: ignore[arg-type]
    page = PickerPage(ctx)
    qtbot.addWidget(page)
    page.show()
    return page


def test_the_details_list_the_gear_and_the_positions_in_order(qtbot, app_paths) -> None:
    page = picker(qtbot, app_paths)
    page.select("daily")
    text = page.details.toPlainText()
    assert (
        "You need: Massage ball, Thick resistance band and an anchor, Tall chair or table,"
        " Ball to hold between the knees." in text
    )
    assert (
        "Positions, in order: Figure-4 on a massage ball → On hands and knees → Lying on your"
        " back → Seated on a tall chair, feet off the floor → Lying on your side." in text
    )


def test_the_plan_of_a_routine_is_shown(qtbot, app_paths) -> None:
    page = picker(qtbot, app_paths)
    page.select("full-program")
    assert "Plan: 3 times a week for 6 weeks." in page.details.toPlainText()
    page.select("assessment")
    assert "Plan:" not in page.details.toPlainText()


def test_a_routine_becomes_the_main_one_and_sets_the_weekly_goal(qtbot, app_paths) -> None:
    page = picker(qtbot, app_paths, weekly_goal=5)
    changes: list[str] = []
    page.main_routine_changed.connect(changes.append)
    page.select("daily")
    assert not page.main_box.isChecked()
    page.main_box.click()
    assert changes == ["daily"] and page.ctx.settings.main_routine == "daily"
    assert weekly_goal(page.ctx.settings, page.ctx.catalog) == 3  # daily's plan, not 5
    item = page.routine_list.currentItem()
    assert item.data(Qt.ItemDataRole.UserRole) == "daily" and "★ main" in item.text()
    page.select("full-program")
    assert not page.main_box.isChecked()
    page.select("daily")
    page.main_box.click()  # no main routine any more
    assert changes == ["daily", ""] and page.ctx.settings.main_routine == ""
    assert weekly_goal(page.ctx.settings, page.ctx.catalog) == 5
