"""`pilotbook new`: a new stakeholder file, ready to fill in, that `check` accepts as it
is written."""

from __future__ import annotations

import argparse
import os
from pathlib import Path, PurePosixPath

from pilotbook.commands.handbook import find
from pilotbook.commands.usage import UsageError, obstacles, refuse_unwritable
from pilotbook.records.files import MAX_FOLDER_DEPTH
from pilotbook.records.files import is_record_file as is_stakeholder_file
from pilotbook.records.ids import record_id as stakeholder_id
from pilotbook.records.ids import slugify
from pilotbook.records.new import Occupied, write_files
from pilotbook.records.stakeholders import check_id, new_stakeholder_text, read_stakeholder
from pilotbook.text.escaping import log_text

# The schema's copy in a handbook, next to the files it describes.
SCHEMA_FILE = "schema.json"


def run(args: argparse.Namespace) -> int:
    handbook = find(args).handbook
    refuse_unwritable("the name", args.name)
    refuse_unwritable("--role", args.role or "")
    if args.discipline and args.discipline not in handbook.method.discipline_ids:
        known = ", ".join(handbook.method.discipline_ids)
        raise UsageError(f"unknown discipline '{args.discipline}': use one of {known}")
    slug = slugify(args.name)
    if not slug:
        raise UsageError(
            f"'{log_text(args.name)}' has no letters or digits to make a file name from"
        )
    folder = args.folder if args.folder is not None else (args.discipline or "external")
    relative = _new_path(folder, slug)
    path = handbook.stakeholders_dir / relative
    schema = handbook.stakeholders_dir / SCHEMA_FILE
    text = new_stakeholder_text(
        args.name,
        handbook.method,
        discipline=args.discipline,
        external=args.external,
        role=args.role,
        schema=Path(os.path.relpath(schema, path.parent)).as_posix(),
        language=handbook.language,
    )
    shown = handbook.display(path)
    # What `new` writes passes `check` as it is: check's own reading says so first.
    _, problems = read_stakeholder(text.encode(), stakeholder_id(relative), shown, handbook.method)
    for problem in problems:
        if problem.is_error:
            raise UsageError(
                f"{shown} is not written, as 'pilotbook check' would refuse it: "
                f"{log_text(problem.message)}"
            )
    try:
        write_files(handbook.stakeholders_dir, {relative.as_posix(): text})
    except Occupied as error:
        fix = "edit that file, or pass --folder"
        raise UsageError(*obstacles(error, "new", fix, handbook.display)) from None
    todo = "what is expected of them" if args.external else "the answers"
    print(f"wrote {shown}: fill in {todo}, then run 'pilotbook check'")
    return 0


def _new_path(folder: str, slug: str) -> PurePosixPath:
    """The new file's path below the stakeholders folder, where `check` reads it and
    accepts its name (by check's own rules); raises `UsageError` where it would not."""
    given, option = Path(folder), f"--folder {log_text(folder)}"
    if given.is_absolute() or ".." in given.parts:
        raise UsageError(
            f"{option}: name a folder below the stakeholders folder, such as 'legal' or "
            "'legal/contracts' (no absolute path, no '..')"
        )
    relative = PurePosixPath(given.as_posix()) / f"{slug}.yml"
    if not is_stakeholder_file(relative):
        raise UsageError(
            f"{option}: 'pilotbook check' and the build read no folder whose name starts "
            "with '.': name a folder such as 'archive'"
        )
    if len(relative.parts) - 1 > MAX_FOLDER_DEPTH:
        raise UsageError(
            f"{option}: 'pilotbook check' reads no more than {MAX_FOLDER_DEPTH} levels of "
            "folders: name a folder per discipline, such as 'legal'"
        )
    refused = check_id(relative)
    if refused is not None:
        raise UsageError(f"{option}: {refused[0]}")
    return relative
