"""load_text / load_file from strings and bytes: safety, limits, messages, never raising."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hiptimer.core.routines import yaml_composer
from hiptimer.core.routines.loader import LoadResult, load_file, load_text
from hiptimer.core.routines.model import Exercise, Kind, Library, Range, Sidedness
from hiptimer.core.routines.problems import Code

LIBRARY = Library(
    {
        "figure-four-supine": Exercise(
            "figure-four-supine", "Figure four", "Stretches", "on-back", steps=("Cross.",)
        ),
        "prone-ir-test": Exercise(
            "prone-ir-test",
            "Prone test",
            "Tests",
            "face-down",
            steps=("Lie.",),
            normal=Range(35, 45),
        ),
    }
)

GOOD = """\
format: 1
exercises:
  wall-turn:
    name: Wall turn
    section: Gentle
    position: feet-on-wall
    equipment: [wall]
    one_sided: no
    steps:
      - Lie down.
routines:
  - id: quick
    name: Quick
    sections:
      - name: A
        items:
          - {exercise: figure-four-supine, kind: hold, seconds: 60}
          - {exercise: wall-turn, kind: reps, count: 10, sides: both}
          - {exercise: prone-ir-test, kind: test}
"""


def messages(result: LoadResult) -> list[str]:
    return [f"{p.line}: {p.message}" for p in result.problems]


def load(text: str | bytes, library: Library = LIBRARY, **kwargs: object) -> LoadResult:
    return load_text(text, "t.yaml", library, **kwargs)  # type: ignore[arg-type]


def routine_with(item: str) -> str:
    return (
        "format: 1\nroutines:\n  - id: r\n    name: R\n    sections:\n"
        f"      - name: A\n        items:\n          - {item}\n"
    )


# --- the good path ------------------------------------------------------------------------


def test_good_file_loads_with_sources_lines_and_flags() -> None:
    result = load(GOOD, source="/some/where.yaml", builtin=True)
    assert result.ok and result.problems == []
    (routine,) = result.routines
    assert (routine.source, routine.builtin, routine.line) == ("/some/where.yaml", True, 12)
    assert [item.line for item in routine.items] == [17, 18, 19]
    assert [item.kind for item in routine.items] == [Kind.HOLD, Kind.REPS, Kind.TEST]
    wall = result.exercises["wall-turn"]
    assert (wall.sidedness, wall.line, wall.source) == (Sidedness.TOGETHER, 3, "/some/where.yaml")


def test_bytes_and_a_utf8_bom_are_fine() -> None:
    assert load(("\ufeff" + GOOD).encode("utf-8")).ok


def test_load_file_reads_a_path(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD, encoding="utf-8")
    result = load_file(path, LIBRARY)
    assert result.ok
    assert result.routines[0].source == str(path)
    assert result.routines[0].builtin is False


def test_load_file_reports_a_missing_file(tmp_path: Path) -> None:
    result = load_file(tmp_path / "nope.yaml", LIBRARY)
    assert messages(result) == ["1: the file cannot be opened (no such file or directory)"]


# --- junk in, one clear problem out ---------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "1: the file is empty"),
        ("   \n\n  ", "1: the file is empty"),
        ("# only a comment\n", "1: the file is empty"),
        (
            b"format: 1\nname: caf\xe9\n",
            "2: the file is not UTF-8 text (byte 0xe9 cannot be decoded)",
        ),
        (
            b"format: 1\n\nx: \x00\x01",
            "3: the file holds NUL bytes: it looks binary, not a YAML text file",
        ),
        (
            "format: 1\nx: \x07\n",
            "2: the file holds a control character (U+0007) that text should not have",
        ),
        ("format: 1\nx: \ud800\n", "2: the text holds an invalid character (a lone surrogate)"),
        (
            "just words",
            "1: the top level must be a mapping with `format`, `exercises` and `routines`,"
            " got 'just words'",
        ),
        (
            "format: [1",
            "1: YAML syntax error: did not find expected ',' or ']'"
            " (while parsing a flow sequence)",
        ),
    ],
)
def test_junk_gives_one_clear_problem(data: str | bytes, expected: str) -> None:
    result = load(data)
    assert messages(result) == [expected]
    assert result.routines == [] and result.exercises == {}


def test_size_is_checked_before_parsing() -> None:
    too_big = "format: [" + "x" * (256 * 1024)  # also a syntax error, never reached
    assert messages(load(too_big)) == [
        "1: the file is too large: 262,153 bytes (at most 262,144, 256 KiB)"
    ]
    assert len(load(too_big.encode()).problems) == 1


def test_size_counts_bytes_not_characters() -> None:
    text = "format: 1\n# " + "é" * (130 * 1024)  # fewer characters than the limit, more bytes
    assert messages(load(text))[0].startswith("1: the file is too large")


def test_load_file_refuses_a_huge_file_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(10 * 1024 * 1024)
    assert messages(load_file(path, LIBRARY)) == [
        "1: the file is too large: 10,485,760 bytes (at most 262,144, 256 KiB)"
    ]


# --- safety: tags, aliases, nesting ---------------------------------------------------------


def test_python_tags_never_run_code() -> None:
    text = routine_with("{exercise: figure-four-supine, kind: hold, seconds: 60}").replace(
        "name: R", "name: !!python/object/apply:os.system ['touch /tmp/hiptimer-pwned']"
    )
    result = load(text)
    assert messages(result) == [
        "4: the tag '!!python/object/apply:os.system' is not allowed: only plain YAML is read"
    ]
    assert not Path("/tmp/hiptimer-pwned").exists()
    assert result.routines == []


def test_standard_scalar_tags_are_fine() -> None:
    text = routine_with("{exercise: figure-four-supine, kind: hold, seconds: !!int '60'}")
    result = load(text.replace("name: R", "name: !!str 123"))
    assert result.ok
    assert result.routines[0].name == "123"
    assert result.routines[0].items[0].seconds == Range(60, 60)


def test_billion_laughs_is_refused_at_the_first_list_alias() -> None:
    lines = ["format: 1", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 10)]
    result = load("\n".join(lines) + "\nroutines: *a9\n")
    alias_problems = [m for m in messages(result) if "alias" in m]
    assert alias_problems[0] == "3: the alias '*a0' points at a list or mapping (not allowed)"
    assert alias_problems[1] == "4: the alias '*a1' points at a list or mapping (not allowed)"
    assert alias_problems[2] == "5: too many aliases (at most 20 per file)"
    assert len(alias_problems) == 3  # one per anchor, and the count stops the rest


def test_aliases_to_mappings_and_merge_keys_are_refused() -> None:
    text = "format: 1\nbase: &base {kind: hold}\nroutines:\n  - <<: *base\n    id: x\n"
    found = messages(load(text))
    assert "4: the alias '*base' points at a list or mapping (not allowed)" in found


def test_an_alias_to_an_unknown_anchor_is_a_problem() -> None:
    text = routine_with("{exercise: figure-four-supine, kind: hold, seconds: *nope}")
    found = messages(load(text))
    assert found[0].startswith("8: ")
    assert "nope" in found[0]


def test_twenty_scalar_aliases_are_fine_and_the_21st_is_not() -> None:
    def text(aliases: int) -> str:
        items = ["{exercise: figure-four-supine, kind: hold, seconds: &s 30}"]
        items += ["{exercise: figure-four-supine, kind: hold, seconds: *s}"] * aliases
        return routine_with("\n          - ".join(items))

    assert load(text(20)).ok
    assert messages(load(text(21))) == ["29: too many aliases (at most 20 per file)"]


def test_nesting_of_twelve_levels_is_read_and_thirteen_is_not() -> None:
    def text(depth: int) -> str:  # depth counts the top-level mapping
        return "format: 1\nroutines: " + "[" * (depth - 1) + "]" * (depth - 1) + "\n"

    assert "nests deeper" not in " ".join(messages(load(text(12))))
    assert messages(load(text(13))) == ["2: the file nests deeper than 12 levels"]


@pytest.mark.parametrize(
    "text",
    [
        "[" * 10_000 + "]" * 10_000,
        "- " * 10_000 + "x",
        "a:\n" + "".join(" " * n + "b:\n" for n in range(1, 200)),
        "{a: " * 5_000 + "}" * 5_000,
    ],
    ids=["flow-lists", "block-lists", "block-mappings", "flow-mappings"],
)
def test_deep_nesting_gives_one_problem(text: str) -> None:
    found = messages(load(text))
    assert len(found) == 1
    assert "nests deeper than 12 levels" in found[0]


def test_huge_number_literals_do_not_crash() -> None:
    text = routine_with("{exercise: figure-four-supine, kind: hold, seconds: 1" + "0" * 5000 + "}")
    assert messages(load(text)) == ["8: the number '10000000000000000000…' is too long"]


# --- value types ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("true", "seconds must be a whole number, got true"),
        ("yes", "seconds must be a whole number, got yes"),
        ("1.5", "seconds must be a whole number, got 1.5"),
        ("'60'", "seconds must be a whole number, got '60'"),
        ("null", "seconds must be a whole number, got nothing"),
        ("{a: 1}", "seconds must be a whole number, got a mapping"),
        (".inf", "seconds must be a whole number, got .inf"),
        ("0", "seconds must be between 1 and 1800, got 0"),
        ("1801", "seconds must be between 1 and 1800, got 1801"),
    ],
)
def test_numbers_must_be_whole_numbers_in_range(value: str, expected: str) -> None:
    text = routine_with(f"{{exercise: figure-four-supine, kind: hold, seconds: {value}}}")
    assert messages(load(text)) == [f"8: routine 'r', item 1 (figure-four-supine): {expected}"]


def test_yaml_booleans_are_accepted_but_quoted_words_are_not() -> None:
    assert load(GOOD).exercises["wall-turn"].sidedness is Sidedness.TOGETHER  # `one_sided: no`
    found = messages(load(GOOD.replace("one_sided: no", "one_sided: 'no'")))
    assert found == [
        "8: exercise 'wall-turn': one_sided must be true or false, got 'no'",
        "18: routine 'quick', item 2 (wall-turn): exercise 'wall-turn' is defined in this file"
        " but has problems",
    ]


def test_a_timestamp_looking_note_is_kept_as_text() -> None:
    text = routine_with("{exercise: figure-four-supine, kind: once, note: 2024-01-01}")
    assert load(text).routines[0].items[0].note == "2024-01-01"


def test_format_must_be_the_number_one() -> None:
    assert messages(load(GOOD.replace("format: 1", "format: 1.0"))) == [
        "1: format must be 1, got 1.0"
    ]
    assert messages(load(GOOD.replace("format: 1", "format: true"))) == [
        "1: format must be 1, got true"
    ]
    newer = messages(load(GOOD.replace("format: 1", "format: 7")))
    assert newer == [
        "1: this file is format 7; this version of hiptimer reads format 1 — update hiptimer"
    ]


# --- references and the library -----------------------------------------------------------


def test_unknown_exercise_suggests_ids_from_the_file_itself() -> None:
    text = GOOD.replace("exercise: wall-turn,", "exercise: wall-tur,")
    assert messages(load(text)) == [
        "18: routine 'quick', item 2 (wall-tur): unknown exercise 'wall-tur'"
        " (did you mean 'wall-turn'?)"
    ]


def test_a_user_file_may_not_redefine_a_library_id_but_a_builtin_file_may() -> None:
    text = GOOD.replace("wall-turn", "figure-four-supine")
    user = load(text)
    assert messages(user)[0] == (
        "3: exercise 'figure-four-supine': this id is built in; choose another id"
    )
    assert user.routines == []
    assert load(text, builtin=True).ok


def test_without_a_library_only_the_files_own_exercises_are_known() -> None:
    result = load_text(GOOD, "t.yaml")
    assert [m.split(": ", 1)[1] for m in messages(result)] == [
        "routine 'quick', item 1 (figure-four-supine): unknown exercise 'figure-four-supine'",
        "routine 'quick', item 3 (prone-ir-test): unknown exercise 'prone-ir-test'",
    ]
    assert list(result.exercises) == ["wall-turn"]


# --- counts -------------------------------------------------------------------------------


def _exercise_yaml(exercise_id: str) -> str:
    return f"  {exercise_id}: {{name: N, section: S, position: on-back, steps: [Go.]}}\n"


def test_at_most_200_exercises() -> None:
    text = "format: 1\nexercises:\n" + "".join(_exercise_yaml(f"e{n}") for n in range(201))
    result = load(text)
    assert messages(result) == ["3: too many exercises: 201 (at most 200)"]
    assert len(result.exercises) == 200
    ok = "format: 1\nexercises:\n" + "".join(_exercise_yaml(f"e{n}") for n in range(200))
    assert load(ok).ok


def test_at_most_50_routines() -> None:
    routine = (
        "  - {{id: r{n}, name: R, sections: [{{name: A, items: "
        "[{{exercise: figure-four-supine, kind: once}}]}}]}}\n"
    )
    text = "format: 1\nroutines:\n" + "".join(routine.format(n=n) for n in range(51))
    result = load(text)
    assert messages(result) == ["3: too many routines: 51 (at most 50)"]
    assert len(result.routines) == 50


def test_at_most_200_items_per_routine_counting_every_section() -> None:
    item = "{exercise: figure-four-supine, kind: once}"
    sections = "      - name: A\n        items: [" + ", ".join([item] * 100) + "]\n"
    text = "format: 1\nroutines:\n  - id: r\n    name: R\n    sections:\n" + sections * 2
    assert load(text).ok
    result = load(text + sections.replace("* 100", "* 1").replace("[" + item, "[" + item, 1))
    assert messages(result) == ["6: routine 'r': too many items: 300 (at most 200)"]
    assert result.routines == []


def test_problems_come_sorted_by_line_and_all_at_once() -> None:
    text = GOOD.replace("seconds: 60", "seconds: 0").replace(
        "position: feet-on-wall", "position: x"
    )
    text = text.replace("count: 10", "count: 0")
    found = messages(load(text))
    assert found == [
        "6: exercise 'wall-turn': unknown position 'x'",
        "17: routine 'quick', item 1 (figure-four-supine): seconds must be between 1 and 1800,"
        " got 0",
        "18: routine 'quick', item 2 (wall-turn): exercise 'wall-turn' is defined in this file"
        " but has problems",
        "18: routine 'quick', item 2 (wall-turn): count must be between 1 and 500, got 0",
    ]


# --- never raises -------------------------------------------------------------------------


def _assert_only_problems(result: LoadResult) -> None:
    assert isinstance(result, LoadResult)
    for problem in result.problems:
        assert problem.line >= 1
        assert problem.message and "\n" not in problem.message
        assert "internal error" not in problem.message
        assert problem.code is not Code.INTERNAL


#: Fixed examples, the same on every run and machine: fuzzing, not flaky tests.
FUZZ = settings(
    max_examples=150,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
GOOD_BYTES = GOOD.encode("utf-8")
YAML_PIECES = [*"abc:-[]{}&*!|>'\"#%@`,? \n\t0123456789", "format: 1\n", "routines:\n"]


@FUZZ
@given(st.binary(min_size=1, max_size=4096))
def test_random_bytes_only_give_problems(data: bytes) -> None:
    result = load(data)
    _assert_only_problems(result)
    assert not result.ok


@FUZZ
@given(st.lists(st.sampled_from(YAML_PIECES), min_size=1, max_size=120).map("".join))
def test_random_yaml_like_text_only_gives_problems(text: str) -> None:
    _assert_only_problems(load(text))


@FUZZ
@given(st.integers(min_value=0, max_value=len(GOOD_BYTES) - 1))
def test_any_truncation_of_a_good_file_only_gives_problems(end: int) -> None:
    _assert_only_problems(load(GOOD_BYTES[:end]))


@FUZZ
@given(
    st.lists(
        st.tuples(st.integers(0, len(GOOD_BYTES) - 1), st.integers(0, 255)),
        min_size=1,
        max_size=4,
    )
)
def test_byte_corruptions_of_a_good_file_only_give_problems(
    changes: list[tuple[int, int]],
) -> None:
    corrupted = bytearray(GOOD_BYTES)
    for position, byte in changes:
        corrupted[position] = byte
    _assert_only_problems(load(bytes(corrupted)))


# --- the parser -----------------------------------------------------------------------------


def test_the_c_parser_is_used_when_present() -> None:
    if getattr(yaml, "__with_libyaml__", False):
        assert yaml_composer._Parser is yaml.CSafeLoader
    else:
        assert yaml_composer._Parser is yaml.SafeLoader


def test_the_pure_python_parser_gives_the_same_problems(monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = Path(__file__).parent / "corpus" / "invalid"
    from tests.core.routines.test_loader_corpus import corpus_library

    monkeypatch.setattr(yaml_composer, "_Parser", yaml.SafeLoader)
    for path in sorted(corpus.glob("*.yaml")):
        expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
        found = messages(load_file(path, corpus_library()))
        if path.name.startswith("syntax_"):  # libyaml words its syntax errors differently
            assert [m.split(":")[0] for m in found] == [m.split(":")[0] for m in expected]
        else:
            assert found == expected, path.name
    assert load(GOOD).ok
