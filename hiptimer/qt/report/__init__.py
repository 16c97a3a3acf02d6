"""The clinician report as a PDF: Qt's own PDF writer draws what the core gathered.

The window's File menu calls :func:`report_dialog` and :func:`open_history`, which load the
report's modules only when first used (nothing of them at start-up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from hiptimer.qt.context import AppContext
    from hiptimer.qt.report.dialogs import ClientHistoryWindow, ReportDialog


def report_dialog(parent: QWidget, ctx: AppContext) -> ReportDialog | None:
    from hiptimer.qt.report.dialogs import report_dialog as open_dialog

    return open_dialog(parent, ctx)


def open_history(parent: QWidget, ctx: AppContext) -> ClientHistoryWindow | None:
    from hiptimer.qt.report.dialogs import open_history as open_window

    return open_window(parent, ctx)
