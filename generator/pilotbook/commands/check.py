"""`pilotbook check`: validate the stakeholder files and report every problem, in the
format a terminal, a CI system or a tool reads."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from pilotbook.commands.handbook import Found, find
from pilotbook.commands.usage import shown
from pilotbook.config.handbook import find_config
from pilotbook.config.screened import CHECK, Result, screen_handbook
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import (
    HandbookError,
    Problem,
    Severity,
    as_json,
    azure_command,
    format_problem,
    github_command,
    gitlab_report,
    markdown_summary,
    summarise,
)
from pilotbook.records.revisions import GitError, in_repository, repository_root
from pilotbook.review.renamed import renamed_ids


def run(args: argparse.Namespace) -> int:
    try:
        found = find(args)
        result = _with_renames(found, screen_handbook(found.handbook, CHECK))
    except HandbookError as error:
        # The configuration stands in the way, and no file was judged. A CI system reads
        # an empty report as a broken one: the output is a document of its format all
        # the same, holding the errors, which go to stderr as for every command.
        if args.format != "text":
            config = _configuration(args)
            _write(args.format, error.problems, 0, config, config or Path(args.dir or "."))
        raise
    if args.format != "json":
        print(found.note, file=sys.stderr)
    handbook = found.handbook
    # CI systems find a file by its path from the root of the handbook's repository.
    where = found.config_file or handbook.stakeholders_dir
    _write(args.format, result.problems, result.files, found.config_file, where)
    return verdict(result, found, args.strict)


# The problems of a file naming an id the method does not have.
_UNKNOWN_IDS = {Code.UNKNOWN_VALUE, Code.UNKNOWN_QUESTION, Code.UNKNOWN_PHASE}


def _with_renames(found: Found, result: Result) -> Result:
    """`result`, or, where a file names an id that the configuration renamed in one of
    its recent commits, the files judged again knowing those renames: each such
    message names the id to write now. Read from git only when there is such a file."""
    config, handbook = found.config_file, found.handbook
    if config is None or not any(p.code in _UNKNOWN_IDS for p in result.problems):
        return result
    try:
        root = repository_root(config.resolve().parent).resolve()
    except GitError:
        return result
    path = in_repository(config, root)
    if path is None:
        return result
    renamed = renamed_ids(root, path, handbook.method, handbook.language)
    if not renamed:
        return result
    method = dataclasses.replace(handbook.method, renamed=renamed)
    pilots = tuple(
        dataclasses.replace(p, method=dataclasses.replace(p.method, renamed=renamed))
        for p in handbook.listed_pilots
    )
    return screen_handbook(
        dataclasses.replace(handbook, method=method, listed_pilots=pilots), CHECK
    )


def _write(
    fmt: str, problems: Sequence[Problem], files: int, config: Path | None, where: Path
) -> None:
    """The problems in the format asked for; `where` is a file or folder of the handbook."""
    if fmt == "json":
        print(as_json(problems, files, shown(config) if config else None))
    elif fmt == "gitlab":
        print(gitlab_report(_from_repository_root(problems, where)))
    elif fmt == "azure":
        for problem in _from_repository_root(problems, where):
            print(azure_command(problem))
        print(summarise(problems, files))
    elif fmt == "github":
        for problem in _from_repository_root(problems, where):
            print(github_command(problem))
        print(summarise(problems, files))
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_file:
            with open(summary_file, "a", encoding="utf-8") as summary:
                summary.write(markdown_summary(problems, files) + "\n")
    else:
        for problem in problems:
            print(format_problem(problem))
        print(summarise(problems, files))


def _configuration(args: argparse.Namespace) -> Path | None:
    """The configuration `find` reads, named as it names it."""
    if args.config_file:
        return Path(args.config_file)
    return find_config(Path(args.dir or "."))


def _from_repository_root(problems: Sequence[Problem], where: Path) -> list[Problem]:
    """The problems with paths from the root of the repository that holds `where`, as CI
    systems match paths, wherever check runs (outside a repository: from the current
    folder, which the problems' paths start from)."""
    here = Path(os.path.realpath(Path.cwd()))
    place = where.absolute()
    folder = next(p for p in (place, *place.parents) if p.is_dir())
    try:
        root, inside = repository_root(folder).resolve(), True
    except GitError:
        root, inside = here, False
    moved = []
    for problem in problems:
        # Only the folder is resolved: a linked file is reported where the link is.
        path = Path(os.path.normpath(here / problem.path))
        path = Path(os.path.realpath(path.parent)) / path.name
        if path.is_relative_to(root):
            shown_path = path.relative_to(root).as_posix()
        elif not inside:
            shown_path = Path(os.path.relpath(path, root)).as_posix()
        else:
            shown_path = problem.path
        moved.append(problem._replace(path=shown_path))
    return moved


def verdict(result: Result, found: Found, strict_asked: bool) -> int:
    """1 where the build of the same configuration fails (see `Result.fails`), and
    then, where warnings alone fail it, why: on stderr, which no format parses."""
    config = found.config_file
    if not (strict_asked or (config and found.site and found.site.strict)):
        return int(result.fails(strict=False))
    why = "--strict" if strict_asked or config is None else f"'strict: true' in {shown(config)}"
    if result.fails(strict=True):
        if not result.has_errors:
            print(
                f"pilotbook: check failed: {why} fails the build on warnings, and so check: "
                "fix them, or set their level in the plugin's 'levels:' option",
                file=sys.stderr,
            )
        return 1
    if any(p.severity is Severity.WARNING for p in result.problems):
        print(
            f"pilotbook: the warnings of stale-review and stale-schema fail no build, even "
            f"with {why}, and so not check: 'levels:' can make them errors",
            file=sys.stderr,
        )
    return 0
