"""The documented examples load without a single problem; the tables say what the schema does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hiptimer.core.paths import builtin_routines_dir
from hiptimer.core.routines.catalog import load_library
from hiptimer.core.routines.limits import (
    DEFAULT_SET_REST,
    LIMITED_EXTRA_LIMITS,
    SESSIONS_PER_WEEK_LIMITS,
    TARGET_WEEKS_LIMITS,
)
from hiptimer.core.routines.loader import load_text
from hiptimer.core.routines.model import Kind, Sidedness
from hiptimer.core.routines.schema import (
    DEFAULT_HELD_PACE,
    DEFAULT_ONCE_SECONDS,
    DEFAULT_PACE,
    FORMAT_VERSION,
    KIND_SPECS,
)

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


FORMAT_DOC = (ROOT / "routines" / "FORMAT.md").read_text(encoding="utf-8")


def _table_row(first_cell: str) -> list[str]:
    line = next(line for line in FORMAT_DOC.splitlines() if line.startswith(f"| {first_cell} |"))
    return [cell.strip() for cell in line.strip("|").split("|")]


@pytest.mark.parametrize("kind", list(Kind), ids=lambda kind: kind.value)
def test_the_kinds_table_lists_each_kinds_keys_as_the_schema_does(kind: Kind) -> None:
    spec = KIND_SPECS[kind]
    keys = _table_row(f"`{kind.value}`")[1].replace(" as a range", "")
    expected = [f"**`{f.key}`**" if f.required else f"`{f.key}`" for f in spec.fields]
    assert keys == (", ".join(expected) if expected else "—")


def test_the_limits_and_defaults_in_the_doc_are_the_schemas() -> None:
    for spec in KIND_SPECS.values():
        for dose in spec.fields:
            assert f"{dose.limits.low} to {dose.limits.high:,}" in FORMAT_DOC, dose.key
    assert f"(default {DEFAULT_PACE})" in FORMAT_DOC
    assert f"(default {DEFAULT_HELD_PACE})" in FORMAT_DOC
    assert f"(default {DEFAULT_ONCE_SECONDS})" in FORMAT_DOC
    assert f"(default {DEFAULT_SET_REST}; 0 for none)" in FORMAT_DOC
    assert f"`format` | yes | always `{FORMAT_VERSION}`" in FORMAT_DOC
    for limits, row in (
        (LIMITED_EXTRA_LIMITS, "`limited_extra`"),
        (SESSIONS_PER_WEEK_LIMITS, "`target`: `per_week`"),
        (TARGET_WEEKS_LIMITS, "`target`: `weeks`"),
    ):
        assert f"| {row} | {limits.low} to {limits.high}" in FORMAT_DOC, row


def test_the_sidedness_table_lists_every_value() -> None:
    for sidedness in Sidedness:
        assert _table_row(f"`{sidedness.value}`")
