"""Built-in and user routines together; broken user files never hide the good ones."""

from __future__ import annotations

from pathlib import Path

from hiptimer.core.paths import builtin_routines_dir
from hiptimer.core.routines.catalog import load_catalog

MINE = """\
format: 1
exercises:
  my-knee-turn:
    name: Knee turn
    section: Mine
    position: on-back
    steps: [Turn the knee in slowly.]
routines:
  - id: {id}
    name: Mine
    sections:
      - name: Main
        items:
          - {{exercise: my-knee-turn, kind: reps, count: 10}}
          - {{exercise: figure-four-supine, kind: hold, seconds: 60}}
"""


def test_builtins_load_without_problems() -> None:
    catalog = load_catalog(builtin_routines_dir(), None)
    assert catalog.problems == []
    assert catalog.ids == ["assessment", "daily-10", "daily", "full-program"]
    assert len(catalog.library.exercises) == 26
    assert all(r.builtin for r in catalog.routines)


def test_user_files_add_routines_and_exercises(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text(MINE.format(id="mine"))
    catalog = load_catalog(builtin_routines_dir(), tmp_path)
    mine = catalog.find("mine")
    assert mine is not None and not mine.builtin and mine.source == str(tmp_path / "mine.yaml")
    assert "my-knee-turn" in catalog.library


def test_a_broken_file_is_reported_and_the_rest_still_load(tmp_path: Path) -> None:
    (tmp_path / "a-broken.yaml").write_bytes(b"\x00\xff binary junk")
    (tmp_path / "b-typo.yaml").write_text(MINE.format(id="typo").replace("count: 10", "cout: 10"))
    (tmp_path / "c-good.yaml").write_text(MINE.format(id="good").replace("my-knee-turn", "turn"))
    (tmp_path / "notes.txt").write_text("not a routine")
    catalog = load_catalog(builtin_routines_dir(), tmp_path)
    assert catalog.find("good") is not None
    assert catalog.find("typo") is None
    files = {Path(p.file).name for p in catalog.problems}
    assert files == {"a-broken.yaml", "b-typo.yaml"}


def test_a_repeated_routine_id_is_skipped_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "clash.yaml").write_text(MINE.format(id="daily"))
    catalog = load_catalog(builtin_routines_dir(), tmp_path)
    assert [r.id for r in catalog.routines].count("daily") == 1
    assert catalog.find("daily").builtin
    [problem] = catalog.problems
    assert problem.file == str(tmp_path / "clash.yaml")
    assert problem.line == 9
    assert "already used" in problem.message


def test_a_missing_user_folder_is_fine(tmp_path: Path) -> None:
    catalog = load_catalog(builtin_routines_dir(), tmp_path / "nope")
    assert catalog.problems == [] and len(catalog.routines) == 4


def test_a_routines_folder_that_is_a_file_is_said_not_ignored(tmp_path: Path) -> None:
    (tmp_path / "routines").write_text("not a folder")
    catalog = load_catalog(builtin_routines_dir(), tmp_path / "routines")
    [problem] = catalog.problems
    assert problem.file == str(tmp_path / "routines")
    assert "not a folder" in problem.message
    assert len(catalog.routines) == 4  # the built-in ones are still there
