"""Photos kept with measurements: kept only when asked, in the data folder, gone with them."""

from __future__ import annotations

import stat
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from hiptimer.core.history.photos import keep_photo, photo_path, photos_dir, remove_photo
from hiptimer.core.history.store import HistoryStore
from tests.fakes import make_outcome

T0 = datetime(2026, 3, 2, 19, 0, tzinfo=ZoneInfo("Europe/Berlin"))
JPEG = b"\xff\xd8\xff\xe0" + b"photo" * 100 + b"\xff\xd9"


def test_a_kept_photo_is_private_and_beside_the_history(store: HistoryStore) -> None:
    assert store.photos_dir == store.path.parent / "photos" == photos_dir(store.path)
    name = keep_photo(store.photos_dir, JPEG)
    path = photo_path(store.photos_dir, name)
    assert path.read_bytes() == JPEG
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.photos_dir.stat().st_mode) == 0o700
    assert keep_photo(store.photos_dir, JPEG) != name  # every photo gets its own name


def test_only_jpeg_data_of_a_sane_size_is_kept(tmp_path) -> None:
    with pytest.raises(ValueError, match="JPEG"):
        keep_photo(tmp_path, b"GIF89a")
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize("name", ["../history.sqlite3", "/etc/passwd", "a.jpg", "x" * 32 + ".jpg"])
def test_names_hiptimer_never_makes_are_refused(tmp_path, name: str) -> None:
    with pytest.raises(ValueError, match="not a kept photo"):
        photo_path(tmp_path, name)
    with pytest.raises(ValueError):
        remove_photo(tmp_path, name)


def test_no_photo_is_written_unless_asked(store: HistoryStore) -> None:
    measurement = store.add_measurement("prone", "left", 41, T0, from_photo=True)
    [row] = store.measurements()
    assert (row.id, row.from_photo, row.photo) == (measurement, True, None)
    assert not store.photos_dir.exists()


def test_a_kept_photo_is_named_by_its_measurement_and_deleted_with_it(
    store: HistoryStore,
) -> None:
    kept = keep_photo(store.photos_dir, JPEG)
    other = keep_photo(store.photos_dir, JPEG)
    first = store.add_measurement("prone", "left", 41, T0, from_photo=True, photo=kept)
    second = store.add_measurement("prone", "right", 44, T0, from_photo=True, photo=other)
    typed = store.add_measurement("seated", "left", 30, T0)
    assert [(m.from_photo, m.photo) for m in store.measurements()] == [
        (True, kept),
        (True, other),
        (False, None),
    ]

    store.delete_measurement(first)
    assert [m.id for m in store.measurements()] == [second, typed]
    assert not photo_path(store.photos_dir, kept).exists()
    assert photo_path(store.photos_dir, other).read_bytes() == JPEG  # the other one stays
    assert store.measurement_trends(0)[("prone", "left")].points == []

    store.forget_photo(second)
    assert not photo_path(store.photos_dir, other).exists()
    [kept_row, _] = store.measurements()
    assert (kept_row.id, kept_row.degrees, kept_row.from_photo, kept_row.photo) == (
        second,
        44,
        True,
        None,
    )
    store.delete_measurement(typed)  # nothing to remove but the row
    assert [m.id for m in store.measurements()] == [second]


def test_a_photo_measured_on_a_test_step_is_marked_and_kept(store: HistoryStore) -> None:
    session_id = store.begin_session("assessment", "Assessment", "h", "both", T0)
    kept = keep_photo(store.photos_dir, JPEG)
    step = make_outcome(0, "prone-ir-test", "Rotation test, face down", "test", measurement=38)
    store.record_step(session_id, step, T0 + timedelta(minutes=2), from_photo=True, photo=kept)
    typed = make_outcome(1, "prone-ir-test", "Rotation test", "test", "right", measurement=40)
    store.record_step(session_id, typed, T0 + timedelta(minutes=3))
    assert [(m.side, m.degrees, m.from_photo, m.photo) for m in store.measurements()] == [
        ("left", 38, True, kept),
        ("right", 40, False, None),
    ]


def test_a_photo_must_exist_and_belong_to_a_photo_measurement(store: HistoryStore) -> None:
    with pytest.raises(ValueError, match="not in"):
        store.add_measurement("prone", "left", 41, T0, from_photo=True, photo="0" * 32 + ".jpg")
    kept = keep_photo(store.photos_dir, JPEG)
    with pytest.raises(ValueError, match="only a measurement taken from a photo"):
        store.add_measurement("prone", "left", 41, T0, photo=kept)
    assert store.measurements() == []


def test_a_hand_edited_photo_name_is_never_followed(store: HistoryStore) -> None:
    first = store.add_measurement("prone", "left", 41, T0, from_photo=True)
    store.add_measurement("prone", "left", 42, T0, from_photo=True)
    store._conn.execute("UPDATE measurements SET photo = '../history.sqlite3'")
    store.forget_photo(first)
    store.delete_measurement(first)
    assert store.path.is_file()
    assert [m.degrees for m in store.measurements()] == [42]


def test_deleting_twice_changes_nothing_the_second_time(store: HistoryStore) -> None:
    kept = keep_photo(store.photos_dir, JPEG)
    first = store.add_measurement("prone", "left", 41, T0, from_photo=True, photo=kept)
    store.add_measurement("prone", "left", 43, T0)
    store.delete_measurement(first)
    store.delete_measurement(first)  # a replayed write
    store.forget_photo(first)
    assert [m.degrees for m in store.measurements()] == [43]


def test_exports_say_which_measurements_came_from_a_photo(store: HistoryStore) -> None:
    import csv
    import io
    import json

    from hiptimer.core.history.export import export

    store.add_measurement("prone", "left", 41, T0, from_photo=True)
    store.add_measurement("prone", "right", 43, T0, note="goniometer")
    document = json.loads(export(store, "json"))
    assert [m["from_photo"] for m in document["measurements"]] == [True, False]
    rows = list(csv.DictReader(io.StringIO(export(store, "csv"))))
    assert [row["from_photo"] for row in rows] == ["1", "0"]
    table = export(store, "table").splitlines()
    assert "How" in table[-4] and "photo" in table[-2] and "typed" in table[-1]


def test_photo_marks_travel_in_the_writes_kept_for_later(store: HistoryStore) -> None:
    from hiptimer.core.history import commands

    kept = keep_photo(store.photos_dir, JPEG)
    add = commands.AddMeasurement("prone", "left", 41, T0, from_photo=True, photo=kept)
    assert commands.from_json(commands.to_json(add)) == add
    step = commands.StepRecord.of(
        make_outcome(0, "seated-ir-test", "Rotation test, seated", "test", measurement=33)
    )
    record = commands.RecordStep("key", step, T0, None, True, None)
    assert commands.from_json(commands.to_json(record)) == record
    add.apply(store)
    add.apply(store)  # replayed: still one
    [row] = store.measurements()
    assert (row.from_photo, row.photo) == (True, kept)
    commands.DeleteMeasurement(row.id, photo_only=True).apply(store)
    assert store.measurements()[0].photo is None and not any(store.photos_dir.iterdir())
    commands.DeleteMeasurement(row.id).apply(store)
    assert store.measurements() == []


@pytest.mark.parametrize(
    ("from_photo", "photo", "message"),
    [
        ("yes", None, "true or false"),
        (False, "0" * 32 + ".jpg", "only a measurement taken from a photo"),
        (True, "../history.sqlite3", "not a kept photo"),
    ],
)
def test_a_bad_photo_mark_is_refused_where_it_is_made(from_photo, photo, message) -> None:
    from hiptimer.core.history import commands

    with pytest.raises(ValueError, match=message):
        commands.AddMeasurement("prone", "left", 41, T0, from_photo=from_photo, photo=photo)
