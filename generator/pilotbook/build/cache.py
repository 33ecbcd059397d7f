"""The last build's pages, kept so that a build from the same files skips the work.

Reading, validating and screening every stakeholder file and rendering the pages is
most of what pilotbook adds to a build. When nothing they are made from has changed
(the bytes of every stakeholder file and page template, the settings, pilotbook and
the libraries that shape its output), a build takes the pages from the last one.

- Where: `$PILOTBOOK_CACHE_DIR`; otherwise `$XDG_CACHE_HOME/pilotbook` or
  `~/.cache/pilotbook`, never inside the handbook's own folder.
- Off: `PILOTBOOK_CACHE=off`, and by default in CI (`CI` or `TF_BUILD` set), where
  the site that is published is made from the files every time.
- Size: one entry per handbook folder and audience, replaced when anything changes.
- Trust: an entry is read only from a folder and file of the user's own that nobody
  else may write to, and only with the seal it was written with: a digest of what it
  is for (the handbook folder and audience, the key) and of its pages, keyed with
  `$PILOTBOOK_CACHE_SECRET` where that is set. An entry that was written for something
  else, damaged or changed is not used, and neither is one whose pages a build would
  not make (see `pilotbook.build.site`): the pages are made again. Whoever may write
  the folder can still write an entry a build takes, unless the secret is set where
  only the builds that publish see it (a CI secret that no pull request from a fork
  gets): a cache shared with builds of less trust needs it.

An entry is found by the contents of the files, not their modification times, so a
fresh checkout of the same commit, or a file saved back unchanged, still finds it.
Before reading anything, a build compares what a stat of each file says (size,
times, inode) with what the entry noted, as git's index does; the entry notes that
only for files last changed well before the build read them, so a file changed
again within the same tick of the file system's clock is still read.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import importlib.util
import json
import os
import stat
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CACHE_VARIABLE = "PILOTBOOK_CACHE"
CACHE_DIR_VARIABLE = "PILOTBOOK_CACHE_DIR"
SECRET_VARIABLE = "PILOTBOOK_CACHE_SECRET"
_OFF = {"off", "false", "no", "0"}
_UNSET = {"", "false", "no", "0"}
# Changes whenever an entry's layout changes, so old entries are never misread.
FORMAT = 2
# Entries larger than this are not read (a build of 4,000 people writes about 20 MB).
MAX_ENTRY_BYTES = 256 * 1024 * 1024
# Files changed less than this before a build looked at them are compared by content
# next time too: longer than any file system's clock tick (FAT's is 2 s).
RACY_NS = 3_000_000_000


def cache_folder(environ: Mapping[str, str], base_dir: Path) -> Path | None:
    """Where entries are kept for the handbook in `base_dir`, or None: no cache."""
    if environ.get(CACHE_VARIABLE, "").strip().lower() in _OFF:
        return None
    explicit = environ.get(CACHE_DIR_VARIABLE, "").strip()
    if explicit:
        return Path(os.path.abspath(explicit))
    if any(environ.get(name, "").strip().lower() not in _UNSET for name in ("CI", "TF_BUILD")):
        return None
    home_cache = environ.get("XDG_CACHE_HOME", "").strip()
    if not os.path.isabs(home_cache):  # the XDG rules: a relative path is ignored
        home_cache = ""
    if not home_cache:
        try:
            home = environ.get("HOME", "").strip() or str(Path.home())
        except RuntimeError:  # no home folder to be found
            return None
        home_cache = os.path.join(home, ".cache")
    folder = Path(os.path.abspath(home_cache)) / "pilotbook"
    # A build writes nothing into the source tree, even a handbook kept in the home
    # folder, or reached through a link.
    if Path(os.path.realpath(folder)).is_relative_to(os.path.realpath(base_dir)):
        return None
    return folder


@dataclass(frozen=True)
class Entry:
    key: str  # of the contents
    quick: str | None  # of what a stat of each file says, where that may be trusted
    payload: dict[str, Any]


class Key:
    """A digest of everything a build's pages are made from, fed piece by piece."""

    def __init__(self, settings: str) -> None:
        self._digest = hashlib.blake2b(digest_size=32)
        self.add("format", str(FORMAT).encode())
        self.add("code", code_fingerprint().encode())
        self.add("settings", settings.encode(errors="surrogateescape"))

    def add(self, name: str, data: bytes) -> None:
        _feed(self._digest, name.encode(errors="surrogateescape"), data)

    def hexdigest(self) -> str:
        return self._digest.hexdigest()


class QuickKey(Key):
    """A digest of what a stat of each file says, and whether that may stand for its
    contents: only when every file was last changed well before now."""

    def __init__(self, settings: str) -> None:
        super().__init__(settings)
        self.started = time.time_ns()
        self.trusted = True

    def add_stat(self, path: str, info: os.stat_result) -> None:
        self.add(
            path,
            f"{info.st_mode}|{info.st_size}|{info.st_mtime_ns}|{info.st_ctime_ns}|"
            f"{info.st_ino}|{info.st_dev}".encode(),
        )
        if max(info.st_mtime_ns, info.st_ctime_ns) > self.started - RACY_NS:
            self.trusted = False


def _feed(digest: Any, *parts: bytes) -> None:
    """Length-prefixed, so that no two sequences of pieces give the same stream."""
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)


# The libraries whose behaviour shows in the pages or in the positions of warnings.
LIBRARIES = ("jinja2", "markupsafe", "yaml", "anyascii", "ruamel.yaml")


@functools.cache
def code_fingerprint() -> str:
    """pilotbook's own files, by content, and the installed versions of the libraries
    whose behaviour shows in the pages: a new release, or an edited file in the
    package whatever its times, makes every entry stale."""
    digest = hashlib.blake2b(f"{sys.version_info[:2]}".encode(), digest_size=16)
    digest.update(files_digest(Path(__file__).parents[1]).encode())
    digest.update(_installed().encode(errors="surrogateescape"))
    return digest.hexdigest()


def files_digest(package: Path) -> str:
    """Every file below `package` (compiled modules left out), by path and content."""
    digest = hashlib.blake2b(digest_size=16)
    for folder, folders, files in os.walk(package):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(files):
            path = os.path.join(folder, name)
            with contextlib.suppress(OSError), open(path, "rb") as file:
                digest.update(f"{os.path.relpath(path, package)}\0".encode(errors="replace"))
                digest.update(hashlib.blake2b(file.read()).digest())
    return digest.hexdigest()


def _installed() -> str:
    """The distributions (names and versions) installed where the libraries whose
    behaviour shows in the pages are, read from their folders without importing them."""
    sites = set()
    for module in LIBRARIES:
        with contextlib.suppress(ImportError, ValueError):
            spec = importlib.util.find_spec(module)
            if spec is not None and spec.origin:
                sites.add(Path(spec.origin).parents[module.count(".") + 1])
    names = []
    for site in sorted(sites):
        with contextlib.suppress(OSError):
            names += sorted(n for n in os.listdir(site) if n.endswith((".dist-info", ".egg-info")))
    return "|".join(names)


class BuildCache:
    """Entries in memory, for the rebuilds of `mkdocs serve`, and in `folder` (one
    file per handbook folder and audience), unless it is None. `secret` keys the seal
    of the entries in the folder; by default `$PILOTBOOK_CACHE_SECRET`.

    An entry's file is a line of JSON that says what it is for and holds its seal,
    then the pages as JSON: the seal is checked before the pages are parsed."""

    def __init__(self, folder: Path | None, secret: str | None = None) -> None:
        self.folder = folder
        self._memory: dict[str, Entry] = {}
        if secret is None:
            secret = os.environ.get(SECRET_VARIABLE, "")
        # blake2b takes a key of up to 64 bytes: longer secrets are digested to that.
        self._secret = (
            hashlib.blake2b(secret.encode(errors="surrogateescape")).digest() if secret else b""
        )

    def _entry(self, owner: str) -> Path:
        name = hashlib.blake2b(owner.encode(errors="surrogateescape"), digest_size=16)
        return self.folder / f"{name.hexdigest()}.json"

    def _seal(self, owner: str, key: str, quick: str | None, payload: bytes) -> str:
        digest = hashlib.blake2b(digest_size=32, key=self._secret)
        _feed(digest, json.dumps([FORMAT, owner, key, quick]).encode(), payload)
        return digest.hexdigest()

    def get(self, owner: str) -> Entry | None:
        """The entry stored for `owner`, or None: also for one that was not written for
        it, with this secret, as it is now."""
        if owner in self._memory:
            return self._memory[owner]
        if self.folder is None:
            return None
        try:
            if not _private(os.lstat(self.folder), directory=True):
                return None
            flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
            descriptor = os.open(self._entry(owner), flags)
            with os.fdopen(descriptor, "rb") as file:
                info = os.fstat(file.fileno())
                if not _private(info) or info.st_size > MAX_ENTRY_BYTES:
                    return None
                head, _, body = file.read(MAX_ENTRY_BYTES + 1).partition(b"\n")
            header = json.loads(head)
            if not isinstance(header, dict) or header.get("owner") != owner:
                return None
            key, quick, seal = header.get("key"), header.get("quick"), header.get("seal")
            if not isinstance(key, str) or not isinstance(quick, str | None):
                return None
            expected = self._seal(owner, key, quick, body).encode()
            if not isinstance(seal, str) or not hmac.compare_digest(
                seal.encode(errors="replace"), expected
            ):
                return None
            payload = json.loads(body)
        except (OSError, ValueError, RecursionError):
            return None
        return Entry(key, quick, payload) if isinstance(payload, dict) else None

    def put(self, owner: str, entry: Entry) -> None:
        """Store `entry`, replacing the owner's last one; a failure only costs speed."""
        self._memory = {owner: entry}  # one handbook and audience per process
        if self.folder is None:
            return
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not _private(os.lstat(self.folder), directory=True):
                return
            body = json.dumps(entry.payload, ensure_ascii=False).encode()
            header = {
                "format": FORMAT,
                "owner": owner,
                "key": entry.key,
                "quick": entry.quick,
                "seal": self._seal(owner, entry.key, entry.quick, body),
            }
            descriptor, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            try:
                with os.fdopen(descriptor, "wb") as file:
                    file.write(json.dumps(header).encode() + b"\n" + body)
                os.replace(temporary, self._entry(owner))
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except (OSError, ValueError, TypeError):
            return


def _private(info: os.stat_result, directory: bool = False) -> bool:
    """A folder or regular file of this user's that nobody else may write to."""
    kind = stat.S_ISDIR if directory else stat.S_ISREG
    if not kind(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()
