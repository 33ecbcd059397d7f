"""Reading YAML text into plain data while keeping where each value stood.

A stakeholder file and the plugin's options in `mkdocs.yml` are both YAML written
by hand. Validation works on plain data and asks a `YamlDocument` for the position
of a key path (`("answers", "impact")`) only when it has something to report.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from pilotbook.codes import Code
from pilotbook.problems import Position

KeyPath = Sequence[str | int]

# YAML syntax messages rewritten so they say what would be right.
_HINTS = {
    "mapping values are not allowed here": (
        "a value contains ': ' or is indented deeper than its key: "
        "put the value in quotes or line the key up with the others"
    ),
    "mapping keys are not allowed here": (
        "a value that starts with '?' must be in quotes: write \"?\", or leave it empty"
    ),
    "found unexpected end of stream": "the file ends inside a quoted value: add the closing quote",
    "but found another document": (
        "a stakeholder file holds exactly one document: "
        "remove the '---' line and what follows, or move it to a file of its own"
    ),
}


class _Constructor(RoundTripConstructor):
    """ruamel.yaml's round-trip reading, where a date that cannot exist stays text.

    `2024-02-30` looks like a date to YAML, but no calendar has it; ruamel.yaml would
    raise a bare `ValueError` from deep inside. As text it reaches validation, which
    says where it stands and what would be right (as `plainyaml` reads it too).
    """

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


class YamlSyntaxError(Exception):
    """The text is not plain, valid YAML; `position` and `message` say where and how to
    fix it, `code` what kind of problem it is."""

    def __init__(self, position: Position, message: str, code: Code) -> None:
        super().__init__(message)
        self.position = position
        self.message = message
        self.code = code


@dataclass(frozen=True)
class YamlDocument:
    """Data read from YAML, and a way back to where each value stood in the text."""

    data: Any
    # With the text, positions come from reading it again with ruamel.yaml, only once
    # a position is asked for: reading without positions is several times faster.
    text: str | None = None

    @functools.cached_property
    def _tree(self) -> Any:
        return parse(self.text).data if self.text is not None else self.data

    def position(self, path: KeyPath, *, key: bool = False) -> Position:
        """Where the value at `path` starts (or its key, with `key=True`).

        Falls back to the deepest position that can be found, so a message about a
        missing key points at the mapping that should hold it.
        """
        node = self._tree
        found = Position(1, 1)
        for index, step in enumerate(path):
            last = index == len(path) - 1
            try:
                if isinstance(node, CommentedMap) and step in node:
                    line, column = node.lc.key(step) if key and last else node.lc.value(step)
                    node = node[step]
                elif isinstance(node, CommentedSeq) and isinstance(step, int):
                    line, column = node.lc.item(step)
                    node = node[step]
                else:
                    break
            except (KeyError, IndexError, TypeError):
                break
            found = Position(line + 1, column + 1)
        return found


def decode(raw: bytes) -> str:
    """UTF-8 text, a byte-order mark accepted; raises `YamlSyntaxError` where it is not."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlSyntaxError(
            Position(line, column),
            f"byte 0x{raw[exc.start]:02x} is not valid UTF-8: save the file as UTF-8",
            Code.NOT_UTF8,
        ) from None


def parse(text: str) -> YamlDocument:
    """Parse YAML 1.2 text; raises `YamlSyntaxError` with a position and a hint."""
    # Windows line endings are accepted; positions count lines the same way.
    text = text.replace("\r\n", "\n")
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    try:
        return YamlDocument(yaml.load(text))
    except DuplicateKeyError as exc:
        raise _duplicate_key(exc) from None
    except MarkedYAMLError as exc:
        raise _syntax_error(exc) from None
    except ReaderError as exc:
        raise _unreadable_character(text, exc) from None
    except RecursionError:
        raise YamlSyntaxError(
            Position(1, 1),
            "the file is nested too deeply to read: a stakeholder file needs two or three levels",
            Code.NESTING_TOO_DEEP,
        ) from None
    except YAMLError as exc:
        raise YamlSyntaxError(
            Position(1, 1), f"invalid YAML: {' '.join(str(exc).split())}", Code.YAML_SYNTAX
        ) from None


def _unreadable_character(text: str, exc: ReaderError) -> YamlSyntaxError:
    """A character YAML does not allow, such as a control character, named by code."""
    index = exc.position if isinstance(exc.position, int) else 0
    before = text[:index]
    line = before.count("\n") + 1
    column = index - (before.rfind("\n") + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    return YamlSyntaxError(
        Position(line, column),
        f"the character U+{code:04X} is not allowed in YAML (a control character, often "
        "pasted in by accident): delete it",
        Code.CONTROL_CHARACTER,
    )


def _mark(exc: MarkedYAMLError) -> Position:
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return Position(1, 1)
    return Position(mark.line + 1, mark.column + 1)


def _duplicate_key(exc: DuplicateKeyError) -> YamlSyntaxError:
    problem = exc.problem or ""
    key = problem.split('"')[1] if problem.count('"') >= 2 else "?"
    return YamlSyntaxError(
        _mark(exc),
        f"key '{key}' appears twice in the same mapping: keep one of them",
        Code.DUPLICATE_KEY,
    )


def _syntax_error(exc: MarkedYAMLError) -> YamlSyntaxError:
    problem = (exc.problem or "").strip()
    if "'\\t'" in problem:
        return YamlSyntaxError(
            _mark(exc),
            "a tab is used for indentation: YAML indents with spaces only",
            Code.YAML_SYNTAX,
        )
    message, code = f"invalid YAML: {problem}", Code.YAML_SYNTAX
    if problem.endswith("found '?'"):
        problem = "mapping keys are not allowed here"
    for known, hint in _HINTS.items():
        if problem.startswith(known):
            message = f"invalid YAML: {hint}"
            if known == "but found another document":
                code = Code.MULTIPLE_DOCUMENTS
            break
    if exc.context and exc.context_mark is not None and exc.problem_mark is not None:
        start = exc.context_mark
        if (start.line, start.column) != (exc.problem_mark.line, exc.problem_mark.column):
            message += f" ({exc.context} that starts at line {start.line + 1})"
    return YamlSyntaxError(_mark(exc), message, code)
