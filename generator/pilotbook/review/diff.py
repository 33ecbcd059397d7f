"""`pilotbook diff`: what a change does to the shortlist, between two git revisions.

Each side is read from its revision (`side_at`) and judged by its own configuration,
so a change of the method is reported as such rather than as a flood of problems;
`compare` finds what changed (see `pilotbook.review.changes`), and the result is
written as a pull-request comment (`as_markdown`) or as JSON (`as_json`).
"""

from __future__ import annotations

import dataclasses
import functools
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pilotbook.config.inherit import config_chain
from pilotbook.config.options import HandbookOptions, read_options
from pilotbook.config.screened import screen_files
from pilotbook.method.model import Method
from pilotbook.method.pilots import Pilot
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import HandbookError, Position, Problem, Severity, as_data
from pilotbook.records import revisions
from pilotbook.records.files import Unreadable
from pilotbook.records.kinds import KINDS
from pilotbook.records.record_kind import Kind
from pilotbook.review.caller_changes import callers_data
from pilotbook.review.changes import Changes, PersonChange, Side, compare
from pilotbook.review.diff_comment import MARKER, as_markdown, status_reason, verdict
from pilotbook.review.method_changes import MethodChange
from pilotbook.text.escaping import json_text

# What the adapters call, wherever it is written.
__all__ = ["MARKER", "Side", "WorkTree", "as_json", "as_markdown", "compare", "side_at"]


@dataclass(frozen=True)
class WorkTree:
    """How the work tree judges its files: what a revision without a usable
    configuration of its own is judged by."""

    method: Method
    # Each kind's folder, relative to the repository's root (a kind whose folder lies
    # outside the repository is not read from a revision).
    folders: Mapping[Kind, PurePosixPath]
    language: str
    # The pilots its configuration lists (none: it runs one).
    pilots: tuple[Pilot, ...] = ()


def side_at(root: Path, revision: str, config: PurePosixPath | None, work_tree: WorkTree) -> Side:
    """A revision's record files, judged by the configuration at `config` (relative
    to the repository) as it stands in that revision.

    A configuration that is missing, broken or without the plugin leaves the work
    tree's method; a broken one's problems are this side's problems, never raised."""
    method, language, pilots = work_tree.method, work_tree.language, work_tree.pilots
    folders = dict(work_tree.folders)
    shown = f"{revision}:{config}" if config is not None else None
    fallback: str | None = None
    problems: tuple[Problem, ...] = ()
    if config is not None and shown is not None:
        try:
            options = options_at(root, revision, config)
        except HandbookError as error:
            options, fallback, problems = None, "broken", tuple(error.problems)
        if options is None:
            fallback = fallback or "missing"
        else:
            given = {kind: getattr(options, kind.folder_option) for kind in KINDS}
            inside = {
                kind: posixpath.normpath((config.parent / folder).as_posix())
                for kind, folder in given.items()
            }
            outside = [kind for kind, folder in inside.items() if _outside(folder)]
            if options.problems:
                fallback, problems = "broken", options.problems
            elif not options.enabled:
                fallback = "disabled"
            elif outside:
                fallback = "broken"
                problems = tuple(
                    Problem(
                        shown,
                        Position(),
                        Severity.ERROR,
                        f"'{kind.folder_option}: {given[kind]}' lies outside the "
                        "repository, where git cannot read it",
                        Code.INVALID_OPTION,
                    )
                    for kind in outside
                )
            else:
                method, language = options.method, options.language
                pilots = options.options.pilots
                folders = {kind: PurePosixPath(folder) for kind, folder in inside.items()}
    files = {kind: revisions.files_at(root, revision, folder) for kind, folder in folders.items()}
    result = screen_files(files, method, pilots=pilots)
    loaded = dataclasses.replace(
        result.loaded, problems=tuple(sorted(problems + result.loaded.problems))
    )
    return Side(
        revision, loaded, result.screening, language, shown, fallback, result.callers, result.pilots
    )


def options_at(root: Path, revision: str, config: PurePosixPath) -> HandbookOptions | None:
    """The plugin's options as the configuration at `config` (relative to the
    repository) gives them in `revision`: None where the revision has no such file;
    `HandbookError` where its chain of files cannot be read."""
    chain = config_chain(config, functools.partial(_config_at, root, revision), f"{revision}:")
    if not chain:
        return None
    # The plugin's options stand in the nearest file that sets the plugins.
    nearest = next((file for file in chain if "plugins" in file.keys), chain[0])
    return read_options(nearest.raw, nearest.shown)


def _config_at(root: Path, revision: str, path: PurePosixPath) -> bytes | None:
    """A configuration file as it stands in `revision` (see `config_chain`)."""
    try:
        return revisions.file_at(root, revision, path)
    except Unreadable as error:
        problem = Problem(f"{revision}:{path}", Position(), Severity.ERROR, str(error), error.code)
        raise HandbookError([problem]) from None


def _outside(folder: str) -> bool:
    """Whether a folder relative to the repository's root lies outside it."""
    return folder.startswith("../") or folder == ".." or posixpath.isabs(folder)


def as_json(changes: Changes, language: str) -> str:
    data = {
        **heading_data(changes, verdict(changes, language)),
        "method": method_data(changes.method, language),
        "stakeholders": people_data(changes, language),
        "disciplines": coverage_data(changes),
        "problems": problems_data(changes.base, changes.head),
    }
    if changes.has_callers:
        data["callers"] = callers_data(changes.callers)
    return json_text(data) + "\n"


def heading_data(changes: Changes | Any, verdict: str) -> dict[str, Any]:
    """The verdict, and the two sides with the configuration that judged each."""
    return {
        "verdict": verdict,
        "base": changes.base.name,
        "head": changes.head.name,
        "configuration": {
            "base": {"path": changes.base.config, "fallback": changes.base.fallback},
            "head": {"path": changes.head.config, "fallback": changes.head.fallback},
        },
    }


def problems_data(base: Side, head: Side) -> dict[str, list[dict[str, Any]]]:
    return {"base": list(map(as_data, base.problems)), "head": list(map(as_data, head.problems))}


def method_data(method: Iterable[MethodChange], language: str) -> list[dict[str, Any]]:
    return [
        {
            "part": m.part,
            "id": m.id,
            "previous_id": m.previous,
            "change": m.kind,
            "name": m.name(language),
            "before": m.before(language) if m.before else None,
            "after": m.after(language) if m.after else None,
            "needed": {"before": m.needed[0], "after": m.needed[1]} if m.needed else None,
        }
        for m in method
    ]


def person_data(c: PersonChange) -> dict[str, Any]:
    """Who a change is about, and what happened to their file."""
    return {
        "id": c.person.id,
        "previous_id": c.before.id if c.before and c.kind == "renamed" else None,
        "name": c.person.name,
        "discipline": c.person.discipline,
        "external": c.person.external,
        "change": c.kind,
    }


def people_data(changes: Changes, language: str) -> list[dict[str, Any]]:
    return [
        {
            **person_data(c),
            "answers": [
                {"question": a.question, "before": a.before, "after": a.after} for a in c.answers
            ],
            "fields": list(c.fields),
            "status": {"before": c.status_before, "after": c.status_after},
            "interview": {
                "before": c.before.interview if c.before else None,
                "after": c.after.interview if c.after else None,
            },
            "reason": (status_reason(c, changes, language) or None) if c.status_changed else None,
            "involvement": [
                {"phase": i.phase, "before": i.before, "after": i.after} for i in c.involvement
            ],
            "quadrant": (
                {
                    "before": c.quadrant.before,
                    "after": c.quadrant.after,
                    "because": c.quadrant.because,
                }
                if c.quadrant
                else None
            ),
        }
        for c in changes.people
    ]


def coverage_data(changes: Changes) -> list[dict[str, Any]]:
    return [
        {
            "id": d.discipline_id,
            "before": str(d.before) if d.before else None,
            "after": str(d.after),
            "lost_coverage": d.lost,
        }
        for d in changes.disciplines
    ]
