"""Publishing a build: the site is replaced whole by a finished build, or not at all.

A build writes into a staging folder beside the site (same parent, hidden name), and
only a finished build is swapped in by renaming, which is atomic on one filesystem:

    site/                             the last good site, served as it is
    .site.pilotbook-new-4711.40265-k3x9/    the build being written (by process 4711)
    .site.pilotbook-new-4711.40265-k3x9/.pilotbook-build   which audience it was made for

An interrupted build (even by SIGKILL) or a failed one leaves only its staging folder,
which the next build removes. Where the system can exchange two folders in one step
(Linux' renameat2), the site path never lacks a complete site; elsewhere it lacks one
only between two renames, and the next build puts the old site back if a crash fell
exactly there.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import logging
import os
import secrets
import shutil
from pathlib import Path

from pilotbook.config.handbook import Handbook

# Records which audience a site was made for, so a dirty build never keeps pages made
# for another one. Hidden, like everything MkDocs' own cleaning leaves alone.
MARKER = ".pilotbook-build"

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no lock, stale folders go regardless
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger("mkdocs.plugins.pilotbook")


class Staging:
    """A build of `site` being written into `folder`, for `audience`.

    The folder stays locked while this process lives, so that a build running beside
    this one does not take it for a stale leftover."""

    def __init__(self, site: Path, folder: Path, audience: str) -> None:
        self.site = site
        self.folder = folder
        self.audience = audience
        self._lock = _lock(folder)

    def publish(self) -> None:
        """Put the finished build in the site's place and remove the old site."""
        (self.folder / MARKER).write_text(f"audience: {self.audience}\n", encoding="utf-8")
        if not self.site.exists():
            self.folder.rename(self.site)
        elif _exchange(self.folder, self.site):
            # The staging name now holds the old site.
            shutil.rmtree(self.folder, ignore_errors=True)
        else:
            aside = self.folder.with_name(self.folder.name.replace("-new-", "-old-", 1))
            self.site.rename(aside)
            self.folder.rename(self.site)
            shutil.rmtree(aside, ignore_errors=True)
        self._unlock()

    def discard(self) -> None:
        """Drop the build; the site stays as it was."""
        shutil.rmtree(self.folder, ignore_errors=True)
        self._unlock()

    def _unlock(self) -> None:
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


def stage(site: Path, *, audience: str, dirty: bool, pages_dir: str) -> Staging:
    """A fresh staging folder for a build of `site`, after removing stale ones.

    A full build starts from the site's hidden entries only (MkDocs' cleaning keeps
    them, e.g. a `.git` for deploying). A dirty build starts from a copy of the site,
    copied rather than linked because MkDocs rewrites files in place, without the
    generated pages (every build writes them all anew) and, if the site was made for
    another audience, as a full build."""
    site = site.absolute()
    if site.exists() and not site.is_dir():
        # Swapped into place, the file would end up where stale builds are removed.
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(site))
    site.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(site)
    folder = _new_folder(site)
    staging = Staging(site, folder, audience)
    try:
        generated = pages_dir.strip("/")
        if dirty and generated and audience_of(site) == audience:
            shutil.copytree(site, folder, symlinks=True, dirs_exist_ok=True)
            shutil.rmtree(folder / generated, ignore_errors=True)
        elif site.is_dir():
            for entry in site.iterdir():
                if entry.name.startswith(".") and entry.name != MARKER:
                    _copy(entry, folder / entry.name)
        (folder / MARKER).unlink(missing_ok=True)
    except BaseException:
        staging.discard()
        raise
    return staging


class Unwritable(Exception):
    """The site's folder cannot be written; the message says where and what to do."""


class SiteSwap:
    """The builds of one plugin, each swapped in whole when it finishes (`mkdocs build`),
    or written where MkDocs says (`mkdocs serve` builds into a temporary folder of its
    own: nothing to stage)."""

    def __init__(self) -> None:
        self.staged = False
        self.dirty = False
        self.staging: Staging | None = None

    def start(self, *, serve: bool, dirty: bool) -> None:
        self.staged = not serve
        self.dirty = dirty

    def begin(self, site: Path, handbook: Handbook) -> Path | None:
        """The staging folder to build `site` into, or None when nothing is staged.
        Raises `Unwritable` when it cannot be made beside the site."""
        if not self.staged:
            return None
        try:
            self.staging = stage(
                site, audience=built_for(handbook), dirty=self.dirty, pages_dir=handbook.pages_dir
            )
        except OSError as error:
            in_the_way = isinstance(error, FileExistsError | NotADirectoryError)
            why = "a file is in the way" if in_the_way else (error.strerror or "").lower()
            raise Unwritable(
                f"{handbook.display(site)}:1:1: error: the site cannot be written "
                f"there ({why}): point 'site_dir' in mkdocs.yml, or 'mkdocs build -d', "
                "at a folder this user can create and write"
            ) from None
        return self.staging.folder

    def finish(self, *, failed: bool) -> Path | None:
        """Swap the finished build in, or drop it when it `failed` (such as a strict
        build that warned); the site's folder, or None when nothing was staged."""
        if self.staging is None:
            return None
        site = self.staging.site
        if failed:
            self.discard()
        else:
            self.staging.publish()
            self.staging = None
        return site

    def discard(self) -> None:
        """Drop a build that did not finish; the site stays as it was."""
        if self.staging is not None:
            self.staging.discard()
            log.info("pilotbook: the build did not finish; %s is as it was", self.staging.site)
            self.staging = None


def built_for(handbook: Handbook) -> str:
    """Whom a build of `handbook` is for: its audience, and with several pilots each
    pilot's as well, so that a dirty build keeps nothing of a site made for others."""
    if not handbook.several_pilots:
        return handbook.audience
    pilots = ", ".join(f"{p.id}: {p.audience}" for p in handbook.pilots)
    return f"{handbook.audience} ({pilots})"


def audience_of(site: Path) -> str | None:
    """The audience the site at `site` was made for, if a pilotbook build made it."""
    try:
        text = (site / MARKER).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    key, _, value = text.strip().partition(": ")
    return value if key == "audience" else None


def remove_stale(site: Path) -> None:
    """Remove what interrupted builds of `site` left beside it; if one was interrupted
    between its two renames, put the old site back first."""
    prefix = _prefix(site)
    leftovers = [
        entry
        for entry in site.parent.iterdir()
        if entry.name.startswith(prefix) and entry.is_dir() and not _in_use(entry)
    ]
    old = [entry for entry in leftovers if entry.name.startswith(prefix + "old-")]
    if old and not site.exists():
        old[0].rename(site)
        leftovers.remove(old[0])
    for entry in leftovers:
        shutil.rmtree(entry, ignore_errors=True)


def _prefix(site: Path) -> str:
    return f".{site.name}.pilotbook-"


def _new_folder(site: Path) -> Path:
    """A new staging folder, readable like the site it replaces (not 0700 like mkdtemp's)."""
    while True:
        # Named with this process's id, which tells a later build whether it still runs.
        folder = site.with_name(f"{_prefix(site)}new-{_owner()}-{secrets.token_hex(4)}")
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        if site.is_dir():
            shutil.copymode(site, folder)
        return folder


def _copy(source: Path, target: Path) -> None:
    if source.is_dir() and not source.is_symlink():
        shutil.copytree(source, target, symlinks=True)
    else:
        shutil.copy2(source, target, follow_symlinks=False)


def _lock(folder: Path) -> int | None:
    if fcntl is None:
        return None
    descriptor = os.open(folder, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return descriptor


def _in_use(folder: Path) -> bool:
    """Whether a running build holds `folder`: it is locked (a killed build's lock is
    gone with it, unless a process it started holds it on) and the build that made it,
    named in the folder's name, still runs."""
    if not _owner_runs(folder):
        return False
    if fcntl is None:
        return False
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(descriptor)
    return False


def _owner() -> str:
    """This process as a staging folder's name holds it: its id and its PID namespace
    (a build in another container sees other processes under the same ids)."""
    try:
        namespace = os.stat("/proc/self/ns/pid").st_ino
    except OSError:
        namespace = 0
    return f"{os.getpid()}.{namespace}"


def _owner_runs(folder: Path) -> bool:
    """False where the process named in `folder`'s name (`...-new-PID.NS-xxxx`) is
    gone; True where it runs, or where this process cannot tell."""
    owner = folder.name.rpartition("pilotbook-")[2][4:].partition("-")[0]
    pid, _, namespace = owner.partition(".")
    if not pid.isdigit() or owner != f"{pid}.{_owner().partition('.')[2]}" or not namespace:
        return True  # named by an earlier version, or in another PID namespace
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step where the system can (Linux 3.15+, glibc 2.28+)."""
    with contextlib.suppress(OSError, AttributeError, TypeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        at_fdcwd, rename_exchange = -100, 2
        return (
            libc.renameat2(
                at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange
            )
            == 0
        )
    return False
