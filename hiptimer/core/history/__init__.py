"""The session history: one SQLite file, and what the history view makes of it.

``store`` (open it, write to it; reads come from ``reads``), ``rows`` (the records going in
and out), ``errors`` (every error raised: catch ``HistoryError``), ``database`` and ``schema``
(the file itself and its migrations), ``measurements`` (the two tests, degrees, normals from
the exercise library), ``trends`` and ``progress`` (the progress charts), ``weeks`` and
``local_time`` (weeks and streaks in the computer's zone), ``view_text`` (the view's words),
``export`` (``hiptimer history``).
"""

from __future__ import annotations
