"""Safe names: slugs for files and ids, fresh ids, free file names, copy names."""

from __future__ import annotations

from pathlib import Path

import pytest

from hiptimer.core.routines.naming import copy_name, slugify, unique_file, unique_id


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("My quick hips", "my-quick-hips"),
        ("Mé & my hips!", "me-my-hips"),
        ("../../etc/passwd", "etc-passwd"),
        ("..", "routine"),
        ("", "routine"),
        ("C:\\Windows\\system32", "c-windows-system32"),
        ("   --- ", "routine"),
        ("日本語", "routine"),
        ("a" * 300, "a" * 48),
    ],
)
def test_slugify_gives_safe_file_names(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_unique_id_avoids_taken_ids() -> None:
    assert unique_id("Daily", []) == "daily"
    assert unique_id("Daily", ["daily"]) == "daily-2"
    assert unique_id("Daily", ["daily", "daily-2"]) == "daily-3"
    long_id = unique_id("x" * 100, ["x" * 48])
    assert long_id.endswith("-2") and len(long_id) <= 64


def test_unique_file_skips_taken_names_and_yml_twins_but_may_keep_its_own(tmp_path: Path) -> None:
    assert unique_file(tmp_path, "My hips") == tmp_path / "my-hips.yaml"
    (tmp_path / "my-hips.yaml").write_text("x")
    (tmp_path / "my-hips-2.yml").write_text("x")
    assert unique_file(tmp_path, "My hips") == tmp_path / "my-hips-3.yaml"
    kept = unique_file(tmp_path, "My hips", keep=tmp_path / "my-hips.yaml")
    assert kept == tmp_path / "my-hips.yaml"


def test_copy_name_counts_up_past_taken_names() -> None:
    assert copy_name("Daily", []) == "Daily (my copy)"
    assert copy_name("Daily", ["Daily (my copy)"]) == "Daily (my copy 2)"
    assert copy_name("Daily", ["Daily (my copy)", "Daily (my copy 2)"]) == "Daily (my copy 3)"
