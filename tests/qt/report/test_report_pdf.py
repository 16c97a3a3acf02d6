"""The report as a PDF: two pages of the right size, its text is the history's, every page
draws something, the charts are vector paths (no images) and the fonts are embedded."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QImage

from hiptimer.cli import main
from hiptimer.core.history.export import export
from hiptimer.core.history.store import HistoryStore
from hiptimer.core.paths import AppPaths
from hiptimer.core.settings import Settings
from hiptimer.core.text import day_text
from hiptimer.qt.report.command import own_report
from hiptimer.qt.report.page_size import locale_page_size
from hiptimer.qt.report.pdf import write_report
from tests.fakes import builtin_catalog
from tests.real_parts import need
from tests.report_seed import seed_weeks

TZ = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 2, 16)


def pdf_text(path: Path) -> str:
    """The PDF's text, with ligatures undone and all whitespace as single spaces."""
    out = subprocess.run(
        [need("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(unicodedata.normalize("NFKC", out).split())


def flat(text: str) -> str:
    return " ".join(text.split())


def pages_of(path: Path, tmp_path: Path) -> list[QImage]:
    subprocess.run(
        [need("pdftoppm"), "-r", "40", "-png", str(path), str(tmp_path / "page")], check=True
    )
    return [QImage(str(p)) for p in sorted(tmp_path.glob("page-*.png"))]


def ink_share(image: QImage) -> float:
    """The share of pixels that are not white (sampled every 2 pixels)."""
    inked = total = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            total += 1
            inked += image.pixelColor(x, y).lightness() < 200
    return inked / total


@pytest.fixture
def weeks_store(store: HistoryStore) -> HistoryStore:
    seed_weeks(store, date(2026, 1, 5), 6, TZ)
    return store


def test_the_pdf_says_what_the_history_holds(
    qapp, weeks_store: HistoryStore, tmp_path: Path
) -> None:
    data = own_report(weeks_store, builtin_catalog(), Settings(), today=TODAY, tz=TZ)
    path = tmp_path / "report.pdf"
    assert write_report(data, path, "a4") == 2
    text = pdf_text(path)
    sessions = weeks_store.sessions(limit=None)
    early = [s for s in sessions if s.status == "ended_early"]
    assert f"Sessions: {len(sessions)} (" in text and f"{len(early)} ended early" in text
    assert "Period: 5 Jan 2026 – 16 Feb 2026 (43 days, 7 weeks)" in text
    for line in (*data.summary, data.pain_text):
        assert flat(line) in text
    for routine in data.routines:
        assert routine.name in text
        for line in routine.lines:
            assert f"{line.exercise}: {line.dose}" in text
    assert (
        "Prescribed by Ana Ruiz, physiotherapist: 3 times a week; review on 2 March 2026." in text
    )
    for chart in data.rom:
        assert chart.title in text
        for line in chart.summary:
            assert flat(line) in text
    for session in early:
        day = day_text(session.started_at.astimezone(TZ).date())
        assert f"{day}: {session.routine_name}: ended early" in text
    for session in sessions:
        if session.pain is not None and session.pain >= 6:
            assert f"{session.routine_name}: pain {session.pain}/10 afterwards" in text
        if session.note:
            assert flat(session.note) in text
    assert "Krause" in text and "minimal detectable change of 5.4°" in text  # sources cited
    assert "page 1 of 2" in text and "page 2 of 2" in text


def test_two_pages_that_draw_vector_charts_in_embedded_fonts(
    qapp, weeks_store: HistoryStore, tmp_path: Path
) -> None:
    data = own_report(weeks_store, builtin_catalog(), Settings(), today=TODAY, tz=TZ)
    path = tmp_path / "report.pdf"
    write_report(data, path, "letter")
    info = subprocess.run([need("pdfinfo"), str(path)], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+2\b", info)
    assert re.search(r"Page size:\s+612 x 792 pts \(letter\)", info)
    pages = pages_of(path, tmp_path)
    assert len(pages) == 2
    for image in pages:
        assert 0.01 < ink_share(image) < 0.5  # something is drawn, and it is not a black page
    images = subprocess.run([need("pdfimages"), "-list", str(path)], capture_output=True, text=True)
    assert len(images.stdout.strip().splitlines()) == 2  # the header only: no raster image
    fonts = subprocess.run([need("pdffonts"), str(path)], capture_output=True, text=True).stdout
    rows = fonts.strip().splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows)  # every font embedded


def test_an_empty_history_still_makes_a_report_that_says_so(
    qapp, store: HistoryStore, tmp_path: Path
) -> None:
    data = own_report(store, builtin_catalog(), Settings(), today=TODAY, tz=TZ)
    path = tmp_path / "empty.pdf"
    write_report(data, path, "a4")
    text = pdf_text(path)
    for words in (
        "Sessions: 0 (0 counted as workouts, 0 check-ins, 0 ended early).",
        "No sessions in this period.",
        "Not measured in this period",
        "No pain rated after sessions in this period.",
        "No flags in this period.",
        "No notes in this period.",
    ):
        assert words in text
    assert all(ink_share(image) > 0.005 for image in pages_of(path, tmp_path))


@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("en_US", "letter"),
        ("es_MX", "letter"),
        ("fr_CA", "letter"),
        ("de_DE", "a4"),
        ("en_GB", "a4"),
    ],
)
def test_the_paper_follows_the_locale(name: str, size: str) -> None:
    assert locale_page_size(QLocale(name)) == size


def test_hiptimer_report_writes_the_pdf_of_a_clients_file(
    qapp, weeks_store: HistoryStore, app_paths: AppPaths, tmp_path: Path, capsys
) -> None:
    client = tmp_path / "client.json"
    client.write_text(export(weeks_store, "json"), encoding="utf-8")
    out = tmp_path / "client.pdf"
    mine = sorted(app_paths.data_dir.iterdir())
    before = [(p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in mine]
    code = main(
        [
            "report",
            "--from",
            str(client),
            "--page-size",
            "a4",
            "-o",
            str(out),
        ],
        app_paths,
    )
    assert code == 0, capsys.readouterr().err
    last = max(s.started_at.date() for s in weeks_store.sessions(limit=None))
    last = max(last, *(m.taken_at.date() for m in weeks_store.measurements()))
    # the period ends with the file's last record, not today
    assert f"wrote {out} (2 pages, 5 Jan 2026 – {day_text(last)}" in capsys.readouterr().out
    text = pdf_text(out)
    assert "History file client.json (someone else's, opened read-only)" in text
    assert "Left hip, from Ana" in text and "Deep glute release: 60–120 s" in text
    after = [(p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in mine]
    assert after == before  # the viewer's own history is never touched


def test_hiptimer_report_of_a_bad_file_or_date_is_one_line(
    qapp, app_paths: AppPaths, tmp_path: Path, capsys
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 8, "sessions": {}, "measurements": []}')
    assert main(["report", "--from", str(bad), "-o", str(tmp_path / "x.pdf")], app_paths) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"hiptimer: {bad}: sessions: must be a list, got an object"
    assert not (tmp_path / "x.pdf").exists()
    with pytest.raises(SystemExit):
        main(["report", "--since", "yesterday", "-o", str(tmp_path / "x.pdf")], app_paths)
    assert "'yesterday' is not a date: write it YYYY-MM-DD" in capsys.readouterr().err
    code = main(
        ["report", "--since", "2026-02-01", "--until", "2026-01-01", "-o", str(tmp_path / "x.pdf")],
        app_paths,
    )
    assert code == 1 and "give --since before --until" in capsys.readouterr().err


def test_my_own_history_is_reported_by_the_command(
    qapp, app_paths: AppPaths, tmp_path: Path, capsys
) -> None:
    from tests.fakes import open_store

    with open_store(app_paths.history_file) as mine:
        seed_weeks(mine, date(2026, 1, 5), 2, TZ)
    out = tmp_path / "mine.pdf"
    assert main(["report", "--since", "2026-01-05", "-o", str(out)], app_paths) == 0
    text = pdf_text(out)
    assert "History of this computer's user (" in text  # and the path, wrapped on the page
    assert "Left hip, from Ana (" in text
    assert not list(tmp_path.glob(".*.partial"))


def test_the_pdf_of_one_session_and_of_ten_years_carries_their_golden_figures(
    qapp, store: HistoryStore, tmp_path: Path
) -> None:
    from hiptimer.core.history.measurements import normal_ranges
    from hiptimer.core.history.report.gather import gather
    from tests.report_seed import prescribed_routine, record, seed_years

    catalog = builtin_catalog()
    common = {
        "source": "Test history",
        "normals": normal_ranges(catalog.library),
        "library": catalog.library,
        "routines_here": {},
        "goal": 3,
        "goal_text": "as set in hiptimer's Settings",
        "tz": TZ,
    }
    record(store, prescribed_routine(), datetime.combine(TODAY, time(18), tzinfo=TZ), pain=7)
    one = tmp_path / "one.pdf"
    write_report(gather(store, today=TODAY, **common), one, "a4")
    text = pdf_text(one)
    assert "Period: 16 Feb 2026 – 16 Feb 2026 (1 day, 1 week)" in text
    assert "Sessions: 1 (1 counted as workouts, 0 check-ins, 0 ended early)." in text
    assert "16 Feb 2026: Left hip, from Ana: pain 7/10 afterwards" in text
    assert "Played on the left side once." in text
    ten = tmp_path / "ten.pdf"
    seed_years(store, date(2026, 6, 1), 10, TZ)
    data = gather(store, today=date(2026, 6, 1), since=date(2016, 6, 1), **common)
    write_report(data, ten, "a4")
    text = pdf_text(ten)
    assert "Period: 1 Jun 2016 – 1 Jun 2026 (3653 days, 522 weeks)" in text
    assert "Sessions: 1345 (1345 counted as workouts, 0 check-ins, 67 ended early)." in text
    assert "Sessions planned and done, by year" in text
    assert "each point: the mean of a quarter" in text
    assert all(ink_share(image) > 0.01 for image in pages_of(ten, tmp_path))
