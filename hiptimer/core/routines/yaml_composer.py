"""Build the line-numbered tree of :mod:`hiptimer.core.routines.yaml_nodes` from PyYAML's events.

PyYAML's parser (the C one when available) produces the event stream; this module builds
the tree from those events itself instead of calling ``yaml.compose``, so it can stop at
the first level of nesting too many, refuse aliases to lists or mappings (which is what
makes "billion laughs" bombs possible), count aliases and refuse tags that would build
objects.  Nothing here constructs Python objects other than str, int, float, bool and
None, and nothing ever runs code.
"""

from __future__ import annotations

import re
from collections.abc import Generator
from typing import cast

import yaml

from hiptimer.core.routines.problems import Code
from hiptimer.core.routines.yaml_nodes import (
    BROKEN,
    Composed,
    Node,
    NodeProblem,
    YMapping,
    YScalar,
    YSequence,
    line_at,
)

MAX_DEPTH = 12
MAX_ALIASES = 20
_MAX_NUMBER_CHARS = 40  # longer int/float literals are refused before conversion

_Parser = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

_YAML_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_YAML_TAG}{name}" for name in ("str", "int", "float", "bool", "null")}
_SEQ_TAG = f"{_YAML_TAG}seq"
_MAP_TAG = f"{_YAML_TAG}map"

_PLAIN_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")


def compose_text(text: str) -> Composed:
    """The tree of ``text``, already checked by ``yaml_nodes``; raises only on a bug."""
    return _Composer(text).run()


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
            line_at(text, exc.position),
            Code.UNREADABLE,
            f"YAML cannot read this text: {exc.reason}",
        )
    return NodeProblem(
        1, Code.SYNTAX, f"YAML syntax error: {str(exc).splitlines()[0] if str(exc) else 'unknown'}"
    )
