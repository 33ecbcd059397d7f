"""Problems found in a handbook's files, and the one way they are written down.

Every message for a user is a `Problem`: it names the file, the line and the column,
says what is wrong and what would be right. The command line, the MkDocs plugin and
the reports all print problems with `format_problem`, so a pilot lead reads the same
sentence wherever the mistake surfaces.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Position:
    """A place in a text file, 1-based as editors show it."""

    line: int = 1
    column: int = 1


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    position: Position
    severity: Severity
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def format_problem(problem: Problem) -> str:
    """`path:line:col: severity: message`, the format editors and CI logs understand."""
    where = f"{problem.path}:{problem.position.line}:{problem.position.column}"
    return f"{where}: {problem.severity}: {problem.message}"


def summarise(problems: Iterable[Problem], files: int) -> str:
    problems = list(problems)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    checked = f"{files} {'file' if files == 1 else 'files'} checked"
    if not problems:
        return f"{checked}, no problems"
    parts = []
    if errors:
        parts.append(f"{errors} {'error' if errors == 1 else 'errors'}")
    if warnings:
        parts.append(f"{warnings} {'warning' if warnings == 1 else 'warnings'}")
    return f"{checked}: {', '.join(parts)}"


class HandbookError(Exception):
    """Raised when the handbook cannot be built; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(format_problem(p) for p in self.problems))
