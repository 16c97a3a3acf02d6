"""The builder's page and editor: every control is named and reachable; no mnemonic twice."""

from __future__ import annotations

import pytest

from hiptimer.core.paths import AppPaths
from hiptimer.qt.builder import RoutinesPage
from tests.fakes import make_ctx
from tests.qt import test_accessibility as accessibility

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def page(qtbot, app_paths: AppPaths) -> RoutinesPage:
    ctx = make_ctx(app_paths)
    widget = RoutinesPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def problems(root) -> list[str]:
    return accessibility.accessibility_problems(root) + accessibility.mnemonic_problems(root)


def test_routines_page_controls(page: RoutinesPage) -> None:
    assert problems(page) == []


@pytest.mark.parametrize("selected", [None, (0, None), (0, 0), (1, 0), (2, 0), (3, 0)])
def test_editor_controls_for_each_form(page: RoutinesPage, selected) -> None:
    page.select("full-program")
    page.edit_selected()  # a copy of the complete program: every kind of item
    editor = page.editor
    editor._select(selected)
    assert problems(page) == []
