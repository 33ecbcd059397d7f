"""Plain YAML: the part of YAML a stakeholder file may use, read fast and refused early.

Stakeholder files are data typed by people who are not developers and arrive in
pull requests from anyone with access. So they are read as plain data only: one
document of mappings, lists and scalars. Tags (`!!python/object`, `!!bool`),
anchors and aliases (and so alias bombs), directives (`%YAML`) and extra
documents are refused from the event stream, before anything is built from it,
and so are files that are too large or nested too deep.

The events come from libyaml (PyYAML's C parser) where it is installed, which is
several times faster than a pure-Python parser; the data is built here with YAML
1.2's core schema, so `yes` and `no` stay text, as in `ruamel.yaml`. Where libyaml
finds a syntax error, `source.parse` reads the file again to word the message.
"""

from __future__ import annotations

import datetime
import math
import re
from typing import Any

import yaml

from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Position
from pilotbook.yaml.source import YamlDocument, parse, reads_as_too_long_number
from pilotbook.yaml.syntax import MAX_DIGITS, YamlSyntaxError, integer, number_too_long

MAX_BYTES = 256 * 1024
MAX_DEPTH = 20

_Parser: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# YAML 1.2 core schema, plus the dates ruamel.yaml also reads.
_NULL = re.compile(r"^(?:~|null|Null|NULL|)\Z")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
# The plain words that are not text: all others that start with a letter are.
_WORDS = frozenset(("null", "Null", "NULL", *_BOOL))
_SURROGATE = re.compile("[\ud800-\udfff]")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_DATETIME = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}")


def check_size(raw: bytes) -> None:
    if len(raw) > MAX_BYTES:
        raise YamlSyntaxError(Position(1, 1), too_large(len(raw)), Code.FILE_TOO_LARGE)


def too_large(size: int, *, more: bool = False) -> str:
    """Why a file of `size` bytes is not read (`more`: at least that many)."""
    return (
        f"the file has {size:,} bytes{' or more' if more else ''}, more than the "
        f"{MAX_BYTES:,} a stakeholder file may have: a stakeholder needs a few lines; "
        "move long texts elsewhere and link them"
    )


def load(text: str) -> YamlDocument:
    """Plain data from one YAML document; raises `YamlSyntaxError` with a position."""
    try:
        return YamlDocument(_build(text, _Parser), text)
    except yaml.YAMLError:
        pass
    # libyaml stops at 1,000 levels of nesting before an event says where the file went
    # too deep, so the rare broken file is read again by PyYAML's Python parser.
    try:
        return YamlDocument(_build(text, yaml.SafeLoader), text)
    except yaml.YAMLError as error:
        parse(text)  # words the message the way the rest of pilotbook does
        # Only where the parsers disagree does PyYAML's own message stand.
        mark = getattr(error, "problem_mark", None)
        where = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
        problem = getattr(error, "problem", None) or " ".join(str(error).split())
        raise YamlSyntaxError(where, f"invalid YAML: {problem}", Code.YAML_SYNTAX) from None


def _build(text: str, parser: type) -> Any:
    """The value `text` holds, from the events of `parser` (as `yaml.parse` gives them,
    without a generator between: both parsers give None once the stream has ended)."""
    loader = parser(text)
    try:
        return _Builder().build(iter(loader.get_event, None))
    finally:
        loader.dispose()


def _at(event: Any) -> Position:
    return Position(event.start_mark.line + 1, event.start_mark.column + 1)


def _refuse(event: Any, message: str, code: Code) -> YamlSyntaxError:
    return YamlSyntaxError(_at(event), message, code)


_SCALAR = yaml.ScalarEvent
_OPENS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSES = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class _Builder:
    """Builds lists, dicts and scalars from events, with a stack instead of recursion.

    Events are told apart by their exact class, most frequent first: a build reads a
    thousand files of some twenty-five events each."""

    def build(self, events: Any) -> Any:
        documents = 0
        result: Any = None
        # Each open collection: [container, pending key (mappings), key positions].
        stack: list[list[Any]] = []
        for event in events:
            kind = event.__class__
            if kind is _SCALAR:
                if event.anchor is not None or event.tag is not None:
                    self._plain(event)
                value = event.value
                if not event.implicit[0]:  # quoted or block text stays text
                    # Only an escape can make a surrogate, and only double quotes escape:
                    # the file itself was decoded from UTF-8.
                    if event.style == '"' and _SURROGATE.search(value):
                        raise _refuse(
                            event,
                            "the text holds an escaped surrogate (\\uD800 to \\uDFFF), "
                            "which is not a character on its own: remove it",
                            Code.ESCAPED_SURROGATE,
                        )
                elif not value[:1].isalpha() or value in _WORDS:
                    # Most plain text starts with a letter and is no null or boolean.
                    value = _typed(value)
                    if value is _TOO_LONG:
                        raise number_too_long(_at(event))
            elif kind in _OPENS:
                self._plain(event)
                if len(stack) >= MAX_DEPTH:
                    raise _refuse(
                        event,
                        f"the file is nested more than {MAX_DEPTH} levels deep: a stakeholder "
                        "file needs two or three",
                        Code.NESTING_TOO_DEEP,
                    )
                stack.append([{} if kind is yaml.MappingStartEvent else [], None, False])
                continue
            elif kind in _CLOSES:
                value = stack.pop()[0]
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _refuse(
                        event,
                        "a stakeholder file holds exactly one document: remove the '---' line "
                        "and what follows, or move it to a file of its own",
                        Code.MULTIPLE_DOCUMENTS,
                    )
                if event.version or event.tags:
                    raise _refuse(
                        event,
                        "stakeholder files are plain data and take no '%YAML' or '%TAG' "
                        "directive: remove the line that starts with '%'",
                        Code.YAML_DIRECTIVE,
                    )
                continue
            elif kind is yaml.AliasEvent:
                raise _refuse(
                    event,
                    f"'*{event.anchor}' repeats another value (a YAML alias); stakeholder files "
                    "are plain data: write the value out instead",
                    Code.YAML_ALIAS,
                )
            else:
                continue
            if not stack:
                result = value
                continue
            top = stack[-1]
            container = top[0]
            if container.__class__ is list:
                container.append(value)
            elif not top[2]:
                if value.__class__ is not str and not _plain_key(value):
                    raise _refuse(
                        event,
                        "a key must be a plain word, not a list or a mapping",
                        Code.COMPLEX_KEY,
                    )
                if value in container:
                    raise _refuse(
                        event,
                        f"key '{value}' appears twice in the same mapping: keep one of them",
                        Code.DUPLICATE_KEY,
                    )
                top[1], top[2] = value, True
            else:
                container[top[1]] = value
                top[1], top[2] = None, False
        return result

    @staticmethod
    def _plain(event: Any) -> None:
        if event.anchor is not None:
            raise _refuse(
                event,
                f"'&{event.anchor}' names a value for reuse (a YAML anchor); stakeholder files "
                "are plain data: remove it",
                Code.YAML_ANCHOR,
            )
        if event.tag is not None and not (
            isinstance(event, yaml.ScalarEvent) and event.tag == "!" and not event.implicit[0]
        ):
            raise _refuse(
                event,
                f"'{event.tag}' is a YAML tag; stakeholder files are plain data and take "
                "none: remove it and write the value as text, yes/no or a number",
                Code.YAML_TAG,
            )


def _plain_key(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


# What `_typed` gives for an integer too long to be read (see `syntax.integer`).
_TOO_LONG = object()
# Fewer characters than this never write a number too long: hexadecimal is the densest.
_SHORTEST_TOO_LONG = math.floor(MAX_DIGITS / math.log10(16))


def _typed(text: str) -> Any:
    """A plain scalar's value under YAML 1.2's core schema (and ruamel.yaml's dates)."""
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        value = integer(text, 0) if text[:2] in ("0o", "0x") else integer(text)
        return _TOO_LONG if value is None else value
    if _FLOAT.match(text):
        special = text.lower().lstrip("+")
        return {".inf": math.inf, "-.inf": -math.inf, ".nan": math.nan}.get(special) or float(text)
    if len(text) > _SHORTEST_TOO_LONG and reads_as_too_long_number(text):
        # ruamel.yaml, which locates problems, reads more forms as numbers (`1_000`,
        # `0b101`): one too long for it is refused here too, where it is found.
        return _TOO_LONG
    try:
        if _DATE.match(text):
            return datetime.date.fromisoformat(text)
        if _DATETIME.match(text):
            return datetime.datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        pass
    return text
