"""The `pilotbook` command: a thin adapter from the terminal to the core.

    pilotbook check [DIR]                       validate the stakeholder files
    pilotbook report [DIR] --format json|markdown|csv
    pilotbook generate OUT [--offline]          write the site's Markdown and config to OUT

Exit status: 0 when all is well, 1 when a file has an error, 2 on wrong usage.
"""

from __future__ import annotations

import argparse
import dataclasses
import errno
import os
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath

from pilotbook.audience.view import AUDIENCES, publish
from pilotbook.build.export import (
    CONFIG_FILE,
    DOCS_DIR,
    SiteConfig,
    offline_asked,
    write_site,
)
from pilotbook.build.mkdocs_config import Unusable, load
from pilotbook.build.site import make_site, with_board
from pilotbook.build.withheld import yaml_left_out
from pilotbook.commands.starter import CI_SYSTEMS, install_problem, starter_files
from pilotbook.config.handbook import (
    CHECK,
    CONFIG_NAMES,
    Handbook,
    find_config,
    screen_handbook,
    screening_or_raise,
)
from pilotbook.method.model import LANGUAGES
from pilotbook.problems.problem import (
    HandbookError,
    Problem,
    as_json,
    azure_command,
    format_problem,
    github_command,
    gitlab_report,
    markdown_summary,
    summarise,
)
from pilotbook.records.fields import EXTERNAL_KINDS
from pilotbook.records.new import (
    Occupied,
    folder_beside,
    new_stakeholder_text,
    unwritable,
    write_files,
)
from pilotbook.records.revisions import GitError, repository_root
from pilotbook.records.schema import schema_text
from pilotbook.records.stakeholders import (
    MAX_FOLDER_DEPTH,
    check_id,
    is_stakeholder_file,
    read_stakeholder,
    slugify,
    stakeholder_id,
)
from pilotbook.review.report import FORMATS, render
from pilotbook.text.escaping import log_line, log_text, one_line

# The schema's copy in a handbook, next to the files it describes.
SCHEMA_FILE = "schema.json"
# Left in a folder that `generate` wrote, so a later run may replace it safely.
GENERATED_MARKER = ".pilotbook-generated"


class UsageError(Exception):
    """A problem with how the command was called or set up; exit status 1. Each
    argument is a line of its own."""


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
        return args.run(args)
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
                f"{log_text(_shown(blocking))}: this file stands where a folder is needed: "
                "rename or move it"
            )
    return f"{log_text(_shown(path))}: {why}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pilotbook",
        description="Screen a pilot's stakeholders and generate its handbook.",
    )
    parser.add_argument("--version", action="version", version=f"pilotbook {_version()}")
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
    check.set_defaults(run=_check)

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
    report.set_defaults(run=_report)

    diff = add("diff", "Show what a change does to the shortlist, between two git revisions.")
    diff.add_argument("base", metavar="BASE", help="the revision before the change")
    diff.add_argument(
        "head", metavar="HEAD", nargs="?", help="the revision after it (default: the work tree)"
    )
    diff.add_argument("--format", choices=("markdown", "json"), default="markdown")
    diff.add_argument("--site-url", metavar="URL", help="link names to their pages on this site")
    diff.set_defaults(run=_diff)

    schema = add("schema", "Print the JSON Schema (draft-07) of a stakeholder file.")
    schema.set_defaults(run=_schema)

    new = add("new", "Write a new stakeholder file, ready to fill in.")
    new.add_argument("name", help='the full name, such as "Marieke Smits"')
    where = new.add_mutually_exclusive_group(required=True)
    where.add_argument("--discipline", metavar="ID", help="an internal stakeholder's discipline")
    where.add_argument("--external", choices=EXTERNAL_KINDS, help="an external stakeholder")
    new.add_argument("--role", help="role or job title")
    new.add_argument(
        "--folder",
        help="folder below the stakeholders folder (default: the discipline's id, or 'external')",
    )
    new.set_defaults(run=_new)

    init = commands.add_parser(
        "init",
        help="Start a new handbook in DIR: configuration, pages, examples and a CI workflow.",
        description="Start a new handbook in DIR. Existing files are left alone.",
    )
    init.add_argument("dir", metavar="DIR", help="the handbook's folder (created if needed)")
    init.add_argument("--pilot", required=True, help='the pilot\'s name, such as "E-consult"')
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
    init.set_defaults(run=_init)

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
    generate.set_defaults(run=_generate)
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pilotbook")
    except PackageNotFoundError:
        return "(not installed)"


def _handbook(
    args: argparse.Namespace, *, need_config: bool = False
) -> tuple[Handbook, SiteConfig | None]:
    """The handbook described by its configuration (when there is one) and the command line.

    The configuration is `--config-file`, or else found like git finds a repository:
    in the folder given (or the current one) or the nearest folder above it.
    """
    folder = getattr(args, "dir", None)
    if args.config_file:
        config_file: Path | None = Path(args.config_file)
        if not config_file.is_file():
            raise UsageError(f"{config_file}: no such file: name the handbook's mkdocs.yml")
    else:
        config_file = find_config(Path(folder or "."))
    site = None
    if config_file is not None:
        handbook, site = _from_mkdocs(config_file)
        args.config_used = config_file
        if folder and not _holds_config(Path(folder)):
            # A folder of stakeholder files (or part of one), judged by the handbook's method.
            handbook = dataclasses.replace(handbook, stakeholders_dir=Path(folder))
    elif need_config:
        raise UsageError(
            f"no {' or '.join(CONFIG_NAMES[::2])} here or in any folder above: run pilotbook "
            "in the handbook's folder, or name its configuration with --config-file"
        )
    else:
        handbook = Handbook(stakeholders_dir=Path(folder or "stakeholders"))
        args.config_used = None
    return dataclasses.replace(handbook, base_dir=Path.cwd()), site


def _holds_config(folder: Path) -> bool:
    return any((folder / name).is_file() for name in CONFIG_NAMES)


def _config_note(args: argparse.Namespace) -> str:
    """Which method a command judged the files by, for the reader of its output."""
    used = getattr(args, "config_used", None)
    if used is None:
        return (
            "no mkdocs.yml or properdocs.yml found here or above: checked with pilotbook's "
            "default disciplines and questions"
        )
    return log_line(f"configuration: {_shown(used)}")


def _shown(path: Path) -> str:
    """A path as the user would type it: relative where it lies below or above the
    current folder (`../../mkdocs.yml`), absolute where it lies elsewhere."""
    absolute, here = path.absolute(), Path.cwd()
    if absolute.is_relative_to(here) or here.is_relative_to(absolute.parent):
        return Path(os.path.relpath(absolute, here)).as_posix()
    return str(absolute)


def _from_mkdocs(config_file: Path) -> tuple[Handbook, SiteConfig]:
    try:
        return load(config_file, _shown(config_file))
    except Unusable as error:
        raise UsageError(str(error)) from None


def _check(args: argparse.Namespace) -> int:
    handbook, _ = _handbook(args)
    result = screen_handbook(handbook, CHECK)
    problems = result.problems
    files = result.loaded.files
    used = getattr(args, "config_used", None)
    if args.format == "json":
        print(as_json(problems, files, _shown(used) if used else None))
    elif args.format == "gitlab":
        print(_config_note(args), file=sys.stderr)
        print(gitlab_report(_from_repository_root(problems, handbook.base_dir)))
    elif args.format == "azure":
        print(_config_note(args), file=sys.stderr)
        for problem in _from_repository_root(problems, handbook.base_dir):
            print(azure_command(problem))
        print(summarise(problems, files))
    elif args.format == "github":
        print(_config_note(args), file=sys.stderr)
        # GitHub places annotations by the path from the repository's root.
        for problem in _from_repository_root(problems, handbook.base_dir):
            print(github_command(problem))
        print(summarise(problems, files))
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_file:
            with open(summary_file, "a", encoding="utf-8") as summary:
                summary.write(markdown_summary(problems, files) + "\n")
    else:
        print(_config_note(args), file=sys.stderr)
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
            shown = path.relative_to(root).as_posix()
        elif not inside:
            shown = Path(os.path.relpath(path, root)).as_posix()
        else:
            shown = problem.path
        moved.append(problem._replace(path=shown))
    return moved


def _report(args: argparse.Namespace) -> int:
    handbook, _ = _handbook(args)
    result = screening_or_raise(handbook)
    view = publish(result.screening, args.audience)
    sys.stdout.write(render(view, handbook.language, args.format))
    return 0


def _diff(args: argparse.Namespace) -> int:
    from pilotbook.records import revisions
    from pilotbook.review import diff

    handbook, _ = _handbook(args)
    folder = handbook.stakeholders_dir.absolute()
    config = getattr(args, "config_used", None)
    try:
        root = revisions.repository_root(folder if folder.is_dir() else Path.cwd()).resolve()
        if not folder.resolve().is_relative_to(root):
            raise UsageError(f"{folder} is not inside the git repository at {root}")
        work_tree = diff.WorkTree(
            handbook.method,
            PurePosixPath(folder.resolve().relative_to(root).as_posix()),
            handbook.language,
        )
        # Each revision is judged by its own copy of the work tree's configuration file.
        in_repo = None
        if config is not None and config.resolve().is_relative_to(root):
            in_repo = PurePosixPath(config.resolve().relative_to(root).as_posix())
        base = diff.side_at(root, args.base, in_repo, work_tree)
        if args.head:
            head = diff.side_at(root, args.head, in_repo, work_tree)
        else:
            result = screen_handbook(handbook)
            shown = _shown(config) if config is not None else None
            head = diff.Side("work tree", result.loaded, result.screening, handbook.language, shown)
    except revisions.GitError as error:
        raise UsageError(str(error)) from None
    changes = diff.compare(base, head)
    if args.format == "json":
        sys.stdout.write(diff.as_json(changes, head.language))
    else:
        print(
            diff.as_markdown(
                changes, head.language, args.site_url, handbook.pages_dir, handbook.audience
            )
        )
    return 0


def _schema(args: argparse.Namespace) -> int:
    handbook, _ = _handbook(args)
    sys.stdout.write(schema_text(handbook.method))
    return 0


def _new(args: argparse.Namespace) -> int:
    handbook, _ = _handbook(args)
    _refuse_unwritable("the name", args.name)
    _refuse_unwritable("--role", args.role or "")
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
        raise UsageError(*_obstacles(error, "new", fix, handbook.display)) from None
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


def _refuse_unwritable(what: str, text: str) -> None:
    """Refuse text that a YAML file cannot hold as it is (see `new.unwritable`)."""
    found = unwritable(text)
    if found is not None:
        raise UsageError(
            f"{what} holds U+{ord(found):04X}, which is no character "
            "a file should hold (a control character or a noncharacter, often pasted in "
            "by accident): give it without that character"
        )


def _obstacles(
    error: Occupied, command: str, fix: str, shown: Callable[[Path], str] = _shown
) -> list[str]:
    """What stood in the way of `command`, a line for each."""
    says = {
        "file": f"already exists, and {command} overwrites nothing: {fix}",
        "folder": f"a folder stands where {command} writes a file: move it away",
        "not-a-folder": f"this file stands where {command} needs a folder: rename or move it",
        "link": "this is a symbolic link, which pilotbook does not follow: put a real "
        "folder in its place",
    }
    return [f"{log_text(shown(o.path))}: {says[o.kind]}" for o in error.obstacles]


def _init(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    if not one_line(args.pilot):
        raise UsageError("--pilot needs a name with at least one visible character")
    _refuse_unwritable("--pilot", args.pilot)
    if args.install is not None:
        why = install_problem(args.install)
        if why is not None:
            raise UsageError(f"--install '{log_text(args.install)}': {why}")
    files = starter_files(
        args.language, args.pilot, ci=args.ci, version=_version(), install=args.install
    )
    try:
        write_files(folder, files)
    except Occupied as error:
        fix = "move it away and run init again, or start the handbook in a new folder"
        raise UsageError(
            *_obstacles(error, "init", fix),
            f"wrote nothing in {log_text(args.dir)}: a new handbook is written whole or not at all",
        ) from None
    print(
        f"wrote a new handbook in {args.dir}: run 'mkdocs serve' there to read it, and "
        "'pilotbook new \"Full Name\" --discipline ID' to add a stakeholder"
    )
    note = _install_note(folder, args.install)
    if note:
        print(note, file=sys.stderr)
    return 0


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
            f"handbook yet: copy it to {_shown(folder / install)} and commit it with the handbook"
        )
    return None


def _generate(args: argparse.Namespace) -> int:
    handbook, site = _handbook(args, need_config=True)
    assert site is not None
    if Path(args.out).is_symlink():
        raise UsageError(f"{args.out}: this is a symbolic link: name a real folder to write")
    # Resolved, so that no link in the path leads the output into the sources.
    out = Path(args.out).resolve()
    sources = [site.docs_dir.resolve(), handbook.stakeholders_dir.resolve()]
    if any(out == s or out.is_relative_to(s) or s.is_relative_to(out) for s in sources):
        raise UsageError(f"{args.out}: choose an output folder outside the handbook's sources")
    if out.exists() and any(out.iterdir()) and not (out / GENERATED_MARKER).exists():
        raise UsageError(
            f"{args.out}: the folder is not empty and was not written by pilotbook: "
            "choose a new or empty folder"
        )
    # The map's links must match the URLs the written configuration gives the pages.
    directory_urls = site.directory_urls and not (args.offline or offline_asked())
    handbook = dataclasses.replace(handbook, directory_urls=directory_urls)
    made = make_site(handbook)
    # Write next to OUT, then swap it in, so OUT is never half written.
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = folder_beside(out)
    try:
        left_out = write_site(
            staging, site, made.pages, directory_urls=directory_urls, handbook=handbook
        )
        if left_out:
            print(format_problem(yaml_left_out(left_out, handbook)), file=sys.stderr)
        home = staging / DOCS_DIR / "index.md"
        if made.board is not None and home.is_file():
            home.write_text(with_board(home.read_text("utf-8"), made.board), encoding="utf-8")
        (staging / GENERATED_MARKER).write_text("written by pilotbook generate\n")
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    print(
        f"wrote {len(made.pages)} generated pages and the content of {site.docs_dir} to "
        f"{args.out}/{DOCS_DIR}, and {args.out}/{CONFIG_FILE} to build them with: "
        f"cd {args.out} && zensical build"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
