"""Writes that never cost data: replace atomically, create only when free, keep copies aside."""

from __future__ import annotations

from pathlib import Path

import pytest

from hiptimer.core.atomic_file import atomic_write, create_new, move_aside


def test_atomic_write_replaces_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "a" / "f.txt"
    atomic_write(path, "one")
    atomic_write(path, "two")
    assert path.read_text() == "two"
    assert [p.name for p in path.parent.iterdir()] == ["f.txt"]


def test_create_new_never_replaces_a_file_another_writer_made(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    create_new(path, "mine")
    with pytest.raises(FileExistsError):
        create_new(path, "theirs")
    assert path.read_text() == "mine"
    assert [p.name for p in tmp_path.iterdir()] == ["r.yaml"]


def test_move_aside_numbers_copies_and_keeps_every_one(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    names = []
    for content in ("1", "2", "3"):
        path.write_text(content)
        names.append(move_aside(path, ".corrupt").name)
    assert names == [
        "history.sqlite3.corrupt",
        "history.sqlite3.corrupt.2",
        "history.sqlite3.corrupt.3",
    ]
    assert [(tmp_path / n).read_text() for n in names] == ["1", "2", "3"]
    assert not path.exists()
