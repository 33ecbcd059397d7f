"""ruamel.yaml's round-trip reading: where each value stood, and YAML's errors in words.

Kept apart from `source` so that a build with nothing to report never imports
ruamel.yaml: stakeholder files are read with libyaml (`plain`), and a file is read
again here only to locate a problem or to word a syntax error. What both readers share
is in `syntax`, so this module imports neither of them.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Position
from pilotbook.yaml.syntax import KeyPath, YamlSyntaxError, fits, number_too_long

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
    # A line indented between two levels, or one that is no 'key: value'.
    "expected <block end>, but found": (
        "this line is not lined up with the keys above it: give the keys of one mapping "
        "the same indentation (each answer two spaces in under 'answers:', say) and write "
        "each line as 'key: value'"
    ),
    "expected '<document start>', but found": (
        "this line is indented less than the first line: start the keys of a stakeholder "
        "file (name, discipline, ...) at the beginning of their lines"
    ),
    "could not find expected ':'": (
        "this line has no ':' after its key: write it as 'key: value', or put a text that "
        "runs over several lines in quotes"
    ),
    "but found another document": (
        "a stakeholder file holds exactly one document: "
        "remove the '---' line and what follows, or move it to a file of its own"
    ),
}


class _Constructor(RoundTripConstructor):
    """ruamel.yaml's round-trip reading, where a date that cannot exist stays text and
    a number too long to be read is a located problem.

    `2024-02-30` looks like a date to YAML, but no calendar has it; ruamel.yaml would
    raise a bare `ValueError` from deep inside. As text it reaches validation, which
    says where it stands and what would be right (as `plain` reads it too). A
    number of more than 4,300 digits is refused as `plain` refuses it.
    """

    def construct_yaml_int(self, node: Any) -> Any:
        try:
            value = super().construct_yaml_int(node)
        except ValueError:
            value = None
        if value is None or not fits(value):
            mark = node.start_mark
            raise number_too_long(Position(mark.line + 1, mark.column + 1))
        return value

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)
_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_yaml_int)


class _Locating(_Constructor):
    """The round-trip reading that only locates: a number too long to read stays its
    text, since what it is was decided by the reader whose data is used."""

    def construct_yaml_int(self, node: Any) -> Any:
        try:
            return super().construct_yaml_int(node)
        except YamlSyntaxError:
            return self.construct_scalar(node)


_Locating.add_constructor("tag:yaml.org,2002:int", _Locating.construct_yaml_int)


def tree_for_positions(text: str) -> Any:
    """The tree `position_in` walks, read from a text another reader has read already;
    None where this reader cannot read it (positions are then the file's start)."""
    try:
        return load(text, _Locating)
    except YamlSyntaxError:
        return None


def position_in(tree: Any, path: KeyPath, key: bool) -> Position:
    """Where the value at `path` starts in a tree `load` read (see `YamlDocument.position`)."""
    node = tree
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


def load(text: str, constructor: type = _Constructor) -> Any:
    """Parse YAML 1.2 text into ruamel.yaml's tree, which knows where each value stood;
    raises `YamlSyntaxError` with a position and a hint."""
    # Windows line endings are accepted; positions count lines the same way.
    text = text.replace("\r\n", "\n")
    yaml = YAML(typ="rt")
    yaml.Constructor = constructor
    try:
        return yaml.load(text)
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
    hinted = None
    for known, hint in _HINTS.items():
        if problem.startswith(known):
            message, hinted = f"invalid YAML: {hint}", known
            if known == "but found another document":
                code = Code.MULTIPLE_DOCUMENTS
            break
    if hinted == "could not find expected ':'" and exc.context_mark is not None:
        # The parser notices on the next line; the line to fix is where the key starts.
        start = exc.context_mark
        return YamlSyntaxError(Position(start.line + 1, start.column + 1), message, code)
    if hinted == "expected <block end>, but found":
        return YamlSyntaxError(_mark(exc), message, code)  # the mapping it was in says little
    if exc.context and exc.context_mark is not None and exc.problem_mark is not None:
        start = exc.context_mark
        if (start.line, start.column) != (exc.problem_mark.line, exc.problem_mark.column):
            message += f" ({exc.context} that starts at line {start.line + 1})"
    return YamlSyntaxError(_mark(exc), message, code)
