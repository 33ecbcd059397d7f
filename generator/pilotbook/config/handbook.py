"""A handbook: where its stakeholders live and how its site is written.

This is the core's single entry point for the adapters. The MkDocs plugin and the
command line both describe the handbook with a `Handbook`; they call `screen_handbook`
to check it and `site.build.make_site` for its pages, and neither reaches into the
steps behind them.
"""

from __future__ import annotations

import datetime
import functools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pilotbook.audience.view import Audience
from pilotbook.method.model import DEFAULT_METHOD, Method
from pilotbook.problems.problem import HandbookError, Problem
from pilotbook.records.stakeholders import (
    Loaded,
    SourceFile,
    load_files,
    load_stakeholders,
)
from pilotbook.screening.freshness import DEFAULT_REVIEW_DAYS
from pilotbook.screening.shortlist import Screening, screen

DEFAULT_SUMMARY_AFTER = 150
# A handbook's configuration, as MkDocs and its fork ProperDocs name it.
CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml", "properdocs.yml", "properdocs.yaml")


@dataclass(frozen=True)
class Handbook:
    stakeholders_dir: Path
    # Messages name files relative to this folder (where the user stands).
    base_dir: Path = field(default_factory=Path.cwd)
    method: Method = DEFAULT_METHOD
    language: str = "nl"
    pilot: str = "Pilot"
    templates_dir: Path | None = None
    directory_urls: bool = True
    # Where the generated pages go, below the site's root.
    pages_dir: str = "stakeholders"
    # `check` warns about entries last reviewed longer ago than this.
    review_days: int = DEFAULT_REVIEW_DAYS
    # Past this many internal stakeholders, the map and the shortlist show counts.
    summary_after: int = DEFAULT_SUMMARY_AFTER
    # Who reads the site (see pilotbook.audience.view).
    audience: str = Audience.INTRANET
    # The day the stakeholder files last changed, shown on every generated page.
    as_of: datetime.date | None = None
    # With the repository's address: a file's path below `base_dir` appended to this
    # is where to edit it (see `edit_base`).
    edit_base: str | None = None
    # The decision board at the top of the home page.
    home_board: bool = True

    @property
    def public(self) -> bool:
        """Built for everyone: no answers, and no names of pending or excluded people."""
        return self.audience == Audience.INTRANET

    def display(self, path: str | Path) -> str:
        """A path as messages show it: relative to `base_dir` where it lies below it."""
        absolute = os.path.abspath(path)
        if absolute == self._base:
            return "."
        below = os.path.join(self._base, "")
        if absolute.startswith(below):
            return absolute[len(below) :].replace(os.sep, "/")
        return str(path)

    @functools.cached_property
    def _base(self) -> str:
        # Asked once per file: worked out once per handbook.
        return os.path.abspath(self.base_dir)


@dataclass(frozen=True)
class Result:
    loaded: Loaded
    screening: Screening

    @property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(sorted(self.loaded.problems + self.screening.warnings))

    @property
    def has_errors(self) -> bool:
        return self.loaded.has_errors


_PAGES_DIR_PART = re.compile(r"^[a-z0-9][a-z0-9_-]*\Z")


def valid_pages_dir(pages_dir: str) -> bool:
    """Whether `pages_dir` can hold the generated pages: they go below the site's root
    and nowhere else, so it is a folder path of plain names, and no setting can make a
    build or `generate` write outside its output."""
    parts = pages_dir.strip("/").split("/")
    return not pages_dir.startswith("/") and all(_PAGES_DIR_PART.match(p) for p in parts)


def edit_base(repo_url: str | None, edit_uri: str | None, docs_dir: str) -> str | None:
    """The address to which a file's path (relative to the handbook's folder) is added
    to edit it, from MkDocs' `repo_url` and `edit_uri` (which point into `docs_dir`):
    `https://git.example/org/hb/` + `edit/main/content/` gives `.../edit/main/`. None
    when either is missing or `edit_uri` does not end in the docs folder."""
    if not repo_url or not edit_uri or "://" in edit_uri or "?" in edit_uri:
        return None
    if not repo_url.startswith(("https://", "http://")):
        return None
    uri = edit_uri.strip("/")
    docs = docs_dir.strip("/")
    if uri != docs and not uri.endswith("/" + docs):
        return None
    prefix = uri[: len(uri) - len(docs)]
    return repo_url.rstrip("/") + "/" + prefix


def find_config(start: Path) -> Path | None:
    """The handbook's configuration, found the way git finds a repository: in `start`
    or the nearest folder above it that has one."""
    start = Path(os.path.abspath(start))
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
    return None


def screen_handbook(handbook: Handbook) -> Result:
    """Load, validate and screen; screening covers the valid files even when some are not."""
    loaded = load_stakeholders(handbook.stakeholders_dir, handbook.method, handbook.display)
    return Result(loaded, screen(loaded.stakeholders, handbook.method))


def screen_files(files: Iterable[SourceFile], method: Method) -> Result:
    """The same for files from elsewhere, such as a git revision."""
    loaded = load_files(files, method)
    return Result(loaded, screen(loaded.stakeholders, method))


def screening_or_raise(handbook: Handbook) -> Result:
    """As `screen_handbook`, but raises `HandbookError` when any file has an error."""
    return without_errors(screen_handbook(handbook))


def without_errors(result: Result) -> Result:
    """`result`, or `HandbookError` with every error when any file has one."""
    if result.has_errors:
        raise HandbookError(p for p in result.problems if p.is_error)
    return result
