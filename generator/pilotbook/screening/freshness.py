"""Stale entries: answers nobody has checked for a long time.

A stakeholder file may say when it was last checked (`reviewed: 2026-09-01`).
`pilotbook check` warns once that date is older than the handbook allows, so the
shortlist does not quietly rest on answers from a previous reorganisation.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Problem, Severity
from pilotbook.records.stakeholders import Stakeholder

DEFAULT_REVIEW_DAYS = 90


def stale_reviews(
    stakeholders: Iterable[Stakeholder], today: datetime.date, days: int = DEFAULT_REVIEW_DAYS
) -> list[Problem]:
    problems = []
    for stakeholder in stakeholders:
        if stakeholder.reviewed is None:
            continue
        age = (today - stakeholder.reviewed).days
        if age > days:
            problems.append(
                Problem(
                    stakeholder.path,
                    stakeholder.position("reviewed"),
                    Severity.WARNING,
                    f"last reviewed {age} days ago ({stakeholder.reviewed.isoformat()}), more "
                    f"than the {days} days this handbook allows: check the entry with "
                    f"{stakeholder.name} and set 'reviewed: {today.isoformat()}'",
                    Code.STALE_REVIEW,
                )
            )
    return problems
