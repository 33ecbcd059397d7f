"""Reading the method's options: located problems for what cannot be used, and texts in
each language the site can be built in."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Position, Problem, Severity
from pilotbook.yaml.source import KeyPath

LANGUAGES = ("nl", "en")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_-]*\Z")


@dataclass(frozen=True)
class Wording:
    """One text in each language the site can be built in."""

    nl: str
    en: str

    def __call__(self, language: str) -> str:
        return self.en if language == "en" else self.nl


# Where a key path stands in the options' file; `key=True` for the key, not its value.
Locate = Callable[[KeyPath, bool], Position]


class OptionReader:
    """Validates the method's options (disciplines, questions, phases, the grid, the
    call team), collecting problems."""

    def __init__(self, path: str, locate: Locate, language: str) -> None:
        self.path = path
        self.language = language
        self.locate = locate
        self.problems: list[Problem] = []

    def error(self, where: KeyPath, message: str, *, key: bool = False) -> None:
        position = self.locate(where, key)
        problem = Problem(self.path, position, Severity.ERROR, message, Code.INVALID_OPTION)
        self.problems.append(problem)

    def items(self, options: Mapping[str, Any], key: str) -> list[tuple[KeyPath, Mapping]]:
        value = options[key]
        if not isinstance(value, list) or not value:
            self.error((key,), f"'{key}' must be a non-empty list of mappings")
            return []
        items = []
        for index, item in enumerate(value):
            if not isinstance(item, Mapping):
                self.error((key, index), f"each entry of '{key}' must be a mapping with an 'id'")
            else:
                items.append(((key, index), item))
        return items

    def identifier(self, where: KeyPath, item: Mapping, seen: set[str]) -> str | None:
        value = item.get("id")
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.error(
                (*where, "id") if "id" in item else where,
                f"'id' must be lower-case letters, digits, '-' or '_', starting with a "
                f"letter (got {value!r})",
            )
            return None
        if value in seen:
            self.error((*where, "id"), f"id '{value}' is used twice: give each entry its own id")
            return None
        seen.add(value)
        return value

    def wording(self, where: KeyPath, item: Mapping, key: str, default: str | None) -> Wording:
        """A text in one or both languages; the handbook's own language is required,
        and a missing other language falls back to it."""
        value = item.get(key)
        if value is None and default is not None:
            return Wording(default, default)
        if isinstance(value, str) and value.strip():
            return Wording(value, value)
        if isinstance(value, Mapping):
            unknown = [k for k in value if k not in LANGUAGES]
            texts = {k: v for k, v in value.items() if isinstance(v, str) and v.strip()}
            if not unknown and self.language in texts and len(texts) == len(value):
                own = texts[self.language]
                return Wording(texts.get("nl", own), texts.get("en", own))
        self.error(
            (*where, key) if key in item else where,
            f"'{key}' must be a text, or a mapping of language to text that has one for "
            f"this handbook's language (for example {{{self.language}: ...}}; "
            f"languages: {', '.join(LANGUAGES)})",
        )
        return Wording("?", "?")

    def labelled(self, options: Mapping[str, Any], key: str) -> list[tuple[str, Wording]]:
        """The entries of a list of `{id, label}` mappings (disciplines, phases)."""
        seen: set[str] = set()
        entries = []
        for where, item in self.items(options, key):
            self.unknown_keys(where, item, ("id", "label"))
            ident = self.identifier(where, item, seen)
            label = self.wording(where, item, "label", default=ident or "?")
            if ident:
                entries.append((ident, label))
        return entries

    def unknown_keys(self, where: KeyPath, item: Mapping, allowed: tuple[str, ...]) -> None:
        for key in item:
            if key not in allowed:
                self.error(
                    (*where, key),
                    f"unknown key '{key}': expected one of {', '.join(allowed)}",
                    key=True,
                )
