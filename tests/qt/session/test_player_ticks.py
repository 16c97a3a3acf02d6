"""A tick costs little (issue 16): the digits change without any layout being redone, and the
phase bar repaints only itself."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from hiptimer.core.routines.model import Item, Kind, Range
from tests.qt.session.test_player import player_with, show_at


class Counter(QObject):
    """Counts layout requests and paints, by widget, under ``root``."""

    def __init__(self, root: QWidget) -> None:
        super().__init__()
        self.root = root
        self.layouts = 0
        self.painted: set[str] = set()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QWidget) and (
            watched is self.root or self.root.isAncestorOf(watched)
        ):
            if event.type() == QEvent.Type.LayoutRequest:
                self.layouts += 1
            elif event.type() == QEvent.Type.Paint:
                self.painted.add(type(watched).__name__ + ":" + watched.accessibleName())
        return False


def test_ticks_within_a_phase_lay_nothing_out(qtbot) -> None:
    page, session = player_with(qtbot, Item("hip-shift-wall", Kind.HOLD, seconds=Range(30, 30)))
    show_at(page, session, 21.0)  # into the hold: its first snapshot sets the phase up
    for _ in range(3):
        QApplication.processEvents()
    counter = Counter(page)
    app = QApplication.instance()
    assert app is not None
    app.installEventFilter(counter)
    try:
        seen = set()
        for second in range(22, 32):
            show_at(page, session, second + 0.5)
            seen.add(page.countdown.text())
            QApplication.processEvents()
    finally:
        app.removeEventFilter(counter)
    assert len(seen) == 10  # the digits did change every second
    assert counter.layouts == 0
    assert "PaintedText:Countdown" in counter.painted
    assert counter.painted <= {
        "PaintedText:Countdown",
        "PaintedText:Session time left",
        "PhaseBar:Phase progress",
        # the parents behind the painted parts (Qt paints what lies under a non-opaque widget)
        "BigFigures:",
        "QWidget:",
        "PlayerPage:",
    }, counter.painted


class PaintRects(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.widget = widget
        self.rects: list = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget and event.type() == QEvent.Type.Paint:
            self.rects.append(event.rect())  # type: ignore[attr-defined]
        return False


def test_a_new_second_repaints_only_the_digits_that_changed(qtbot) -> None:
    page, session = player_with(
        qtbot, Item("band-distraction-neutral", Kind.RELEASE, seconds=Range(120, 120))
    )
    show_at(page, session, 31.5)  # 1:49 of the release
    for _ in range(3):
        QApplication.processEvents()
    watcher = PaintRects(page.countdown)
    page.countdown.installEventFilter(watcher)
    show_at(page, session, 32.5)
    QApplication.processEvents()
    assert page.countdown.text() == "1:48"
    whole = page.countdown.text_rect()
    assert watcher.rects and all(r.width() < whole.width() / 2 for r in watcher.rects)
    assert all(r.left() > whole.center().x() for r in watcher.rects)  # the last digits only


def test_the_phase_bar_repaints_only_the_strip_that_grew(qtbot) -> None:
    from hiptimer.qt.session.painted import PhaseBar

    bar = PhaseBar()
    qtbot.addWidget(bar)
    bar.resize(1000, 16)
    bar.set_fraction(0.30)
    bar.show()
    qtbot.waitExposed(bar)
    for _ in range(3):
        QApplication.processEvents()
    watcher = PaintRects(bar)
    bar.installEventFilter(watcher)
    bar.set_fraction(0.32)  # 300 -> 320 px
    QApplication.processEvents()
    assert watcher.rects, "the bar did not repaint"
    assert all(r.width() <= 20 + 2 * 16 for r in watcher.rects)
    assert all(r.left() >= 300 - 16 and r.right() <= 320 + 16 for r in watcher.rects)
    watcher.rects.clear()
    bar.set_fraction(0.3201)  # less than a pixel: nothing to repaint
    QApplication.processEvents()
    assert watcher.rects == []
