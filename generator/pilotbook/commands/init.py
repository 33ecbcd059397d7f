"""`pilotbook init`: a new handbook, written whole or not at all: configuration, pages,
examples and a review pipeline."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pilotbook.commands.installed import Install, this_pilotbook
from pilotbook.commands.starter import PIPELINES, install_problem, install_step, starter_files
from pilotbook.commands.usage import (
    UsageError,
    obstacles,
    pilotbook_version,
    refuse_unwritable,
    shown,
)
from pilotbook.config.pilots import SHARED_PAGES, SLUG
from pilotbook.records.new import Occupied, write_files
from pilotbook.text.escaping import log_text, one_line


def run(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    if not one_line(args.pilot):
        raise UsageError("--pilot needs a name with at least one visible character")
    refuse_unwritable("--pilot", args.pilot)
    pilots = _pilots(args.pilots)
    if args.install is not None:
        why = install_problem(args.install)
        if why is not None:
            raise UsageError(f"--install '{log_text(args.install)}': {why}")
    install = _what_to_install(args)
    files: dict[str, str | bytes] = {
        **starter_files(args.language, args.pilot, ci=args.ci, install=install.spec, pilots=pilots),
        **install.files,
    }
    try:
        write_files(folder, files)
    except Occupied as error:
        fix = "move it away and run init again, or start the handbook in a new folder"
        raise UsageError(
            *obstacles(error, "init", fix),
            f"wrote nothing in {log_text(args.dir)}: a new handbook is written whole or not at all",
        ) from None
    if pilots:
        print(
            f"wrote a new handbook of {len(pilots)} pilots in {args.dir}: run 'mkdocs serve' "
            'there to read it, and \'pilotbook new "Full Name" --discipline ID --pilot '
            f"{pilots[0][0]}' to add a stakeholder to a pilot"
        )
    else:
        print(
            f"wrote a new handbook in {args.dir}: run 'mkdocs serve' there to read it, and "
            "'pilotbook new \"Full Name\" --discipline ID' to add a stakeholder ('--caller' "
            "for a colleague who may hold the calls)"
        )
    note = (
        _install_note(folder, args.install)
        if args.install
        else _pipeline_note(folder, args.ci, install)
    )
    if note:
        sys.stdout.flush()  # the note ends the output, piped or not
        print(note, file=sys.stderr)
    return 0


def _pilots(given: str | None) -> list[tuple[str, str]]:
    """The pilots `--pilots` lists, each an id and a name (the id, where none is given
    after '=')."""
    if given is None:
        return []
    pilots: list[tuple[str, str]] = []
    for item in given.split(","):
        ident, _, name = (part.strip() for part in item.partition("="))
        if not SLUG.match(ident):
            raise UsageError(
                f"--pilots: '{log_text(ident)}' is no pilot id: write each as a slug of "
                "lower-case letters, digits and single '-', separated by commas, such as "
                "'--pilots video,chat' (a name after '=': 'video=Video calls')"
            )
        if ident in SHARED_PAGES:
            raise UsageError(
                f"--pilots: '{ident}' names the pages the pilots share: give the pilot another id"
            )
        if ident in (i for i, _ in pilots):
            raise UsageError(f"--pilots: '{ident}' is listed twice: give each pilot its own id")
        refuse_unwritable("--pilots", name)
        pilots.append((ident, one_line(name) or ident))
    return pilots


def _what_to_install(args: argparse.Namespace) -> Install:
    """What the pipeline installs: what --install says, or the pilotbook that runs here."""
    if args.install is not None:
        return Install(args.install)
    return this_pilotbook() if args.ci in PIPELINES else Install("pilotbook")


def _pipeline_note(folder: Path, ci: str, install: Install) -> str | None:
    """What the pipeline installs when init chose it, and what init cannot know of it."""
    if ci not in PIPELINES:
        return None
    if not install.from_index:
        return (
            "note: pilotbook did not come from a package index here, so the pipeline "
            f"installs {install.spec}, a wheel of the pilotbook that ran init: commit "
            f"{shown(folder / install.spec)} with the handbook"
        )
    written = PIPELINES[ci][0]
    text = (folder / written).read_text(encoding="utf-8")
    step = install_step(install.spec)
    lines = [str(n) for n, line in enumerate(text.splitlines(), 1) if line.endswith(step)]
    where = f" {lines[0]}" if len(lines) == 1 else f"s {', '.join(lines[:-1])} and {lines[-1]}"
    return (
        f"note: the pipeline installs {install.spec} from the runners' package index, as "
        "pilotbook came from an index here; init cannot know whether theirs has it. If "
        f"not, change '{install.spec}' on line{where} of {shown(folder / written)} to a "
        f"wheel kept in the handbook, such as 'wheels/pilotbook-{pilotbook_version()}-"
        "py3-none-any.whl'"
    )


def _install_note(folder: Path, install: str | None) -> str | None:
    """What to do before the pipeline can install pilotbook from a local file."""
    if install is None or "://" in install:
        return None
    if not install.endswith((".whl", ".tar.gz", ".zip")) and not install.startswith((".", "/")):
        return None  # a requirement, such as pilotbook==0.1.0
    if os.path.isabs(install):
        return (
            f"note: the pipeline installs pilotbook from {install}, a path on this machine "
            "that a CI runner does not have: keep the wheel in the handbook and give its path "
            "from there, such as 'wheels/pilotbook-0.1.0-py3-none-any.whl'"
        )
    if not (folder / install).exists():
        return (
            f"note: the pipeline installs pilotbook from {install}, which is not in the "
            f"handbook yet: copy it to {shown(folder / install)} and commit it with the handbook"
        )
    return None
