"""The documented examples are real: they load without a single problem."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hiptimer.core.paths import builtin_routines_dir
from hiptimer.core.routines.catalog import load_library
from hiptimer.core.routines.loader import load_text

ROOT = Path(__file__).resolve().parents[3]


def yaml_blocks(path: Path) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S)


@pytest.mark.parametrize("doc", ["routines/FORMAT.md", "README.md"])
def test_every_yaml_example_in_the_docs_loads_cleanly(doc: str) -> None:
    library, _ = load_library(builtin_routines_dir())
    blocks = yaml_blocks(ROOT / doc)
    assert blocks
    for text in blocks:
        result = load_text(text, doc, library)
        assert result.problems == []
        assert result.routines
