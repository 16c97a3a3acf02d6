"""The clinician report: what the PDF says, gathered from a history as plain data and words.

:func:`~hiptimer.core.history.report.gather.gather` reads one store (one's own history or a
client file opened in memory) for a period and returns a
:class:`~hiptimer.core.history.report.model.ReportData`; the Qt layer only draws it
(``hiptimer/qt/report/``).  Every sentence of the report is made here, so the tests compare
the PDF's extracted text with these words and with the history they came from.
"""
