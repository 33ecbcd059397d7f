"""Problems found in a handbook's files, and the one way they are written down.

Every message for a user is a `Problem`: it names the file, the line and the column,
says what is wrong and what would be right. The command line, the MkDocs plugin and
the reports all print problems with `format_problem`, so a pilot lead reads the same
sentence wherever the mistake surfaces.
"""

from __future__ import annotations

import enum
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from pilotbook.problems.codes import Code
from pilotbook.text.escaping import (
    csv_document,
    json_text,
    log_line,
    log_text,
    readable_markdown,
)


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    # Shown, and failing nothing: a rule a handbook set to `info` (see config.levels).
    INFO = "info"


class Position(NamedTuple):
    """A place in a text file, 1-based as editors show it."""

    line: int = 1
    column: int = 1


class Problem(NamedTuple):
    """One thing wrong or worth a look in a file; problems sort by file and place."""

    path: str
    position: Position
    severity: Severity
    message: str
    code: Code

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def format_problem(problem: Problem) -> str:
    """`path:line:col: severity: message (code)`, the format editors and CI logs understand.

    File names and messages quote what people wrote, so the line shows control
    characters as symbols and can never pass for a line of its own or a CI command.
    """
    where = f"{problem.path}:{problem.position.line}:{problem.position.column}"
    return log_line(f"{where}: {problem.severity}: {problem.message} ({problem.code})")


_PLURAL = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "info"}


def summarise(problems: Iterable[Problem], files: int) -> str:
    problems = list(problems)
    checked = f"{files} {'file' if files == 1 else 'files'} checked"
    if not problems:
        return f"{checked}, no problems"
    return f"{checked}: {_counted(problems)}"


def _counted(problems: Sequence[Problem]) -> str:
    """`2 errors, 1 warning`."""
    counts = Counter(p.severity for p in problems)
    return ", ".join(
        f"{counts[s]} {s if counts[s] == 1 else _PLURAL[s]}" for s in Severity if counts[s]
    )


class HandbookError(Exception):
    """Raised when the handbook cannot be built; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(format_problem(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[HandbookError], tuple[list[Problem]]]:
        # Pickled with its problems, which the message is made from (see pilotbook.build.worker).
        return (HandbookError, (self.problems,))


# Other ways to write the same problems, for CI systems and tools -------------------


def _escape_data(text: str) -> str:
    """Escaping of a workflow command's message, as GitHub's toolkit does it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """Escaping of a workflow command's property value (file, title)."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


# GitHub's annotations: an info problem is a notice.
_GITHUB_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def github_command(problem: Problem) -> str:
    """A GitHub Actions workflow command that annotates the line in a pull request; its
    title names the problem's code, as GitLab's `check_name` and Azure's `code` do."""
    title = f"pilotbook {problem.severity} ({problem.code})"
    properties = ",".join(
        (
            f"file={_escape_property(log_text(problem.path))}",
            f"line={problem.position.line}",
            f"col={problem.position.column}",
            f"title={_escape_property(title)}",
        )
    )
    command = _GITHUB_COMMAND[problem.severity]
    return f"::{command} {properties}::{_escape_data(log_text(problem.message))}"


# GitLab's Code Quality severities: an error stops the build, a warning does not.
_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}
_NUMBER = re.compile(r"[0-9]+")


def gitlab_report(problems: Iterable[Problem]) -> str:
    """A GitLab Code Quality report: one issue per problem, paths as the problems give them
    (from the repository's root, as GitLab wants them).

    GitLab tells new problems from fixed ones by their fingerprint, so it leaves out
    the line and every number in the message (an age in days, today's date, a line a
    hint quotes): an entry moved down or a day gone by is not a new problem. Problems
    that are alike in one file are told apart by their order.
    """
    seen: Counter[str] = Counter()
    issues = []
    for problem in problems:
        alike = "\0".join((problem.code, problem.path, _NUMBER.sub("#", problem.message)))
        occurrence = seen[alike]
        seen[alike] += 1
        identity = f"{alike}\0{occurrence}".encode("utf-8", "surrogatepass")
        issues.append(
            {
                "description": problem.message,
                "check_name": str(problem.code),
                "fingerprint": hashlib.sha256(identity).hexdigest(),
                "severity": _GITLAB_SEVERITY[problem.severity],
                "location": {"path": problem.path, "lines": {"begin": problem.position.line}},
            }
        )
    return json_text(issues)


def _azure_data(text: str) -> str:
    """Escaping of a logging command's message, as Azure Pipelines' agent reads it.

    The text is made safe for logs first: a line break shows as a symbol and a
    `##vso[` inside gets a backslash, so the message can never start a command."""
    return log_text(text).replace("%", "%AZP25").replace("\r", "%0D").replace("\n", "%0A")


def _azure_property(text: str) -> str:
    """Escaping of a logging command's property value: `;` and `]` would end it."""
    return _azure_data(text).replace(";", "%3B").replace("]", "%5D")


def azure_command(problem: Problem) -> str:
    """An Azure Pipelines logging command that reports the problem as an issue of the run;
    an info problem is no issue (Azure has none of that type): a plain line of the log."""
    if problem.severity is Severity.INFO:
        return format_problem(problem)
    properties = ";".join(
        (
            f"type={problem.severity}",
            f"sourcepath={_azure_property(problem.path)}",
            f"linenumber={problem.position.line}",
            f"columnnumber={problem.position.column}",
            f"code={problem.code}",
        )
    )
    return f"##vso[task.logissue {properties}]{_azure_data(problem.message)}"


def as_json(problems: Iterable[Problem], files: int, config: str | None = None) -> str:
    """The problems for tools: exact strings, in JSON that a terminal shows safely.
    `config` names the configuration whose method judged the files (None: the default)."""
    return json_text({"config": config, "files": files, "problems": [as_data(p) for p in problems]})


def as_data(problem: Problem) -> dict[str, object]:
    return {
        "path": problem.path,
        "line": problem.position.line,
        "column": problem.position.column,
        "severity": str(problem.severity),
        "message": problem.message,
        "code": str(problem.code),
    }


def markdown_summary(problems: Iterable[Problem], files: int) -> str:
    """A short Markdown report for a CI job's summary page."""
    problems = list(problems)
    return _markdown_problems("pilotbook check", summarise(problems, files), problems)


def _markdown_problems(title: str, summary: str, problems: Sequence[Problem]) -> str:
    lines = [f"### {title}", "", summary, ""]
    if problems:
        lines += [
            "| file | line | column | severity | message | code |",
            "|---|--:|--:|---|---|---|",
        ]
        for p in problems:
            position = (str(p.position.line), str(p.position.column))
            cells = (p.path, *position, p.severity, p.message, p.code)
            lines.append("| " + " | ".join(_table_cell(c) for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def _table_cell(text: str) -> str:
    """A table cell of GitHub Markdown that shows the text and does nothing else, and
    reads as typed where the Markdown is read as it is (a refused report, in a terminal)."""
    return readable_markdown(log_text(text))


_FIELDS = ("path", "line", "column", "severity", "message", "code")


def refusal(problems: Sequence[Problem], fmt: str, command: str) -> str:
    """The problems that stopped `pilotbook COMMAND` (its configuration's, or its files'),
    as a document of the format asked for, `json`, `csv` or `markdown`: a file its output
    is written to still opens as one. JSON lists them as `check --format json` does."""
    if fmt == "json":
        return json_text({"problems": [as_data(p) for p in problems]}) + "\n"
    if fmt == "csv":
        return csv_document([_FIELDS, *(as_data(p).values() for p in problems)])
    summary = f"Not made: {_counted(problems)} to fix first"
    return _markdown_problems(f"pilotbook {command}", summary, problems)
