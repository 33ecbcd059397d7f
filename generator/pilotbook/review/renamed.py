"""Ids the configuration renamed, read from git: what `check` tells a file that still
names a discipline, question or phase by the id it had before a rename."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from pilotbook.method.model import Method
from pilotbook.problems.problem import HandbookError
from pilotbook.records import revisions
from pilotbook.records.revisions import GitError
from pilotbook.review.diff import options_at
from pilotbook.review.method_changes import MethodChange, method_changes

# How many of the configuration's commits are read, newest first: a rename is looked
# for where it is fresh, and a check with errors stays quick.
DEPTH = 10


def renamed_ids(
    root: Path, config: PurePosixPath, method: Method, language: str
) -> tuple[tuple[str, str], ...]:
    """Each id that the configuration at `config` (relative to the repository at
    `root`) gave a discipline, question or phase in one of its last commits, and that
    `method` no longer has, with the id it has now; the newest rename of an id wins.

    Where a commit cannot be read (a shallow clone, a broken configuration), it is
    passed over: this only adds a suggestion to a message."""
    now = {*method.discipline_ids, *method.question_ids, *method.phase_ids}
    found: dict[str, str] = {}
    for revision in revisions.changes_of(root, config, DEPTH):
        try:
            options = options_at(root, revision, config)
        except (HandbookError, GitError):
            continue
        if options is None or options.problems or not options.enabled:
            continue
        for old, new in _pairs(method_changes(options.method, method, language)):
            if old not in now:
                found.setdefault(old, new)
    return tuple(found.items())


def _pairs(changes: Iterable[MethodChange]) -> Iterator[tuple[str, str]]:
    """(old id, new id) for each rename: those `method_changes` finds (the same label),
    and, for a part that lost one id and gained one, those two."""
    changes = tuple(changes)
    for change in changes:
        if change.kind == "renamed" and change.previous is not None:
            yield change.previous, change.id
    for part in ("discipline", "question", "phase"):
        gone = [c.id for c in changes if c.part == part and c.kind == "removed"]
        added = [c.id for c in changes if c.part == part and c.kind == "added"]
        if len(gone) == len(added) == 1:
            yield gone[0], added[0]
