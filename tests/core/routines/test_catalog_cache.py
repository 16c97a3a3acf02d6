"""The catalog kept between runs: the same files give the same catalog without reading YAML;
any change to a file, the folder or the code is a miss; a doubtful cache file is never read."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from hiptimer.core.paths import builtin_routines_dir
from hiptimer.core.routines import catalog_cache, loader
from hiptimer.core.routines.catalog import load_catalog
from hiptimer.core.routines.catalog_cache import CACHE_NAME, read_cached
from tests.core.routines.test_catalog import MINE


def _count_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the loader checks from now on (a cache hit checks none)."""
    checked: list[str] = []
    real = loader.load_text

    def counting(text, filename, *args, **kwargs):
        checked.append(Path(filename).name)
        return real(text, filename, *args, **kwargs)

    monkeypatch.setattr(loader, "load_text", counting)  # the catalog imports it when it must
    return checked


def test_a_second_load_of_the_same_files_checks_nothing_and_equals_the_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user, cache = tmp_path / "routines", tmp_path / "cache"
    user.mkdir()
    (user / "mine.yaml").write_text(MINE.format(id="mine"))
    (user / "broken.yaml").write_text("format: 1\nroutines: [\n")
    checked = _count_checks(monkeypatch)
    first = load_catalog(builtin_routines_dir(), user, cache)
    assert "mine.yaml" in checked and "exercises.yaml" in checked
    assert (cache / CACHE_NAME).stat().st_mode & 0o077 == 0  # private
    checked.clear()
    second = load_catalog(builtin_routines_dir(), user, cache)
    assert checked == []
    assert second == first
    assert second.find("mine") is not None
    assert [(p.file, p.line, p.message) for p in second.problems] == [
        (p.file, p.line, p.message) for p in first.problems
    ]
    assert any(Path(p.file).name == "broken.yaml" for p in second.problems)


@pytest.mark.parametrize("change", ["edit", "add", "remove", "rename", "code"])
def test_any_change_is_a_miss_and_the_new_files_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    user, cache = tmp_path / "routines", tmp_path / "cache"
    user.mkdir()
    mine = user / "mine.yaml"
    mine.write_text(MINE.format(id="mine"))
    load_catalog(builtin_routines_dir(), user, cache)
    if change == "edit":
        mine.write_text(MINE.format(id="edited"))
    elif change == "add":
        (user / "other.yaml").write_text(MINE.format(id="other").replace("my-knee", "o-knee"))
    elif change == "remove":
        mine.unlink()
    elif change == "rename":
        mine.rename(user / "renamed.yaml")
    else:
        monkeypatch.setattr(catalog_cache, "code_stamp", lambda: b"a newer hiptimer")
    checked = _count_checks(monkeypatch)
    fresh = load_catalog(builtin_routines_dir(), user, cache)
    assert checked, "a change must be read, not taken from the cache"
    expected = load_catalog(builtin_routines_dir(), user)  # no cache at all
    assert fresh == expected


def test_a_file_that_cannot_be_read_is_part_of_the_key(tmp_path: Path) -> None:
    user, cache = tmp_path / "routines", tmp_path / "cache"
    user.mkdir()
    fifo = user / "pipe.yaml"
    os.mkfifo(fifo)
    first = load_catalog(builtin_routines_dir(), user, cache)
    assert any(p.file == str(fifo) for p in first.problems)
    fifo.unlink()
    fifo.write_text(MINE.format(id="piped"))
    assert load_catalog(builtin_routines_dir(), user, cache).find("piped") is not None


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other key", "not a catalog", "empty"])
def test_a_damaged_or_foreign_cache_is_a_miss(tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    good = load_catalog(builtin_routines_dir(), None, cache)
    path = cache / CACHE_NAME
    data = path.read_bytes()
    path.write_bytes(
        {
            "garbage": b"\x80\x05not a pickle at all",
            "truncated": data[: len(data) // 2],
            "other key": pickle.dumps(("0" * 64, good)),
            "not a catalog": pickle.dumps((pickle.loads(data)[0], {"routines": []})),
            "empty": b"",
        }[damage]
    )
    assert load_catalog(builtin_routines_dir(), None, cache) == good
    assert path.read_bytes() != b"" and pickle.loads(path.read_bytes())[1] == good  # rewritten


def test_a_cache_others_could_have_written_is_never_unpickled(tmp_path: Path) -> None:
    """A pickle runs what it says: one others may write, or a link, is not read."""
    cache = tmp_path / "cache"
    load_catalog(builtin_routines_dir(), None, cache)
    path = cache / CACHE_NAME
    kept_key = pickle.loads(path.read_bytes())[0]
    marker = tmp_path / "ran"
    evil = f"__import__('pathlib').Path({str(marker)!r}).touch()"

    class Evil:
        def __reduce__(self):
            return (eval, (evil,))

    path.write_bytes(pickle.dumps((kept_key, Evil())))
    path.chmod(0o666)
    assert read_cached(path, kept_key) is None
    link = cache / "link.pickle"
    link.symlink_to(path)
    path.chmod(0o600)
    assert read_cached(link, kept_key) is None
    assert not marker.exists()
    os.mkfifo(cache / "fifo.pickle")
    assert read_cached(cache / "fifo.pickle", kept_key) is None  # does not block


def test_a_cache_folder_that_cannot_be_written_costs_nothing(tmp_path: Path) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the folder should be")
    catalog = load_catalog(builtin_routines_dir(), None, blocked)
    assert catalog.find("daily") is not None


def test_a_start_on_a_warm_cache_does_not_import_yaml(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_catalog(builtin_routines_dir(), None, cache)
    code = (
        "import sys; from pathlib import Path;"
        "from hiptimer.core.paths import builtin_routines_dir;"
        "from hiptimer.core.routines.catalog import load_catalog;"
        f"c = load_catalog(builtin_routines_dir(), None, Path({str(cache)!r}));"
        "print(len(c.routines), 'yaml' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["4", "False"]


def test_a_start_from_the_cache_does_not_import_the_readers(tmp_path: Path) -> None:
    """The cache saves the readers' import as well as their work (issue 16)."""
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path;"
        "from hiptimer.core.paths import builtin_routines_dir;"
        "from hiptimer.core.routines.catalog import load_catalog;"
        f"c = load_catalog(builtin_routines_dir(), None, Path({str(tmp_path)!r}));"
        "print(len(c.routines), 'hiptimer.core.routines.loader' in sys.modules,"
        " 'yaml' in sys.modules)"
    )
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    second = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    count = first.stdout.split()[0]
    assert first.stdout.split()[1:] == ["True", "True"]  # no cache yet: the files are read
    assert second.stdout.split() == [count, "False", "False"]
