"""What both YAML readers share: a place in a document, the located syntax error, and the
longest number pilotbook reads.

`plain` (libyaml, for stakeholder files) and `roundtrip` (ruamel.yaml, for positions and
the wording of a syntax error) both refuse what this module names, and `source` puts
them together; neither reader imports the other's module.
"""

from __future__ import annotations

from collections.abc import Sequence

from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Position

# The keys and list indexes that lead to a value: `("answers", "impact")`.
KeyPath = Sequence[str | int]


class YamlSyntaxError(Exception):
    """The text is not plain, valid YAML; `position` and `message` say where and how to
    fix it, `code` what kind of problem it is."""

    def __init__(self, position: Position, message: str, code: Code) -> None:
        super().__init__(message)
        self.position = position
        self.message = message
        self.code = code


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
