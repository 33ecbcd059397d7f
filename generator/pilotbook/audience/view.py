"""Who reads a site, and the published view of the screening each audience gets.

The one place that decides what an audience may see. Pages, the map, reports and
the diff's links read a `View`, never the screening itself, and a view holds only
what its audience may see, so no template, however written, can print the rest::

    plugins:
      - pilotbook:
          audience: intranet   # or: team (PILOTBOOK_AUDIENCE overrides)

- `team`: the project team sees every stakeholder, every answer and reason, and
  the interview outcomes.
- `intranet`: everyone in the organisation sees the outcome: each discipline's
  status, the shortlisted colleagues (their role, what is expected of them, and
  "selected" after an interview), and the external stakeholders. Pending and
  excluded colleagues are counted, never named; no answers, reasons, rejections
  (not even their number) or free-form details.

In no audience does a view hold `notes:`, `private:` or the file as read: those
never enter the model, and a view's people carry no reference to the raw file.

What a view says of one record is made from its kind's table of fields: the team
sees every published field, the intranet those a field declares `public` (or only
the values it names) (`published.py`). The call team, where the method has one, is
published by `call_team.py` and read as `View.call_team`.

A handbook of several pilots publishes each pilot's screening for that pilot's
audience (`publish_pilots`); what its shared pages say of a person (their page, the
portfolio) is only what those views say: a pilot whose view does not name someone
says nothing of them, and someone no pilot's view names is named nowhere.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from pilotbook.audience.call_team import CallTeamView, publish_call_team
from pilotbook.audience.published import AUDIENCES as AUDIENCES
from pilotbook.audience.published import Audience, published_class, publisher
from pilotbook.method.model import Discipline, Method
from pilotbook.method.pilots import Pilot
from pilotbook.records.record_kind import Kind
from pilotbook.records.stakeholders import STAKEHOLDERS
from pilotbook.screening.engagement import Engagement
from pilotbook.screening.shortlist import Assessment, Coverage, Screening, Status
from pilotbook.text.folding import name_key

# What a page may say about one stakeholder.
Person = published_class(STAKEHOLDERS)


@dataclass(frozen=True)
class Outcome:
    """One colleague's screening outcome as published; the reasons only for the team."""

    stakeholder: Person
    status: Status
    selected: bool
    failed: tuple[str, ...] = ()
    unanswered: tuple[str, ...] = ()


@dataclass(frozen=True)
class DisciplineView:
    """A discipline's status and its people: on the intranet, the shortlist by name
    and the others as numbers."""

    discipline: Discipline
    status: Coverage
    shortlist: tuple[Outcome, ...]
    pending: tuple[Outcome, ...]
    excluded: tuple[Outcome, ...]
    pending_count: int
    excluded_count: int

    @property
    def shortlist_count(self) -> int:
        """The shortlist as this audience may know it: on the intranet, a discipline
        decided by interviews has only its chosen colleagues, since a count of the others
        would say how many were turned down."""
        return len(self.shortlist)

    @property
    def selected(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.shortlist if o.selected)

    @property
    def longlist(self) -> tuple[Outcome, ...]:
        """Everyone this audience may see by name."""
        return self.shortlist + self.pending + self.excluded

    def count(self, status: Status) -> int:
        return {
            Status.SHORTLISTED: self.shortlist_count,
            Status.PENDING: self.pending_count,
            Status.EXCLUDED: self.excluded_count,
        }[status]


@dataclass(frozen=True)
class View:
    """The screening as one audience may read it."""

    audience: Audience
    method: Method
    stakeholders: tuple[Person, ...]
    assessments: Mapping[str, Outcome]
    disciplines: tuple[DisciplineView, ...]
    # Involvement and place on the grid of everyone the view names, by id.
    engagement: Mapping[str, Engagement] = field(default_factory=dict)
    # The kind of record its people are, whose fields the reports carry.
    kind: Kind = STAKEHOLDERS
    # The call team as this audience may read it (`call_team.py`); None without one.
    call_team: CallTeamView | None = None

    @property
    def public(self) -> bool:
        return self.audience is Audience.INTRANET

    @property
    def external_direct(self) -> tuple[Person, ...]:
        return tuple(s for s in self.stakeholders if s.external == "direct")

    @property
    def external_indirect(self) -> tuple[Person, ...]:
        return tuple(s for s in self.stakeholders if s.external == "indirect")

    @functools.cached_property
    def ids(self) -> frozenset[str]:
        return frozenset(s.id for s in self.stakeholders)

    def outcome(self, discipline_id: str) -> DisciplineView:
        return next(o for o in self.disciplines if o.discipline.id == discipline_id)


def may_name(assessment: Assessment | None, audience: Audience, decided: bool = False) -> bool:
    """The audience rule: the intranet names colleagues only once shortlisted, and in a
    discipline decided by interviews only the chosen, since naming the others would
    tell who was turned down; external stakeholders and the team's view name everyone."""
    if audience is Audience.TEAM or assessment is None:
        return True
    if decided:
        return assessment.selected
    return assessment.status is Status.SHORTLISTED


def publish(screening: Screening, audience: Audience | str) -> View:
    """The view of `screening` that `audience` may read."""
    audience = Audience(audience)
    team = audience is Audience.TEAM
    decided = {o.discipline.id for o in screening.disciplines if o.status is Coverage.DECIDED}
    person = publisher(screening.kind, team)
    people: dict[str, Person] = {}
    for stakeholder in screening.stakeholders:
        assessment = screening.assessments.get(stakeholder.id)
        if may_name(assessment, audience, stakeholder.discipline in decided):
            people[stakeholder.id] = person(stakeholder)
    outcomes = {
        ident: _outcome(assessment, people[ident], team)
        for ident, assessment in screening.assessments.items()
        if ident in people
    }

    def named(assessments: tuple[Assessment, ...]) -> tuple[Outcome, ...]:
        return in_list_order(
            outcomes[a.stakeholder.id] for a in assessments if a.stakeholder.id in people
        )

    disciplines = tuple(
        DisciplineView(
            discipline=o.discipline,
            status=o.status,
            shortlist=named(o.shortlist),
            pending=named(o.pending),
            excluded=named(o.excluded),
            pending_count=len(o.pending),
            excluded_count=len(o.excluded),
        )
        for o in screening.disciplines
    )
    engagement = {i: e for i, e in screening.engagement.items() if i in people}
    return View(
        audience,
        screening.method,
        tuple(people.values()),
        outcomes,
        disciplines,
        engagement,
        screening.kind,
        publish_call_team(screening.call_team, not team),
    )


def by_name(view: View) -> View:
    """`view` with its people in the order of their names (see
    `pilotbook.text.folding.name_key`); each discipline's lists are in list order
    already (`in_list_order`, by name within each group)."""
    return replace(
        view, stakeholders=tuple(sorted(view.stakeholders, key=lambda s: name_key(s.name)))
    )


def in_list_order(outcomes: Iterable[Outcome]) -> tuple[Outcome, ...]:
    """A discipline's people as every list shows them: the chosen first, then the other
    shortlisted (those not chosen after an interview last), the pending, the excluded;
    by name within each group, so a decided discipline's choice is never buried."""

    def rank(outcome: Outcome) -> tuple[int, bool, bool, tuple[tuple[str, ...], str], str]:
        rejected = getattr(outcome.stakeholder, "interview", None) == "rejected"
        group = _GROUPS[outcome.status]
        name = name_key(outcome.stakeholder.name)
        return (group, not outcome.selected, rejected, name, outcome.stakeholder.id)

    return tuple(sorted(outcomes, key=rank))


_GROUPS = {Status.SHORTLISTED: 0, Status.PENDING: 1, Status.EXCLUDED: 2}


def _outcome(assessment: Assessment, person: Person, team: bool) -> Outcome:
    if not team:
        return Outcome(person, assessment.status, assessment.selected)
    return Outcome(
        person, assessment.status, assessment.selected, assessment.failed, assessment.unanswered
    )


@dataclass(frozen=True)
class PilotView:
    """One pilot's screening as its audience may read it."""

    pilot: Pilot
    view: View


@dataclass(frozen=True)
class PilotsView:
    """The pilots of a handbook, each as its own audience may read it, and what may be
    said of one person across them: what each pilot's view says, and nothing else."""

    pilots: tuple[PilotView, ...]

    @property
    def audience(self) -> Audience:
        """The audience of the pages the pilots share: the intranet where any pilot is
        for it (what is said there of a person is what every pilot naming them allows)."""
        public = any(p.view.public for p in self.pilots)
        return Audience.INTRANET if public else Audience.TEAM

    @functools.cached_property
    def people(self) -> dict[str, tuple[PilotView, ...]]:
        """Each person some pilot's view names, by id, with those pilots in the order the
        handbook lists them; someone no pilot's view names is not here."""
        found: dict[str, list[PilotView]] = {}
        for part in self.pilots:
            for person in part.view.stakeholders:
                found.setdefault(person.id, []).append(part)
        return {ident: tuple(parts) for ident, parts in found.items()}

    def identity(self, ident: str) -> tuple[Person, Audience]:
        """Who the person is, as the strictest audience of the pilots naming them may
        read it (with that audience): the intranet's where any of them is for it."""
        parts = self.people[ident]
        chosen = next((p for p in parts if p.view.public), parts[0])
        return self.named[chosen.pilot.id][ident], chosen.view.audience

    @functools.cached_property
    def named(self) -> dict[str, dict[str, Person]]:
        """Each pilot's people by id, by the pilot's id."""
        return {p.pilot.id: {s.id: s for s in p.view.stakeholders} for p in self.pilots}

    def shortlisted(self, ident: str) -> tuple[PilotView, ...]:
        """The pilots whose view names the person shortlisted (or selected)."""
        return tuple(
            part
            for part in self.people.get(ident, ())
            if (outcome := part.view.assessments.get(ident)) is not None
            and outcome.status is Status.SHORTLISTED
        )

    @functools.cached_property
    def on_several_shortlists(self) -> tuple[tuple[Person, tuple[PilotView, ...]], ...]:
        """The people shortlisted or selected in more than one pilot as the views say,
        most pilots first, then by name."""
        found = [
            (self.identity(ident)[0], parts)
            for ident in self.people
            if len(parts := self.shortlisted(ident)) > 1
        ]
        return tuple(sorted(found, key=lambda f: (-len(f[1]), name_key(f[0].name))))


def publish_pilots(screened: Iterable[tuple[Pilot, Screening]]) -> PilotsView:
    """Each pilot's screening as the pilot's audience may read it (see `publish`), its
    people in the order of their names."""
    return PilotsView(
        tuple(PilotView(pilot, by_name(publish(s, pilot.audience))) for pilot, s in screened)
    )
