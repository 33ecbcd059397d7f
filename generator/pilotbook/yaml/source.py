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

from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Position

KeyPath = Sequence[str | int]


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
        from pilotbook.yaml.roundtrip import position_in

        return position_in(self._tree, path, key)


# Python turns an integer into decimal text, or decimal text into one, of at most 4,300
# digits; a longer number in a file could be read but never shown.
MAX_DIGITS = 4300
_LIMIT = 10**MAX_DIGITS


def integer(text: str, base: int = 10) -> int | None:
    """The integer `text` writes in `base` (digits only, an optional sign), or None where
    it has more than `MAX_DIGITS` decimal digits."""
    if base == 10 and len(text.lstrip("+-")) > MAX_DIGITS:
        return None
    value = int(text, base)
    return value if fits(value) else None


def fits(value: int) -> bool:
    """Whether `value` has at most `MAX_DIGITS` decimal digits."""
    return -_LIMIT < value < _LIMIT


def number_too_long(position: Position) -> YamlSyntaxError:
    return YamlSyntaxError(
        position,
        f"the number has more than {MAX_DIGITS:,} digits, more than pilotbook reads: "
        "put it in quotes to keep it as text, or shorten it",
        Code.NUMBER_TOO_LONG,
    )


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
    """Parse YAML 1.2 text with positions (ruamel.yaml's round trip, loaded only when
    needed); raises `YamlSyntaxError` with a position and a hint."""
    from pilotbook.yaml.roundtrip import parse_with_positions

    return parse_with_positions(text)
