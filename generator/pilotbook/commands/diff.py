"""`pilotbook diff`: what a change does to the shortlist, between two git revisions (or
a revision and the work tree), each judged by its own configuration."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path, PurePosixPath

from pilotbook.commands.handbook import find
from pilotbook.commands.usage import UsageError, shown
from pilotbook.config.handbook import Handbook
from pilotbook.config.pilots import not_yet_for_several
from pilotbook.config.screened import screen_handbook
from pilotbook.problems.problem import HandbookError, refusal
from pilotbook.records.kinds import KINDS
from pilotbook.records.record_kind import Kind
from pilotbook.records.revisions import GitError, handbook_repository, in_repository
from pilotbook.records.stakeholders import STAKEHOLDERS
from pilotbook.review.changes import Changes
from pilotbook.review.diff import MARKER, Side, WorkTree, as_json, as_markdown, compare, side_at


def run(args: argparse.Namespace) -> int:
    try:
        changes, handbook = _compared(args)
    except HandbookError as error:
        # The output is the format's document all the same, holding what stopped it: a
        # comment with the marker, so that it takes the place of the last one.
        written = refusal(error.problems, args.format, "diff")
        sys.stdout.write(written if args.format == "json" else f"{MARKER}\n{written}")
        raise
    if args.format == "json":
        sys.stdout.write(as_json(changes, changes.head.language))
    else:
        print(
            as_markdown(
                changes, changes.head.language, args.site_url, handbook.pages_dir, handbook.audience
            )
        )
    return 0


def _compared(args: argparse.Namespace) -> tuple[Changes, Handbook]:
    found = find(args)
    handbook, config = found.handbook, found.config_file
    not_yet_for_several(handbook.listed_pilots, handbook.display, "'pilotbook diff'")
    folder = handbook.stakeholders_dir.absolute()
    try:
        root, inside = handbook_repository(folder, config, shown(folder))
        work_tree = WorkTree(handbook.method, _folders(handbook, root, inside), handbook.language)
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
            )
    except GitError as error:
        raise UsageError(str(error)) from None
    return compare(base, head), handbook


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
