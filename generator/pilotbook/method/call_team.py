"""The call team as the method plans it: how the colleagues who hold the calls are chosen,
how many the pilot needs, and what a cross-section must span::

    plugins:
      - pilotbook:
          call_team:
            selection: cross-section      # appointed | cross-section | volunteers
            size: 8                       # how many callers the pilot needs
            spread: [team, location]      # the fields the group must span
            reason: {nl: ..., en: ...}    # why this way, shown on the call team's page

Without `call_team` a handbook has no call team: no page, no warnings.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pilotbook.method.reading import Locate, OptionReader, Wording
from pilotbook.problems.problem import Position
from pilotbook.yaml.source import KeyPath


class Selection(enum.StrEnum):
    """The three ways to form the call team, as the method names them."""

    APPOINTED = "appointed"
    CROSS_SECTION = "cross-section"
    VOLUNTEERS = "volunteers"


SELECTIONS = tuple(str(s) for s in Selection)
# The caller's own fields a cross-section can span; any other name is a label of the
# caller's `extra` (such as `experience`).
SPREAD_FIELDS = ("team", "location", "role")
# What a cross-section spans where `spread` is not written.
DEFAULT_SPREAD = ("team", "location")
MAX_SIZE = 100_000
_KEYS = ("selection", "size", "spread", "reason")


@dataclass(frozen=True)
class CallTeamPlan:
    """How the call team is formed. `path` and `locate` say where the option stands,
    for the warnings about the team as a whole (too few callers, a gap in the spread)."""

    selection: Selection
    size: int
    spread: tuple[str, ...] = ()
    reason: Wording | None = None
    path: str = field(default="mkdocs.yml", compare=False, repr=False)
    locate: Locate | None = field(default=None, compare=False, repr=False)
    # The keys written (a `spread` left out takes its default).
    written: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def position(self, key: str) -> Position:
        """Where `call_team: key` stands in the configuration (its key), or `call_team`
        itself where the key is not written."""
        if self.locate is None:
            return Position(1, 1)
        return self.locate(("call_team", key) if key in self.written else ("call_team",), True)


def read_call_team(reader: OptionReader, given: Any) -> CallTeamPlan | None:
    """The `call_team` option, checked; None when it is not written (or is wrong)."""
    if given is None:
        return None
    where: KeyPath = ("call_team",)
    if not isinstance(given, Mapping):
        reader.error(where, "'call_team' must be a mapping such as {selection: appointed, size: 8}")
        return None
    reader.unknown_keys(where, given, _KEYS)
    selection = given.get("selection")
    if selection not in SELECTIONS:
        reader.error(
            (*where, "selection") if "selection" in given else where,
            f"'call_team: selection' must say how the callers are chosen: {', '.join(SELECTIONS)}",
            key="selection" not in given,
        )
    size = given.get("size")
    if isinstance(size, bool) or not isinstance(size, int) or not 1 <= size <= MAX_SIZE:
        reader.error(
            (*where, "size") if "size" in given else where,
            "'call_team: size' must be how many callers the pilot needs: a whole number "
            f"from 1 to {MAX_SIZE:,}",
            key="size" not in given,
        )
        size = None
    spread = _spread(reader, given, selection)
    reason = reader.wording(where, given, "reason", default=None) if "reason" in given else None
    if selection not in SELECTIONS or size is None or spread is None:
        return None
    written = frozenset(k for k in _KEYS if k in given)
    return CallTeamPlan(
        Selection(selection), size, spread, reason, reader.path, reader.locate, written
    )


def _spread(
    reader: OptionReader, given: Mapping[str, Any], selection: Any
) -> tuple[str, ...] | None:
    if "spread" not in given:
        return DEFAULT_SPREAD if selection == Selection.CROSS_SECTION else ()
    value = given["spread"]
    names = value if isinstance(value, list) else None
    if (
        names is None
        or not all(isinstance(n, str) and n.strip() for n in names)
        or len(set(names)) != len(names)
    ):
        reader.error(
            ("call_team", "spread"),
            "'call_team: spread' must be a list of the callers' fields the team must span, "
            f"each once, such as [team, location] ({', '.join(SPREAD_FIELDS)}, or a label "
            "of the callers' 'extra')",
        )
        return None
    return tuple(n.strip() for n in names)
