"""Safe YAML composition with limits: text in, a small tree of line-numbered nodes out.

PyYAML's parser (the C one when available) produces the event stream; this module builds
the tree from those events itself instead of calling ``yaml.compose``, so it can stop at
the first level of nesting too many, refuse aliases to lists or mappings (which is what
makes "billion laughs" bombs possible), count aliases and refuse tags that would build
objects.  Nothing here constructs Python objects other than str, int, float, bool and
None, and nothing ever runs code.  Every failure is reported as a :class:`NodeProblem`;
:func:`compose` never raises for any input.
"""

from __future__ import annotations

import re
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import cast

import yaml

from hiptimer.core.routines.problems import Code

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 12
MAX_ALIASES = 20
_MAX_NUMBER_CHARS = 40  # longer int/float literals are refused before conversion

_Parser = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

_YAML_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_YAML_TAG}{name}" for name in ("str", "int", "float", "bool", "null")}
_SEQ_TAG = f"{_YAML_TAG}seq"
_MAP_TAG = f"{_YAML_TAG}map"

_PLAIN_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")

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
        return _Composer(text).run()
    except Exception as exc:  # a safety net: a bug here must not crash the app
        return Composed(
            None, [NodeProblem(1, Code.INTERNAL, f"could not read the file ({type(exc).__name__})")]
        )


def _line_at(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _checked_text(data: str | bytes) -> tuple[str | None, NodeProblem | None]:
    """Size, encoding and character checks, before the parser sees anything."""
    if isinstance(data, str):
        if len(data) > MAX_FILE_BYTES:
            return None, too_large(len(data.encode("utf-8", "surrogatepass")))
        try:
            raw = data.encode("utf-8")
        except UnicodeEncodeError as exc:
            line = _line_at(data, exc.start)
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
            _line_at(text, bad.start()),
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


class _Stop(Exception):
    """Composition cannot go on (nesting too deep); the problem is recorded."""


class _SecondDocument(Exception):
    """A second document starts; the first one was read whole (the problem is recorded)."""


class _Composer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.problems: list[NodeProblem] = []
        self.anchors: dict[str, Node] = {}
        self.alias_count = 0
        self.reported_anchors: set[str] = set()
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()
        # each frame: [collection node, pending mapping key or None]
        self.stack: list[list] = []
        self.root: Node | None = None
        self.documents = 0

    def problem(self, line: int, code: Code, message: str) -> None:
        self.problems.append(NodeProblem(line, code, message))

    def run(self) -> Composed:
        events = cast(Generator[yaml.Event, None, None], yaml.parse(self.text, Loader=_Parser))
        try:
            for event in events:
                self.handle(event)
        except _SecondDocument:
            return Composed(self.root, self.problems)  # the first document is complete
        except _Stop:
            return Composed(None, self.problems)
        except yaml.YAMLError as exc:
            self.problems.append(_syntax_problem(exc, self.text))
            return Composed(None, self.problems)
        finally:
            events.close()
        if self.root is None:
            return Composed(None, [*self.problems, NodeProblem(1, Code.EMPTY, "the file is empty")])
        return Composed(self.root, self.problems)

    def handle(self, event: yaml.Event) -> None:
        line = event.start_mark.line + 1 if event.start_mark is not None else 1
        if isinstance(event, yaml.ScalarEvent):  # the most common event first
            scalar = self.scalar(event, line)
            self.remember(event.anchor, scalar)
            self.attach(scalar)
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.problem(
                    line,
                    Code.SYNTAX,
                    "a routine file holds one YAML document; a second starts here",
                )
                raise _SecondDocument
        elif isinstance(event, yaml.AliasEvent):
            self.attach(self.alias(event, line))
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if len(self.stack) >= MAX_DEPTH:
                self.problem(line, Code.TOO_DEEP, f"the file nests deeper than {MAX_DEPTH} levels")
                raise _Stop
            is_seq = isinstance(event, yaml.SequenceStartEvent)
            tag_ok = self.check_tag(event.tag, _SEQ_TAG if is_seq else _MAP_TAG, line)
            node: Node = YSequence([], line) if is_seq else YMapping([], line)
            self.remember(event.anchor, node)
            # a refused collection is still read (to keep the stream in step), but detached
            self.attach(node if tag_ok else YScalar(BROKEN, line, ""))
            self.stack.append([node, None])
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            self.stack.pop()

    def check_tag(self, tag: str | None, allowed: str, line: int) -> bool:
        if tag is None or tag == "!" or tag == allowed:
            return True
        self.problem(
            line,
            Code.NOT_ALLOWED,
            f"the tag '{_short_tag(tag)}' is not allowed: only plain YAML is read",
        )
        return False

    def remember(self, anchor: str | None, node: Node) -> None:
        if anchor is not None:
            self.anchors[anchor] = node

    def alias(self, event: yaml.AliasEvent, line: int) -> YScalar:
        anchor = str(event.anchor)
        self.alias_count += 1
        if self.alias_count == MAX_ALIASES + 1:
            self.problem(line, Code.TOO_MANY, f"too many aliases (at most {MAX_ALIASES} per file)")
        if self.alias_count > MAX_ALIASES:
            return YScalar(BROKEN, line, "*" + str(event.anchor))
        target = self.anchors.get(anchor)
        if target is None:
            self.problem(
                line, Code.SYNTAX, f"the alias '*{event.anchor}' names no anchor defined before it"
            )
            return YScalar(BROKEN, line, "*" + str(event.anchor))
        if not isinstance(target, YScalar):
            if anchor not in self.reported_anchors:  # once per anchor is enough
                self.reported_anchors.add(anchor)
                self.problem(
                    line,
                    Code.NOT_ALLOWED,
                    f"the alias '*{event.anchor}' points at a list or mapping (not allowed)",
                )
            return YScalar(BROKEN, line, "*" + str(event.anchor))
        return YScalar(target.value, line, target.text)

    def scalar(self, event: yaml.ScalarEvent, line: int) -> YScalar:
        value = event.value
        plain = event.tag is None and event.implicit[0]
        if plain and len(value) <= _MAX_NUMBER_CHARS and _PLAIN_DECIMAL.fullmatch(value):
            return YScalar(int(value), line, value)  # a fast path for the commonest number form
        if event.tag is None or event.tag == "!":
            implicit = event.implicit if event.tag is None else (False, False)
            tag = self.resolver.resolve(yaml.ScalarNode, value, implicit)
            if tag not in _SCALAR_TAGS:  # timestamps, '<<', '=': keep the text
                tag = f"{_YAML_TAG}str"
        elif event.tag in _SCALAR_TAGS:
            tag = event.tag
        else:
            self.check_tag(event.tag, "", line)
            return YScalar(BROKEN, line, value)
        return YScalar(self.construct(tag, value, line), line, value)

    def construct(self, tag: str, value: str, line: int) -> object:
        kind = tag[len(_YAML_TAG) :]
        if kind == "str":
            return value
        if kind in ("int", "float") and len(value) > _MAX_NUMBER_CHARS:
            self.problem(line, Code.TOO_LONG, f"the number '{value[:20]}…' is too long")
            return BROKEN
        node = yaml.ScalarNode(tag, value)
        try:
            if kind == "null":
                return None
            if kind == "bool":
                return self.constructor.construct_yaml_bool(node)
            if kind == "int":
                return self.constructor.construct_yaml_int(node)
            return self.constructor.construct_yaml_float(node)
        except Exception:
            self.problem(line, Code.WRONG_TYPE, f"'{value[:40]}' is not a valid {kind}")
            return BROKEN

    def attach(self, node: Node) -> None:
        if not self.stack:
            self.root = node
            return
        frame = self.stack[-1]
        parent = frame[0]
        if isinstance(parent, YSequence):
            parent.items.append(node)
        elif frame[1] is None:
            frame[1] = node
        else:
            parent.pairs.append((frame[1], node))
            frame[1] = None


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_YAML_TAG) :] if tag.startswith(_YAML_TAG) else tag


def _syntax_problem(exc: yaml.YAMLError, text: str) -> NodeProblem:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        line = max(1, min(line, len(text.splitlines())))  # an end-of-file mark: the last line
        problem = exc.problem or "the YAML is not well formed"
        if "maximum nesting depth" in problem:
            return NodeProblem(
                line, Code.TOO_DEEP, f"the file nests deeper than {MAX_DEPTH} levels"
            )
        message = f"YAML syntax error: {problem}"
        if exc.context:
            where = ""
            if exc.context_mark is not None and exc.context_mark.line + 1 != line:
                where = f" started on line {exc.context_mark.line + 1}"
            message += f" ({exc.context}{where})"
        return NodeProblem(line, Code.SYNTAX, message)
    if isinstance(exc, yaml.reader.ReaderError):
        return NodeProblem(
            _line_at(text, exc.position),
            Code.UNREADABLE,
            f"YAML cannot read this text: {exc.reason}",
        )
    return NodeProblem(
        1, Code.SYNTAX, f"YAML syntax error: {str(exc).splitlines()[0] if str(exc) else 'unknown'}"
    )
