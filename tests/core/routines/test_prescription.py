"""A routine's prescription: read, checked, written back, documented, shown, kept off copies."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest

from hiptimer.cli import main
from hiptimer.core.paths import AppPaths, builtin_routines_dir
from hiptimer.core.routines import user_files as ur
from hiptimer.core.routines.catalog import load_catalog, load_library
from hiptimer.core.routines.loader import load_text
from hiptimer.core.routines.model import Prescription
from hiptimer.core.routines.prescription import prescription_text
from hiptimer.core.routines.schema import PRESCRIPTION_SPEC
from hiptimer.core.routines.writer import dump_file
from hiptimer.core.settings import Settings, weekly_goal

ROOT = Path(__file__).resolve().parents[3]

FILE = """\
format: 1
routines:
  - id: rx-hips
    name: Prescribed hips
    prescription:
      by: "Ana Ruiz, physiotherapist"
      per_week: 3
      review: 2026-03-02
    sections:
      - name: Stretch
        items:
          - {exercise: figure-four-supine, kind: hold, seconds: 60}
"""


def _load(text: str):
    library, _ = load_library(builtin_routines_dir())
    return load_text(text, "rx.yaml", library)


def test_a_prescription_is_read_with_its_three_keys() -> None:
    result = _load(FILE)
    assert result.problems == []
    [routine] = result.routines
    assert routine.prescription == Prescription("Ana Ruiz, physiotherapist", 3, date(2026, 3, 2))
    assert routine.per_week == 3


def test_the_writer_writes_it_back_as_it_was_read() -> None:
    [routine] = _load(FILE).routines
    again = _load(dump_file([routine]))
    assert again.problems == []
    assert again.routines[0].prescription == routine.prescription
    without_review = dataclasses.replace(
        routine, prescription=Prescription("Dr. Lee: sports clinic #2", 2)
    )
    back = _load(dump_file([without_review])).routines[0]
    assert back.prescription == Prescription("Dr. Lee: sports clinic #2", 2)


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("      per_week: 3\n", ""), 6, "missing required key `per_week`"),
        (("per_week: 3", "per_week: 30"), 7, "per_week must be between 1 and 14, got 30"),
        (("per_week: 3", "per_week: often"), 7, "per_week must be a whole number"),
        (("review: 2026-03-02", "review: 2026-13-02"), 8, "review must be a date written"),
        (("review: 2026-03-02", "review: 3000-01-01"), 8, "between the years 2000 and 2200"),
        (("review: 2026-03-02", "reveiw: 2026-03-02"), 8, "did you mean 'review'?"),
        (('by: "Ana Ruiz, physiotherapist"', "by: [Ana]"), 6, "by must be text"),
        (
            (
                '    prescription:\n      by: "Ana Ruiz, physiotherapist"\n      per_week: 3\n'
                "      review: 2026-03-02\n",
                "    prescription: yes please\n",
            ),
            5,
            "prescription must be a mapping",
        ),
    ],
)
def test_a_bad_prescription_names_its_line_and_key(change, line, message) -> None:
    old, new = change
    result = _load(FILE.replace(old, new))
    assert result.routines == []
    assert any(p.line == line and message in p.message for p in result.problems), [
        str(p) for p in result.problems
    ]


def test_a_target_must_agree_with_the_prescription() -> None:
    text = FILE.replace("    sections:", "    target: {per_week: 2, weeks: 6}\n    sections:")
    result = _load(text)
    assert result.routines == []
    assert "the prescription says 3 sessions a week but the target says 2" in str(
        result.problems[0]
    )
    agreeing = _load(text.replace("per_week: 2", "per_week: 3"))
    assert agreeing.problems == [] and agreeing.routines[0].target.weeks == 6


def test_the_format_doc_lists_exactly_the_schemas_keys() -> None:
    doc = (ROOT / "routines" / "FORMAT.md").read_text(encoding="utf-8")
    section = doc[doc.index("### Prescription") : doc.index("### Items")]
    rows = re.findall(r"^\| `(\w+)` \| (yes|no) \| ([^|]+) \| ([^|]+) \|$", section, re.M)
    assert [
        (key, req == "yes", kind.strip(), meaning.strip()) for key, req, kind, meaning in rows
    ] == [(spec.key, spec.required, spec.kind, spec.meaning) for spec in PRESCRIPTION_SPEC]


def test_prescription_text_tells_a_review_that_has_come() -> None:
    rx = Prescription("Ana", 2, date(2026, 3, 2))
    assert prescription_text(rx) == "Prescribed by Ana: twice a week; review on 2 March 2026"
    assert prescription_text(rx, date(2026, 3, 1)).endswith("review on 2 March 2026")
    assert prescription_text(rx, date(2026, 3, 2)).endswith(
        "review was due on 2 March 2026 (today)"
    )
    assert prescription_text(rx, date(2026, 3, 9)).endswith("(7 days ago)")


def test_check_says_who_prescribed_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "rx.yaml"
    path.write_text(FILE)
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "prescribed by Ana Ruiz, physiotherapist: 3 times a week; review on 2 March 2026" in out


def test_import_shows_it_and_a_duplicate_is_the_persons_own(
    app_paths: AppPaths, tmp_path: Path
) -> None:
    folder = app_paths.user_routines_dir
    source = tmp_path / "from-ana.yaml"
    source.write_text(FILE)
    catalog = load_catalog(builtin_routines_dir(), folder)
    result = ur.import_file(catalog, folder, source)
    assert [(name, rx.by) for name, rx in result.prescribed] == [
        ("Prescribed hips", "Ana Ruiz, physiotherapist")
    ]
    catalog = load_catalog(builtin_routines_dir(), folder)
    imported = catalog.find("rx-hips")
    assert imported is not None and imported.prescription is not None
    copy, _path = ur.duplicate_routine(catalog, folder, imported)
    assert copy.prescription is None
    reloaded = load_catalog(builtin_routines_dir(), folder).find(copy.id)
    assert reloaded is not None and reloaded.prescription is None


def test_the_main_routines_prescription_is_the_weekly_goal(
    app_paths: AppPaths, tmp_path: Path
) -> None:
    folder = app_paths.user_routines_dir
    source = tmp_path / "from-ana.yaml"
    source.write_text(FILE.replace("per_week: 3", "per_week: 4"))
    ur.import_file(load_catalog(builtin_routines_dir(), folder), folder, source)
    catalog = load_catalog(builtin_routines_dir(), folder)
    settings = Settings(weekly_goal=2, main_routine="rx-hips")
    assert weekly_goal(settings, catalog) == 4
