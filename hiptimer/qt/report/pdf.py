"""Lay the report out on two pages and write it with Qt's own PDF writer (QPdfWriter).

Page 1: whose history and the period, the key figures, sessions planned against done, the
routines with their doses as written and how they went against their prescription.  Page 2:
range of motion against the normal range, pain over time, the flags (sessions ended early,
pain of 6 or more), the person's notes and where the numbers come from.  The writer works in
points (72 per inch); text stays text and charts stay paths, and the fonts are embedded.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

from hiptimer import __version__
from hiptimer.core.history.report.gather import PAIN_FLAG
from hiptimer.core.history.report.model import Dated, ReportData, RoutineDoses
from hiptimer.core.routines.prescription import prescription_text
from hiptimer.core.text import day_text, plural
from hiptimer.qt.report.charts import ROM_LEGEND, bar_chart, legend, pain_chart, rom_chart
from hiptimer.qt.report.page_size import PAGE_SIZES

MARGIN = 40.0  # points, about 14 mm
BODY_PT = 8.5
SMALL_PT = 7.0
TITLE = "Hip mobility home program: report for the clinician"


def _font(size: float, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(size)
    font.setBold(bold)
    font.setItalic(italic)
    return font


class _Page:
    """A cursor down one page: text blocks and charts, each placed below the last."""

    def __init__(self, painter: QPainter, width: float, height: float) -> None:
        self.painter = painter
        self.left, self.right = MARGIN, width - MARGIN
        self.top, self.bottom = MARGIN, height - MARGIN
        self.y = self.top

    @property
    def width(self) -> float:
        return self.right - self.left

    def room(self) -> float:
        return self.bottom - self.y

    def text(
        self,
        text: str,
        size: float = BODY_PT,
        *,
        bold: bool = False,
        italic: bool = False,
        indent: float = 0,
        after: float = 2,
        width: float | None = None,
        left: float | None = None,
    ) -> float:
        """Draw wrapped ``text``; returns its height (nothing drawn if it does not fit)."""
        self.painter.setFont(_font(size, bold, italic))
        x = (self.left if left is None else left) + indent
        rect = QRectF(x, self.y, (width or self.width) - indent, 10_000)
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
        bounds = self.painter.boundingRect(rect, flags, text)
        if self.y + bounds.height() > self.bottom:
            return 0.0
        self.painter.drawText(QRectF(x, self.y, rect.width(), bounds.height()), flags, text)
        self.y += bounds.height() + after
        return bounds.height()

    def heading(self, text: str) -> None:
        self.y += 4
        self.text(text, 10.5, bold=True, after=3)

    def space(self, height: float) -> QRectF:
        rect = QRectF(self.left, self.y, self.width, height)
        self.y += height
        return rect


def write_report(data: ReportData, path: Path, page_size: str) -> int:
    """Write the PDF to ``path`` (replaced only when complete); returns the pages written."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    writer = QPdfWriter(str(partial))
    writer.setResolution(72)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(PAGE_SIZES[page_size]),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    writer.setTitle(f"{TITLE}, {data.period_text}")
    writer.setCreator(f"hiptimer {__version__}")
    size: QSizeF = writer.pageLayout().fullRect(QPageLayout.Unit.Point).size()
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"the PDF could not be started at {path}")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _first_page(_Page(painter, size.width(), size.height()), data)
        writer.newPage()
        _second_page(_Page(painter, size.width(), size.height()), data)
    finally:
        painter.end()
    try:
        partial.replace(path)
    except OSError:
        partial.unlink(missing_ok=True)
        raise
    return 2


def _footer(page: _Page, data: ReportData, number: int) -> None:
    painter = page.painter
    painter.setFont(_font(SMALL_PT))
    where = f"page {number} of 2"
    room = page.width - painter.fontMetrics().horizontalAdvance(where) - 12
    text = f"{data.period_text} · {data.source}"
    elided = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, int(room))
    box = QRectF(page.left, page.bottom + 8, page.width, 12)
    painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft), elided)
    painter.drawText(box, int(Qt.AlignmentFlag.AlignRight), where)


def _first_page(page: _Page, data: ReportData) -> None:
    page.text(TITLE, 15, bold=True, after=3)
    page.text(data.source, BODY_PT + 0.5, after=1)
    page.text(f"Period: {data.period_text}", BODY_PT + 0.5, bold=True, after=1)
    page.text(f"Made on {day_text(data.made)} with hiptimer {__version__}.", SMALL_PT, after=6)
    for line in data.summary:
        page.text(line, after=1)
    page.text(f"Weekly goal: {plural(data.goal, 'workout')}, {data.goal_text}.", after=1)
    unit = data.bucket_unit
    page.heading(f"Sessions planned and done, by {unit}")
    bar_chart(page.painter, page.space(160), data.buckets, unit, data.goal)
    if data.bars_note:
        page.text(data.bars_note, SMALL_PT, italic=True, after=2)
    page.heading("Routines done, with their doses as written")
    if not data.routines:
        page.text("No sessions in this period.")
    for index, routine in enumerate(data.routines):
        if page.room() < 40:
            left = len(data.routines) - index
            page.text(f"… and {left} more routine{'s' * (left != 1)}: see the history export.")
            break
        _routine(page, routine, data)
    _footer(page, data, 1)


def _routine(page: _Page, routine: RoutineDoses, data: ReportData) -> None:
    counted = f"{routine.sessions} session{'s' * (routine.sessions != 1)}"
    page.text(f"{routine.name} ({counted}, {routine.workouts} counted)", 9, bold=True, after=1)
    if routine.prescription is not None:
        page.text(prescription_text(routine.prescription, data.made) + ".", indent=8, after=1)
    if routine.comparison:
        page.text(routine.comparison, indent=8, after=1)
    if routine.sides:
        page.text(routine.sides, indent=8, after=1)
    note = f"Content {routine.origin}" + (
        f"; it changed during the period ({routine.versions} versions), the latest is shown."
        if routine.versions > 1
        else "."
    )
    page.text(note, SMALL_PT, italic=True, indent=8, after=1)
    half = (page.width - 8) / 2
    split = (len(routine.lines) + 1) // 2
    top = page.y
    bottoms = []
    shown = 0
    for column, lines in enumerate((routine.lines[:split], routine.lines[split:])):
        page.y = top
        for line in lines:
            text = f"{line.exercise}: {line.dose}"
            left = page.left + column * half
            if not page.text(text, SMALL_PT + 0.5, indent=8, after=0.5, width=half, left=left):
                break
            shown += 1
        bottoms.append(page.y)
    page.y = max(bottoms)
    if shown < len(routine.lines):
        page.text(f"… {len(routine.lines) - shown} more exercises not shown.", SMALL_PT)
    page.y += 4


def _second_page(page: _Page, data: ReportData) -> None:
    page.heading("Range of motion: hip internal rotation")
    half = (page.width - 12) / 2
    top = page.y
    tallest = 0.0
    for index, chart in enumerate(data.rom):
        left = page.left + index * (half + 12)
        page.y = top
        rom_chart(page.painter, QRectF(left, top, half, 160), chart, data.period)
        page.y = top + 162
        for line in chart.summary:
            page.text(line, SMALL_PT + 0.5, after=0.5, width=half, left=left)
        tallest = max(tallest, page.y)
    page.y = tallest + 8
    legend(page.painter, QPointF(page.left + 2, page.y), ROM_LEGEND)
    page.y += 8
    page.heading("Pain over time")
    page.text(data.pain_text, after=2)
    pain_chart(
        page.painter, page.space(110), data.pain, data.period, PAIN_FLAG, data.pain_averaged_by
    )
    page.heading("Flags: sessions ended early, pain of 6 or more")
    _dated(page, data.flags, data.flags_more, "No flags in this period.")
    page.heading("The person's notes")
    _dated(page, data.notes, data.notes_more, "No notes in this period.")
    page.y = max(page.y + 4, page.bottom - 52)
    page.text("Where the numbers come from", SMALL_PT, bold=True, after=1)
    for source in data.sources:
        page.text(source, SMALL_PT - 0.5, after=0.5)
    _footer(page, data, 2)


def _dated(page: _Page, entries: tuple[Dated, ...], more: int, empty: str) -> None:
    if not entries:
        page.text(empty)
        return
    for entry in entries:
        if page.room() < 70 or not page.text(f"{day_text(entry.day)}: {entry.text}", after=0.5):
            more += 1
    if more:
        page.text(f"… and {more} more (see the history export).", SMALL_PT, italic=True)
