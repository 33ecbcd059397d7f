"""What pilotbook sets in MkDocs' configuration and pages around a build.

The handbook's site uses pilotbook's theme overrides, loads nothing from a CDN, shows
the pilot's name as text, builds the offline copy only where the offline plugin
follows PILOTBOOK_OFFLINE, gives the same bytes for the same commit, and finds
"Ozturk" when a page says "Öztürk" (see `pilotbook.site.searchfold`).
"""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from pilotbook.build.export import OFFLINE_VARIABLE, PACKAGED_THEME, WORKER_SHIM, offline_asked
from pilotbook.config.handbook import Handbook
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import HandbookError, Position, Problem, Severity
from pilotbook.records.kinds import KINDS
from pilotbook.records.revisions import last_commit_time
from pilotbook.site.searchfold import fold_into_index


def prepare(config: MkDocsConfig) -> None:
    """What every build sets before the handbook is read: dates, theme and scripts."""
    _reproducible(Path(config.config_file_path or ".").parent)
    _with_packaged_theme(config)
    _nothing_from_a_cdn(config)


def watch(config: MkDocsConfig, handbook: Handbook) -> None:
    """`mkdocs serve` rebuilds when a record file (a stakeholder's, a caller's) or a page
    template changes."""
    for kind in KINDS:
        folder = handbook.folder(kind)
        if kind.missing_folder is not None or folder.is_dir():
            config.watch.append(str(folder))
    if handbook.templates_dir is not None and handbook.templates_dir.is_dir():
        config.watch.append(str(handbook.templates_dir))


def as_text(config: MkDocsConfig) -> None:
    """Material prints the site's name, description and author into its pages as they
    are; a pilot's name such as 'Video <b>1</b>' must show as text, not become markup."""
    for key in ("site_name", "site_description", "site_author"):
        if config.get(key):
            config[key] = html.escape(config[key], quote=True)


def offline_as_asked(config: MkDocsConfig) -> None:
    """PILOTBOOK_OFFLINE=true builds the copy that works from disk, or says why it can't:
    it switches Material's offline plugin on, which must be listed in mkdocs.yml."""
    if not offline_asked():
        return
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    if offline is None or not offline.config.get("enabled", True):
        raise HandbookError(
            [
                Problem(
                    Path(config.config_file_path or "mkdocs.yml").name,
                    Position(1, 1),
                    Severity.ERROR,
                    f"{OFFLINE_VARIABLE} is set, but the offline plugin does not follow it: "
                    "under 'plugins:' add '- offline:' with 'enabled: !ENV "
                    f"[{OFFLINE_VARIABLE}, false]' (as 'pilotbook init' writes it)",
                    Code.OFFLINE_NOT_CONFIGURED,
                )
            ]
        )


def fold_into_search(config: MkDocsConfig, page: Page) -> None:
    """The page's folded words in the index of Material's search; without Material's
    search, nothing happens."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    fold_into_index(getattr(getattr(search, "search_index", None), "entries", None), page.url)


def warned() -> bool:
    """Whether MkDocs counted a warning, which fails a strict build after it ends."""
    handlers = logging.getLogger("mkdocs").handlers
    return any(isinstance(h, CountHandler) and h.get_counts() for h in handlers)


def _with_packaged_theme(config: MkDocsConfig) -> None:
    """Material finds pilotbook's overrides after the handbook's own `custom_dir` and
    before its own files, so a handbook overrides them one file at a time."""
    if config.theme.name != "material":
        return
    dirs = config.theme.dirs
    packaged = str(PACKAGED_THEME)
    if packaged not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, packaged)


def _nothing_from_a_cdn(config: MkDocsConfig) -> None:
    """An intranet site loads nothing from outside: the offline plugin adds the
    iframe-worker shim from unpkg; this serves pilotbook's copy."""
    polyfills = config.extra.get("polyfills") or []
    config.extra["polyfills"] = [
        WORKER_SHIM if "iframe-worker" in str(script) and "://" in str(script) else script
        for script in polyfills
    ]


def _reproducible(folder: Path) -> None:
    """Two builds of one commit give the same bytes: MkDocs dates the sitemap and its
    gzip copy by SOURCE_DATE_EPOCH, which defaults here to the last commit's time."""
    if "SOURCE_DATE_EPOCH" not in os.environ:
        stamp = last_commit_time(folder)
        if stamp is not None:
            os.environ["SOURCE_DATE_EPOCH"] = str(stamp)
