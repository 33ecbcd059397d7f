"""Paths and URLs of the generated pages, as MkDocs lays them out."""

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
    """A link from one page to another that works wherever the site is served."""
    source = page_url(from_path, directory_urls)
    target = page_url(to_path, directory_urls)
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
