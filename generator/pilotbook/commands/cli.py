"""The `pilotbook` command: a parser, and a module per command (`commands/check.py`, ...)
that does its work through the core.

    pilotbook check [DIR]                       validate the stakeholder files
    pilotbook report [DIR] --format json|markdown|csv
    pilotbook generate OUT [--offline]          write the site's Markdown and config to OUT

Exit status: 0 when all is well, 1 when a file has an error, 2 on wrong usage.
"""

from __future__ import annotations

import argparse
import errno
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from pilotbook.audience.view import AUDIENCES
from pilotbook.commands import add_pilot, check, diff, generate, init, new, report, schema
from pilotbook.commands.schema import KIND_NAMES
from pilotbook.commands.starter import CI_SYSTEMS
from pilotbook.commands.usage import UsageError, pilotbook_version, shown
from pilotbook.method.reading import LANGUAGES
from pilotbook.problems.problem import HandbookError, format_problem
from pilotbook.records.stakeholders import EXTERNAL_KINDS
from pilotbook.review.report import FORMATS
from pilotbook.text.escaping import log_text

# The module that does each command's work.
_RUN = {
    "check": check.run,
    "report": report.run,
    "diff": diff.run,
    "schema": schema.run,
    "new": new.run,
    "init": init.run,
    "generate": generate.run,
    "add-pilot": add_pilot.run,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    for argument in argv:
        found = _SURROGATE.search(argument)
        if found:
            print(f"pilotbook: error: {_not_utf8(argument, found[0])}", file=sys.stderr)
            return 1
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return _RUN[args.command](args)
    except HandbookError as error:
        for problem in error.problems:
            print(format_problem(problem), file=sys.stderr)
        return 1
    except UsageError as error:
        for line in error.args:
            print(f"pilotbook: error: {line}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`pilotbook report | head`): nothing more to say, and
        # nothing left to flush at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:  # the file system said no: the user's situation, not a bug
        print(f"pilotbook: error: {_os_problem(error)}", file=sys.stderr)
        if not isinstance(error.filename, str | bytes):  # the output: it takes no more
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as error:  # a bug of ours: say so plainly, without a traceback
        if os.environ.get("PILOTBOOK_DEBUG"):
            raise
        print(
            f"pilotbook: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in pilotbook; run again with PILOTBOOK_DEBUG=1 to see where.",
            file=sys.stderr,
        )
        return 3


# A lone surrogate: how Python hands over an argument's byte that is not UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _not_utf8(argument: str, found: str) -> str:
    byte = ord(found) - 0xDC00
    what = f"the byte 0x{byte:02x}" if 0x80 <= byte <= 0xFF else f"U+{ord(found):04X}"
    return (
        f"the argument '{log_text(argument)}' holds {what}, which is not UTF-8: pilotbook "
        "reads arguments, names and paths as UTF-8; type it in UTF-8, or rename the file "
        "or folder whose name is not"
    )


# What to do about what the file system said, by its error number.
_OS_FIXES = {
    errno.EACCES: "permission denied: give the user who runs pilotbook permission to it, "
    "or run pilotbook as a user who has",
    errno.EPERM: "the operation is not permitted (the file or folder may be locked or "
    "immutable): make it writable, or choose another place",
    errno.EROFS: "the file system is read-only: run pilotbook where it may write",
    errno.ENOSPC: "no space is left on the device: free some space and run pilotbook again",
    errno.EDQUOT: "the disk quota is used up: free some space and run pilotbook again",
    errno.EISDIR: "this is a folder, where a file is needed: name a file",
    errno.ENOENT: "there is no such file or folder: check the path",
    errno.ENAMETOOLONG: "the name is too long for the file system: choose a shorter one",
    errno.ELOOP: "symbolic links lead in a circle here: replace the link with a real file "
    "or folder",
}


def _os_problem(error: OSError) -> str:
    """What the file system said, where, and what would help: one line."""
    why = _OS_FIXES.get(error.errno or 0) or (error.strerror or str(error)).lower()
    if not isinstance(error.filename, str | bytes):  # none, or a file descriptor
        return f"cannot write the output: {why}"
    path = Path(os.fsdecode(error.filename))
    if error.errno in (errno.ENOTDIR, errno.EEXIST):
        # A file stands where a folder is needed, somewhere on the way to `path`.
        places = (path, *path.parents)
        blocking = next((p for p in places if os.path.lexists(p) and not p.is_dir()), None)
        if blocking is not None:
            return (
                f"{log_text(shown(blocking))}: this file stands where a folder is needed: "
                "rename or move it"
            )
    return f"{log_text(shown(path))}: {why}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pilotbook",
        description="Screen a pilot's stakeholders and generate its handbook.",
    )
    parser.add_argument("--version", action="version", version=f"pilotbook {pilotbook_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help: str) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=help, description=help)
        command.add_argument(
            "-f",
            "--config-file",
            metavar="FILE",
            help="the handbook's configuration (default: the nearest mkdocs.yml or "
            "properdocs.yml in this folder or above)",
        )
        return command

    check = add("check", "Validate the stakeholder files and report every problem.")
    check.add_argument(
        "dir",
        nargs="?",
        help="the handbook's folder, or a folder of stakeholder files "
        "(default: the handbook around the current folder)",
    )
    check.add_argument(
        "--format",
        choices=("text", "github", "json", "gitlab", "azure"),
        default="text",
        help="text: path:line:col lines (default); github: workflow annotations; json: for "
        "tools; gitlab: a Code Quality report; azure: Azure Pipelines logging commands",
    )
    check.add_argument(
        "--strict",
        action="store_true",
        help="fail on warnings, as 'mkdocs build --strict' does (default: as mkdocs.yml's "
        "'strict:' says)",
    )

    report = add("report", "Print the screening result.")
    report.add_argument(
        "dir",
        nargs="?",
        help="the handbook's folder, or a folder of stakeholder files "
        "(default: the handbook around the current folder)",
    )
    report.add_argument("--format", choices=FORMATS, default="markdown")
    report.add_argument(
        "--audience",
        choices=AUDIENCES,
        default="team",
        help="whose view to report: team (everything, the default) or intranet (what the "
        "intranet site shows)",
    )

    diff = add("diff", "Show what a change does to the shortlist, between two git revisions.")
    diff.add_argument("base", metavar="BASE", help="the revision before the change")
    diff.add_argument(
        "head", metavar="HEAD", nargs="?", help="the revision after it (default: the work tree)"
    )
    diff.add_argument("--format", choices=("markdown", "json"), default="markdown")
    diff.add_argument("--site-url", metavar="URL", help="link names to their pages on this site")

    schema = add("schema", "Print the JSON Schema (draft-07) of a stakeholder's or caller's file.")
    schema.add_argument(
        "kind",
        nargs="?",
        choices=KIND_NAMES,
        default=KIND_NAMES[0],
        help="whose files: stakeholders (the default) or callers",
    )

    new = add("new", "Write a new stakeholder or caller file, ready to fill in.")
    new.add_argument("name", help='the full name, such as "Marieke Smits"')
    where = new.add_mutually_exclusive_group(required=True)
    where.add_argument("--discipline", metavar="ID", help="an internal stakeholder's discipline")
    where.add_argument("--external", choices=EXTERNAL_KINDS, help="an external stakeholder")
    where.add_argument(
        "--caller",
        action="store_true",
        help="a colleague who may hold the pilot's calls (in the callers folder)",
    )
    new.add_argument("--role", help="role or job title")
    new.add_argument(
        "--pilot",
        metavar="ID",
        help="in a handbook with several pilots: the pilot whose judgement the file starts "
        "with, under 'pilots:' (default: none yet)",
    )
    new.add_argument("--team", help="a caller's team")
    new.add_argument("--location", help="where a caller works (an office, a region)")
    new.add_argument(
        "--folder",
        help="folder below the stakeholders or callers folder (default: the discipline's "
        "id, 'external', or the callers folder itself)",
    )
    # For the options argparse cannot judge alone, such as --team without --caller.
    new.set_defaults(wrong_usage=new.error)

    init = commands.add_parser(
        "init",
        help="Start a new handbook in DIR: configuration, pages, examples and a CI workflow.",
        description="Start a new handbook in DIR. Existing files are left alone.",
    )
    init.add_argument("dir", metavar="DIR", help="the handbook's folder (created if needed)")
    init.add_argument("--pilot", required=True, help='the pilot\'s name, such as "E-consult"')
    init.add_argument(
        "--pilots",
        metavar="IDS",
        help="start with several pilots over the same people: their ids, separated by "
        "commas, each with its name after '=' if you like (video=Video calls,chat=Chat)",
    )
    init.add_argument(
        "--language", choices=LANGUAGES, default="nl", help="the handbook's language (default: nl)"
    )
    init.add_argument(
        "--ci",
        choices=CI_SYSTEMS,
        default="github",
        help="the review pipeline to write: github, gitlab, azure or none (default: github)",
    )
    init.add_argument(
        "--install",
        metavar="SPEC",
        help="what the pipeline installs: a requirement, a wheel or an address "
        "(default: this version of pilotbook from the package index)",
    )

    adding = add(
        "add-pilot",
        "Add a pilot over the same people: a handbook with one pilot moves to the form of "
        "several (its judgement under the first pilot's id in every stakeholder file).",
    )
    adding.add_argument("id", metavar="ID", help="the new pilot's id, a slug such as 'chat'")
    adding.add_argument("--name", required=True, help='its name, such as "Chatten met klanten"')
    adding.add_argument(
        "dir",
        nargs="?",
        help="the handbook's folder (default: the handbook around the current folder)",
    )
    adding.add_argument(
        "--first-id",
        metavar="ID",
        help="a handbook with one pilot: the id that pilot gets (default: made from its "
        "name, the 'pilot:' option or the site's name)",
    )
    adding.add_argument(
        "--force",
        action="store_true",
        help="change the files even where no git repository holds them (inside one, "
        "files with uncommitted changes are always refused)",
    )
    adding.set_defaults(wrong_usage=adding.error)

    generate = add(
        "generate",
        "Write the site's Markdown and a configuration without the plugin to OUT, "
        "for engines that do not run MkDocs plugins (Zensical): build it in OUT.",
    )
    generate.add_argument("out", help="folder to write (created; replaced if pilotbook wrote it)")
    generate.add_argument(
        "--offline",
        action="store_true",
        help="links for a copy read from disk (file-style URLs), as PILOTBOOK_OFFLINE=true "
        "or the handbook's offline plugin ask for",
    )
    return parser


if __name__ == "__main__":
    sys.exit(main())
