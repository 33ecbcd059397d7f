"""Record files as they stand in a git revision, read without a checkout.

`pilotbook diff` compares two revisions (or a revision and the working tree). It
asks git for the tree and the blobs of one revision, so it works in a shallow
clone as soon as that revision has been fetched, and never touches the work tree.
"""

from __future__ import annotations

import datetime
import functools
import os
import subprocess
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from pilotbook.problems.codes import Code
from pilotbook.problems.problem import HandbookError, Position, Problem, Severity
from pilotbook.records.files import (
    SourceFile,
    Unreadable,
    is_record_file,
    refused_file,
    submodule_refused,
)
from pilotbook.yaml.limits import MAX_CONFIG_BYTES, config_too_large
from pilotbook.yaml.plain import MAX_BYTES, too_large

_SYMLINK_MODE = "120000"


class GitError(Exception):
    """git could not answer; the message says what to do about it."""


def _git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args], input=stdin, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise GitError("git is not installed or not on PATH") from None
    if result.returncode != 0:
        said = " ".join(result.stderr.decode("utf-8", "replace").split()) or "no reason given"
        raise GitError(f"git {args[0]} failed ({said}): {_MISSING_FIX}")
    return result.stdout


# Where git cannot read what a revision lists, the clone lacks objects.
_MISSING_FIX = (
    "the repository may lack objects of the revision (a shallow, partial or damaged clone): "
    "fetch the revision again, such as 'git fetch origin main', or run 'git fsck'"
)


def repository_root(folder: Path) -> Path:
    """The root of the repository around `folder`. git writes paths as the file system
    has them, which need not be UTF-8: decoded as Python names files (`os.fsdecode`)."""
    try:
        return Path(os.fsdecode(_git(folder, "rev-parse", "--show-toplevel").rstrip(b"\n")))
    except GitError:
        raise GitError(f"{folder} is not inside a git repository") from None


def uncommitted(root: Path, folders: Iterable[str]) -> list[tuple[str, str]]:
    """What git says of the files below `folders` in the repository at `root` that
    differ from its last commit: each one's two-letter state (`??` untracked, `!!`
    ignored, else changed) and its path as git names it. A folder git does not track
    or ignores is one entry, its path ending in '/'."""
    listed = _git(
        root,
        "status",
        "--porcelain=v1",
        "-z",
        "--ignored=matching",
        "--untracked-files=all",
        "--no-renames",
        "--",
        *folders,
    )
    return [(e[:2].decode(), os.fsdecode(e[3:])) for e in filter(None, listed.split(b"\0"))]


def in_repository(path: Path, root: Path) -> PurePosixPath | None:
    """`path` (links resolved) relative to the repository at `root` (resolved), as git
    names it; None where it lies outside."""
    resolved = path.absolute().resolve()
    if not resolved.is_relative_to(root):
        return None
    return PurePosixPath(resolved.relative_to(root).as_posix())


def handbook_repository(
    folder: Path, config: Path | None, shown: str
) -> tuple[Path, PurePosixPath]:
    """The repository that `diff` reads revisions from, the one that holds the handbook's
    configuration `config` (without one, or outside git: the stakeholders `folder`'s),
    and `folder` relative to it; messages name the folder `shown`.

    A stakeholders folder in another repository (a submodule, or a clone of its own)
    is refused as `check` and the build refuse it: a revision of the handbook holds
    only a commit's id for it. Raises `HandbookError` for that, `GitError` where git
    cannot say."""
    resolved = folder.resolve()
    try:
        own = repository_root(resolved if resolved.is_dir() else Path.cwd()).resolve()
    except GitError:
        own = None
    try:
        root = repository_root(config.absolute().parent).resolve() if config else own
    except GitError:
        root = own  # a configuration outside git: the folder's repository is the handbook's
    if root is None:
        raise GitError(f"{folder} is not inside a git repository")
    if own == root and resolved.is_relative_to(root):
        return root, PurePosixPath(resolved.relative_to(root).as_posix())
    if own is None or own == root:
        raise GitError(f"{folder} is not inside the git repository at {root}")
    refused = submodule_refused()
    problem = Problem(shown, Position(), Severity.ERROR, str(refused), refused.code)
    raise HandbookError([problem])


def resolve(root: Path, revision: str) -> str:
    """The commit a revision names, or a `GitError` saying how to get it."""
    try:
        return (
            _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
            .decode()
            .strip()
        )
    except GitError:
        raise GitError(
            f"'{revision}' is not a commit in this repository: check the name, or fetch it "
            f"first (in a shallow clone: git fetch --depth=1 origin {revision})"
        ) from None


def files_at(root: Path, revision: str, folder: PurePosixPath) -> list[SourceFile]:
    """The record files below `folder` (relative to the repository) in `revision`.

    Messages name a file `REVISION:path`, the way `git show` does.
    """
    commit = resolve(root, revision)
    listing = _git(root, "ls-tree", "-r", "-z", "--full-tree", commit, "--", folder.as_posix())
    entries = []
    submodules: list[SourceFile] = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, sha = meta.decode().split()
        path = PurePosixPath(name.decode("utf-8", "surrogateescape"))
        relative = path.relative_to(folder)
        if kind == "commit" and not any(part.startswith(".") for part in relative.parts):
            # A submodule: a commit of another repository, refused as `check` refuses it.
            submodules.append(refused_file(relative, f"{revision}:{path}", submodule_refused()))
        elif kind == "blob" and is_record_file(relative):
            entries.append((relative, path, sha, mode == _SYMLINK_MODE))
    sizes = _blob_sizes(root, [sha for *_, sha, _ in entries])
    # A blob too large for a record file is never fetched: its size says enough.
    blobs = _read_blobs(root, [sha for sha, size in sizes.items() if size <= MAX_BYTES])
    return submodules + [
        SourceFile(
            relative, f"{revision}:{path}", functools.partial(_blob, blobs, sizes, sha), symlink
        )
        for relative, path, sha, symlink in entries
    ]


def changes_of(root: Path, path: PurePosixPath, count: int) -> list[str]:
    """The last `count` commits, newest first, that changed `path` (relative to the
    repository) up to HEAD: none before the first commit or where git cannot say (a
    shallow clone holds only the commits it fetched)."""
    try:
        listed = _git(root, "log", f"--max-count={count}", "--format=%H", "HEAD", "--", str(path))
    except GitError:
        return []
    return listed.decode().split()


def file_at(root: Path, revision: str, path: PurePosixPath) -> bytes | None:
    """One file (relative to the repository) as it stands in `revision`, such as the
    handbook's configuration; None when the revision has no such file.

    Raises `Unreadable` for a link, or a file too large for a configuration (which
    is never fetched: its size says enough)."""
    commit = resolve(root, revision)
    listing = _git(root, "ls-tree", "-z", "--full-tree", commit, "--", path.as_posix())
    for record in listing.split(b"\0"):
        meta, _, name = record.partition(b"\t")
        if not record or name.decode("utf-8", "surrogateescape") != path.as_posix():
            continue
        mode, kind, sha = meta.decode().split()
        if kind != "blob":
            return None
        if mode == _SYMLINK_MODE:
            raise Unreadable(
                "the configuration is a symbolic link: git stores only where it points",
                Code.INVALID_OPTION,
            )
        size = _blob_sizes(root, [sha])[sha]
        if size > MAX_CONFIG_BYTES:
            raise Unreadable(config_too_large(size), Code.CONFIG_LIMIT)
        return _read_blobs(root, [sha])[sha]
    return None


def _blob(blobs: dict[str, bytes], sizes: dict[str, int], sha: str) -> bytes:
    if sha not in blobs:
        raise Unreadable(too_large(sizes[sha]), Code.FILE_TOO_LARGE)
    return blobs[sha]


def _blob_sizes(root: Path, shas: list[str]) -> dict[str, int]:
    """The size of each blob, from one `git cat-file --batch-check` call."""
    if not shas:
        return {}
    output = _git(root, "cat-file", "--batch-check", stdin="".join(f"{s}\n" for s in shas).encode())
    sizes = {}
    for line in output.decode().splitlines():
        sha, kind, *size = line.split()
        if kind == "missing" or not size:
            raise GitError(f"git has no object {sha}: {_MISSING_FIX}")
        sizes[sha] = int(size[0])
    return sizes


def _read_blobs(root: Path, shas: list[str]) -> dict[str, bytes]:
    """Many blobs in one `git cat-file --batch` call."""
    if not shas:
        return {}
    output = _git(root, "cat-file", "--batch", stdin="".join(f"{s}\n" for s in shas).encode())
    blobs: dict[str, bytes] = {}
    at = 0
    for sha in shas:
        header_end = output.index(b"\n", at)
        _, _, size = output[at:header_end].decode().split()
        start = header_end + 1
        blobs[sha] = output[start : start + int(size)]
        at = start + int(size) + 1
    return blobs


def _may_be_in_repository(folder: Path) -> bool:
    """False only where git would find no repository either: no `.git` in `folder` or
    above it (as written, or with symbolic links resolved, as git walks up), and no
    GIT_DIR or GIT_WORK_TREE pointing elsewhere. Every build asks for dates; a
    handbook outside git (a copy, an unpacked archive) starts no git."""
    if "GIT_DIR" in os.environ or "GIT_WORK_TREE" in os.environ:
        return True
    for start in {os.path.abspath(folder), os.path.realpath(folder)}:
        here = Path(start)
        if any(os.path.lexists(place / ".git") for place in (here, *here.parents)):
            return True
    return False


def last_commit_time(folder: Path) -> int | None:
    """The committer time of HEAD in the repository around `folder`, or None."""
    if not _may_be_in_repository(folder):
        return None
    try:
        stamp = _git(folder, "log", "-1", "--format=%ct").decode().strip()
    except GitError:
        return None
    return int(stamp) if stamp.isdigit() else None


def last_change(folder: Path) -> datetime.date | None:
    """The day the files below `folder` last changed: the day of the last commit that
    touched them, or today while they have uncommitted changes; None outside git."""
    if not _may_be_in_repository(folder):
        return None
    try:
        changed = _git(folder, "status", "--porcelain", "--", ".").strip()
        stamp = _git(folder, "log", "-1", "--format=%ct", "--", ".").decode().strip()
    except GitError:
        return None
    if changed:
        return datetime.date.today()
    if not stamp.isdigit():
        return None
    return datetime.datetime.fromtimestamp(int(stamp), tz=datetime.UTC).date()
