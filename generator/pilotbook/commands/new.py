"""`pilotbook new`: a new stakeholder or caller file, ready to fill in, that `check`
accepts as it is written."""

from __future__ import annotations

import argparse
import os
from pathlib import Path, PurePosixPath
from typing import Any

from pilotbook.commands.handbook import find
from pilotbook.commands.usage import UsageError, obstacles, refuse_unwritable
from pilotbook.config.handbook import Handbook
from pilotbook.method.pilots import Pilot
from pilotbook.records.callers import CALLERS, new_caller_text
from pilotbook.records.files import MAX_FOLDER_DEPTH, is_record_file
from pilotbook.records.ids import check_id, record_id, slugify
from pilotbook.records.new import Occupied, write_files
from pilotbook.records.record_kind import Kind
from pilotbook.records.stakeholders import STAKEHOLDERS, new_stakeholder_text
from pilotbook.records.validation import read_record
from pilotbook.records.values import close
from pilotbook.text.escaping import log_text

# The schema's copy in a handbook, next to the files it describes.
SCHEMA_FILE = "schema.json"
# The options that only describe a caller.
CALLER_OPTIONS = ("team", "location")


def run(args: argparse.Namespace) -> int:
    handbook = find(args).handbook
    kind = CALLERS if args.caller else STAKEHOLDERS
    for option in CALLER_OPTIONS:
        given = getattr(args, option)
        if given is not None and kind is not CALLERS:
            args.wrong_usage(f"--{option} describes a caller: add --caller, or leave it out")
        refuse_unwritable(f"--{option}", given or "")
    refuse_unwritable("the name", args.name)
    refuse_unwritable("--role", args.role or "")
    pilot = _pilot(args, handbook)
    method = handbook.shared_method
    if args.discipline and args.discipline not in method.discipline_ids:
        known = ", ".join(method.discipline_ids)
        raise UsageError(f"unknown discipline '{args.discipline}': use one of {known}")
    if pilot and args.discipline and args.discipline not in pilot.method.discipline_ids:
        raise UsageError(
            f"{pilot.title} does not screen the discipline '{args.discipline}' (its "
            f"disciplines: {', '.join(pilot.method.discipline_ids)}): choose another "
            "--pilot, or leave it out"
        )
    slug = slugify(args.name)
    if not slug:
        raise UsageError(
            f"'{log_text(args.name)}' has no letters or digits to make a file name from"
        )
    if args.folder is not None:
        folder = args.folder
    else:  # callers at the top of their folder; stakeholders in one per discipline
        folder = "" if args.caller else (args.discipline or "external")
    relative = _new_path(kind, folder, slug)
    root = handbook.folder(kind)
    path = root / relative
    schema = Path(os.path.relpath(root / SCHEMA_FILE, path.parent)).as_posix()
    text = _text(args, handbook, schema, pilot)
    shown = handbook.display(path)
    # What `new` writes passes `check` as it is: check's own reading says so first.
    ident, listed = record_id(relative), handbook.listed_pilots
    _, problems = read_record(kind, text.encode(), ident, shown, method, listed)
    for problem in problems:
        if problem.is_error:
            raise UsageError(
                f"{shown} is not written, as 'pilotbook check' would refuse it: "
                f"{log_text(problem.message)}"
            )
    try:
        write_files(root, {relative.as_posix(): text})
    except Occupied as error:
        fix = "edit that file, or pass --folder"
        raise UsageError(*obstacles(error, "new", fix, handbook.display)) from None
    if args.caller:
        todo = "the rest (and 'status' once they are chosen)"
    elif handbook.several_pilots and pilot is None:
        ids = ", ".join(p.id for p in listed)
        print(
            f"wrote {shown}, who takes part in no pilot yet: add each pilot's judgement "
            f"under 'pilots:' in the file, or write it with 'pilotbook new' and --pilot ID "
            f"(the pilots: {ids}); then run 'pilotbook check'"
        )
        return 0
    else:
        todo = "what is expected of them" if args.external else "the answers"
        todo += f" for {pilot.title}" if pilot is not None else ""
    print(f"wrote {shown}: fill in {todo}, then run 'pilotbook check'")
    return 0


def _pilot(args: argparse.Namespace, handbook: Handbook) -> Pilot | None:
    """The listed pilot `--pilot` names (None where it is not given); refused in a
    handbook with one pilot, for a caller, and for an id the handbook does not list."""
    if args.pilot is None:
        return None
    if args.caller:
        args.wrong_usage("--pilot judges a stakeholder: a caller is the same in every pilot")
    if not handbook.several_pilots:
        raise UsageError(
            "--pilot: this handbook has one pilot, whose judgement stands at the top of each "
            "file: leave --pilot out (the plugin's 'pilots:' option lists several)"
        )
    listed = {p.id: p for p in handbook.listed_pilots}
    if args.pilot not in listed:
        hint = close(args.pilot, tuple(listed))
        meant = f"did you mean '{hint[0]}'? " if hint else ""
        raise UsageError(
            f"--pilot: unknown pilot '{log_text(args.pilot)}': {meant}(the pilots "
            f"mkdocs.yml lists: {', '.join(listed)})"
        )
    return listed[args.pilot]


def _text(args: argparse.Namespace, handbook: Handbook, schema: str, pilot: Pilot | None) -> str:
    """The new file: a caller, or a stakeholder of the discipline or kind given (judged
    under `pilots:` by `pilot`, in a handbook with several)."""
    given: dict[str, Any] = {"role": args.role, "schema": schema, "language": handbook.language}
    if args.caller:
        given.update(team=args.team, location=args.location)
        return new_caller_text(args.name, handbook.method, **given)
    given.update(discipline=args.discipline, external=args.external)
    several = handbook.several_pilots
    return new_stakeholder_text(
        args.name, handbook.shared_method, **given, several=several, pilot=pilot
    )


def _new_path(kind: Kind, folder: str, slug: str) -> PurePosixPath:
    """The new file's path below the kind's folder, where `check` reads it and accepts
    its name (by check's own rules); raises `UsageError` where it would not."""
    given, option = Path(folder), f"--folder {log_text(folder)}"
    if given.is_absolute() or ".." in given.parts:
        example = "'legal' or 'legal/contracts'" if kind is STAKEHOLDERS else "'zakelijk'"
        raise UsageError(
            f"{option}: name a folder below the {kind.plural} folder, such as {example} "
            "(no absolute path, no '..')"
        )
    relative = PurePosixPath(given.as_posix()) / f"{slug}.yml"
    if not is_record_file(relative):
        raise UsageError(
            f"{option}: 'pilotbook check' and the build read no folder whose name starts "
            "with '.': name a folder such as 'archive'"
        )
    if len(relative.parts) - 1 > MAX_FOLDER_DEPTH:
        raise UsageError(
            f"{option}: 'pilotbook check' reads no more than {MAX_FOLDER_DEPTH} levels of "
            f"folders: name {kind.grouping}"
        )
    refused = check_id(relative, kind)
    if refused is not None:
        raise UsageError(f"{option}: {refused[0]}")
    return relative
