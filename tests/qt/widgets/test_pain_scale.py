"""The pain scale: big buttons, number keys, and "not rated" until chosen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from hiptimer.qt.widgets import pain_scale
from hiptimer.qt.widgets.pain_scale import PainScale


@pytest.fixture
def scale(qtbot) -> PainScale:
    widget = PainScale()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.setFocus()
    return widget


def test_nothing_is_chosen_until_the_person_chooses(scale: PainScale) -> None:
    assert scale.value() is None
    assert not any(button.isChecked() for button in scale.buttons)
    assert len(scale.buttons) == 11


def test_digits_pick_and_one_then_zero_picks_ten(scale: PainScale, qtbot) -> None:
    seen: list[object] = []
    scale.changed.connect(seen.append)
    QTest.keyClick(scale, Qt.Key.Key_3)
    assert scale.value() == 3 and scale.buttons[3].isChecked()
    QTest.keyClick(scale, Qt.Key.Key_1)
    QTest.keyClick(scale, Qt.Key.Key_0)
    assert scale.value() == 10
    QTest.keyClick(scale, Qt.Key.Key_0)
    assert scale.value() == 0  # a lone 0 after 10 is 0
    assert seen == [3, 1, 10, 0]


def test_a_slow_zero_after_one_is_zero(scale: PainScale, monkeypatch) -> None:
    clock = iter([100.0, 105.0])
    monkeypatch.setattr(pain_scale.time, "monotonic", lambda: next(clock))
    QTest.keyClick(scale, Qt.Key.Key_1)
    QTest.keyClick(scale, Qt.Key.Key_0)
    assert scale.value() == 0


def test_arrows_step_and_backspace_clears(scale: PainScale) -> None:
    QTest.keyClick(scale, Qt.Key.Key_Right)
    assert scale.value() == 0
    QTest.keyClick(scale, Qt.Key.Key_Right)
    assert scale.value() == 1
    QTest.keyClick(scale, Qt.Key.Key_Left)
    QTest.keyClick(scale, Qt.Key.Key_Left)
    assert scale.value() == 0
    QTest.keyClick(scale, Qt.Key.Key_Backspace)
    assert scale.value() is None


def test_clicking_the_chosen_number_again_clears_it(scale: PainScale) -> None:
    scale.buttons[6].click()
    assert scale.value() == 6
    scale.buttons[6].click()
    assert scale.value() is None and not scale.buttons[6].isChecked()
    with pytest.raises(ValueError):
        scale.set_value(11)
