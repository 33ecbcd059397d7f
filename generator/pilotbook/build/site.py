"""What pilotbook adds to a handbook's site, made once per change of what it is made from.

The adapters (the MkDocs plugin, `pilotbook generate`) call `make_site`: it reads,
validates and screens the record files and renders the pages and the decision
board, or takes them from the build cache when none of that has changed. The cache's
key covers the folder of every registered record kind and the page templates.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from pilotbook.build.cache import BuildCache, Entry, Key, QuickKey
from pilotbook.config.handbook import Handbook
from pilotbook.config.screened import Result, screen_files, screening_or_raise, without_errors
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Position, Problem, Severity
from pilotbook.records.files import (
    SourceFile,
    Unreadable,
    files_in,
    read_regular_file,
    stats_below,
)
from pilotbook.records.kinds import KINDS
from pilotbook.records.record_kind import Kind
from pilotbook.site.page import MAX_TEMPLATE_BYTES, Page

# The folder the home page lies in, which the board's links start from.
HOME = "index.md"


@dataclass(frozen=True)
class Site:
    pages: tuple[Page, ...]
    # Warnings from the screening, and info, at the handbook's levels (errors stop the
    # build before a Site exists).
    warnings: tuple[Problem, ...]
    # The decision board for the home page, or None when the handbook turned it off.
    board: str | None
    # Taken from the build cache rather than made from the files.
    cached: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "pages": [[p.path, p.content, p.in_nav, p.edit_url] for p in self.pages],
            "warnings": [
                [w.path, w.position.line, w.position.column, w.severity, w.message, w.code]
                for w in self.warnings
            ],
            "board": self.board,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], handbook: Handbook) -> Site:
        """Raises ValueError, TypeError or KeyError for anything but what `to_json`
        wrote for a build of `handbook`: pages only where it puts them, warnings only."""
        root = handbook.pages_dir.strip("/")
        pages = tuple(_page(item, root, handbook.edit_base) for item in _list(data["pages"]))
        if len({page.path for page in pages}) != len(pages):
            raise ValueError("two pages at one path")
        warnings = tuple(_warning(item) for item in _list(data["warnings"]))
        board = data["board"]
        if (board is None) == handbook.home_board:
            raise ValueError("a board where the handbook has none, or none where it has one")
        return cls(pages, warnings, None if board is None else _str(board))


class CacheLookup(NamedTuple):
    """What the build cache holds for a handbook, and the site in it where a stat of
    every file shows that nothing it was made from changed (`site`)."""

    settings: str
    owner: str
    quick: QuickKey
    stored: Entry | None
    site: Site | None


def look_up(handbook: Handbook, cache: BuildCache | None) -> CacheLookup | None:
    """What the cache has for `handbook`; None without a cache (or without a folder a
    kind needs, such as the stakeholders folder)."""
    if cache is None or any(k.missing_folder and not handbook.folder(k).is_dir() for k in KINDS):
        return None
    settings = repr(handbook)
    owner = owner_of(handbook)
    folders = [handbook.folder(k) for k in KINDS if handbook.folder(k).is_dir()]
    if handbook.templates_dir is not None:
        folders.append(handbook.templates_dir)
    quick = QuickKey(settings)
    for folder in folders:
        for path, info in stats_below(folder):
            quick.add_stat(path, info)
    stored = cache.get(owner)
    site = None
    if stored is not None and stored.quick == quick.hexdigest():
        site = _from_cache(stored, handbook)
    return CacheLookup(settings, owner, quick, stored, site)


def owner_of(handbook: Handbook) -> str:
    """What a build cache keeps one entry for: a handbook folder and audience."""
    return f"{handbook.base_dir}\0{handbook.stakeholders_dir}\0{handbook.audience}"


def make_site(
    handbook: Handbook, cache: BuildCache | None = None, looked_up: CacheLookup | None = None
) -> Site:
    """The generated pages, the screening's warnings and the board; raises
    `HandbookError` with every problem when a file has an error. `looked_up` is what
    `look_up` found just before, so as not to look again."""
    found = looked_up or look_up(handbook, cache)
    if cache is None or found is None:
        return _made(screening_or_raise(handbook), handbook)
    settings, owner, quick, stored, cached = found
    if cached is not None:
        return cached
    read = _read_all(handbook)
    if read is None:
        # Something is not a plain readable file: the build says what, without the cache.
        return _made(screening_or_raise(handbook), handbook)
    sources, templates = read
    key = Key(settings)
    for kind, source, data in sources:
        key.add(f"{kind.folder_option}/{source.relative.as_posix()}", data)
    key.add("templates", templates.encode())
    digest = key.hexdigest()
    trusted = quick.hexdigest() if quick.trusted else None
    if stored is not None and stored.key == digest:
        cached = _from_cache(stored, handbook)
        if cached is not None:
            if stored.quick != trusted:  # a fresh checkout, say: next time, a stat will do
                cache.put(owner, dataclasses.replace(stored, quick=trusted))
            return cached
    given: dict[Kind, list[SourceFile]] = {kind: [] for kind in KINDS}
    for kind, source, data in sources:
        given[kind].append(dataclasses.replace(source, read=functools.partial(_given, data)))
    screened = screen_files(
        given,
        handbook.method,
        handbook.levels,
        handbook.listed_pilots,
        handbook.display,
        handbook.max_pilots_per_person,
        handbook.public,
    )
    site = _made(without_errors(screened), handbook)
    # Jinja read the templates again to render them: kept only if they are the ones the
    # key was made from (not saved anew while this build ran).
    if _templates(handbook) == templates:
        cache.put(owner, Entry(digest, trusted, site.to_json()))
    return site


def _read_all(handbook: Handbook) -> tuple[list[tuple[Kind, SourceFile, bytes]], str] | None:
    """Every record file of every kind with its bytes, and a digest of the page
    templates; None when anything cannot be read as a plain file."""
    sources = []
    try:
        for kind in KINDS:
            folder = handbook.folder(kind)
            if not folder.is_dir():  # a kind the handbook has no folder of
                continue
            for source in files_in(kind, folder, handbook.display):
                sources.append((kind, source, source.read()))
    except (Unreadable, OSError):
        return None
    templates = _templates(handbook)
    return (sources, templates) if templates is not None else None


def _templates(handbook: Handbook) -> str | None:
    """A digest of the handbook's page templates (every file below the folder, by
    path and content), or None when a folder or file cannot be read or lies deeper
    than a stakeholder folder may."""
    digest = hashlib.blake2b(digest_size=32)
    top = handbook.templates_dir
    if top is None or not top.is_dir():  # no templates of the handbook's own
        return digest.hexdigest()
    try:
        for path, info in stats_below(top, strict=True):
            if not stat.S_ISDIR(info.st_mode):
                data = read_regular_file(path, MAX_TEMPLATE_BYTES)
                name = os.path.relpath(path, top).encode(errors="surrogateescape")
                digest.update(name + f"\0{len(data)}\0".encode())
                digest.update(data)
    except (Unreadable, OSError):
        return None
    return digest.hexdigest()


def _from_cache(entry: Entry, handbook: Handbook) -> Site | None:
    try:
        return dataclasses.replace(Site.from_json(entry.payload, handbook), cached=True)
    except Exception:  # whatever is in a damaged entry, the pages are made again
        return None


def _made(result: Result, handbook: Handbook) -> Site:
    # Imported here: a build whose pages come from the cache needs no template engine.
    from pilotbook.site.pages import render_site
    from pilotbook.site.pilots import render_pilots

    if handbook.several_pilots:
        pages, board = render_pilots(result.screened, handbook, HOME)
    else:
        pages, board = render_site(result.screening, handbook, HOME)
    return Site(tuple(pages), result.warnings, board)


def _given(data: bytes) -> bytes:
    return data


# Every part of a generated page's path: a plain name, as stakeholder ids and `pages_dir`
# are made of.
_PLAIN = re.compile(r"[a-z0-9][a-z0-9_-]*")


def _page(item: object, root: str, edit_base: str | None) -> Page:
    """A page as a build of a handbook with these `pages_dir` and `edit_base` makes it:
    a `.md` file below `pages_dir` whose path is plain names joined by '/' (nothing
    absolute, no '..', no backslash or drive, no empty or hidden part), edited, if at
    all, at the handbook's own address."""
    path, content, in_nav, edit = _list(item)
    path = _str(path)
    parts = path.removesuffix(".md").split("/")
    if not (path.startswith(f"{root}/") and path.endswith(".md")) or not all(
        _PLAIN.fullmatch(part) for part in parts
    ):
        raise ValueError(f"{path!r} is not where a build puts a page")
    edit_url = None if edit is None else _str(edit)
    if edit_url is not None and not (edit_base and edit_url.startswith(edit_base)):
        raise ValueError(f"{edit_url!r} is not where the handbook's files are edited")
    return Page(path, _str(content), _bool(in_nav), edit_url)


def _warning(item: object) -> Problem:
    path, line, column, severity, message, code = _list(item)
    # Errors stop a build before its pages are kept.
    if severity not in (Severity.WARNING, Severity.INFO):
        raise ValueError(f"{severity!r} is not a warning")
    return Problem(
        _str(path),
        Position(_count(line), _count(column)),
        Severity(severity),
        _str(message),
        Code(code),
    )


def _list(value: object) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, found {type(value).__name__}")
    return value


def _count(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError(f"expected a line or column number, found {value!r}")
    return value


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, found {type(value).__name__}")
    return value


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, found {type(value).__name__}")
    return value


def with_board(markdown: str, board: str) -> str:
    """A hand-written page with the decision board after its title (or at its top)."""
    lines = markdown.split("\n")
    at = next((i + 1 for i, line in enumerate(lines) if line.startswith("# ")), 0)
    return "\n".join([*lines[:at], "", board, "", *lines[at:]])


def templates_in(theme_dir: Path) -> Path:
    """Where a handbook keeps its own page templates: the theme's custom_dir, `pages/`."""
    return theme_dir / "pages"
