"""The routine builder: the "My routines" page and the routine editor."""

from hiptimer.qt.builder.editor import RoutineEditor
from hiptimer.qt.builder.routines_page import RoutinesPage

__all__ = ["RoutineEditor", "RoutinesPage"]
