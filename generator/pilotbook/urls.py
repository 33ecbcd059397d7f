"""Paths and URLs of the generated pages, as MkDocs lays them out.

A link in Markdown is written from source file to source file (`relative_path`), and
every engine turns it into the page's address. A link in raw HTML (the map, the grid,
the decision board) is where engines differ: MkDocs and ProperDocs leave it as written,
so the browser reads it against the page's URL, while Zensical (since 0.0.35) reads an
`href` or `src` against the page's source file and rewrites it for the URL. Both read
alike a same-page anchor (`#x`) and any link on a page whose URL lies in its source
file's folder (an `index.md`; every page with file-style URLs). pilotbook writes raw
HTML links to other pages only on such pages, or as SVG's `xlink:href`, which browsers
follow against the page's URL and Zensical leaves as written (the grid, on `grid.md`).
"""

from __future__ import annotations

import posixpath


def page_url(path: str, directory_urls: bool) -> str:
    """The URL (relative to the site root) that MkDocs gives the page at `path`."""
    stem, _ = posixpath.splitext(path)
    if not directory_urls:
        return stem + ".html"
    if posixpath.basename(stem) == "index":
        parent = posixpath.dirname(stem)
        return parent + "/" if parent else ""
    return stem + "/"


def relative_url(from_path: str, to_path: str, directory_urls: bool) -> str:
    """A link from one page to another that works wherever the site is served, read
    against the page's URL; empty for the page itself, so that an anchor after it is a
    same-page anchor (`./#x` would lead Zensical to the folder's index page)."""
    source = page_url(from_path, directory_urls)
    target = page_url(to_path, directory_urls)
    if source == target:
        return ""
    # A folder-style URL is its own folder; a file's (`index.html`) the one it lies in.
    base = source if source.endswith("/") else posixpath.dirname(source)
    relative = _relpath(target or ".", base or ".")
    if target.endswith("/") and not relative.endswith("/"):
        relative += "/"
    return relative


def relative_path(from_path: str, to_path: str) -> str:
    """A Markdown link target from one source file to another (MkDocs resolves it)."""
    return _relpath(to_path, posixpath.dirname(from_path) or ".")


def _relpath(path: str, start: str) -> str:
    """`posixpath.relpath` for two paths below the same root, without asking the
    system for the working folder twice a link (a build makes thousands)."""
    path, start = posixpath.normpath(path), posixpath.normpath(start)
    if path.startswith(("/", "..")) or start.startswith(("/", "..")):
        return posixpath.relpath(path, start)
    to = [] if path == "." else path.split("/")
    base = [] if start == "." else start.split("/")
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."
