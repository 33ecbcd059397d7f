"""A handbook: where its stakeholders live, how its site is written, and which rules run.

This is the core's single entry point for the adapters. The MkDocs plugin and the
command line both describe the handbook with `describe` (from the site's settings and
the plugin's options, checked in `pilotbook.config.options`); they call
`screen_handbook` to check it and `build.site.make_site` for its pages, and neither
reaches into the steps behind them.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from pilotbook.audience.view import AUDIENCES, Audience
from pilotbook.config.levels import AS_THEY_ARE, Levels
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
from pilotbook.records.callers import CALLERS
from pilotbook.records.files import SourceFile
from pilotbook.records.kinds import KINDS
from pilotbook.records.loading import Loaded, join, load_kind
from pilotbook.records.loading import load_files as load_kind_files
from pilotbook.records.record_kind import Kind
from pilotbook.records.revisions import last_change
from pilotbook.records.schema import stale_schema
from pilotbook.records.stakeholders import STAKEHOLDERS, load_files, load_stakeholders
from pilotbook.screening.freshness import stale_reviews
from pilotbook.screening.shortlist import Screening, screen

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


@dataclass(frozen=True)
class Rules:
    """Which rules run beyond those every reading of the files applies (each file's own
    checks and the screening's warnings).

    `stale-review` compares a date in the files with today's: run by a build, it would
    one day fail a strict build of a handbook nobody changed. `stale-schema` judges the
    copy of the schema editors read, which is no part of the site. So `pilotbook check`
    runs them (`CHECK`), and builds, `report` and `diff` do not (`BUILD`); a strict
    build's verdict leaves them out, and so does `check`'s (see `Result.fails`)."""

    stale_review: bool = False
    stale_schema: bool = False


CHECK = Rules(stale_review=True, stale_schema=True)
BUILD = Rules()


class Screened(NamedTuple):
    """One pilot's screening of the people who take part in it."""

    pilot: Pilot
    screening: Screening


@dataclass(frozen=True)
class Result:
    loaded: Loaded
    # The (first) pilot's screening: a handbook's one pilot's.
    screening: Screening
    # The warnings of the rules only `check` runs (see `Rules`).
    stale: tuple[Problem, ...] = ()
    # The callers' files, as read (none where the handbook has no callers folder).
    callers: Loaded = field(default_factory=lambda: Loaded((), (), 0))
    # Each rule's level, as the handbook sets it.
    levels: Levels = AS_THEY_ARE
    # Each pilot's screening, where the handbook lists several (see `screened`).
    pilots: tuple[Screened, ...] = ()
    # The warnings about the pilots as a whole (a pilot nobody takes part in).
    about_pilots: tuple[Problem, ...] = ()

    @property
    def screened(self) -> tuple[Screened, ...]:
        """Each pilot's screening: the listed pilots', or the one pilot's."""
        if self.pilots:
            return self.pilots
        method = self.screening.method
        return (Screened(Pilot(ONE_PILOT, "", method, DEFAULTS.audience), self.screening),)

    @functools.cached_property
    def problems(self) -> tuple[Problem, ...]:
        """Every problem found, at the levels the handbook sets."""
        return tuple(sorted(self.built + self.levels.apply(self.stale)))

    @functools.cached_property
    def built(self) -> tuple[Problem, ...]:
        """The problems a build reports (all but those of `Rules`), at their levels."""
        found = self.loaded.problems + self.callers.problems + self.about_pilots
        for pilot, screening in self.screened:
            found += pilot.about(screening.warnings)
        return self.levels.apply(found)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """What a build logs: its problems that are not errors (warnings and info)."""
        return tuple(p for p in self.built if not p.is_error)

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    def fails(self, strict: bool) -> bool:
        """The verdict of a build, strict or not (`strict: true` in mkdocs.yml, or
        `--strict`): an error fails it, and in strict mode a warning too; info never.
        The rules only `check` runs fail it only where the handbook sets them to error."""
        warned = any(p.severity is Severity.WARNING for p in self.built)
        return self.has_errors or (strict and warned)

    @property
    def files(self) -> int:
        """How many record files were read, of every kind."""
        return self.loaded.files + self.callers.files


def screen_handbook(
    handbook: Handbook, rules: Rules = BUILD, today: datetime.date | None = None
) -> Result:
    """Load, validate and screen each pilot; screening covers the valid files even when
    some are not. `rules` adds the rules a reading such as `check` runs besides (on
    `today`)."""
    method, listed = handbook.shared_method, handbook.listed_pilots
    loaded = load_stakeholders(handbook.stakeholders_dir, method, handbook.display, listed)
    callers = load_kind(CALLERS, handbook.callers_dir, method, handbook.display)
    result = _screened(loaded, callers, method, listed, handbook.levels, handbook.display)
    stale: list[Problem] = []
    if rules.stale_review:
        # Who someone is, and when that was checked, is the same in every pilot.
        when = today or datetime.date.today()
        people = (*loaded.people, *callers.records)
        stale += stale_reviews(people, when, handbook.review_days)
    if rules.stale_schema:
        stale += stale_schemas(handbook)
    return dataclasses.replace(result, stale=tuple(stale))


def _screened(
    loaded: Loaded,
    callers: Loaded,
    method: Method,
    listed: tuple[Pilot, ...],
    levels: Levels,
    display: Callable[[str], str],
) -> Result:
    """Each pilot's screening of the people who take part in it (a handbook's one
    pilot: everyone), and a warning for a listed pilot nobody takes part in."""
    if not listed:
        screening = screen(loaded.stakeholders, method, callers=callers.records)
        return Result(loaded, screening, (), callers, levels)
    pilots = tuple(
        Screened(
            pilot,
            screen(
                join(STAKEHOLDERS, loaded.people, loaded.judgements, pilot.id),
                pilot.method,
                callers=callers.records,
            ),
        )
        for pilot in listed
    )
    alone = tuple(
        Problem(
            display(pilot.path),
            pilot.position(),
            Severity.WARNING,
            f"no stakeholder file takes part in {pilot.title}: add '{pilot.id}: {{}}' under "
            f"'pilots:' in the files of the people it screens (or remove the pilot)",
            Code.PILOT_WITHOUT_PEOPLE,
        )
        for pilot, screening in pilots
        if not screening.stakeholders
    )
    return Result(loaded, pilots[0].screening, (), callers, levels, pilots, alone)


def stale_schemas(handbook: Handbook) -> list[Problem]:
    """A warning for each kind's copy of its schema that is not the handbook's."""
    found = (
        stale_schema(
            k, handbook.shared_method, handbook.folder(k), handbook.display, handbook.listed_pilots
        )
        for k in KINDS
    )
    return [problem for problem in found if problem is not None]


def screen_files(
    files: Mapping[Kind, Iterable[SourceFile]], method: Method, levels: Levels = AS_THEY_ARE
) -> Result:
    """The same for each kind's files from elsewhere, such as a git revision."""
    loaded = load_files(files.get(STAKEHOLDERS, ()), method)
    callers = load_kind_files(CALLERS, files.get(CALLERS, ()), method)
    screening = screen(loaded.stakeholders, method, callers=callers.records)
    return Result(loaded, screening, callers=callers, levels=levels)


def screening_or_raise(handbook: Handbook) -> Result:
    """As `screen_handbook`, but raises `HandbookError` when any file has an error."""
    return without_errors(screen_handbook(handbook))


def without_errors(result: Result) -> Result:
    """`result`, or `HandbookError` with every error when any file has one."""
    if result.has_errors:
        raise HandbookError(p for p in result.problems if p.is_error)
    return result
