"""A handbook: where its stakeholders live, how its site is written, and which rules run.

This is the core's single entry point for the adapters. The MkDocs plugin and the
command line both describe the handbook with `describe` (from the site's settings and
the plugin's options, checked in `pilotbook.config.options`); they call
`screen_handbook` (in `pilotbook.config.screened`) to check it and
`build.site.make_site` for its pages, and neither reaches into the steps behind them.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pilotbook.audience.view import AUDIENCES, Audience
from pilotbook.config.levels import Levels
from pilotbook.config.options import (
    DEFAULT_LANGUAGE,
    DEFAULTS,
    Locator,
    check_options,
    language_for,
)
from pilotbook.method.model import Method
from pilotbook.method.pilots import ONE_PILOT, Pilot, shared_method
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import HandbookError, Position, Problem, Severity
from pilotbook.records.record_kind import Kind
from pilotbook.records.revisions import last_change

# A handbook's configuration, as MkDocs and its fork ProperDocs name it.
CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml", "properdocs.yml", "properdocs.yaml")
# Set, it builds the site for this audience whatever mkdocs.yml says.
AUDIENCE_VARIABLE = "PILOTBOOK_AUDIENCE"


@dataclass(frozen=True)
class Handbook:
    """A handbook as the core reads it; the defaults are the plugin options' own."""

    stakeholders_dir: Path
    # The colleagues who may hold the calls (read where the folder exists).
    callers_dir: Path = Path("callers")
    # Messages name files relative to this folder (where the user stands).
    base_dir: Path = field(default_factory=Path.cwd)
    method: Method = DEFAULTS.method
    language: str = DEFAULT_LANGUAGE
    pilot: str = "Pilot"
    templates_dir: Path | None = None
    directory_urls: bool = True
    # Where the generated pages go, below the site's root.
    pages_dir: str = DEFAULTS.pages_dir
    # `check` warns about entries last reviewed longer ago than this.
    review_days: int = DEFAULTS.review_after_days
    # Past this many internal stakeholders, the map and the shortlist show counts.
    summary_after: int = DEFAULTS.summary_after
    # Who reads the site (see pilotbook.audience.view).
    audience: str = DEFAULTS.audience
    # The day the stakeholder files last changed, shown on every generated page.
    as_of: datetime.date | None = None
    # With the repository's address: a file's path below `base_dir` appended to this
    # is where to edit it (see `edit_base`).
    edit_base: str | None = None
    # The decision board at the top of the home page.
    home_board: bool = DEFAULTS.home_board
    # Each rule's level by its problem code (`levels:`, see pilotbook.config.levels).
    levels: Levels = DEFAULTS.levels
    # The pilots `pilots:` lists; none for a handbook that runs one (see `pilots`).
    listed_pilots: tuple[Pilot, ...] = ()
    # The most pilots one person may be shortlisted or selected in (`stakeholder-overloaded`).
    max_pilots_per_person: int = DEFAULTS.max_pilots_per_person

    @property
    def pilots(self) -> tuple[Pilot, ...]:
        """The handbook's pilots: those `pilots:` lists, or else its one pilot (id
        `ONE_PILOT`), named by `pilot`, with the handbook's method and audience."""
        if self.listed_pilots:
            return self.listed_pilots
        return (Pilot(ONE_PILOT, self.pilot, self.method, self.audience),)

    @property
    def several_pilots(self) -> bool:
        return bool(self.listed_pilots)

    @property
    def shared_method(self) -> Method:
        """The method each person's identity is read by (with several pilots, every
        pilot's disciplines; see `pilotbook.method.pilots.shared_method`)."""
        return shared_method(self.method, self.listed_pilots)

    @property
    def public(self) -> bool:
        """Built for everyone: no answers, and no names of pending or excluded people."""
        return self.audience == Audience.INTRANET

    def folder(self, kind: Kind) -> Path:
        """The folder of a kind's records, as the kind's option names it."""
        folder: Path = getattr(self, kind.folder_option)
        return folder

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
class SiteSettings:
    """What the site's own configuration (MkDocs' or ProperDocs' settings around the
    plugin's options) tells about the handbook, as an adapter reads it:

        site_name: Pilot videobellen met klanten   # the pilot's name, unless `pilot:` says
        docs_dir: content                          # where the edit links point into
        theme: {language: nl, custom_dir: theme}   # theme/pages/: the page templates
    """

    config_file: Path
    site_name: str
    docs_dir: str
    theme_language: Any = None
    templates_dir: Path | None = None
    directory_urls: bool = True
    repo_url: str | None = None
    edit_uri: str | None = None


def describe(
    site: SiteSettings, options: Mapping[Any, Any], environ: Mapping[str, str] = os.environ
) -> Handbook:
    """The handbook the site's settings and the plugin's options (as written) describe.

    The options are checked (`check_options`): a wrong one raises `HandbookError` with
    its line in the configuration file, and so does a `PILOTBOOK_AUDIENCE` that names
    no audience."""
    config_file = site.config_file
    base_dir = config_file.parent.absolute()
    locate = Locator(config_file).position
    checked, problems = check_options(options, config_file.name, locate, site.theme_language)
    if problems:
        raise HandbookError(problems)
    stakeholders_dir = base_dir / checked.stakeholders_dir
    audience = _audience(checked.audience, environ)
    overridden = bool(environ.get(AUDIENCE_VARIABLE, "").strip())
    # Problems about a pilot as a whole name the configuration as any file is named.
    pilots = tuple(
        dataclasses.replace(
            p,
            path=str(base_dir / config_file.name),
            audience=audience if overridden else p.audience,
        )
        for p in checked.pilots
    )
    return Handbook(
        stakeholders_dir=stakeholders_dir,
        callers_dir=base_dir / checked.callers_dir,
        base_dir=base_dir,
        method=checked.method,
        language=language_for(checked.language, site.theme_language),
        pilot=checked.pilot or site.site_name,
        templates_dir=site.templates_dir,
        directory_urls=site.directory_urls,
        pages_dir=checked.pages_dir,
        review_days=checked.review_after_days,
        summary_after=checked.summary_after,
        audience=audience,
        as_of=last_change(stakeholders_dir),
        home_board=checked.home_board,
        levels=checked.levels,
        listed_pilots=pilots,
        max_pilots_per_person=checked.max_pilots_per_person,
        edit_base=edit_base(
            site.repo_url,
            site.edit_uri,
            Path(os.path.relpath(site.docs_dir, base_dir)).as_posix(),
        ),
    )


def _audience(configured: str, environ: Mapping[str, str]) -> str:
    chosen = environ.get(AUDIENCE_VARIABLE, "").strip() or configured
    if chosen not in AUDIENCES:
        raise HandbookError(
            [
                Problem(
                    f"${AUDIENCE_VARIABLE}",
                    Position(1, 1),
                    Severity.ERROR,
                    f"'{chosen}' is not an audience: set {AUDIENCE_VARIABLE} to "
                    f"{' or '.join(AUDIENCES)}, or leave it unset to use mkdocs.yml",
                    Code.INVALID_OPTION,
                )
            ]
        )
    return chosen


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
