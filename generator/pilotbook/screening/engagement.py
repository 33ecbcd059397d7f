"""Engagement: who takes part in which phase of the pilot, and where they sit on the
influence/interest grid.

Two widely used tools, adopted as optional data in a stakeholder file::

    involvement:          # per phase: none | inform | consult | involve | collaborate | empower
      setup: involve
      execution: inform
    influence: high       # high | low
    interest: low         # high | low

- Involvement follows the participation spectrum of IAP2, one level per phase.
- Influence and interest place a stakeholder on Mendelow's power/interest grid. For
  colleagues they default from the screening: the answer to the question behind
  influence (impact on the outcome) and the one behind interest (a lively relation
  and a high contribution), yes giving high and no low. An explicit value wins.
  External stakeholders are placed only where their file says so.
- The quadrant gives the engagement strategy: manage closely, keep satisfied, keep
  informed, or monitor. Only for those the pilot works with: external stakeholders
  and shortlisted colleagues. A colleague the screening excluded, or has not finished
  with, gets no approach, whatever their answers say of influence and interest.

Two rules follow from the method, as warnings, once a handbook plans involvement
at all: the people the pilot is for (its direct external stakeholders) must take part in running the
pilot, or its hypotheses cannot be validated; and a discipline with someone on its
shortlist should have a part in setting the pilot up.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pilotbook.method.model import LEVELS, Method
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Problem, Severity
from pilotbook.records.stakeholders import Stakeholder

HIGH_LOW = ("high", "low")
# The phase in which the pilot runs with customers, and the one in which it is set up.
EXECUTION = "execution"
SETUP = "setup"


class Quadrant(enum.StrEnum):
    MANAGE_CLOSELY = "manage-closely"
    KEEP_SATISFIED = "keep-satisfied"
    KEEP_INFORMED = "keep-informed"
    MONITOR = "monitor"


def quadrant(influence: str | None, interest: str | None) -> Quadrant | None:
    """Mendelow's grid: unknown while either axis is unknown."""
    if influence is None or interest is None:
        return None
    return {
        ("high", "high"): Quadrant.MANAGE_CLOSELY,
        ("high", "low"): Quadrant.KEEP_SATISFIED,
        ("low", "high"): Quadrant.KEEP_INFORMED,
        ("low", "low"): Quadrant.MONITOR,
    }[(influence, interest)]


def level_rank(level: str | None) -> int:
    """How far along the spectrum a level is: 0 for none or not planned."""
    return LEVELS.index(level) if level in LEVELS else 0


@dataclass(frozen=True)
class Engagement:
    """One stakeholder's involvement per phase and place on the grid, and why."""

    # Every phase of the method: a level, or None where nothing is planned.
    involvement: Mapping[str, str | None]
    influence: str | None
    interest: str | None
    # "explicit" where the file says so, "answer" where an answer gave it, else None.
    influence_from: str | None = None
    interest_from: str | None = None
    # False for a colleague pending or excluded by the screening: no approach for them.
    eligible: bool = True

    @property
    def quadrant(self) -> Quadrant | None:
        """The engagement approach: none for the ineligible, or while an axis is unknown."""
        return quadrant(self.influence, self.interest) if self.eligible else None

    @property
    def planned(self) -> bool:
        return any(level is not None for level in self.involvement.values())


def _axis(
    explicit: str | None, question: str | None, stakeholder: Stakeholder
) -> tuple[str | None, str | None]:
    if explicit is not None:
        return explicit, "explicit"
    if stakeholder.is_external or question is None:
        return None, None
    answer = stakeholder.answers.get(question)
    if answer is None:
        return None, None
    return ("high" if answer else "low"), "answer"


def engage(stakeholder: Stakeholder, method: Method, eligible: bool = True) -> Engagement:
    """One stakeholder's engagement; `eligible` is False for a colleague whom the
    screening has not shortlisted (pending or excluded), who gets no approach."""
    influence, influence_from = _axis(stakeholder.influence, method.grid.influence, stakeholder)
    interest, interest_from = _axis(stakeholder.interest, method.grid.interest, stakeholder)
    return Engagement(
        involvement={p: stakeholder.involvement.get(p) for p in method.phase_ids},
        influence=influence,
        interest=interest,
        influence_from=influence_from,
        interest_from=interest_from,
        eligible=eligible,
    )


def engagement_warnings(
    stakeholders: Iterable[Stakeholder],
    engagements: Mapping[str, Engagement],
    shortlisted_by_discipline: Mapping[str, tuple[Stakeholder, ...]],
    method: Method,
) -> tuple[Problem, ...]:
    """The method's rules on involvement, once any stakeholder has involvement planned."""
    everyone = tuple(stakeholders)
    if not any(engagements[s.id].planned for s in everyone):
        return ()
    problems = []
    phases = method.phase_ids
    if EXECUTION in phases:
        direct = [s for s in everyone if s.external == "direct"]
        running = [s for s in direct if level_rank(engagements[s.id].involvement[EXECUTION])]
        if direct and not running:
            first = direct[0]
            problems.append(
                Problem(
                    first.path,
                    first.position("involvement"),
                    Severity.WARNING,
                    "no direct external stakeholder takes part in running the pilot: without "
                    "the people it is for the pilot cannot validate its hypotheses; plan at least "
                    f"'involvement: {{{EXECUTION}: inform}}' for {first.name}",
                    Code.CUSTOMER_NOT_IN_EXECUTION,
                )
            )
    if SETUP in phases:
        for discipline, shortlist in shortlisted_by_discipline.items():
            if shortlist and not any(
                level_rank(engagements[s.id].involvement[SETUP]) for s in shortlist
            ):
                first = shortlist[0]
                problems.append(
                    Problem(
                        first.path,
                        first.position("involvement"),
                        Severity.WARNING,
                        f"nobody on the shortlist of '{discipline}' has a part in setting "
                        "the pilot up: the discipline knows of the pilot but does not help "
                        f"shape it; plan 'involvement: {{{SETUP}: consult}}' or more for "
                        f"{first.name} or another shortlisted colleague",
                        Code.NO_PART_IN_SETUP,
                    )
                )
    return tuple(problems)
