"""The picker: before you start, the gear, the positions in order and the plan; the main
routine."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from hiptimer.core.paths import AppPaths
from hiptimer.core.settings import Settings, weekly_goal
from hiptimer.qt.home.picker import PickerPage
from hiptimer.qt.style import DARK, LIGHT
from tests.fakes import make_ctx
from tests.qt.layout_checks import scheme_applied


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


def _history(store, *days_ago: int, routine=("daily", "Daily hip routine")) -> None:
    from datetime import datetime, timedelta, timezone

    from tests.fakes import add_session

    now = datetime(2026, 5, 6, 9, 0, tzinfo=timezone.utc)  # a Wednesday
    for ago in days_ago:
        add_session(store, now - timedelta(days=ago), routine=routine)


def _home(qtbot, app_paths, store=None, **settings: object) -> PickerPage:
    from datetime import date

    ctx = make_ctx(app_paths, settings=Settings(**settings), history=store)  # type: ignore[arg-type]
    page = PickerPage(ctx, today=lambda: date(2026, 5, 6))
    qtbot.addWidget(page)
    page.resize(1280, 720)
    page.show()
    return page


def test_cards_show_pictograms_duration_gear_and_when_last_done(qtbot, app_paths, store) -> None:
    _history(store, 1, 9)
    _history(store, 30, routine=("full-program", "Complete program"))
    page = _home(qtbot, app_paths, store)
    cards = {page.routine_list.card(r).routine_id: page.routine_list.card(r) for r in range(4)}
    daily = cards["daily"]
    assert daily.positions[0] == "figure-four-ball" and len(daily.positions) >= 3
    assert daily.facts.startswith("about 13 min · 5 exercises")
    assert daily.gear.startswith("Massage ball, Thick resistance band")
    assert daily.equipment[0] == "massage-ball"  # drawn as icons; the names are in the text
    page.select("daily")
    assert daily.gear in page.routine_list.currentItem().text()
    assert daily.last == "Last done yesterday"
    assert cards["full-program"].last == "Last done on 6 Apr 2026"
    assert cards["assessment"].last == "Not done yet"
    texts = [text for text, _font, _rect in page.routine_list.painted_texts()]
    assert "Last done yesterday" in texts  # what is painted, not only the item's text
    page.grab()
    assert page.routine_list.delegate.renders > 0  # the pictograms and gear were drawn


def test_the_week_at_a_glance_counts_this_weeks_workouts_against_the_goal(
    qtbot, app_paths, store
) -> None:
    _history(store, 0, 1, 7, 8, 9)  # two this week, three the week before
    page = _home(qtbot, app_paths, store, weekly_goal=3)
    assert page.glance.isVisible()
    assert page.glance.headline.text() == "2 of 3 workouts this week"
    assert page.glance.detail.text() == "1 more to meet your goal. Streak: 1 week."
    assert (page.glance.dots.done, page.glance.dots.goal) == (2, 3)


def test_without_a_history_there_is_no_week_to_show(qtbot, app_paths) -> None:
    page = _home(qtbot, app_paths)
    assert not page.glance.isVisible()
    assert page.routine_list.card(0).last == "Not done yet"


def test_the_main_routine_is_chosen_first(qtbot, app_paths) -> None:
    page = _home(qtbot, app_paths, main_routine="daily-10")
    assert page.selected_routine().id == "daily-10"
    assert "★ main" in page.routine_list.currentItem().text()


def test_the_cards_sit_on_the_window_in_either_theme(qtbot, app_paths) -> None:
    """Below the last card the list shows the window's colour, not a base of its own."""
    page = PickerPage(make_ctx(app_paths))
    qtbot.addWidget(page)
    page.resize(1000, 1400)  # room under the four cards
    page.show()
    cards = page.routine_list
    for scheme, tokens in (("light", LIGHT), ("dark", DARK)):
        with scheme_applied(scheme):
            image = page.grab().toImage()
            corner = cards.mapTo(page, cards.rect().bottomLeft()) + QPoint(8, -8)
            assert image.pixelColor(corner).name().upper() == tokens.window.upper(), scheme
