"""The call team as each audience may read it: the one place that decides.

- `team`: every caller by name, with their status and every published field (who
  appointed them, whether they volunteered, their hours, their `extra`), and the
  selected callers who lack what their way of selection needs.
- `intranet`: only the selected callers are named, with their name, role, team,
  location and training date (the fields their table declares `public`); candidates,
  reserves and withdrawn colleagues are counts. Who lacks `volunteered` or
  `appointed_by` is a count too, since naming them would tell a value the intranet
  never sees.

Both see the plan (the way, the size, the spread and its reason), where the team
stands, and the spread as counts per value: the intranet only of the fields it may
read (team, location, role); of a spread over a label of `extra` it learns how many
values lack a selected caller, never the values. `notes:` and `private:` never enter
the model, so no view holds them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pilotbook.audience.published import published_class, publisher
from pilotbook.method.call_team import CallTeamPlan
from pilotbook.records.callers import CALLERS, STATUSES
from pilotbook.screening.call_team import AVAILABLE, SELECTED, CallTeam, Spread, TeamStatus

# What a page may say about one caller.
PublishedCaller = published_class(CALLERS)
# The callers' fields the intranet may read whole, and so a spread over them.
_PUBLIC = frozenset(f.key for f in CALLERS.fields if f.public is True)


@dataclass(frozen=True)
class CallTeamView:
    """The call team as one audience may read it."""

    plan: CallTeamPlan
    status: TeamStatus
    # How many more callers to select.
    short: int
    # The callers this audience may name, in order of id: the selected ones on the
    # intranet, everyone for the team.
    callers: tuple[Any, ...]
    # Every caller counted by status (named or not), in the order of `STATUSES`.
    counts: Mapping[str, int]
    # The spread per field this audience may read, by value.
    spread: tuple[Spread, ...]
    # Those with a value no selected caller has (cross-section only).
    gaps: tuple[Spread, ...]
    # How many values without a selected caller the fields left out of `spread` have.
    withheld: int
    # The selected callers who lack what their way needs: named for the team only.
    unfit: tuple[Any, ...]
    unfit_count: int
    public: bool

    @property
    def selected(self) -> tuple[Any, ...]:
        return self.having(SELECTED)

    def having(self, status: str) -> tuple[Any, ...]:
        """The callers of `status` this audience may name."""
        return tuple(c for c in self.callers if c.status == status)

    def count(self, status: str) -> int:
        return self.counts[status]

    @property
    def available(self) -> int:
        """How many could still be selected: candidates and reserves."""
        return sum(self.counts[s] for s in AVAILABLE)

    @property
    def untrained(self) -> tuple[Any, ...]:
        """The selected callers without a training date (a public field)."""
        return tuple(c for c in self.selected if c.trained is None)


def publish_call_team(team: CallTeam | None, public: bool) -> CallTeamView | None:
    """The view of the call team that the intranet (`public`) or the team may read;
    None where the method has no call team."""
    if team is None:
        return None
    caller = publisher(CALLERS, not public)
    named = team.selected if public else team.callers
    shown = {s.field for s in team.spread if not public or s.field in _PUBLIC}
    return CallTeamView(
        plan=team.plan,
        status=team.status,
        short=team.short,
        callers=tuple(caller(c) for c in named),
        counts={status: len(team.having(status)) for status in STATUSES},
        spread=tuple(s for s in team.spread if s.field in shown),
        gaps=tuple(s for s in team.gaps if s.field in shown),
        withheld=sum(len(s.missing) for s in team.gaps if s.field not in shown),
        unfit=() if public else tuple(caller(c) for c in team.unfit),
        unfit_count=len(team.unfit),
        public=public,
    )
