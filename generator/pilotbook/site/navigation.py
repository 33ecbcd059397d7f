"""Where the generated pages stand in a navigation the handbook wrote itself.

A handbook lists its pages under `nav:` in mkdocs.yml, the generated ones by their
paths (`stakeholders/shortlist.md`). It cannot list the page each discipline gets in a
large handbook (`stakeholders/disciplines/<id>.md`, see `site.pages`): which there are
depends on the method. So these follow the shortlist in the navigation, as a section
of their own (`By discipline`), unless the handbook's `nav:` names one of them itself
or leaves the shortlist out. Without a `nav:`, MkDocs lists them by their folder.
With several pilots, each pilot's discipline pages follow that pilot's shortlist
(`stakeholders/<pilot-id>/shortlist.md`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pilotbook.config.handbook import Handbook
from pilotbook.method.wording import label
from pilotbook.site.page import Page


def with_disciplines(nav: Any, pages: Sequence[Page], handbook: Handbook) -> Any:
    """`nav` (as mkdocs.yml writes it) with the discipline pages among `pages` listed
    after the shortlist, each pilot's after its own where the handbook has several;
    `nav` itself where there are none, or nowhere to put them."""
    root = handbook.pages_dir.strip("/")
    folders = [f"{root}/{p.id}" for p in handbook.listed_pilots] or [root]
    for folder in folders:
        listed = [p.path for p in pages if p.in_nav and p.path.startswith(f"{folder}/disciplines/")]
        if not isinstance(nav, list) or not listed or _names(nav, set(listed)):
            continue
        section = {label("disciplines_nav", handbook.language): listed}
        nav = _after(nav, f"{folder}/shortlist.md", section)
    return nav


def _target(entry: Any) -> Any:
    """What a `nav:` entry leads to: a path, a list of entries, or anything else."""
    if isinstance(entry, dict) and len(entry) == 1:
        return next(iter(entry.values()))
    return entry


def _names(nav: list[Any], paths: set[str]) -> bool:
    for entry in nav:
        target = _target(entry)
        if (isinstance(target, str) and target in paths) or (
            isinstance(target, list) and _names(target, paths)
        ):
            return True
    return False


def _after(nav: list[Any], path: str, section: dict[str, list[str]]) -> list[Any]:
    """A copy of `nav` with `section` after the entry that leads to `path`."""
    copy: list[Any] = []
    for entry in nav:
        target = _target(entry)
        if isinstance(target, list):
            inner = _after(target, path, section)
            entry = {next(iter(entry)): inner} if isinstance(entry, dict) else inner
        copy.append(entry)
        if target == path:
            copy.append(section)
    return copy
