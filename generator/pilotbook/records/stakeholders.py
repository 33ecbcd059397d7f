"""Stakeholder files: reading them, validating them, and the model they become.

One stakeholder per file, anywhere below the stakeholders folder. The file's path
below that folder, without the extension, is the stakeholder's id::

    # stakeholders/legal/marieke-smits.yml  ->  id "legal/marieke-smits"
    name: Marieke Smits
    role: Jurist privacy
    discipline: legal
    answers:
      impact: yes
      expectations: ja
      relationship: true
      replaceable: no
      appointed: unknown
    expectation: Toetst het opname- en toestemmingsbeleid.
    interview: selected
    extra: {team: Privacy office}

An internal stakeholder names a `discipline`; an external one says `external:
direct` (the customer) or `external: indirect` (the wider environment) instead.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import os
import posixpath
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from anyascii import anyascii

from pilotbook.method.model import (
    ANSWER_SPELLINGS,
    LEVELS,
    InvalidAnswer,
    Method,
    parse_answer,
)
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Position, Problem, Severity
from pilotbook.records.fields import (
    FIELDS,
    KEYS,
    NEVER_PUBLISHED,
    Field,
    choices,
)
from pilotbook.yaml.plain import MAX_BYTES, check_size, load, too_large
from pilotbook.yaml.source import KeyPath, YamlDocument, YamlSyntaxError, decode

EXTENSIONS = (".yml", ".yaml")


_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


# Each part of an id becomes part of a URL and a file name on every system.
_ID_PART = re.compile(r"^[a-z0-9][a-z0-9_-]*\Z")
# The longest file name `slugify` makes from a name.
MAX_SLUG = 80
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {
    f"{p}{n}" for p in ("com", "lpt") for n in range(10)
}


@dataclass(frozen=True)
class Stakeholder:
    id: str
    path: str
    name: str
    role: str | None = None
    discipline: str | None = None
    external: str | None = None
    # Every configured question id, answered True/False, or None while not answered.
    answers: Mapping[str, bool | None] = field(default_factory=dict)
    expectation: str | None = None
    interview: str | None = None
    reviewed: datetime.date | None = None
    extra: tuple[tuple[str, str], ...] = ()
    # Per phase id, a level of the participation spectrum; phases not planned are absent.
    involvement: Mapping[str, str] = field(default_factory=dict)
    influence: str | None = None
    interest: str | None = None
    # The file as read, to find where a key stood for problems found after validation.
    document: YamlDocument | None = field(default=None, compare=False, repr=False)

    @property
    def is_external(self) -> bool:
        return self.external is not None

    def position(self, key: str) -> Position:
        if self.document is None:
            return Position(1, 1)
        return self.document.position((key,), key=True)


@dataclass(frozen=True)
class Loaded:
    """Every valid stakeholder (sorted by id) and every problem found on the way."""

    stakeholders: tuple[Stakeholder, ...]
    problems: tuple[Problem, ...]
    files: int
    # Ids of files that exist but could not be read as a stakeholder.
    invalid: tuple[str, ...] = ()

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


def stakeholder_id(relative: PurePosixPath) -> str:
    return posixpath.splitext(relative.as_posix())[0]


@dataclass(frozen=True)
class SourceFile:
    """A stakeholder file as found in a folder or in a git revision."""

    relative: PurePosixPath  # below the stakeholders folder
    shown: str  # how messages name it
    # Raises `Unreadable` (or `OSError`) for a file that is not read as a stakeholder.
    read: Callable[[], bytes]
    symlink: bool = False
    # Found but not to be read, and why (a folder nested too deep).
    refused: Unreadable | None = None


class Unreadable(Exception):
    """A file that is not read at all; the message says why and what would be right."""

    def __init__(self, message: str, code: Code) -> None:
        super().__init__(message)
        self.code = code


# Folders below the stakeholders folder; a handbook needs one or two levels.
MAX_FOLDER_DEPTH = 32
# How messages name a file, given its path (see `Handbook.display`).
Display = Callable[[str | Path], str]
_NOT_REGULAR = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
    stat.S_IFLNK: "a symbolic link",
}


def read_regular_file(
    path: str | Path, limit: int = MAX_BYTES, *, listed_regular: bool = False
) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; raises `Unreadable` otherwise.

    Only a regular file is opened (a pipe would block, a device never end), its size
    is known before anything is read, and no more than `limit + 1` bytes are read,
    even from a file that grows meanwhile. With `listed_regular`, the folder's listing
    already said the name is a regular file, so it is not looked up again before it
    is opened; what was opened is checked all the same.
    """
    if not listed_regular:
        _refuse_unless_regular(os.lstat(path))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(path, flags | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(descriptor)  # the file opened, whatever replaced the name since
        _refuse_unless_regular(info)
        size = info.st_size
        if size > limit:
            raise Unreadable(too_large(size), Code.FILE_TOO_LARGE)
        # First what the file announced and one byte more (a buffer its size, not the
        # limit's); then on to the end, which only an empty read shows for certain: a
        # short read may come from a network share while the file still grows.
        chunks, left = [], limit + 1
        ask = min(size + 1, left)
        while left > 0 and (chunk := os.read(descriptor, ask)):
            chunks.append(chunk)
            left -= len(chunk)
            ask = left
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > limit:
        raise Unreadable(too_large(len(data), more=True), Code.FILE_TOO_LARGE)
    return data


def _refuse_unless_regular(info: os.stat_result) -> None:
    if not stat.S_ISREG(info.st_mode):
        kind = _NOT_REGULAR.get(stat.S_IFMT(info.st_mode), "not a regular file")
        raise Unreadable(
            f"this is {kind}, not a regular file: pilotbook reads only regular files; "
            "put the stakeholder file itself here, or remove what is in its place",
            Code.NOT_A_REGULAR_FILE,
        )


def submodule_refused() -> Unreadable:
    """Why a git submodule (or a repository of its own) below the stakeholders folder is
    not read: by `check` and the build as by `diff`, which reads revisions from the
    handbook's own repository, where a submodule is only a commit's id."""
    return Unreadable(
        "this folder is a git submodule or a repository of its own, which pilotbook does "
        "not read: 'pilotbook diff' could not see its files in a revision, so the build "
        "and 'check' leave them out too; move the files into the handbook's repository "
        "('git rm' the submodule, then add the files)",
        Code.GIT_SUBMODULE,
    )


def is_stakeholder_file(relative: PurePosixPath) -> bool:
    """YAML files, leaving out hidden files and anything in hidden folders."""
    return relative.name.lower().endswith(EXTENSIONS) and not any(
        part.startswith(".") for part in relative.parts
    )


def files_in(directory: Path, display: Display = str) -> Iterator[SourceFile]:
    """The stakeholder files below `directory`, in a stable order.

    The walk keeps its own stack, so no depth of folders can exhaust Python's, and it
    stops at `MAX_FOLDER_DEPTH` with a problem rather than going on.
    """
    top = os.fspath(directory)
    pending: list[tuple[str, int]] = [(top, 0)]
    # Each entry's path below `directory`, cut from the path scandir gives it.
    start = len(os.path.join(top, ""))
    while pending:
        folder, depth = pending.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            if folder == top:
                raise
            why = Unreadable(f"cannot read the folder ({exc.strerror})", Code.UNREADABLE)
            yield _refused(directory, Path(folder), display, why)
            continue
        if any(entry.name == ".git" for entry in entries) and (
            folder != top or _in_outer_repository(top)
        ):
            yield _refused(directory, Path(folder), display, submodule_refused())
            continue
        below = []
        for entry in entries:
            name = entry.name
            # Hidden files and folders are passed over (and so nothing below one).
            if name.startswith("."):
                continue
            if entry.is_symlink():
                # A linked folder is not entered, and a linked file not read: say so.
                relative = PurePosixPath(entry.path[start:].replace(os.sep, "/"))
                if entry.is_dir() or is_stakeholder_file(relative):
                    yield SourceFile(relative, display(entry.path), _not_read, symlink=True)
            elif entry.is_dir(follow_symlinks=False):
                if depth + 1 > MAX_FOLDER_DEPTH:
                    why = Unreadable(
                        f"folders are nested more than {MAX_FOLDER_DEPTH} levels deep below the "
                        "stakeholders folder: move the files in it up to a folder per "
                        "discipline",
                        Code.FOLDER_TOO_DEEP,
                    )
                    yield _refused(directory, Path(entry.path), display, why)
                else:
                    below.append((entry.path, depth + 1))
            else:
                relative = PurePosixPath(entry.path[start:].replace(os.sep, "/"))
                if is_stakeholder_file(relative):
                    # Paths stay strings: a thousand files need no thousand Path objects.
                    regular = entry.is_file(follow_symlinks=False)
                    read = functools.partial(read_regular_file, entry.path, listed_regular=regular)
                    yield SourceFile(relative, display(entry.path), read)
        pending.extend(reversed(below))


def _in_outer_repository(folder: str) -> bool:
    """Whether a folder above `folder` holds a `.git`: the stakeholders folder's own
    `.git` then makes it a submodule, not the handbook's repository."""
    return any(os.path.lexists(os.path.join(up, ".git")) for up in Path(folder).absolute().parents)


def stats_below(directory: Path, *, strict: bool = False) -> Iterator[tuple[str, os.stat_result]]:
    """Each entry below `directory` (not followed, to `MAX_FOLDER_DEPTH`) and its lstat.

    In a stable order, with the walk's own stack: what tells a build that nothing
    changed, whatever the folder holds. With `strict`, what the walk would pass over
    (a folder or entry that cannot be read, a folder nested too deep) raises `OSError`.
    """
    pending: list[tuple[str, int]] = [(os.fspath(directory), 0)]
    while pending:
        folder, depth = pending.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError:
            if strict:
                raise
            continue
        below = []
        for entry in entries:
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                if strict:
                    raise
                continue
            yield entry.path, info
            if stat.S_ISDIR(info.st_mode):
                if depth < MAX_FOLDER_DEPTH:
                    below.append((entry.path, depth + 1))
                elif strict:
                    raise OSError(f"{entry.path}: more than {MAX_FOLDER_DEPTH} folders deep")
        pending.extend(reversed(below))


def _refused(directory: Path, path: Path, display: Display, why: Unreadable) -> SourceFile:
    return refused_file(PurePosixPath(path.relative_to(directory).as_posix()), display(path), why)


def refused_file(relative: PurePosixPath, shown: str, why: Unreadable) -> SourceFile:
    """A file or folder found but not read, and why: its problem."""
    return SourceFile(relative, shown, _not_read, refused=why)


def _not_read() -> bytes:
    raise Unreadable("this file is not read", Code.UNREADABLE)


def load_stakeholders(directory: Path, method: Method, display: Display = str) -> Loaded:
    """Read and validate every stakeholder file below `directory`.

    `display` turns a file's path into the name messages use for it (relative to
    where the user stands). All problems are collected; none stops the others.
    """
    if not directory.is_dir():
        message = (
            "the stakeholders folder does not exist: create it, or point "
            "'stakeholders_dir' in mkdocs.yml at the folder that holds the YAML files"
        )
        where, code = Position(1, 1), Code.NO_STAKEHOLDERS_FOLDER
        return Loaded((), (Problem(display(directory), where, Severity.ERROR, message, code),), 0)
    try:
        # The walk raises only where it cannot read the stakeholders folder itself.
        return load_files(files_in(directory, display), method)
    except OSError as exc:
        message = (
            f"cannot read the stakeholders folder ({(exc.strerror or 'unreadable').lower()}): "
            "give the user who builds the site permission to read it"
        )
        problem = Problem(
            display(directory), Position(1, 1), Severity.ERROR, message, Code.UNREADABLE
        )
        return Loaded((), (problem,), 0)


def load_files(files: Iterable[SourceFile], method: Method) -> Loaded:
    """Validate stakeholder files from any source; all problems are collected."""
    problems: list[Problem] = []
    stakeholders: dict[str, Stakeholder] = {}
    # Valid stakeholders by the address of their page: two ids can share one.
    addresses: dict[str, Stakeholder] = {}
    invalid: list[str] = []
    count = 0
    for source in files:
        count += 1
        stakeholder, found = _load_one(source, stakeholders, method)
        if stakeholder is not None:
            other = addresses.get(page_address(stakeholder.id))
            if other is not None:
                stakeholder, found = None, [*found, _same_address(source, stakeholder, other)]
            else:
                addresses[page_address(stakeholder.id)] = stakeholder
        problems.extend(found)
        if stakeholder is not None:
            stakeholders[stakeholder.id] = stakeholder
        else:
            invalid.append(stakeholder_id(source.relative))
    ordered = tuple(stakeholders[k] for k in sorted(stakeholders))
    return Loaded(ordered, tuple(sorted(problems)), count, tuple(sorted(invalid)))


def page_address(ident: str) -> str:
    """What a stakeholder's page address is made from: an `index` page takes its folder's."""
    folder, _, last = ident.rpartition("/")
    return folder if last == "index" else ident


def _same_address(source: SourceFile, stakeholder: Stakeholder, other: Stakeholder) -> Problem:
    return Problem(
        source.shown,
        Position(1, 1),
        Severity.ERROR,
        f"the page of '{stakeholder.id}' would have the same address as the page of "
        f"'{other.id}' ({other.path}), and one of the two would be lost: rename "
        f"'{source.relative.name}' (an 'index' file stands for its folder), for example to "
        f"'{slugify(stakeholder.name) or 'name'}{source.relative.suffix}'",
        Code.PAGE_ADDRESS_COLLISION,
    )


def _load_one(
    source: SourceFile, seen: Mapping[str, Stakeholder], method: Method
) -> tuple[Stakeholder | None, list[Problem]]:
    def error(message: str, code: Code) -> tuple[None, list[Problem]]:
        return None, [Problem(source.shown, Position(1, 1), Severity.ERROR, message, code)]

    if source.symlink:
        return error(
            "this is a symbolic link, which pilotbook does not follow: "
            "put the stakeholder file itself here",
            Code.SYMBOLIC_LINK,
        )
    if source.refused is not None:
        return error(str(source.refused), source.refused.code)
    id_problem = check_id(source.relative)
    if id_problem:
        return error(*id_problem)
    ident = stakeholder_id(source.relative)
    if ident in seen:
        return error(
            f"id '{ident}' is also used by {seen[ident].path}: "
            "each stakeholder needs its own file name",
            Code.DUPLICATE_ID,
        )
    try:
        raw = source.read()
    except Unreadable as exc:
        return error(str(exc), exc.code)
    except OSError as exc:
        return error(
            f"cannot read the file ({exc.strerror}): check that it exists and is readable",
            Code.UNREADABLE,
        )
    return read_stakeholder(raw, ident, source.shown, method)


def check_id(relative: PurePosixPath) -> tuple[str, Code] | None:
    """Why a file at `relative` below the stakeholders folder is refused, or None."""
    # The folders and the file's stem, split as text: once per file, no Path objects.
    parts = stakeholder_id(relative).split("/")
    for part in parts:
        if not _ID_PART.match(part) or part in _WINDOWS_RESERVED:
            suggestion = slugify(part) or "name"
            return (
                f"'{part}' cannot be part of a stakeholder id: file and folder names below "
                "the stakeholders folder use lower-case letters a-z, digits, '-' and '_' "
                f"(rename it to '{suggestion}', for example)",
                Code.INVALID_FILE_NAME,
            )
    if relative.suffix not in EXTENSIONS:
        return (
            f"the extension must be written '.yml' or '.yaml' (not '{relative.suffix}')",
            Code.INVALID_EXTENSION,
        )
    return None


def slugify(text: str) -> str:
    """An id part for a name: transliterated to ASCII, lower case, words joined by '-'.

    "Søren Ørsted" gives "soren-orsted", "Straße" "strasse", "Дмитрий" "dmitriy".
    """
    folded = anyascii(text)
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        # File systems allow 255 bytes a name; a readable id needs far fewer.
        cut = slug[: MAX_SLUG + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut[1:] else slug[:MAX_SLUG]
    if slug in _WINDOWS_RESERVED:
        slug += "-1"
    return slug


def read_stakeholder(
    raw: bytes, ident: str, shown: str, method: Method
) -> tuple[Stakeholder | None, list[Problem]]:
    """Validate one file's bytes; returns the stakeholder (None on errors) and its problems."""
    try:
        check_size(raw)
        document = load(decode(raw))
    except YamlSyntaxError as exc:
        return None, [Problem(shown, exc.position, Severity.ERROR, exc.message, exc.code)]
    return _Validator(document, ident, shown, method).stakeholder()


class _Validator:
    def __init__(self, document: YamlDocument, ident: str, shown: str, method: Method) -> None:
        self.document = document
        self.data = document.data
        self.ident = ident
        self.shown = shown
        self.method = method
        self.problems: list[Problem] = []
        # Keys the author probably meant where they misspelled one: reported once, as
        # the misspelling, not again as missing.
        self.meant: set[str] = set()

    def error(self, where: KeyPath, message: str, code: Code, *, key: bool = False) -> None:
        position = self.document.position(where, key=key)
        self.problems.append(Problem(self.shown, position, Severity.ERROR, message, code))

    def stakeholder(self) -> tuple[Stakeholder | None, list[Problem]]:
        data = self.data
        if data is None:
            self.error(
                (),
                "the file is empty: a stakeholder needs at least 'name' and "
                "either 'discipline' or 'external'",
                Code.EMPTY_FILE,
            )
            return None, self.problems
        if not isinstance(data, Mapping):
            kind = "a list" if isinstance(data, list) else "a single value"
            self.error(
                (),
                f"the file holds {kind}: a stakeholder file is a mapping of keys "
                "such as 'name:' and 'discipline:', one per line",
                Code.NOT_A_MAPPING,
            )
            return None, self.problems
        for key in data:
            if key not in KEYS:
                self.error((key,), _unknown("key", key, KEYS), Code.UNKNOWN_KEY, key=True)
                self.meant.update(_close(key, KEYS))
        discipline, external = self.placement()
        values: dict[str, Any] = {"discipline": discipline, "external": external}
        for f in FIELDS:
            if f.key not in values:
                values[f.key] = self.field(f, external=external is not None)
        if self.problems:
            return None, self.problems
        stakeholder = Stakeholder(
            id=self.ident,
            path=self.shown,
            **{f.key: values[f.key] for f in FIELDS if f.published},
            document=self.document,
        )
        return stakeholder, self.problems

    def field(self, f: Field, *, external: bool) -> Any:
        """One field's value, read the way its kind is read (see pilotbook.records.fields)."""
        if f.only == "internal" and external and self.data.get(f.key) is not None:
            assert f.only_code is not None
            self.error((f.key,), f.only_message, f.only_code, key=True)
            external_value: Any = dict.fromkeys(self.method.question_ids)
            return external_value if f.kind == "answers" else None
        if f.kind == "text":
            return self.text(f.key, required=f.required)
        if f.kind == "choice":
            return self.choice(f.key) if self.data.get(f.key) is not None else None
        if f.kind == "date":
            return self.date(f.key)
        if f.kind == "answers":
            return self.answers()
        if f.kind == "involvement":
            return self.involvement()
        if f.kind == "mapping":
            return self.mapping(f.key)
        if f.kind == "private":
            return self.private(f.key)
        raise AssertionError(f"no reader for the kind of field '{f.key}': {f.kind}")

    def private(self, key: str) -> None:
        """Checked, and never kept: what is never published is not in the model."""
        if self.data.get(key) is not None and not isinstance(self.data[key], Mapping):
            self.error(
                (key,),
                f"'{key}' must be a mapping of labels to values, such as 'reden: ...'",
                Code.NOT_A_MAPPING,
            )

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required and key not in self.meant:
                where = (key,) if key in self.data else ()
                self.error(
                    where,
                    f"'{key}' is missing: add '{key}: ...' with the stakeholder's full name",
                    Code.MISSING_NAME,
                    key=True,
                )
            return None
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value.isoformat()  # a date-like text, such as a note written as a date
        if not isinstance(value, str):
            self.error(
                (key,),
                f"'{key}' must be text, not {_kind(value)}: put the value in quotes",
                Code.NOT_TEXT,
            )
            return None
        if key not in NEVER_PUBLISHED and not any(_visible(c) for c in value):
            codes = ", ".join(f"U+{ord(c):04X}" for c in list(dict.fromkeys(value))[:5])
            self.error(
                (key,),
                f"'{key}' shows nothing: it holds only invisible characters ({codes}), "
                "such as zero-width spaces: write it in letters"
                + ("" if required else ", or remove the line"),
                Code.INVISIBLE_TEXT,
            )
            return None
        return value.strip()

    def placement(self) -> tuple[str | None, str | None]:
        has_discipline = self.data.get("discipline") is not None
        has_external = self.data.get("external") is not None
        disciplines = self.method.discipline_ids
        if has_discipline and has_external:
            self.error(
                ("external",),
                "a stakeholder is either internal ('discipline') or "
                "external ('external'), not both: remove one of the two",
                Code.INTERNAL_AND_EXTERNAL,
                key=True,
            )
            return None, None
        if not has_discipline and not has_external:
            if self.meant & {"discipline", "external"}:
                return None, None
            self.error(
                (),
                "neither 'discipline' nor 'external' is given: add "
                f"'discipline: <{' | '.join(disciplines)}>' for a colleague, or "
                "'external: direct' (customers) or 'external: indirect' (wider "
                "environment)",
                Code.MISSING_DISCIPLINE,
            )
            return None, None
        if has_discipline:
            return self.choice("discipline"), None
        return None, self.choice("external")

    def choice(self, key: str) -> str | None:
        allowed = choices(key, self.method)
        value = self.data.get(key)
        if isinstance(value, str) and value in allowed:
            return value
        shown = value if isinstance(value, str) else _kind(value)
        self.error((key,), _unknown(f"'{key}' value", shown, allowed), Code.UNKNOWN_VALUE)
        return None

    def date(self, key: str) -> datetime.date | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        if isinstance(value, str) and _DATE.match(value.strip()):
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                self.error(
                    (key,),
                    f"'{key}: {value.strip()}' is not a day on the calendar: write the day "
                    f"it was checked as YYYY-MM-DD, such as {datetime.date.today().isoformat()}",
                    Code.IMPOSSIBLE_DATE,
                )
                return None
        self.error(
            (key,),
            f"'{key}' must be a date written YYYY-MM-DD, such as "
            f"{datetime.date.today().isoformat()}",
            Code.INVALID_DATE,
        )
        return None

    def answers(self) -> dict[str, bool | None]:
        questions = self.method.question_ids
        answers: dict[str, bool | None] = dict.fromkeys(questions)
        given = self.data.get("answers")
        if given is None:
            return answers
        if not isinstance(given, Mapping):
            self.error(
                ("answers",),
                "'answers' must be a mapping, one question per line, "
                f"such as '{questions[0]}: yes'",
                Code.NOT_A_MAPPING,
            )
            return answers
        for key, value in given.items():
            if key not in questions:
                self.error(
                    ("answers", key),
                    _unknown("question", key, questions),
                    Code.UNKNOWN_QUESTION,
                    key=True,
                )
                continue
            try:
                answers[key] = parse_answer(value)
            except InvalidAnswer:
                shown = value if isinstance(value, str) else _kind(value)
                self.error(
                    ("answers", key),
                    f"'{shown}' is not an answer to '{key}': use {ANSWER_SPELLINGS}",
                    Code.INVALID_ANSWER,
                )
        return answers

    def involvement(self) -> dict[str, str]:
        given = self.data.get("involvement")
        if given is None:
            return {}
        phases = self.method.phase_ids
        if not isinstance(given, Mapping):
            self.error(
                ("involvement",),
                "'involvement' must be a mapping of phase to level, one per line, such as "
                f"'{phases[0] if phases else 'setup'}: consult'",
                Code.INVALID_INVOLVEMENT,
            )
            return {}
        planned = {}
        for phase, level in given.items():
            if phase not in phases:
                message = _unknown("phase", phase, phases)
                self.error(("involvement", phase), message, Code.UNKNOWN_PHASE, key=True)
            elif level is None:
                continue
            elif isinstance(level, str) and level in LEVELS:
                planned[phase] = level
            else:
                shown = level if isinstance(level, str) else _kind(level)
                message = _unknown("level", shown, LEVELS)
                self.error(("involvement", phase), message, Code.INVALID_INVOLVEMENT)
        return planned

    def mapping(self, field: str) -> tuple[tuple[str, str], ...]:
        given = self.data.get(field)
        if given is None:
            return ()
        if not isinstance(given, Mapping):
            self.error(
                (field,),
                f"'{field}' must be a mapping of labels to values, such as 'team: Privacy office'",
                Code.NOT_A_MAPPING,
            )
            return ()
        pairs = []
        for key, value in given.items():
            if isinstance(value, list) and all(_is_scalar(v) for v in value):
                pairs.append((str(key), ", ".join(_scalar_text(v) for v in value)))
            elif _is_scalar(value):
                pairs.append((str(key), _scalar_text(value)))
            else:
                self.error(
                    (field, key),
                    f"'{field}: {key}' must be a text, a number, or a "
                    "list of them, not a nested mapping",
                    Code.NESTED_EXTRA,
                )
        return tuple(pairs)


# Letters that render as blank space (Hangul fillers, the blank Braille pattern).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _visible(char: str) -> bool:
    """A character that shows as ink: not a space, a control, a format character
    (zero-width space, joiner, direction mark, byte-order mark) or a lone combining mark."""
    category = unicodedata.category(char)
    return char not in _BLANK_LETTERS and category[0] not in "ZC" and category[0] != "M"


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _scalar_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _close(value: Any, allowed: tuple[str, ...]) -> list[str]:
    return difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6)


def _unknown(what: str, value: Any, allowed: tuple[str, ...]) -> str:
    message = f"unknown {what} '{value}'"
    close = _close(value, allowed)
    if close:
        message += f": did you mean '{close[0]}'?"
    message += f" (expected one of: {', '.join(allowed)})"
    return message
