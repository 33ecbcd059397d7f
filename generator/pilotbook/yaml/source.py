"""Reading YAML text into plain data while keeping where each value stood.

A stakeholder file and the plugin's options in `mkdocs.yml` are both YAML written
by hand. Validation works on plain data and asks a `YamlDocument` for the position
of a key path (`("answers", "impact")`) only when it has something to report.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Position
from pilotbook.yaml.syntax import KeyPath, YamlSyntaxError


@dataclass(frozen=True)
class YamlDocument:
    """Data read from YAML, and a way back to where each value stood in the text."""

    data: Any
    # With the text, positions come from reading it again with ruamel.yaml, only once
    # a position is asked for: reading without positions is several times faster.
    text: str | None = None

    @functools.cached_property
    def _tree(self) -> Any:
        if self.text is None:
            return self.data
        from pilotbook.yaml.roundtrip import tree_for_positions  # only now: see `parse`

        return tree_for_positions(self.text)

    def position(self, path: KeyPath, *, key: bool = False) -> Position:
        """Where the value at `path` starts (or its key, with `key=True`).

        Falls back to the deepest position that can be found, so a message about a
        missing key points at the mapping that should hold it.
        """
        from pilotbook.yaml.roundtrip import position_in  # only now: see `parse`

        return position_in(self._tree, path, key)


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
    """Parse YAML 1.2 text with positions; raises `YamlSyntaxError` with a position and
    a hint.

    `roundtrip` is imported here, when a position or a syntax message is wanted, and not
    with this module: a build with nothing to report never pays for importing
    ruamel.yaml. No cycle hides behind it (`roundtrip` imports `syntax`, not this)."""
    from pilotbook.yaml.roundtrip import load

    return YamlDocument(load(text))


def parse_for_positions(text: str) -> YamlDocument:
    """`parse` for a text another reader has read already, only to locate its values: a
    number too long to read stays text, and text this reader cannot read gives no
    positions (each is then the file's start) instead of an error."""
    from pilotbook.yaml.roundtrip import tree_for_positions

    return YamlDocument(tree_for_positions(text))


def reads_as_too_long_number(scalar: str) -> bool:
    """Whether ruamel.yaml reads the plain scalar `scalar` as a number too long to read,
    in any of its forms (`1_000`, `0b101`, ...), so that the plain reader can refuse
    what the locating one would, and the two never disagree on a file."""
    try:
        parse(scalar)
    except YamlSyntaxError as error:
        return error.code == Code.NUMBER_TOO_LONG
    return False
