"""Files that no site of the handbook publishes: its stakeholder files, wherever they lie.

MkDocs publishes every file of `docs_dir` and of the theme folders that is not a page
or a template as it is, so a stakeholders folder kept in the docs (`docs/people/`),
linked or copied into them or into the theme folder would put every answer, note and
private value on the site. The adapters take out of what they publish:

- every file whose real path lies in the stakeholders folder, or the folder of any
  other record kind (a folder of the docs, or reached through a link), or that is one
  of their files under another name (a hard link): the folder is the handbook's input,
  never its output;
- so is every folder a build cache may lie in (`$PILOTBOOK_CACHE_DIR`,
  `$XDG_CACHE_HOME/pilotbook`, `~/.cache/pilotbook`), whether or not this build uses
  one, and any file that is a cache entry by its first line, wherever it lies: an
  entry holds the pages of the team's view too;
- every file of the docs that a symbolic link leads outside the docs folder (a link to
  `/proc/self/environ`, with the CI's tokens) or to what is not a regular file: the
  docs publish their own files only, and a warning names it;
- every other YAML file: stakeholder files are YAML, and a copy of one is as private
  as the file itself. pilotbook publishes no YAML file, and says which it left out.
"""

from __future__ import annotations

import contextlib
import enum
import json
import os
import stat
from collections.abc import Mapping, Sequence
from pathlib import Path

from pilotbook.build.cache import CACHE_DIR_VARIABLE
from pilotbook.config.handbook import Handbook
from pilotbook.config.layout import inside
from pilotbook.config.levels import not_failing
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Position, Problem, Severity
from pilotbook.records.files import EXTENSIONS, identities
from pilotbook.records.kinds import KINDS

# What the first line of a cache entry (pilotbook.build.cache) holds, in any format.
_ENTRY_KEYS = {"format", "owner", "key", "quick", "seal"}
# The most of a file read to tell whether it is a cache entry: its first line names
# the handbook's folders, so it is short.
_ENTRY_HEAD = 64 * 1024


class Withheld(enum.Enum):
    # A file of the stakeholders folder or the build cache, reached by a link or
    # lying in the docs.
    INPUT = "input"
    # A file of the docs that a link leads outside them, or that is no regular file.
    LINK = "link"
    # A YAML file elsewhere: perhaps a copy of a stakeholder file.
    YAML = "yaml"


class Withholding:
    """Tells, for the files a site would publish, which it must leave out and why; the
    files below `docs_dir` are the docs' own only where they are regular files inside."""

    def __init__(
        self,
        handbook: Handbook,
        environ: Mapping[str, str] = os.environ,
        docs_dir: str | Path | None = None,
    ) -> None:
        kinds = [handbook.folder(kind) for kind in KINDS]
        self.inputs = [os.path.realpath(folder) for folder in [*kinds, *cache_folders(environ)]]
        self.identities = identities(kinds)
        self.docs = (os.path.abspath(docs_dir), os.path.realpath(docs_dir)) if docs_dir else None

    def __call__(self, path: str | Path) -> Withheld | None:
        """Why the file at `path` is left out of the site, or None: it is published."""
        real = os.path.realpath(path)
        if any(inside(real, folder) for folder in self.inputs) or self._input(path):
            return Withheld.INPUT
        if self.docs is not None and inside(os.path.abspath(path), self.docs[0]):
            # A folder of the docs, for a copy that walks them.
            if not inside(real, self.docs[1]) or not (os.path.isfile(real) or os.path.isdir(real)):
                return Withheld.LINK
        if any(str(p).lower().endswith(EXTENSIONS) for p in (path, real)):
            return Withheld.YAML
        return None

    def _input(self, path: str | Path) -> bool:
        """Whether the file at `path` is a record file under another name, or a cache
        entry."""
        try:
            info = os.stat(path)
            if (info.st_dev, info.st_ino) in self.identities:
                return True
            if not stat.S_ISREG(info.st_mode):
                return False
            with open(path, "rb") as file:
                # Asked of every file a site publishes: most end the question at byte one.
                if file.read(1) != b"{":
                    return False
                head = b"{" + file.read(_ENTRY_HEAD - 1).partition(b"\n")[0]
        except OSError:
            return False
        return is_cache_entry(head)


def is_cache_entry(head: bytes) -> bool:
    """Whether `head`, the first line of a file, is that of a build cache's entry."""
    if not head.startswith(b"{"):
        return False
    try:
        header = json.loads(head)
    except (ValueError, RecursionError):
        return False
    return isinstance(header, dict) and _ENTRY_KEYS <= header.keys()


def cache_folders(environ: Mapping[str, str] = os.environ) -> list[Path]:
    """Every folder a build cache of this user may lie in (see pilotbook.build.cache),
    whatever this build's settings: one build may run without the cache that another
    filled."""
    homes = [environ.get("HOME", "").strip(), os.path.expanduser("~")]
    with contextlib.suppress(ImportError, KeyError):
        import pwd

        homes.append(pwd.getpwuid(os.getuid()).pw_dir)
    folders = [os.path.join(home, ".cache") for home in homes if os.path.isabs(home)]
    folders.append(environ.get("XDG_CACHE_HOME", "").strip())
    found = [os.path.join(folder, "pilotbook") for folder in folders if os.path.isabs(folder)]
    explicit = environ.get(CACHE_DIR_VARIABLE, "").strip()
    if explicit:
        found.append(os.path.abspath(explicit))
    return [Path(folder) for folder in dict.fromkeys(found)]


def left_out(found: Mapping[Withheld, Sequence[str | Path]], handbook: Handbook) -> list[Problem]:
    """The warnings about the files withheld that the user should know of: YAML files
    and files of the docs that lead outside them (the inputs go without a word), at
    the handbook's levels; `HandbookError` where a level makes one an error."""
    warnings = [yaml_left_out(found[Withheld.YAML], handbook)] if found.get(Withheld.YAML) else []
    warnings += [link_left_out(path, handbook) for path in found.get(Withheld.LINK, ())]
    return not_failing(handbook.levels.apply(warnings))


def link_left_out(path: str | Path, handbook: Handbook) -> Problem:
    """The warning that the file of the docs at `path` was left out: see `Withheld.LINK`."""
    return Problem(
        handbook.display(path),
        Position(1, 1),
        Severity.WARNING,
        "this file of the docs is left out of the site: it is, or lies in, a symbolic link "
        "that leads outside the docs folder, or it is not a regular file, and the site "
        "publishes only the docs' own files (a link could publish /proc/self/environ or a "
        "private file): put a copy of the file into the docs, or delete the link",
        Code.LINK_OUT_OF_DOCS,
    )


def yaml_left_out(paths: Sequence[str | Path], handbook: Handbook) -> Problem:
    """The warning that the YAML files at `paths` (at least one) were left out."""
    more = f" (and {len(paths) - 1} more)" if len(paths) > 1 else ""
    return Problem(
        handbook.display(paths[0]),
        Position(1, 1),
        Severity.WARNING,
        f"this YAML file{more} is left out of the site: stakeholder files are YAML, and "
        "pilotbook publishes none, so that no copy of one shows anyone's answers or notes; "
        "keep stakeholder files only in the stakeholders folder "
        f"({handbook.display(handbook.stakeholders_dir)}), and delete the copies from the "
        "docs and theme folders",
        Code.YAML_IN_SITE,
    )
