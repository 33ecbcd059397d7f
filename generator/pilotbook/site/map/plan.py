"""What the map names and what it counts: decided once, for every width.

Each discipline's people come in groups, in the map's order: the chosen, the other
shortlisted, the pending, the excluded. A group is drawn either person by person, each
with a number, or as one count. A group is counted when the audience may not name it
(the intranet's pending and excluded), when its sector of the wide onion has no room
for it, or when the map would otherwise number more than `MOST_NUMBERED` people
(numbers stay two digits, and the key stays a list a reader can look through).
Counting starts from the outside in: the excluded first, the chosen last. A sector
with no room for one count per group shows one total. The numbers then run in the
map's order from 1, so a number names the same person on a phone, on a laptop and in
print: every drawing draws this plan.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from typing import NamedTuple

from pilotbook.audience.view import DisciplineView, Outcome, View
from pilotbook.screening.shortlist import Status
from pilotbook.site.map.canvas import WIDE, bubble_radius
from pilotbook.site.map.placement import place_group, spread
from pilotbook.site.map.shapes import STATUS_ORDER, Count, Mark, Onion, onion

MOST_NUMBERED = 99
# The groups counted at each step, from the outside in.
_STEPS = ((), (Status.EXCLUDED,), (Status.EXCLUDED, Status.PENDING), STATUS_ORDER)
# The whole map's steps when it numbers too many: a floor for every sector's step, and
# the external kinds counted.
_CAPS = (
    (0, ()),
    (1, ()),
    (2, ()),
    (2, ("indirect",)),
    (3, ("indirect",)),
    (3, ("indirect", "direct")),
)


class Part(NamedTuple):
    """One sector's or external ring's people: marks, then counts (from the inside out)."""

    discipline: DisciplineView | None
    kind: str | None
    marks: tuple[Mark, ...]
    counts: tuple[Count, ...]


class Plan(NamedTuple):
    sectors: tuple[Part, ...]
    rings: tuple[Part, ...]
    # The largest count a group could have: every drawing sizes its bubbles by it.
    biggest: int

    @property
    def parts(self) -> tuple[Part, ...]:
        return self.sectors + self.rings

    @property
    def marks(self) -> list[Mark]:
        return [mark for part in self.parts for mark in part.marks]

    def shapes(self) -> set[str]:
        """The kinds of shape the map draws, which its legend explains."""
        found = {mark.shape for mark in self.marks}
        return found | {count.shape for part in self.parts for count in part.counts}


def _by_name(outcomes: Sequence[Outcome]) -> list[Outcome]:
    return sorted(outcomes, key=lambda o: (o.stakeholder.name.casefold(), o.stakeholder.id))


def sector_part(outcome: DisciplineView, counted: Collection[Status], total: int = 0) -> Part:
    """A discipline's people with the outcomes in `counted` as counts; with `total` 1,
    everyone but the chosen in one count, with 2 everyone."""
    chosen = _by_name([o for o in outcome.shortlist if o.selected])
    everyone = chosen + _by_name([o for o in outcome.shortlist if not o.selected])
    groups = {
        Status.SHORTLISTED: _by_name([o for o in outcome.shortlist if not o.selected]),
        Status.PENDING: _by_name(outcome.pending),
        Status.EXCLUDED: _by_name(outcome.excluded),
    }
    sizes = {s: outcome.count(s) for s in STATUS_ORDER}
    sizes[Status.SHORTLISTED] -= len(chosen)
    ident = outcome.discipline.id
    if total == 2:
        sizes[Status.SHORTLISTED] += len(chosen)
        chosen = []
    marks = [Mark(o.stakeholder, Status.SHORTLISTED, True, 0) for o in chosen]
    counts = []
    if total:
        parts = tuple((s, sizes[s]) for s in STATUS_ORDER if sizes[s])
        named = tuple(o.stakeholder for o in everyone if o not in chosen)
        if parts:
            counts.append(Count(sum(c for _, c in parts), None, ident, parts=parts, people=named))
    for status, people in groups.items():
        if total:
            break
        if status not in counted:
            marks += [Mark(o.stakeholder, status, False, 0) for o in people]
        elif sizes[status]:
            named = tuple(o.stakeholder for o in people) if status is Status.SHORTLISTED else ()
            counts.append(Count(sizes[status], status, ident, people=named))
    return Part(outcome, None, tuple(marks), tuple(counts))


def _choices(outcome: DisciplineView, counted: Collection[Status]) -> Iterator[Part]:
    """A discipline's parts from the most named to the least."""
    for step in _STEPS:
        yield sector_part(outcome, {*counted, *step})
    yield sector_part(outcome, (), total=1)
    yield sector_part(outcome, (), total=2)


def ring_part(view: View, kind: str, counted: bool) -> Part:
    people = view.external_direct if kind == "direct" else view.external_indirect
    if counted:
        return Part(None, kind, (), (Count(len(people), None, None, kind),))
    return Part(None, kind, tuple(Mark(p, None, False, 0) for p in people), ())


def biggest_count(view: View) -> int:
    return max(
        [d.count(s) for d in view.disciplines for s in STATUS_ORDER]
        + [len(view.external_direct), len(view.external_indirect), 1]
    )


def fits(part: Part, room: Onion, index: int, view: View, biggest: int) -> bool:
    """Whether a sector's part has room in the wide onion."""
    radii = [bubble_radius(c.count, biggest, WIDE) for c in part.counts]
    region = room.sector_region(index, len(view.disciplines))
    return place_group(region, len(part.marks), radii) is not None


def plan_map(view: View, counted: Collection[Status] = ()) -> Plan:
    """What every drawing of the map names and counts, and each person's number."""
    biggest = biggest_count(view)
    room = onion(view, WIDE)
    sector_options = [list(_choices(outcome, counted)) for outcome in view.disciplines]
    fitting: dict[tuple[int, int], bool] = {}

    def pick(index: int, floor: int) -> Part:
        """A sector's most named part from step `floor` on that has room; the last (one
        count) always has."""
        options = sector_options[index]
        for step in range(floor, len(options) - 1):
            if (index, step) not in fitting:
                fitting[index, step] = fits(options[step], room, index, view, biggest)
            if fitting[index, step]:
                return options[step]
        return options[-1]

    roomy = {
        kind: spread(room.ring_region(r_in, r_out), len(ring_part(view, kind, False).marks))
        is not None
        for kind, r_in, r_out in room.rings
    }
    for floor, capped in _CAPS:
        sectors = tuple(pick(index, floor) for index in range(len(sector_options)))
        rings = tuple(
            ring_part(view, kind, kind in capped or not roomy[kind]) for kind, _, _ in room.rings
        )
        if sum(len(part.marks) for part in sectors + rings) <= MOST_NUMBERED:
            break
    return _numbered(Plan(sectors, rings, biggest))


def _numbered(plan: Plan) -> Plan:
    """Every mark numbered in the map's order, from 1."""
    number = 0

    def numbered(part: Part) -> Part:
        nonlocal number
        marks = []
        for mark in part.marks:
            number += 1
            marks.append(mark._replace(number=number))
        return part._replace(marks=tuple(marks))

    sectors = tuple(numbered(part) for part in plan.sectors)
    return plan._replace(sectors=sectors, rings=tuple(numbered(part) for part in plan.rings))
