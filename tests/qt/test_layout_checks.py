"""The layout checks find what they claim to find (and pass what is fine)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

from tests.qt.layout_checks import (
    SIZES,
    clipping_problems,
    overlap_problems,
    scheme_applied,
    size_matrix,
)


def test_a_comfortable_layout_passes(qtbot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    column = QVBoxLayout(root)
    column.addWidget(QLabel("Figure four"))
    column.addWidget(QPushButton("Start"))
    root.resize(300, 200)
    root.show()
    qtbot.waitExposed(root)
    assert clipping_problems(root) == []
    assert overlap_problems(root) == []


def test_a_label_too_small_for_its_text_is_clipped(qtbot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    label = QLabel("A long exercise name that cannot fit", root)
    label.setGeometry(0, 0, 60, 20)
    wrapped = QLabel("Words that wrap onto many lines in a short box", root)
    wrapped.setWordWrap(True)
    wrapped.setGeometry(0, 30, 80, 20)
    button = QPushButton("Save measurement", root)
    button.setGeometry(0, 60, 40, 30)
    root.resize(200, 100)
    root.show()
    qtbot.waitExposed(root)
    problems = "\n".join(clipping_problems(root))
    assert "A long exercise" in problems
    assert "Words that wrap" in problems
    assert "Save measurement" in problems


def test_a_child_outside_its_parent_is_cut(qtbot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    box = QWidget(root)
    box.setGeometry(0, 0, 100, 30)
    label = QLabel("Next", box)
    label.setGeometry(0, 15, 100, 30)
    root.resize(200, 100)
    root.show()
    qtbot.waitExposed(root)
    assert any("cut by its parents" in p for p in clipping_problems(root))


def test_overlapping_texts_are_found(qtbot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    QLabel("one", root).setGeometry(0, 0, 80, 30)
    QLabel("two", root).setGeometry(40, 10, 80, 30)
    root.resize(200, 100)
    root.show()
    qtbot.waitExposed(root)
    assert len(overlap_problems(root)) == 1


def test_the_matrix_covers_every_size_in_both_schemes() -> None:
    params = size_matrix()
    assert len(params) == len(SIZES) * 2
    assert QSize(1024, 600) in [p.values[0] for p in params]  # type: ignore[attr-defined]


def test_the_scheme_applies_and_is_undone(qtbot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette().color(QPalette.ColorRole.Window)
    with scheme_applied("dark"):
        assert app.palette().color(QPalette.ColorRole.Window).lightness() < 128
        assert "QPushButton" in app.styleSheet()
    assert app.palette().color(QPalette.ColorRole.Window) == before
