"""Safe YAML composition with limits: text in, a small tree of line-numbered nodes out.

This module holds the tree's node types and the checks made before any parser sees the text
(size, encoding, NUL and control characters); :mod:`hiptimer.core.routines.yaml_composer`
builds the tree from PyYAML's events.  Every failure is reported as a :class:`NodeProblem`;
:func:`compose` never raises for any input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hiptimer.core.routines.limits import MAX_FILE_BYTES
from hiptimer.core.routines.problems import Code

# Characters YAML does not allow in a stream (besides NUL, reported on its own).
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


class _Broken:
    """The value of a scalar whose problem was already reported (checkers stay quiet)."""

    def __repr__(self) -> str:
        return "BROKEN"


BROKEN = _Broken()


@dataclass(eq=False)
class YScalar:
    value: object  # str | int | float | bool | None | BROKEN
    line: int  # 1-based
    text: str  # the scalar as written


@dataclass(eq=False)
class YSequence:
    items: list[Node]
    line: int


@dataclass(eq=False)
class YMapping:
    pairs: list[tuple[Node, Node]]
    line: int


Node = YScalar | YSequence | YMapping


@dataclass(frozen=True)
class NodeProblem:
    line: int
    code: Code
    message: str


@dataclass
class Composed:
    """The tree (``None`` when the file could not be read at all) and what went wrong."""

    root: Node | None
    problems: list[NodeProblem] = field(default_factory=list)


def compose(data: str | bytes) -> Composed:
    """Read one YAML document safely; never raises."""
    try:
        text, problem = _checked_text(data)
        if problem is not None:
            return Composed(None, [problem])
        assert text is not None
        # PyYAML is imported on the first file read, not at start-up: a start that finds
        # its routines in the catalog cache never needs it.
        from hiptimer.core.routines.yaml_composer import compose_text

        return compose_text(text)
    except Exception as exc:  # a safety net: a bug here must not crash the app
        return Composed(
            None, [NodeProblem(1, Code.INTERNAL, f"could not read the file ({type(exc).__name__})")]
        )


def line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _checked_text(data: str | bytes) -> tuple[str | None, NodeProblem | None]:
    """Size, encoding and character checks, before the parser sees anything."""
    if isinstance(data, str):
        if len(data) > MAX_FILE_BYTES:
            return None, too_large(len(data.encode("utf-8", "surrogatepass")))
        try:
            raw = data.encode("utf-8")
        except UnicodeEncodeError as exc:
            line = line_at(data, exc.start)
            return None, NodeProblem(
                line, Code.UNREADABLE, "the text holds an invalid character (a lone surrogate)"
            )
    else:
        raw = bytes(data)
    if len(raw) > MAX_FILE_BYTES:
        return None, too_large(len(raw))
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        return None, NodeProblem(
            line, Code.UNREADABLE, "the file holds NUL bytes: it looks binary, not a YAML text file"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, NodeProblem(
            line,
            Code.UNREADABLE,
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} cannot be decoded)",
        )
    bad = _NOT_PRINTABLE.search(text)
    if bad is not None:
        return None, NodeProblem(
            line_at(text, bad.start()),
            Code.UNREADABLE,
            f"the file holds a control character (U+{ord(bad.group()):04X}) that text"
            " should not have",
        )
    if not text.strip():
        return None, NodeProblem(1, Code.EMPTY, "the file is empty")
    return text, None


def too_large(size: int) -> NodeProblem:
    """The problem of a file of ``size`` bytes, over :data:`MAX_FILE_BYTES`."""
    limit = f"{MAX_FILE_BYTES:,}, {MAX_FILE_BYTES // 1024} KiB"
    return NodeProblem(
        1, Code.TOO_LARGE, f"the file is too large: {size:,} bytes (at most {limit})"
    )
