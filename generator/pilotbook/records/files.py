"""Finding and reading record files: below a kind's folder, or in a git revision.

One record per file, anywhere below the kind's folder. Only regular YAML files are
read, each within the size limit, and the walk neither follows a link nor enters a
hidden folder, a git submodule or a folder nested deeper than `MAX_FOLDER_DEPTH`:
whatever it passes over is a `SourceFile` with the problem that says why.
"""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pilotbook.problems.codes import Code
from pilotbook.records.record_kind import Kind
from pilotbook.yaml.plain import MAX_BYTES, too_large

EXTENSIONS = (".yml", ".yaml")


@dataclass(frozen=True)
class SourceFile:
    """A record file as found in a folder or in a git revision."""

    relative: PurePosixPath  # below the kind's folder
    shown: str  # how messages name it
    # Raises `Unreadable` (or `OSError`) for a file that is not read as a record.
    read: Callable[[], bytes]
    symlink: bool = False
    # Found but not to be read, and why (a folder nested too deep).
    refused: Unreadable | None = None


class Unreadable(Exception):
    """A file that is not read at all; the message says why and what would be right."""

    def __init__(self, message: str, code: Code) -> None:
        super().__init__(message)
        self.code = code


# Folders below a kind's folder; a handbook needs one or two levels.
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
    """Why a git submodule (or a repository of its own) below a kind's folder is
    not read: by `check` and the build as by `diff`, which reads revisions from the
    handbook's own repository, where a submodule is only a commit's id."""
    return Unreadable(
        "this folder is a git submodule or a repository of its own, which pilotbook does "
        "not read: 'pilotbook diff' could not see its files in a revision, so the build "
        "and 'check' leave them out too; move the files into the handbook's repository "
        "('git rm' the submodule, then add the files)",
        Code.GIT_SUBMODULE,
    )


def is_record_file(relative: PurePosixPath) -> bool:
    """YAML files, leaving out hidden files and anything in hidden folders."""
    return relative.name.lower().endswith(EXTENSIONS) and not any(
        part.startswith(".") for part in relative.parts
    )


def files_in(kind: Kind, directory: Path, display: Display = str) -> Iterator[SourceFile]:
    """The files of `kind` below `directory`, in a stable order.

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
                if entry.is_dir() or is_record_file(relative):
                    yield SourceFile(relative, display(entry.path), _not_read, symlink=True)
            elif entry.is_dir(follow_symlinks=False):
                if depth + 1 > MAX_FOLDER_DEPTH:
                    why = Unreadable(
                        f"folders are nested more than {MAX_FOLDER_DEPTH} levels deep below the "
                        f"{kind.plural} folder: move the files in it up to {kind.grouping}",
                        Code.FOLDER_TOO_DEEP,
                    )
                    yield _refused(directory, Path(entry.path), display, why)
                else:
                    below.append((entry.path, depth + 1))
            else:
                relative = PurePosixPath(entry.path[start:].replace(os.sep, "/"))
                if is_record_file(relative):
                    # Paths stay strings: a thousand files need no thousand Path objects.
                    regular = entry.is_file(follow_symlinks=False)
                    read = functools.partial(read_regular_file, entry.path, listed_regular=regular)
                    yield SourceFile(relative, display(entry.path), read)
        pending.extend(reversed(below))


def _in_outer_repository(folder: str) -> bool:
    """Whether a folder above `folder` holds a `.git`: a kind's folder's own
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


def identities(folders: Iterable[Path]) -> frozenset[tuple[int, int]]:
    """The file system's identity (device, inode) of every regular file below
    `folders` (the kinds' folders): under whatever other name such a file is reached (a
    hard link), it is the same file."""
    return frozenset(
        (info.st_dev, info.st_ino)
        for folder in folders
        for _, info in stats_below(folder)
        if stat.S_ISREG(info.st_mode)
    )


def _refused(directory: Path, path: Path, display: Display, why: Unreadable) -> SourceFile:
    return refused_file(PurePosixPath(path.relative_to(directory).as_posix()), display(path), why)


def refused_file(relative: PurePosixPath, shown: str, why: Unreadable) -> SourceFile:
    """A file or folder found but not read, and why: its problem."""
    return SourceFile(relative, shown, _not_read, refused=why)


def _not_read() -> bytes:
    raise Unreadable("this file is not read", Code.UNREADABLE)
