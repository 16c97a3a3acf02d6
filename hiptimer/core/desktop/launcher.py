"""How the desktop starts this very install of hiptimer, and the XDG folders it writes to.

A launcher must not say plain ``hiptimer``: after ``pip install`` into a venv that command is
not on PATH.  It names the ``hiptimer`` script beside the running interpreter (absolute), or,
where there is none, the interpreter itself with ``-m hiptimer``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from hiptimer import APP_NAME

#: Characters that make a desktop-entry Exec argument need quotes (the spec's reserved list).
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def launch_command(argv0: str | None = None, executable: str | None = None) -> list[str]:
    """The absolute command that runs this install of hiptimer."""
    argv0 = sys.argv[0] if argv0 is None else argv0
    executable = sys.executable if executable is None else executable
    candidates = [Path(argv0)] if Path(argv0).name == APP_NAME else []
    if executable:
        candidates.append(Path(executable).parent / APP_NAME)
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return [str(candidate.absolute())]
    return [str(Path(executable).absolute()), "-m", APP_NAME]


def exec_line(command: Sequence[str]) -> str:
    """``command`` as a desktop entry's ``Exec=`` value (quoted where the spec needs it)."""
    parts = []
    for arg in command:
        if "%" in arg:
            arg = arg.replace("%", "%%")
        if any(char in _RESERVED for char in arg) or not arg:
            quoted = "".join("\\" + c if c in '"`$\\' else c for c in arg)
            # the string escape (a backslash doubled) applies on top of the quoting rule
            arg = '"' + quoted.replace("\\", "\\\\") + '"'
        parts.append(arg)
    return " ".join(parts)


def xdg_home(variable: str, default: str, environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME`` / ``$XDG_CONFIG_HOME`` (absolute values only, as the spec says)."""
    env = os.environ if environ is None else environ
    value = env.get(variable, "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path(env.get("HOME") or os.path.expanduser("~")) / default


def data_home(environ: Mapping[str, str] | None = None) -> Path:
    return xdg_home("XDG_DATA_HOME", ".local/share", environ)


def config_home(environ: Mapping[str, str] | None = None) -> Path:
    return xdg_home("XDG_CONFIG_HOME", ".config", environ)
