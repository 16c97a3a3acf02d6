"""Reading files the app did not write: never a hang, never more than the limit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hiptimer.core.bounded_read import ReadProblem, read_bounded


def test_a_regular_file_within_the_limit_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 100_000)
    assert read_bounded(path, 100_000) == b"x" * 100_000


def test_a_larger_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 101)
    with pytest.raises(ReadProblem) as caught:
        read_bounded(path, 100)
    assert caught.value.opened and "too large: 101 bytes" in caught.value.reason


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: os.mkfifo(p), "a pipe"),
        (lambda p: p.symlink_to("/dev/zero"), "a device"),
        (lambda p: p.mkdir(), "a folder"),
    ],
)
def test_pipes_devices_and_folders_are_refused_without_blocking(
    tmp_path: Path, make, words: str
) -> None:
    path = tmp_path / "f"
    make(path)
    with pytest.raises(ReadProblem) as caught:
        read_bounded(path, 1000)
    assert caught.value.reason == f"is not a regular file ({words})"
    assert str(path) in str(caught.value)


def test_a_missing_file_is_told_apart_from_a_damaged_one(tmp_path: Path) -> None:
    with pytest.raises(ReadProblem) as caught:
        read_bounded(tmp_path / "none", 10)
    assert not caught.value.opened
    assert caught.value.reason == "cannot be opened (no such file or directory)"
