"""PySide6's per-import source check is answered beforehand for our modules (issue 16)."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

import hiptimer
from hiptimer.qt import source_lines

PROBE = """
import json, linecache, sys
import hiptimer.qt  # PySide6 first, then the table is filled
import hiptimer.qt.home.picker, wave  # neither loaded before
print(json.dumps(sorted(linecache.cache)))
"""


def test_modules_loaded_after_pyside6_are_not_read_for_its_feature_check() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, check=True
    )
    read = [Path(name) for name in json.loads(done.stdout.splitlines()[-1])]
    assert [p for p in read if "hiptimer" in p.parts] == []
    assert [p for p in read if p.name == "wave.py"] == []


def test_every_module_of_the_package_is_named() -> None:
    folder = str(Path(hiptimer.__file__).parent)
    walked = {"hiptimer"} | {
        info.name for info in pkgutil.walk_packages([folder], prefix="hiptimer.")
    }
    assert set(source_lines.own_modules(folder, "hiptimer")) == walked


def test_answers_match_what_pyside6_would_find(monkeypatch: pytest.MonkeyPatch) -> None:
    table: dict[str, int] = {"hiptimer.cli": 5}  # an answer already there is kept
    feature = types.SimpleNamespace(pyside_feature_dict=table)
    monkeypatch.setitem(sys.modules, "PySide6.support.feature", feature)
    source_lines.skip_feature_scan()
    assert table["hiptimer.qt.home.picker"] == source_lines.USES_PYSIDE
    assert table["json"] == source_lines.IGNORED
    assert table["hiptimer.cli"] == 5


def test_a_pyside6_without_the_table_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    feature = types.SimpleNamespace()
    monkeypatch.setitem(sys.modules, "PySide6.support.feature", feature)
    source_lines.skip_feature_scan()  # nothing to fill, no error
    assert vars(feature) == {}  # no table of ours put in its place
    monkeypatch.delitem(sys.modules, "PySide6.support.feature")
    source_lines.skip_feature_scan()
