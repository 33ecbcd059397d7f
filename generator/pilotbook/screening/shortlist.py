"""Screening: from each discipline's long list to its shortlist.

The method's rules, applied to every internal stakeholder:

- *excluded* when any answered question differs from the answer it needs;
- otherwise *pending* while a question is still unanswered;
- otherwise *shortlisted*.

And to every discipline, by how many of its stakeholders are shortlisted:

- *uncovered*: nobody (a risk for the pilot);
- *covered*: exactly one;
- *interview*: two or more and none selected yet, so meet them in person and pick;
- *decided*: two or more, and at least one `interview: selected`.

External stakeholders are listed, not screened.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pilotbook.method.model import Discipline, Method
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Problem, Severity
from pilotbook.records.record_kind import Kind
from pilotbook.records.stakeholders import STAKEHOLDERS, Stakeholder
from pilotbook.screening.call_team import CallTeam, form_call_team
from pilotbook.screening.engagement import Engagement, engage, engagement_warnings


class Status(enum.StrEnum):
    SHORTLISTED = "shortlisted"
    PENDING = "pending"
    EXCLUDED = "excluded"


class Coverage(enum.StrEnum):
    UNCOVERED = "uncovered"
    COVERED = "covered"
    INTERVIEW = "interview"
    DECIDED = "decided"


@dataclass(frozen=True)
class Assessment:
    """One internal stakeholder's screening outcome and why."""

    stakeholder: Stakeholder
    status: Status
    failed: tuple[str, ...] = ()
    unanswered: tuple[str, ...] = ()

    @property
    def selected(self) -> bool:
        return self.status is Status.SHORTLISTED and self.stakeholder.interview == "selected"


@dataclass(frozen=True)
class DisciplineOutcome:
    discipline: Discipline
    status: Coverage
    shortlist: tuple[Assessment, ...]
    pending: tuple[Assessment, ...]
    excluded: tuple[Assessment, ...]

    @property
    def selected(self) -> tuple[Assessment, ...]:
        return tuple(a for a in self.shortlist if a.selected)

    @property
    def longlist(self) -> tuple[Assessment, ...]:
        return self.shortlist + self.pending + self.excluded


@dataclass(frozen=True)
class Screening:
    """The whole result the site and the reports are drawn from."""

    method: Method
    stakeholders: tuple[Stakeholder, ...]
    assessments: dict[str, Assessment]
    disciplines: tuple[DisciplineOutcome, ...]
    warnings: tuple[Problem, ...]
    # Every stakeholder's involvement per phase and place on the grid, by id.
    engagement: Mapping[str, Engagement] = field(default_factory=dict)
    # The kind of record the stakeholders are (a kind made from a longer table, say).
    kind: Kind = STAKEHOLDERS
    # The callers judged against the method's call team (None: the pilot plans none).
    call_team: CallTeam | None = None

    @property
    def external_direct(self) -> tuple[Stakeholder, ...]:
        return tuple(s for s in self.stakeholders if s.external == "direct")

    @property
    def external_indirect(self) -> tuple[Stakeholder, ...]:
        return tuple(s for s in self.stakeholders if s.external == "indirect")

    def outcome(self, discipline_id: str) -> DisciplineOutcome:
        return next(o for o in self.disciplines if o.discipline.id == discipline_id)


def assess(stakeholder: Stakeholder, method: Method) -> Assessment:
    failed = tuple(
        q.id
        for q in method.questions
        if stakeholder.answers.get(q.id) is not None and stakeholder.answers[q.id] != q.needed
    )
    if failed:
        return Assessment(stakeholder, Status.EXCLUDED, failed=failed)
    unanswered = tuple(q.id for q in method.questions if stakeholder.answers.get(q.id) is None)
    if unanswered:
        return Assessment(stakeholder, Status.PENDING, unanswered=unanswered)
    return Assessment(stakeholder, Status.SHORTLISTED)


def coverage(shortlist: tuple[Assessment, ...]) -> Coverage:
    if not shortlist:
        return Coverage.UNCOVERED
    if len(shortlist) == 1:
        return Coverage.COVERED
    if any(a.selected for a in shortlist):
        return Coverage.DECIDED
    return Coverage.INTERVIEW


def screen(
    stakeholders: Iterable[Stakeholder],
    method: Method,
    kind: Kind = STAKEHOLDERS,
    callers: Iterable[Any] = (),
) -> Screening:
    """The pilot's screening of its stakeholders (each record joins a person with the
    pilot's judgement of them), and of its callers where the method plans a call team."""
    everyone = tuple(sorted(stakeholders, key=lambda s: s.id))
    assessments = {s.id: assess(s, method) for s in everyone if not s.is_external}
    outcomes = []
    for discipline in method.disciplines:
        members = [a for a in assessments.values() if a.stakeholder.discipline == discipline.id]

        def having(status: Status, members: list[Assessment] = members) -> tuple[Assessment, ...]:
            return tuple(a for a in members if a.status is status)

        shortlist = having(Status.SHORTLISTED)
        outcomes.append(
            DisciplineOutcome(
                discipline,
                coverage(shortlist),
                shortlist,
                having(Status.PENDING),
                having(Status.EXCLUDED),
            )
        )
    warnings = tuple(
        Problem(
            a.stakeholder.path,
            a.stakeholder.position("interview"),
            Severity.WARNING,
            f"'interview: {a.stakeholder.interview}' is set, but {a.stakeholder.name} is "
            f"{a.status}, not shortlisted: interviews choose among shortlisted people, so "
            "remove the line or revisit the answers",
            Code.INTERVIEW_NOT_SHORTLISTED,
        )
        for a in assessments.values()
        if a.stakeholder.interview is not None and a.status is not Status.SHORTLISTED
    )
    # An approach only for externals and shortlisted colleagues (screening.engagement).
    engagements = {
        s.id: engage(s, method, s.is_external or assessments[s.id].status is Status.SHORTLISTED)
        for s in everyone
    }
    # The people who speak for a covered or decided discipline in setting the pilot up.
    speaking = {
        o.discipline.id: tuple(
            a.stakeholder for a in (o.selected if o.status is Coverage.DECIDED else o.shortlist)
        )
        for o in outcomes
        if o.status in (Coverage.COVERED, Coverage.DECIDED)
    }
    warnings += engagement_warnings(everyone, engagements, speaking, method)
    team = None if method.call_team is None else form_call_team(method.call_team, callers)
    if team is not None:
        warnings += team.warnings
    return Screening(
        method, everyone, assessments, tuple(outcomes), warnings, engagements, kind, team
    )
