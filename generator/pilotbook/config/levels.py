"""Each rule's level, as a handbook sets it by problem code (as yamllint's rules are set)::

    plugins:
      - pilotbook:
          levels:
            no-part-in-setup: error       # fails every build, and check
            call-team-not-spread: info    # shown, and fails nothing (not even a strict build)
            interview-not-shortlisted: off

A level applies to a rule that reports a warning (a code marked "(warning)" in
`pilotbook.problems.codes`): `off` leaves it out, `info` shows it without failing a
strict build, `warning` is as it is, `error` fails the build and `check`. An error
of a file (invalid YAML, an unknown key) is never lowered: nothing is built from a
file that cannot be read as written. `Levels.apply` is the one place where levels
take effect, for `check`, `report`, the build and `generate` alike.
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pilotbook.method.reading import Locate
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import HandbookError, Problem, Severity


class Level(enum.StrEnum):
    OFF = "off"
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


_SEVERITY = {
    Level.INFO: Severity.INFO,
    Level.WARNING: Severity.WARNING,
    Level.ERROR: Severity.ERROR,
}
# The codes whose level a handbook may set.
LEVELLED = tuple(code for code in Code if code.warns)
_CODES = frozenset(Code)
_LEVELS = ", ".join(Level)


@dataclass(frozen=True)
class Levels:
    """The levels a handbook sets, by code; a code not set keeps its own (a warning)."""

    set: tuple[tuple[Code, Level], ...] = ()

    def apply(self, problems: Iterable[Problem]) -> tuple[Problem, ...]:
        """The problems at the levels set: those turned off left out."""
        levels = dict(self.set)
        kept = []
        for problem in problems:
            level = levels.get(problem.code)
            if level is None or problem.is_error:  # an error of a file is never lowered
                kept.append(problem)
            elif level is not Level.OFF:
                kept.append(problem._replace(severity=_SEVERITY[level]))
        return tuple(kept)


# Every rule at its own level.
AS_THEY_ARE = Levels()


def not_failing(problems: Iterable[Problem]) -> list[Problem]:
    """The problems, when none is an error; else `HandbookError` with the errors."""
    problems = list(problems)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise HandbookError(errors)
    return problems


def read_levels(written: Any, path: str, locate: Locate) -> tuple[Levels, list[Problem]]:
    """The `levels` option as written (None: not set), and a located problem for each
    code or level that cannot be used."""
    problems: list[Problem] = []

    def wrong(where: tuple[Any, ...], message: str, *, at_key: bool = False) -> None:
        position = locate(("levels", *where), at_key)
        problems.append(Problem(path, position, Severity.ERROR, message, Code.INVALID_OPTION))

    if written is None:
        return AS_THEY_ARE, problems
    if not isinstance(written, Mapping):
        wrong(
            (),
            f"'levels' must be a mapping of problem codes to {_LEVELS}, such as "
            "'no-part-in-setup: error'",
        )
        return AS_THEY_ARE, problems
    found = []
    for code, level in written.items():
        if (message := _wrong_code(code)) is not None:
            wrong((code,), message, at_key=True)
        elif (checked := _level(level)) is None:
            close = difflib.get_close_matches(str(level), tuple(Level), n=1)
            hint = f"did you mean '{close[0]}'? " if close and isinstance(level, str) else ""
            message = f"the level of '{code}' is {_as_written(level)}: {hint}write one of {_LEVELS}"
            # An empty value has no place of its own: its key is where to write one.
            wrong((code,), message, at_key=level is None)
        else:
            found.append((Code(code), checked))
    return Levels(tuple(found)), problems


def _wrong_code(code: Any) -> str | None:
    """What is wrong with `code` as a key of `levels`, or None when a level can be set."""
    known = f"the codes whose level can be set are {', '.join(LEVELLED)}"
    if code in LEVELLED:
        return None
    if isinstance(code, str) and code in _CODES:
        return (
            f"'{code}' is an error of a file or a setting, which no level can lower: a "
            f"site is not built from what cannot be read as written; {known}"
        )
    close = difflib.get_close_matches(str(code), LEVELLED, n=1)
    hint = f"did you mean '{close[0]}'?" if close else known
    return f"unknown problem code '{code}' in 'levels': {hint}"


def _as_written(level: Any) -> str:
    if level is None:
        return "empty"
    if level is True:
        return "true (as MkDocs reads 'on' or 'yes')"
    if isinstance(level, str | int | float):
        return f"'{level}'"
    return "a list or a mapping"


def _level(level: Any) -> Level | None:
    # MkDocs reads mkdocs.yml as YAML 1.1, where a bare `off` is false.
    if level is False:
        return Level.OFF
    return Level(level) if isinstance(level, str) and level in frozenset(Level) else None
