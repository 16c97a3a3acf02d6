"""The user's routine files: atomic saves, checks, rename, duplicate, trash, import and export."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hiptimer.core.paths import AppPaths, builtin_routines_dir
from hiptimer.core.routines import user_files as ur
from hiptimer.core.routines.catalog import Catalog, load_catalog
from hiptimer.core.routines.loader import load_file
from hiptimer.core.routines.model import Item, Kind, Range, Routine, Section, Sides


@pytest.fixture
def folder(app_paths: AppPaths) -> Path:
    return app_paths.user_routines_dir


def catalog_of(folder: Path) -> Catalog:
    return load_catalog(builtin_routines_dir(), folder)


def my_routine(name: str = "My quick hips", routine_id: str = "my-quick-hips") -> Routine:
    return Routine(
        id=routine_id,
        name=name,
        rest=10,
        sections=(
            Section(
                "Release",
                (Item("deep-glutes-release", Kind.RELEASE, seconds=Range(60, 120)),),
            ),
            Section(
                "Move",
                (
                    Item("sitting-knee-drop", Kind.REPS, count=20, sides=Sides.ALTERNATE),
                    Item("figure-four-supine", Kind.HOLD, seconds=Range(60, 60), note="slow"),
                ),
            ),
        ),
    )


def same(a: Routine, b: Routine) -> bool:
    strip = {"source": "", "line": 0, "builtin": False}
    a_items = [dataclasses.replace(i, line=0) for i in a.items]
    b_items = [dataclasses.replace(i, line=0) for i in b.items]
    return (
        dataclasses.replace(a, sections=(), **strip) == dataclasses.replace(b, sections=(), **strip)
        and a_items == b_items
        and [s.name for s in a.sections] == [s.name for s in b.sections]
    )


def test_save_load_save_round_trip(folder: Path) -> None:
    catalog = catalog_of(folder)
    path = ur.save_routine(catalog, folder, my_routine())
    assert path == folder / "my-quick-hips.yaml"
    text = path.read_text(encoding="utf-8")
    again = catalog_of(folder).find("my-quick-hips")
    assert again is not None and not again.builtin
    assert same(again, my_routine())
    ur.save_routine(catalog_of(folder), folder, again, again)
    assert path.read_text(encoding="utf-8") == text


def test_new_file_never_overwrites_another_routine(folder: Path) -> None:
    ur.save_routine(catalog_of(folder), folder, my_routine())
    second = my_routine(routine_id="other-id")
    path = ur.save_routine(catalog_of(folder), folder, second)
    assert path.name == "my-quick-hips-2.yaml"
    assert {r.id for r in catalog_of(folder).routines} >= {"my-quick-hips", "other-id"}


def test_new_routine_with_a_taken_id_is_refused(folder: Path) -> None:
    with pytest.raises(ur.RoutineFileError, match="already used"):
        ur.save_routine(catalog_of(folder), folder, my_routine(routine_id="daily"))
    assert not folder.exists() or not list(folder.iterdir())


def test_invalid_routine_is_refused_with_the_loader_problems(folder: Path) -> None:
    bad = dataclasses.replace(my_routine(), name="")
    with pytest.raises(ur.RoutineFileError) as info:
        ur.save_routine(catalog_of(folder), folder, bad)
    assert any("name must not be empty" in p.message for p in info.value.problems)
    assert not folder.exists() or not list(folder.glob("*.yaml"))


def test_check_routine_reports_item_problem_with_its_line() -> None:
    catalog = catalog_of(Path("/nonexistent"))
    item = Item("deep-glutes-release", Kind.RELEASE, seconds=Range(120, 60))
    routine = Routine("x", "X", (Section("S", (item,)),))
    problems = ur.check_routine(routine, catalog.library, "x.yaml", taken_ids=["x"])
    messages = [p.message for p in problems]
    assert any("low ≤ high" in m for m in messages)
    assert any("already used" in m for m in messages)


def test_rename_moves_the_file_and_keeps_the_id(folder: Path) -> None:
    ur.save_routine(catalog_of(folder), folder, my_routine())
    saved = catalog_of(folder).find("my-quick-hips")
    path = ur.rename_routine(catalog_of(folder), folder, saved, "Evening hips")
    assert path.name == "evening-hips.yaml"
    assert not (folder / "my-quick-hips.yaml").exists()
    renamed = catalog_of(folder).find("my-quick-hips")
    assert renamed is not None and renamed.name == "Evening hips"


def test_builtin_cannot_be_changed_but_can_be_duplicated(folder: Path) -> None:
    catalog = catalog_of(folder)
    daily = catalog.find("daily")
    with pytest.raises(ur.RoutineFileError, match="built in"):
        ur.rename_routine(catalog, folder, daily, "Mine")
    copy, path = ur.duplicate_routine(catalog, folder, daily)
    assert copy.id == "daily-hip-routine-my-copy" and path.parent == folder
    reloaded = catalog_of(folder).find(copy.id)
    assert reloaded is not None and not reloaded.builtin
    assert [i.exercise for i in reloaded.items] == [i.exercise for i in daily.items]


def test_failed_write_leaves_the_old_file_intact(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = ur.save_routine(catalog_of(folder), folder, my_routine())
    before = path.read_bytes()
    saved = catalog_of(folder).find("my-quick-hips")

    def crash(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ur.os, "replace", crash)
    with pytest.raises(OSError, match="No space"):
        ur.save_routine(
            catalog_of(folder), folder, dataclasses.replace(saved, description="new"), saved
        )
    assert path.read_bytes() == before
    assert [p.name for p in folder.iterdir()] == [path.name]  # no temporary file left


def test_delete_moves_to_trash_and_restore_brings_it_back(folder: Path) -> None:
    path = ur.save_routine(catalog_of(folder), folder, my_routine())
    saved = catalog_of(folder).find("my-quick-hips")
    trashed = ur.delete_routine(catalog_of(folder), folder, saved)
    assert not path.exists() and trashed.parent == folder / ".trash"
    assert catalog_of(folder).find("my-quick-hips") is None
    assert ur.trashed_files(folder) == [trashed]
    result = ur.restore_routine(catalog_of(folder), folder, trashed)
    assert result.routine_ids == ("my-quick-hips",) and not result.renamed
    assert ur.trashed_files(folder) == []
    assert same(catalog_of(folder).find("my-quick-hips"), my_routine())


def test_delete_from_a_file_with_two_routines_keeps_the_other(folder: Path) -> None:
    folder.mkdir(parents=True)
    two = ur.dump_file([my_routine(), my_routine("Second", "second")])
    (folder / "two.yaml").write_text(two, encoding="utf-8")
    catalog = catalog_of(folder)
    trashed = ur.delete_routine(catalog, folder, catalog.find("second"))
    after = catalog_of(folder)
    assert after.find("second") is None and after.find("my-quick-hips") is not None
    assert load_file(trashed, after.library).routines[0].id == "second"


def test_import_good_file_and_rename_clashing_ids(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "friend.yaml"
    source.write_text(ur.dump_file([my_routine()]), encoding="utf-8")
    first = ur.import_file(catalog_of(folder), folder, source)
    assert first.path == folder / "my-quick-hips.yaml" and not first.renamed
    assert first.path.read_bytes() == source.read_bytes()
    second = ur.import_file(catalog_of(folder), folder, source)
    assert second.renamed == {"my-quick-hips": "my-quick-hips-2"}
    assert second.path.name == "my-quick-hips-2.yaml"
    catalog = catalog_of(folder)
    assert not catalog.problems
    assert {"my-quick-hips", "my-quick-hips-2"} <= set(catalog.ids)


DOC_EXAMPLE = Path(__file__).parent / "corpus" / "valid" / "doc_example.yaml"


def test_import_file_with_its_own_exercise_twice_renames_the_copy(folder: Path) -> None:
    ur.import_file(catalog_of(folder), folder, DOC_EXAMPLE)
    again = ur.import_file(catalog_of(folder), folder, DOC_EXAMPLE)
    assert again.renamed_exercises == {"wall-sit-rotation": "wall-sit-rotation-2"}
    catalog = catalog_of(folder)
    assert not catalog.problems
    copy = catalog.find(again.renamed["my-quick-hips"])
    assert "wall-sit-rotation-2" in [i.exercise for i in copy.items]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("format: 1\nroutines: [\n", "problem"),
        ("format: 1\nroutines:\n  - id: x\n    name: X\n    sections: []\n", "problem"),
        ("!!python/object:os.system {}\n", "problem"),
        (
            "format: 1\nroutines:\n  - {id: x, name: X, sections: [{name: S, items: "
            "[{exercise: nope, kind: hold, seconds: 5}]}]}\n",
            "unknown exercise",
        ),
    ],
)
def test_import_bad_file_is_refused_and_writes_nothing(
    folder: Path, tmp_path: Path, text: str, expected: str
) -> None:
    source = tmp_path / "bad.yaml"
    source.write_text(text, encoding="utf-8")
    with pytest.raises(ur.RoutineFileError) as info:
        ur.import_file(catalog_of(folder), folder, source)
    assert expected in info.value.details()
    assert info.value.details().count("bad.yaml:") >= 1
    assert not folder.exists() or not list(folder.iterdir())


def test_import_refuses_missing_and_huge_files(folder: Path, tmp_path: Path) -> None:
    with pytest.raises(ur.RoutineFileError, match="cannot be opened"):
        ur.import_file(catalog_of(folder), folder, tmp_path / "missing.yaml")
    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"#" * (300 * 1024))
    with pytest.raises(ur.RoutineFileError, match="too large"):
        ur.import_file(catalog_of(folder), folder, huge)


def test_export_includes_own_exercises_and_a_friend_can_import_it(
    folder: Path, tmp_path: Path
) -> None:
    ur.import_file(catalog_of(folder), folder, DOC_EXAMPLE)
    catalog = catalog_of(folder)
    target = tmp_path / "out" / "share.yaml"
    ur.export_routine(catalog, folder, catalog.find("my-quick-hips"), target)
    assert "wall-sit-rotation:" in target.read_text(encoding="utf-8")
    friend = tmp_path / "friend-routines"
    result = ur.import_file(catalog_of(friend), friend, target)
    assert result.routine_ids == ("my-quick-hips",)
    assert not catalog_of(friend).problems


def test_atomic_write_replaces_in_one_step(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    ur.atomic_write(target, "one")
    ur.atomic_write(target, "two")
    assert target.read_text() == "two"
    assert os.listdir(tmp_path) == ["a.yaml"]


# --- races and hostile files (issue 10) ------------------------------------------------------

SAME_NAME = """\
format: 1
routines:
  - id: shared
    name: Shared hips
    sections:
      - name: Main
        items:
          - {exercise: figure-four-supine, kind: hold, seconds: 60}
"""


def test_imports_from_many_processes_at_once_never_replace_each_other(
    folder: Path, tmp_path: Path
) -> None:
    """Four real processes import the same file at the same moment: four files, four ids."""
    source = tmp_path / "shared.yaml"
    source.write_text(SAME_NAME)
    go = tmp_path / "go"
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from hiptimer.core.paths import builtin_routines_dir\n"
        "from hiptimer.core.routines import user_files as ur\n"
        "from hiptimer.core.routines.catalog import load_catalog\n"
        "folder, source, go = map(Path, sys.argv[1:4])\n"
        "catalog = load_catalog(builtin_routines_dir(), folder)  # loaded before the others write\n"
        "while not go.exists():\n"
        "    time.sleep(0.001)\n"
        "print(ur.import_file(catalog, folder, source).routine_ids[0])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(folder), str(source), str(go)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(4)
    ]
    go.touch()
    ids = [worker.communicate(timeout=60)[0].strip() for worker in workers]
    assert all(worker.returncode == 0 for worker in workers)
    assert sorted(ids) == ["shared", "shared-2", "shared-3", "shared-4"]
    files = sorted(p.name for p in folder.glob("*.yaml"))
    assert files == [
        "shared-hips-2.yaml",
        "shared-hips-3.yaml",
        "shared-hips-4.yaml",
        "shared-hips.yaml",
    ]
    catalog = catalog_of(folder)
    assert catalog.problems == []  # no routine lost to an id clash at the next start
    assert sum(r.id.startswith("shared") for r in catalog.routines) == 4


def test_an_import_checks_ids_against_the_folder_as_it_is_now(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "shared.yaml"
    source.write_text(SAME_NAME)
    stale = catalog_of(folder)  # this window loaded before the other one imported
    ur.import_file(catalog_of(folder), folder, source)  # the other window
    result = ur.import_file(stale, folder, source)
    assert result.renamed == {"shared": "shared-2"}
    assert catalog_of(folder).problems == []


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_importing_something_that_is_not_a_file_is_refused_at_once(
    folder: Path, tmp_path: Path, kind: str
) -> None:
    source = tmp_path / "thing.yaml"
    if kind == "fifo":
        os.mkfifo(source)  # no writer: a plain open() would hang
    elif kind == "device":
        source.symlink_to("/dev/zero")  # a plain read() would fill the memory
    else:
        source.mkdir()
    with pytest.raises(ur.RoutineFileError, match="it is not a regular file"):
        ur.import_file(catalog_of(folder), folder, source)
    assert not folder.exists() or not list(folder.glob("*.yaml"))


def test_a_pipe_or_device_in_the_routines_folder_is_one_problem(folder: Path) -> None:
    folder.mkdir(parents=True)
    os.mkfifo(folder / "pipe.yaml")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    (folder / "good.yaml").write_text(SAME_NAME)
    catalog = catalog_of(folder)
    assert catalog.find("shared") is not None
    assert sorted(str(p) for p in catalog.problems) == [
        f"{folder / 'pipe.yaml'}:1: the file is not a regular file (a pipe)",
        f"{folder / 'zero.yaml'}:1: the file is not a regular file (a device)",
    ]


def test_a_routines_folder_that_cannot_be_read_does_not_stop_the_app(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "routines"
    not_a_folder.write_text("I am a file")
    catalog = catalog_of(not_a_folder)  # nothing to list, and that is said
    assert catalog.find("daily") is not None
    assert [p.code for p in catalog.problems] == [ur.Code.UNREADABLE]
    looped = tmp_path / "loop"
    looped.symlink_to(looped)  # stat and listing fail with "too many levels of links"
    catalog = catalog_of(looped)
    assert catalog.find("daily") is not None
    assert [p.code for p in catalog.problems] in ([], [ur.Code.UNREADABLE])
