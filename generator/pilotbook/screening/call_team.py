"""The call team judged against the way the pilot forms it.

The method names three ways to form the group of colleagues who hold the calls
(`call_team: selection` in mkdocs.yml), and each can be checked against the callers'
files:

- every way: as many `selected` callers as the pilot needs (`call-team-short`);
- *volunteers*: each selected caller volunteered (`call-team-not-volunteered`);
- *appointed*: each selected caller says who appointed them (`call-team-not-appointed`);
- *cross-section*: for each field the group must span (`spread`), every value that
  occurs among the callers who are not withdrawn has a selected caller
  (`call-team-not-spread`).

The result says what to do next in the same terms: how many more to select, which
values have no selected caller, who lacks what their way of selection needs.
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pilotbook.method.call_team import SPREAD_FIELDS, CallTeamPlan, Selection
from pilotbook.problems.codes import Code
from pilotbook.problems.problem import Problem, Severity

SELECTED = "selected"
WITHDRAWN = "withdrawn"
# Who can still be selected: their counts stand beside each value of the spread.
AVAILABLE = ("candidate", "reserve")


class TeamStatus(enum.StrEnum):
    """Where the call team stands, most urgent first."""

    SHORT = "short"  # fewer selected callers than the pilot needs
    MISFIT = "misfit"  # enough, but the group does not fit its way of selection
    COMPLETE = "complete"


@dataclass(frozen=True)
class SpreadValue:
    """One value of a spread field: how many selected callers have it, and how many
    who could still be selected (candidates and reserves)."""

    value: str
    selected: int
    available: int


@dataclass(frozen=True)
class Spread:
    """One field the group must span, by value (in order of first appearance by id)."""

    field: str
    values: tuple[SpreadValue, ...]

    @property
    def missing(self) -> tuple[str, ...]:
        """The values no selected caller has."""
        return tuple(v.value for v in self.values if not v.selected)


@dataclass(frozen=True)
class CallTeam:
    """The callers and how their group fits the plan."""

    plan: CallTeamPlan
    # Every caller, in order of id.
    callers: tuple[Any, ...]
    spread: tuple[Spread, ...]
    # Selected callers who lack what their way of selection needs.
    unfit: tuple[Any, ...]
    warnings: tuple[Problem, ...]

    @property
    def selected(self) -> tuple[Any, ...]:
        return self.having(SELECTED)

    @property
    def short(self) -> int:
        """How many more callers to select."""
        return max(0, self.plan.size - len(self.selected))

    @property
    def gaps(self) -> tuple[Spread, ...]:
        """The spread fields with a value no selected caller has (cross-section only)."""
        if self.plan.selection is not Selection.CROSS_SECTION:
            return ()
        return tuple(s for s in self.spread if s.missing)

    @property
    def status(self) -> TeamStatus:
        if self.short:
            return TeamStatus.SHORT
        if self.gaps or self.unfit:
            return TeamStatus.MISFIT
        return TeamStatus.COMPLETE

    def having(self, status: str) -> tuple[Any, ...]:
        return tuple(c for c in self.callers if c.status == status)


def spread_value(caller: Any, name: str) -> str | None:
    """A caller's value for a spread field: one of their own fields, or else a label of
    their `extra`."""
    if name in SPREAD_FIELDS:
        value = getattr(caller, name)
        return value if isinstance(value, str) and value else None
    return next((value for label, value in caller.extra if label == name and value), None)


def form_call_team(plan: CallTeamPlan, callers: Iterable[Any]) -> CallTeam:
    """The call team as the callers' files form it, judged against `plan`."""
    everyone = tuple(sorted(callers, key=lambda c: c.id))
    present = [c for c in everyone if c.status != WITHDRAWN]
    spread = tuple(_spread(name, present) for name in plan.spread)
    selected = [c for c in everyone if c.status == SELECTED]
    warnings: list[Problem] = []
    unfit: list[Any] = []
    if plan.selection is Selection.VOLUNTEERS:
        unfit = [c for c in selected if c.volunteered is not True]
        warnings += (_not_volunteered(c) for c in unfit)
    elif plan.selection is Selection.APPOINTED:
        unfit = [c for c in selected if not c.appointed_by]
        warnings += (_not_appointed(c) for c in unfit)
    team = CallTeam(plan, everyone, spread, tuple(unfit), ())
    if team.short:
        warnings.append(_short(team))
    if plan.selection is Selection.CROSS_SECTION:
        warnings += _not_spread(plan, spread, present)
    return CallTeam(plan, everyone, spread, tuple(unfit), tuple(warnings))


def _spread(name: str, present: list[Any]) -> Spread:
    counts: dict[str, list[int]] = {}
    for caller in present:
        value = spread_value(caller, name)
        if value is not None:
            count = counts.setdefault(value, [0, 0])
            count[0] += caller.status == SELECTED
            count[1] += caller.status in AVAILABLE
    return Spread(name, tuple(SpreadValue(v, s, a) for v, (s, a) in counts.items()))


def _warning(path: str, where: Any, message: str, code: Code) -> Problem:
    return Problem(path, where, Severity.WARNING, message, code)


def _short(team: CallTeam) -> Problem:
    plan = team.plan
    have = len(team.selected)
    left = len(team.having("candidate")) + len(team.having("reserve"))
    step = f"select {team.short} more ('status: selected' in their files)"
    if left < team.short:
        step += f", and add callers: {left} candidate{'s' if left != 1 else ''} or reserves left"
    return _warning(
        plan.path,
        plan.position("size"),
        f"the call team has {have} selected caller{'s' if have != 1 else ''}, and the "
        f"pilot needs {plan.size}: {step}",
        Code.CALL_TEAM_SHORT,
    )


def _not_volunteered(caller: Any) -> Problem:
    said = "does not say they volunteered"
    if caller.volunteered is False:
        said = "says 'volunteered: no'"
    return _warning(
        caller.path,
        caller.position("volunteered" if caller.volunteered is not None else "status"),
        f"{caller.name} is selected and {said}, while the call team is formed from "
        "volunteers: set 'volunteered: yes' if they did, or select a colleague who volunteered",
        Code.CALL_TEAM_NOT_VOLUNTEERED,
    )


def _not_appointed(caller: Any) -> Problem:
    return _warning(
        caller.path,
        caller.position("status"),
        f"{caller.name} is selected without 'appointed_by', while the call team is "
        "appointed: add 'appointed_by: <who appointed them>', so the results can be read later",
        Code.CALL_TEAM_NOT_APPOINTED,
    )


def _not_spread(
    plan: CallTeamPlan, spread: tuple[Spread, ...], present: list[Any]
) -> list[Problem]:
    found = []
    for field in spread:
        if field.missing:
            shown = ", ".join(f"'{v}'" for v in field.missing)
            message = (
                f"the call team is a cross-section of '{field.field}', and no selected caller "
                f"has {shown}: select a caller from {'each' if len(field.missing) > 1 else 'it'}"
            )
        elif not field.values:
            message = (
                f"the call team is a cross-section of '{field.field}', and no caller has a "
                f"'{field.field}'{_meant(field.field, present)}: write it in the callers' "
                "files, or name another field in 'spread'"
            )
            if not present:
                continue
        else:
            continue
        where = plan.position("spread")
        found.append(_warning(plan.path, where, message, Code.CALL_TEAM_NOT_SPREAD))
    return found


def _meant(name: str, present: list[Any]) -> str:
    """What a spread name that no caller has probably meant."""
    known = {*SPREAD_FIELDS, *(label for c in present for label, _ in c.extra)}
    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""
