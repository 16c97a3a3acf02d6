"""How a step and a session ended: the words the engine, the history file and the views share.

The values are the ones stored in the history file, so they never change.
"""

from __future__ import annotations

from enum import Enum


class StepStatus(str, Enum):
    DONE = "done"  # its last work phase ended
    SKIPPED = "skipped"  # left for another step, or the session finished first


class SessionStatus(str, Enum):
    INCOMPLETE = "incomplete"  # playing, or left (crash, closed window): may be resumed
    COMPLETED = "completed"  # every step of the plan done
    ENDED_EARLY = "ended_early"  # finished on purpose before every step was done
    DISCARDED = "discarded"  # an unfinished session the person chose not to resume
