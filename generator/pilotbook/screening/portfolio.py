"""The pilots of a handbook side by side: who is asked by more of them than one person
can serve.

A colleague shortlisted (or selected) in every pilot the organisation runs is asked
for the same hours several times over, and no one pilot's screening sees it. Past
`max_pilots_per_person` pilots, `stakeholder-overloaded` warns at the `pilots:` key of
the person's file, naming the pilots.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pilotbook.method.pilots import Pilot
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Problem, Severity
from pilotbook.screening.shortlist import Screening, Status


def shortlisted_in(screened: Iterable[tuple[Pilot, Screening]]) -> dict[str, list[Pilot]]:
    """The pilots each person is shortlisted (or selected) in, by the person's id, in
    the order the pilots are listed."""
    found: dict[str, list[Pilot]] = {}
    for pilot, screening in screened:
        for ident, assessment in screening.assessments.items():
            if assessment.status is Status.SHORTLISTED:
                found.setdefault(ident, []).append(pilot)
    return found


def overloaded(screened: Iterable[tuple[Pilot, Screening]], most: int) -> tuple[Problem, ...]:
    """A warning for each person shortlisted or selected in more than `most` pilots."""
    screened = tuple(screened)
    records: dict[str, Any] = {
        ident: a.stakeholder for _, s in screened for ident, a in s.assessments.items()
    }
    problems = []
    for ident, pilots in shortlisted_in(screened).items():
        if len(pilots) <= most:
            continue
        person = records[ident]
        names = ", ".join(f"'{p.name}' ({p.id})" for p in pilots)
        problems.append(
            Problem(
                person.path,
                person.position("pilots"),
                Severity.WARNING,
                f"{person.name} is shortlisted or selected in {len(pilots)} pilots ({names}), "
                f"more than 'max_pilots_per_person: {most}' allows one person: ask whether "
                "they have the time for each, choose someone else in one of them, or raise "
                "'max_pilots_per_person' in mkdocs.yml",
                Code.STAKEHOLDER_OVERLOADED,
            )
        )
    return tuple(problems)
