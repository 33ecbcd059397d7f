"""`pilotbook add-pilot ID --name NAME [DIR]`: one more pilot over the same people.

A handbook with one pilot moves to the form of several without losing a value: its
configuration gains `pilots:`, the pilot it ran first (its id from `--first-id`, or
else made from its name), the new one second, both taking every option from the
top; each stakeholder file's judgement moves under `pilots: <first-id>:` (see
`pilot_migration`), and the copy of a kind's schema for editors follows where it was
current. A handbook that lists its pilots already gains one more entry, and no file
else changes.

Before writing, the change is proved: every file keeps its values, the first pilot's
report is the one pilot's report as it was, and no file it changes has changes git
has not committed (outside git: only with `--force`). It prints the unified diff of
what it changed.
"""

from __future__ import annotations

import argparse
import difflib
import functools
import os
import sys
import tempfile
from pathlib import Path, PurePosixPath

from pilotbook.audience.view import Audience, publish
from pilotbook.commands.handbook import find
from pilotbook.commands.pilot_migration import NotMovable, config_with_pilots, judgement_moved
from pilotbook.commands.usage import UsageError, refuse_unwritable
from pilotbook.config.handbook import CONFIG_NAMES, Handbook
from pilotbook.config.inherit import config_chain
from pilotbook.config.options import read_options
from pilotbook.config.pilots import SLUG
from pilotbook.config.screened import screen_files, screen_handbook
from pilotbook.method.pilots import Pilot, shared_method
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import HandbookError, Position, Problem, Severity
from pilotbook.records.callers import CALLERS
from pilotbook.records.files import SourceFile, files_in
from pilotbook.records.ids import slugify
from pilotbook.records.kinds import KINDS
from pilotbook.records.revisions import GitError, repository_root, uncommitted
from pilotbook.records.schema import SCHEMA_FILE, schema_text, stale_schema
from pilotbook.records.stakeholders import STAKEHOLDERS
from pilotbook.review.report import pilot_data
from pilotbook.text.escaping import log_text, one_line

# The keys of a pilot's judgement, which move under `pilots: <id>:`.
JUDGED = frozenset(f.key for f in STAKEHOLDERS.fields if f.pilot)


def run(args: argparse.Namespace) -> int:
    name = one_line(args.name)
    if not SLUG.match(args.id):
        args.wrong_usage(_not_a_slug("ID", args.id))
    if args.first_id is not None and not SLUG.match(args.first_id):
        args.wrong_usage(_not_a_slug("--first-id", args.first_id))
    if not name:
        args.wrong_usage("--name needs a name with at least one visible character")
    refuse_unwritable("--name", args.name)
    if args.dir and not any((Path(args.dir) / n).is_file() for n in CONFIG_NAMES):
        # `find` would take it for a folder of stakeholder files: some of them alone.
        raise UsageError(
            f"{log_text(args.dir)}: no {' or '.join(CONFIG_NAMES[::2])} here: name the "
            "handbook's folder, where its configuration is, or leave DIR out"
        )
    found = find(args, need_config=True)
    handbook, config = found.handbook, found.config_file
    assert config is not None
    target = _options_file(config)
    texts: dict[Path, tuple[bytes, bytes]] = {}
    before = target.read_bytes()
    if handbook.listed_pilots:
        if args.first_id is not None:
            args.wrong_usage(
                "--first-id names the pilot a handbook with one pilot runs; this handbook "
                "lists its pilots under 'pilots:' already: leave --first-id out"
            )
        _refuse_taken(handbook, args.id)
        entries = [{"id": args.id, "name": name}]
        first = None
    else:
        ident = args.first_id or _first_id(handbook.pilot, args.id)
        if ident == args.id:
            raise UsageError(
                f"the pilot this handbook runs would have the id '{ident}' too: give it "
                "another with --first-id, or the new pilot another ID"
            )
        first = Pilot(ident, handbook.pilot, handbook.method, handbook.audience)
        entries = [{"id": first.id, "name": first.name}, {"id": args.id, "name": name}]
        texts |= _moved(handbook, first)
    try:
        after = config_with_pilots(_decoded(before), entries)
        read = read_options(after.encode(), handbook.display(target))
        if read.problems or [p.id for p in read.options.pilots][-len(entries) :] != [
            e["id"] for e in entries
        ]:
            raise NotMovable("pilotbook would not read the pilots as written")
    except NotMovable as error:
        raise _not_movable(handbook.display(target), str(error)) from None
    texts[target] = (before, _encoded(after, before))
    if first is not None:
        added = Pilot(args.id, name, handbook.method, handbook.audience)
        texts |= _schemas(handbook, (first, added))
        _prove(handbook, first, texts)
    changed = {path: pair for path, pair in texts.items() if pair[0] != pair[1]}
    outside = _refuse_uncommitted(handbook, config, list(changed))
    if outside and not args.force:
        raise HandbookError(
            [
                _problem(
                    handbook.display(config),
                    "no git repository holds the handbook (or some of the files add-pilot "
                    "would change), so their last version could not be given back: commit "
                    "the handbook to git first, or pass --force to change them all the same",
                    Code.NOT_IN_GIT,
                )
            ]
        )
    _write(changed)
    for path, (old, new) in changed.items():
        sys.stdout.write(_diff(handbook.display(path), old, new))
    moved = len([p for p in changed if p != target and p.name != SCHEMA_FILE])
    summary = f"added pilot '{args.id}' ({log_text(name)}) to {handbook.display(target)}"
    if first is not None:
        summary += (
            f"; the pilot it ran is now '{first.id}', the first; the judgement in {moved} "
            f"stakeholder file(s) moved under 'pilots: {first.id}:'"
        )
    summary += (
        f". Next: add '{args.id}: {{}}' under 'pilots:' in the files of the people it "
        "screens ('pilotbook check' warns until one does), and give it its own options "
        "under its entry where it differs"
    )
    if outside:
        summary += ". No git repository holds these files: their last version is not kept"
    sys.stdout.flush()
    print(f"pilotbook: {summary}", file=sys.stderr)
    return 0


def _not_a_slug(what: str, given: str) -> str:
    return (
        f"{what} '{log_text(given)}' is no pilot id: write a slug of lower-case letters, "
        "digits and single '-', such as 'chat' or 'video-id' (it names the pilot in every "
        "stakeholder file)"
    )


def _first_id(name: str, new: str) -> str:
    """The id of the pilot a one-pilot handbook runs, made from its name."""
    ident = slugify(name)
    if not SLUG.match(ident):
        raise UsageError(
            f"no pilot id can be made from the pilot's name '{log_text(name)}': give the "
            "pilot this handbook runs an id with --first-id, such as '--first-id video'"
        )
    return ident


def _refuse_taken(handbook: Handbook, ident: str) -> None:
    for pilot in handbook.listed_pilots:
        if pilot.id == ident:
            where = pilot.locate(("pilots", pilot.index, "id"), False) if pilot.locate else None
            at = f":{where.line}:{where.column}" if where else ""
            raise UsageError(
                f"{handbook.display(pilot.path)}{at}: the handbook has a pilot '{ident}' "
                f"already ({log_text(pilot.name)}): choose another ID"
            )


def _options_file(config: Path) -> Path:
    """The file of the configuration (or of those it inherits from) that holds the
    plugin's options: the nearest that sets `plugins`, as MkDocs merges them."""
    read: list[Path] = []

    def reading(path: PurePosixPath) -> bytes | None:
        file = config.parent / path
        if not file.is_file():
            return None
        read.append(file)
        return file.read_bytes()

    chain = config_chain(PurePosixPath(config.name), reading)
    return next((p for p, f in zip(read, chain, strict=False) if "plugins" in f.keys), config)


def _moved(handbook: Handbook, first: Pilot) -> dict[Path, tuple[bytes, bytes]]:
    """Each stakeholder file with its judgement under the first pilot, or the problems
    of those where it cannot move."""
    folder = handbook.stakeholders_dir
    texts, problems = {}, []
    sources = files_in(STAKEHOLDERS, folder, handbook.display) if folder.is_dir() else ()
    for source in sources:
        if source.refused is not None or source.symlink:
            continue  # never read as a stakeholder: check says why
        path = folder / source.relative
        try:
            raw = path.read_bytes()
            texts[path] = (raw, _encoded(judgement_moved(_decoded(raw), first.id, JUDGED), raw))
        except (NotMovable, UnicodeDecodeError, OSError) as error:
            problems.append(_not_movable(source.shown, str(error)).problems[0])
    if problems:
        raise HandbookError(problems)
    return texts


def _schemas(handbook: Handbook, pilots: tuple[Pilot, ...]) -> dict[Path, tuple[bytes, bytes]]:
    """Each kind's copy of its schema that was current, as the pilots have it now."""
    texts = {}
    method = shared_method(handbook.method, pilots)
    for kind in KINDS:
        path = handbook.folder(kind) / SCHEMA_FILE
        current = stale_schema(kind, handbook.shared_method, handbook.folder(kind)) is None
        if path.is_file() and current:
            texts[path] = (path.read_bytes(), schema_text(kind, method, pilots).encode())
    return texts


def _prove(handbook: Handbook, first: Pilot, texts: dict[Path, tuple[bytes, bytes]]) -> None:
    """Refuse the change unless the first pilot, judging the changed files, gives the
    report the handbook's one pilot gave (for the team, who see everything)."""
    folder = handbook.stakeholders_dir
    files = []
    for path, (_, new) in texts.items():
        if path.name != SCHEMA_FILE and path.is_relative_to(folder):
            relative = path.relative_to(folder).as_posix()
            read = functools.partial(bytes, new)
            files.append(SourceFile(PurePosixPath(relative), handbook.display(path), read))
    callers = list(files_in(CALLERS, handbook.callers_dir)) if handbook.callers_dir.is_dir() else []
    moved = screen_files({STAKEHOLDERS: files, CALLERS: callers}, handbook.method, pilots=(first,))
    was = screen_handbook(handbook).screening
    now = moved.pilots[0].screening if moved.pilots else moved.screening
    language = handbook.language
    if pilot_data(publish(was, Audience.TEAM), language) != pilot_data(
        publish(now, Audience.TEAM), language
    ):
        raise UsageError(
            "the judgement moved under the first pilot would give another report than the "
            "handbook gives now, so nothing is written: this is a bug in pilotbook; please "
            "report it"
        )


def _refuse_uncommitted(handbook: Handbook, config: Path, paths: list[Path]) -> bool:
    """Refuse files with changes git has not committed; True where some file lies
    outside any git repository (or git cannot say)."""
    try:
        root = repository_root(config.absolute().parent).resolve()
    except GitError:
        return True
    inside = {p.absolute().resolve(): p for p in paths}
    if not all(path.is_relative_to(root) for path in inside):
        return True
    try:
        listed = uncommitted(root, sorted({str(path.parent) for path in inside}))
    except GitError:
        return True
    problems = []
    for state, named in listed:
        found = (root / named).resolve()
        # A folder git does not track or ignores stands for every file below it.
        for path, given in inside.items():
            if path == found or (named.endswith("/") and path.is_relative_to(found)):
                why = _WHY.get(state, _WHY["M"])
                problems.append(_problem(handbook.display(given), why, Code.UNCOMMITTED_CHANGES))
    if problems:
        raise HandbookError(problems)
    return False


_WHY = {
    "??": "git does not track this file, so add-pilot could not give back its last "
    "version: commit it first (git add, git commit), then run add-pilot again",
    "!!": "git ignores this file, so add-pilot could not give back its last version: "
    "commit it first (or move it out of the handbook), then run add-pilot again",
    "M": "this file has changes git has not committed: commit them first (or set them "
    "aside), so that add-pilot's change can be looked at and undone on its own",
}


def _problem(path: str, message: str, code: Code) -> Problem:
    return Problem(path, Position(1, 1), Severity.ERROR, message, code)


def _not_movable(path: str, why: str) -> HandbookError:
    return HandbookError(
        [
            _problem(
                path,
                f"add-pilot cannot move this file to the form of several pilots: {why}; "
                "nothing is written",
                Code.NOT_MOVABLE,
            )
        ]
    )


def _decoded(raw: bytes) -> str:
    return raw.decode("utf-8-sig")


def _encoded(text: str, like: bytes) -> bytes:
    """`text` as bytes, with the byte-order mark the file it came from had."""
    mark = b"\xef\xbb\xbf" if like.startswith(b"\xef\xbb\xbf") else b""
    return mark + text.encode("utf-8")


def _write(changed: dict[Path, tuple[bytes, bytes]]) -> None:
    """Write every changed file, or none: each new text beside its file first, then all
    put in place."""
    written: list[tuple[str, Path]] = []
    try:
        for path, (_, new) in changed.items():
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            written.append((temporary, path))
            with os.fdopen(handle, "wb") as out:
                out.write(new)
            os.chmod(temporary, path.stat().st_mode & 0o7777)
    except OSError:
        for temporary, _ in written:
            os.unlink(temporary)
        raise
    for temporary, path in written:
        os.replace(temporary, path)


def _diff(shown_path: str, old: bytes, new: bytes) -> str:
    """The unified diff of one file, as git would show it."""
    lines = difflib.unified_diff(
        _decoded(old).splitlines(keepends=True),
        _decoded(new).splitlines(keepends=True),
        f"a/{shown_path}",
        f"b/{shown_path}",
    )
    return "".join(line if line.endswith("\n") else f"{line}\n" for line in lines)
