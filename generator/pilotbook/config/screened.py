"""A handbook screened: its files read, validated and judged by each pilot's method.

`screen_handbook` reads a handbook's folders (as `describe` found them), `screen_files`
the same files from elsewhere (the build cache's copies, a git revision); both return
a `Result`: what was loaded, each pilot's `Screening`, and every problem at the levels
the handbook sets. `Rules` adds what only `pilotbook check` runs.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from pilotbook.config.handbook import Handbook
from pilotbook.config.levels import AS_THEY_ARE, Levels
from pilotbook.config.options import DEFAULTS
from pilotbook.method.model import Method
from pilotbook.method.pilots import ONE_PILOT, Pilot, shared_method
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import HandbookError, Problem, Severity
from pilotbook.records.callers import CALLERS
from pilotbook.records.files import SourceFile
from pilotbook.records.kinds import KINDS
from pilotbook.records.loading import Loaded, join, load_kind
from pilotbook.records.loading import load_files as load_kind_files
from pilotbook.records.record_kind import Kind
from pilotbook.records.schema import stale_schema
from pilotbook.records.stakeholders import STAKEHOLDERS, load_files, load_stakeholders
from pilotbook.screening.freshness import stale_reviews
from pilotbook.screening.portfolio import overloaded
from pilotbook.screening.shortlist import Screening, screen


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
    # The warnings about the pilots as a whole (a pilot nobody takes part in, a person
    # shortlisted in too many).
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
    result = _screened(
        loaded,
        callers,
        method,
        listed,
        handbook.levels,
        handbook.display,
        handbook.max_pilots_per_person,
        handbook.public,
    )
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
    most: int = DEFAULTS.max_pilots_per_person,
    public: bool = False,
) -> Result:
    """Each pilot's screening of the people who take part in it (a handbook's one
    pilot: everyone), a warning for a listed pilot nobody takes part in, one for a
    person shortlisted in more than `most` of them, and on a `public` site (the
    intranet's) one for each pilot published for the team."""
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
    alone += overloaded(pilots, most)
    alone += for_the_team(listed, display) if public else ()
    return Result(loaded, pilots[0].screening, (), callers, levels, pilots, alone)


def for_the_team(pilots: Iterable[Pilot], display: Callable[[str], str]) -> tuple[Problem, ...]:
    """A warning for each pilot published for the team on a site for the intranet."""
    return tuple(
        Problem(
            display(pilot.path),
            pilot.locate(("pilots", pilot.index, "audience"), True)
            if pilot.locate is not None
            else pilot.position(),
            Severity.WARNING,
            f"{pilot.title} is published for the team on a site built for the intranet: its "
            "pages, and its part of each person's page, show every answer and name "
            "colleagues who are pending or excluded to everyone who reads this site; leave "
            "out its 'audience' to publish it for the intranet, or set "
            "'levels: {team-pilot-on-intranet: info}' where that is meant",
            Code.TEAM_PILOT_ON_INTRANET,
        )
        for pilot in pilots
        if pilot.listed and pilot.audience == "team"
    )


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
    files: Mapping[Kind, Iterable[SourceFile]],
    method: Method,
    levels: Levels = AS_THEY_ARE,
    pilots: tuple[Pilot, ...] = (),
    display: Callable[[str], str] = str,
    max_pilots_per_person: int = DEFAULTS.max_pilots_per_person,
    public: bool = False,
) -> Result:
    """The same for each kind's files from elsewhere, such as a git revision: judged by
    each of the `pilots` a handbook lists (their screenings in `Result.pilots`, as
    `screen_handbook` gives them), or by `method` as its one pilot; `public` for a
    site for the intranet."""
    method = shared_method(method, pilots)
    loaded = load_files(files.get(STAKEHOLDERS, ()), method, pilots)
    callers = load_kind_files(CALLERS, files.get(CALLERS, ()), method)
    return _screened(
        loaded, callers, method, pilots, levels, display, max_pilots_per_person, public
    )


def screening_or_raise(handbook: Handbook) -> Result:
    """As `screen_handbook`, but raises `HandbookError` when any file has an error."""
    return without_errors(screen_handbook(handbook))


def without_errors(result: Result) -> Result:
    """`result`, or `HandbookError` with every error when any file has one."""
    if result.has_errors:
        raise HandbookError(p for p in result.problems if p.is_error)
    return result
