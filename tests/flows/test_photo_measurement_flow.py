"""Alone, from photos: both tests of the assessment measured on photos, stored and charted."""

from __future__ import annotations

from hiptimer.core.history.store import HistoryStore
from hiptimer.core.routines.model import Side, SideChoice
from hiptimer.core.session.plan import PhaseKind
from hiptimer.qt.photo.canvas import Mark
from tests.fakes import draw_leg_photo, make_ctx
from tests.flows.driving import in_phase, play_until, snap, start


def _measure_on_photo(
    qtbot, window, tmp_path, degrees: int, lean: int, *, keep: bool, same_photo: bool = False
) -> None:
    button = window.player.photo_button
    assert button.isVisible()
    dialog = button.open_dialog()
    assert dialog is not None
    step = snap(window).step
    hanging = step.exercise.id == "seated-ir-test"
    photo = draw_leg_photo(degrees, lean=lean, hanging=hanging)
    if same_photo:
        assert dialog.last_button.isVisible()
        dialog.last_button.click()
    else:
        path = tmp_path / f"step-{step.index}.jpg"
        assert photo.image.save(str(path), "JPEG", 92)
        assert dialog.open_photo_file(str(path))
    dialog.canvas.place(Mark.KNEE, photo.knee)
    dialog.canvas.place(Mark.ANKLE, photo.ankle)
    dialog.keep.setChecked(keep)
    dialog.ok_button.click()


def test_both_tests_from_photos_land_in_history_and_the_chart(
    qtbot, app_paths, clock, store: HistoryStore, writes, tmp_path
) -> None:
    from hiptimer.qt.main_window import MainWindow
    from hiptimer.qt.session.voice import Voice

    ctx = make_ctx(app_paths, history=store, writes=writes, clock=clock)
    window = MainWindow(ctx, cues=None, voice=Voice("mock"))
    qtbot.addWidget(window)
    window.show()
    start(qtbot, window, "assessment", SideChoice.BOTH)
    measured = []
    for step in range(4):
        play_until(window, clock, in_phase(PhaseKind.MEASURE, step=step))
        exercise, side = snap(window).step.exercise.id, snap(window).step.side
        seated = exercise == "seated-ir-test"
        # feet outward: from the feet (face down) the left foot goes to the picture's left;
        # from in front (seated) to the picture's right
        lean = (1 if side is Side.LEFT else -1) if seated else (-1 if side is Side.LEFT else 1)
        degrees = 34 + 3 * step
        _measure_on_photo(
            qtbot, window, tmp_path, degrees, lean, keep=step == 0, same_photo=step % 2 == 1
        )
        measured.append((exercise, side, degrees))
    assert window.stack.currentWidget() is window.summary
    assert writes.wait_until_saved()
    rows = store.measurements()
    assert [(r.test, r.side, r.degrees, r.from_photo) for r in rows] == [
        ("prone" if e == "prone-ir-test" else "seated", s, d, True) for e, s, d in measured
    ]
    kept = [r.photo for r in rows if r.photo]
    assert len(kept) == 1 and rows[0].photo == kept[0]  # only the photo asked for is kept
    assert [p.name for p in store.photos_dir.iterdir()] == kept

    window.show_home()
    window.home.setCurrentWidget(window.home.history_tab)
    page = window.history_page
    page.refresh()
    for row in rows:
        series = {s.objectName(): s for s in page.chart.chart(row.test).series()}
        points = series[f"{row.test}-{row.side.value}"].points()
        assert [p.y() for p in points] == [row.degrees]  # each photo value on the chart


def test_a_typed_measurement_after_a_photo_is_not_marked(
    qtbot, app_paths, clock, store: HistoryStore, writes, tmp_path
) -> None:
    from hiptimer.qt.main_window import MainWindow

    ctx = make_ctx(app_paths, history=store, writes=writes, clock=clock)
    window = MainWindow(ctx, cues=None, voice=None)
    qtbot.addWidget(window)
    window.show()
    start(qtbot, window, "assessment", SideChoice.BOTH)
    play_until(window, clock, in_phase(PhaseKind.MEASURE, step=0))
    lean = -1 if snap(window).step.side is Side.LEFT else 1
    _measure_on_photo(qtbot, window, tmp_path, 40, lean, keep=True)
    assert writes.wait_until_saved()
    [first] = store.measurements()
    assert first.from_photo and first.photo is not None
    window.controller.runner.previous()
    play_until(window, clock, in_phase(PhaseKind.MEASURE, step=0))
    window.player.measure_spin.setValue(41)
    window.player.submit_measurement()
    assert writes.wait_until_saved()
    # one measurement per step: typed again, it is no longer from a photo, and the photo goes
    assert [(m.degrees, m.from_photo, m.photo) for m in store.measurements()] == [(41, False, None)]
    assert list(store.photos_dir.iterdir()) == []
