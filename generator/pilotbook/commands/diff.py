"""`pilotbook diff`: what a change does to the shortlist, between two git revisions (or
a revision and the work tree), each judged by its own configuration."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path, PurePosixPath

from pilotbook.commands.handbook import find
from pilotbook.commands.usage import UsageError, shown
from pilotbook.config.handbook import Handbook
from pilotbook.config.screened import screen_handbook
from pilotbook.problems.problem import HandbookError, refusal
from pilotbook.records.kinds import KINDS
from pilotbook.records.record_kind import Kind
from pilotbook.records.revisions import GitError, handbook_repository, in_repository
from pilotbook.records.stakeholders import STAKEHOLDERS
from pilotbook.review import pilots_diff
from pilotbook.review.diff import MARKER, Side, WorkTree, as_json, as_markdown, compare, side_at
from pilotbook.review.pilot_changes import compare_pilots, several


def run(args: argparse.Namespace) -> int:
    try:
        (base, head), handbook = _sides(args)
    except HandbookError as error:
        # The output is the format's document all the same, holding what stopped it: a
        # comment with the marker, so that it takes the place of the last one.
        written = refusal(error.problems, args.format, "diff")
        sys.stdout.write(written if args.format == "json" else f"{MARKER}\n{written}")
        raise
    language, pages = head.language, handbook.pages_dir
    if several(base, head):
        changes = compare_pilots(base, head)
        if args.format == "json":
            sys.stdout.write(pilots_diff.as_json(changes, language))
        else:
            audiences = {p.id: p.audience for p in handbook.pilots}
            print(pilots_diff.as_markdown(changes, language, args.site_url, pages, audiences))
        return 0
    one = compare(base, head)
    if args.format == "json":
        sys.stdout.write(as_json(one, language))
    else:
        print(as_markdown(one, language, args.site_url, pages, handbook.audience))
    return 0


def _sides(args: argparse.Namespace) -> tuple[tuple[Side, Side], Handbook]:
    """The two sides of the change, and the handbook of the work tree."""
    found = find(args)
    handbook, config = found.handbook, found.config_file
    folder = handbook.stakeholders_dir.absolute()
    try:
        root, inside = handbook_repository(folder, config, shown(folder))
        folders = _folders(handbook, root, inside)
        work_tree = WorkTree(handbook.method, folders, handbook.language, handbook.listed_pilots)
        # Each revision is judged by its own copy of the work tree's configuration file.
        in_repo = in_repository(config, root) if config is not None else None
        base = side_at(root, args.base, in_repo, work_tree)
        if args.head:
            head = side_at(root, args.head, in_repo, work_tree)
        else:
            result = screen_handbook(handbook)
            named = shown(config) if config is not None else None
            head = Side(
                "work tree",
                result.loaded,
                result.screening,
                handbook.language,
                named,
                callers=result.callers,
                pilots=result.pilots,
            )
    except GitError as error:
        raise UsageError(str(error)) from None
    return (base, head), handbook


def _folders(
    handbook: Handbook, root: Path, stakeholders: PurePosixPath
) -> dict[Kind, PurePosixPath]:
    """Each kind's folder relative to the repository's `root`, as a revision without a
    configuration of its own is read: the stakeholders' as `handbook_repository` found
    it, every other kind's where it lies inside the repository."""
    folders = {STAKEHOLDERS: stakeholders}
    for kind in KINDS:
        inside = in_repository(handbook.folder(kind), root)
        if kind is not STAKEHOLDERS and inside is not None:
            folders[kind] = inside
    return folders
