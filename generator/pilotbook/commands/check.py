"""`pilotbook check`: validate the stakeholder files and report every problem, in the
format a terminal, a CI system or a tool reads."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from pilotbook.commands.handbook import find
from pilotbook.commands.usage import shown
from pilotbook.config.handbook import CHECK, screen_handbook
from pilotbook.problems.problem import (
    Problem,
    as_json,
    azure_command,
    format_problem,
    github_command,
    gitlab_report,
    markdown_summary,
    summarise,
)
from pilotbook.records.revisions import GitError, repository_root


def run(args: argparse.Namespace) -> int:
    found = find(args)
    handbook = found.handbook
    result = screen_handbook(handbook, CHECK)
    problems = result.problems
    files = result.files
    if args.format == "json":
        used = found.config_file
        print(as_json(problems, files, shown(used) if used else None))
    elif args.format == "gitlab":
        print(found.note, file=sys.stderr)
        print(gitlab_report(_from_repository_root(problems, handbook.base_dir)))
    elif args.format == "azure":
        print(found.note, file=sys.stderr)
        for problem in _from_repository_root(problems, handbook.base_dir):
            print(azure_command(problem))
        print(summarise(problems, files))
    elif args.format == "github":
        print(found.note, file=sys.stderr)
        # GitHub places annotations by the path from the repository's root.
        for problem in _from_repository_root(problems, handbook.base_dir):
            print(github_command(problem))
        print(summarise(problems, files))
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_file:
            with open(summary_file, "a", encoding="utf-8") as summary:
                summary.write(markdown_summary(problems, files) + "\n")
    else:
        print(found.note, file=sys.stderr)
        for problem in problems:
            print(format_problem(problem))
        print(summarise(problems, files))
    return 1 if result.has_errors else 0


def _from_repository_root(problems: Sequence[Problem], base_dir: Path) -> list[Problem]:
    """The problems with paths from the repository's root, as CI systems show files
    (outside a repository: from the current folder)."""
    base = Path(os.path.realpath(base_dir))
    try:
        root, inside = repository_root(base).resolve(), True
    except GitError:
        root, inside = Path.cwd().resolve(), False
    moved = []
    for problem in problems:
        # Only the folder is resolved: a linked file is reported where the link is.
        path = Path(os.path.normpath(base / problem.path))
        if path.is_relative_to(root):
            shown_path = path.relative_to(root).as_posix()
        elif not inside:
            shown_path = Path(os.path.relpath(path, root)).as_posix()
        else:
            shown_path = problem.path
        moved.append(problem._replace(path=shown_path))
    return moved
