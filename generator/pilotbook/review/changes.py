"""What a change does to the shortlist: two screening results compared.

A reviewer of a pull request wants the effect, not the text: who was added,
removed or moved, which answers changed, whose screening outcome changed and why,
and above all which discipline lost its coverage. `compare` works on two sides
(see `pilotbook.review.diff` for reading a side from a git revision); the comment
and the JSON are written from its result.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pilotbook.config.screened import Screened
from pilotbook.method.pilots import ONE_PILOT, Pilot
from pilotbook.problems.problem import Problem
from pilotbook.records.loading import Loaded
from pilotbook.records.stakeholders import Stakeholder
from pilotbook.review.caller_changes import CallerChange, call_team_changes, caller_changes
from pilotbook.review.method_changes import MethodChange, method_changes, previous_ids
from pilotbook.review.record_changes import changed_fields, match
from pilotbook.screening.engagement import Quadrant
from pilotbook.screening.shortlist import Coverage, Screening, Status


@dataclass(frozen=True)
class Side:
    """One side of the comparison: what was loaded and how it screens."""

    name: str
    loaded: Loaded
    screening: Screening
    language: str = "nl"
    # The configuration that judged this side, as messages name it (`main:mkdocs.yml`).
    config: str | None = None
    # Why this side is judged by the work tree's method instead of its own: its
    # configuration is "missing", "broken" or does not enable the plugin ("disabled").
    fallback: str | None = None
    # The callers' files, as read.
    callers: Loaded = dataclasses.field(default_factory=lambda: Loaded((), (), 0))
    # Each pilot's screening, where the side's configuration lists several.
    pilots: tuple[Screened, ...] = ()

    @property
    def screened(self) -> tuple[Screened, ...]:
        """Each pilot's screening: the listed pilots', or the side's one pilot's."""
        if self.pilots:
            return self.pilots
        return (Screened(Pilot(ONE_PILOT, "", self.screening.method, ""), self.screening),)

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every problem of this side: its configuration's and every kind's files'."""
        return tuple(sorted(self.loaded.problems + self.callers.problems))

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


@dataclass(frozen=True)
class AnswerChange:
    question: str
    before: bool | None
    after: bool | None


@dataclass(frozen=True)
class InvolvementChange:
    phase: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class QuadrantChange:
    before: Quadrant | None
    after: Quadrant | None
    # "answer" when an answer moved the stakeholder, "explicit" when the file's own
    # influence or interest did.
    because: str


@dataclass(frozen=True)
class PersonChange:
    kind: str  # added | removed | renamed | changed | invalid | repaired
    before: Stakeholder | None
    after: Stakeholder | None
    answers: tuple[AnswerChange, ...] = ()
    fields: tuple[str, ...] = ()
    status_before: Status | None = None
    status_after: Status | None = None
    involvement: tuple[InvolvementChange, ...] = ()
    quadrant: QuadrantChange | None = None

    @property
    def person(self) -> Stakeholder:
        person = self.after or self.before
        assert person is not None
        return person

    @property
    def status_changed(self) -> bool:
        return self.status_before != self.status_after

    @property
    def interview_changed(self) -> bool:
        before = self.before.interview if self.before else None
        after = self.after.interview if self.after else None
        return before != after


@dataclass(frozen=True)
class CoverageChange:
    discipline_id: str
    # None for a discipline the change adds to the method.
    before: Coverage | None
    after: Coverage

    @property
    def lost(self) -> bool:
        return self.after is Coverage.UNCOVERED


@dataclass(frozen=True)
class Changes:
    base: Side
    head: Side
    people: tuple[PersonChange, ...]
    disciplines: tuple[CoverageChange, ...]  # losses of coverage first
    method: tuple[MethodChange, ...] = ()
    callers: tuple[CallerChange, ...] = ()  # changes of status first

    @property
    def empty(self) -> bool:
        return (
            not self.method
            and not self.people
            and not self.disciplines
            and not self.callers
            and not self.head.has_errors
        )

    @property
    def call_teams(self) -> tuple[Any, Any]:
        """The call team before and after the change (None where a side has none)."""
        return self.base.screening.call_team, self.head.screening.call_team

    @property
    def has_callers(self) -> bool:
        """Whether the change concerns a call team: either side has one, or callers'
        files changed."""
        return bool(self.callers) or any(team is not None for team in self.call_teams)

    @property
    def lost(self) -> tuple[CoverageChange, ...]:
        return tuple(c for c in self.disciplines if c.lost)


def compare(base: Side, head: Side, moved: Mapping[str, str] | None = None) -> Changes:
    """What the change does to the people of `base` and `head`.

    With `moved` (the new id of each person whose file the change moved -> the old
    one), the sides are one pilot of a handbook with several, and the changes are that
    pilot's alone: who someone is (their file, name, role ...) and the handbook's
    external kinds are reported once for every pilot (see `pilot_changes`)."""
    within = moved is not None
    before = {s.id: s for s in base.screening.stakeholders}
    if moved:
        was_at = {old: new for new, old in moved.items()}
        before = {was_at.get(i, i): s for i, s in before.items()}
    after = {s.id: s for s in head.screening.stakeholders}
    invalid = (frozenset(base.loaded.invalid), frozenset(head.loaded.invalid))
    matched = list(match(before, after, invalid, moves=not within))
    moves = [(old.discipline, new.discipline) for _, old, new in matched if old and new]
    was, now = base.screening.method, head.screening.method
    method = method_changes(was, now, head.language, moves)
    if within:
        method = tuple(m for m in method if m.part != "external")
    renamed = {part: previous_ids(method, part) for part in ("discipline", "question", "phase")}
    method += call_team_changes(was.call_team, now.call_team, head.language)
    judged = {f.key for f in head.screening.kind.fields if f.pilot}
    people = []
    for kind, old, new in matched:
        change = _person_change(kind, old, new, base.screening, head.screening, renamed)
        if within:
            fields = tuple(f for f in change.fields if f in judged)
            change = dataclasses.replace(change, fields=fields)
        # A discipline renamed in the method: its people's new discipline says nothing more.
        if old and new and renamed["discipline"].get(new.discipline, "") == old.discipline:
            fields = tuple(f for f in change.fields if f != "discipline")
            change = dataclasses.replace(change, fields=fields)
        if (
            kind != "changed"
            or change.answers
            or change.fields
            or change.status_changed
            or change.interview_changed
            or change.involvement
            or change.quadrant
        ):
            people.append(change)
    was = {d.discipline.id: d.status for d in base.screening.disciplines}
    # A renamed discipline is compared with itself under its old id.
    was |= {new: was[old] for new, old in renamed["discipline"].items() if old in was}
    # A discipline the change adds is listed only when nobody covers it.
    coverage = [
        CoverageChange(d.discipline.id, was.get(d.discipline.id), d.status)
        for d in head.screening.disciplines
        if (d.discipline.id in was and was[d.discipline.id] != d.status)
        or (d.discipline.id not in was and d.status is Coverage.UNCOVERED)
    ]
    coverage.sort(key=lambda c: not c.lost)
    callers = caller_changes(base.callers, head.callers)
    return Changes(base, head, tuple(people), tuple(coverage), method, callers)


def _person_change(
    kind: str,
    old: Stakeholder | None,
    new: Stakeholder | None,
    base: Screening,
    head: Screening,
    renamed: Mapping[str, Mapping[str, str]],
) -> PersonChange:
    """What changed for one stakeholder; `renamed` holds the previous id of each
    discipline, question and phase the change renamed, by part."""
    answers: tuple[AnswerChange, ...] = ()
    fields: tuple[str, ...] = ()
    questions, phases = renamed["question"], renamed["phase"]
    if old is not None and new is not None:
        every = (
            AnswerChange(q.id, old.answers.get(questions.get(q.id, q.id)), new.answers.get(q.id))
            for q in head.method.questions
        )
        answers = tuple(a for a in every if a.before != a.after)
        fields = changed_fields(head.kind, old, new)
    old_assessment = base.assessments.get(old.id) if old else None
    new_assessment = head.assessments.get(new.id) if new else None
    involvement: tuple[InvolvementChange, ...] = ()
    moved: QuadrantChange | None = None
    if old is not None and new is not None:
        was, now = base.engagement.get(old.id), head.engagement.get(new.id)
        if was is not None and now is not None:
            planned = (
                InvolvementChange(
                    phase, was.involvement.get(phases.get(phase, phase)), now.involvement.get(phase)
                )
                for phase in head.method.phase_ids
            )
            involvement = tuple(i for i in planned if i.before != i.after)
            # An approach gained or lost with a status is told by the status change.
            if was.quadrant != now.quadrant and was.eligible and now.eligible:
                explicit = (old.influence, old.interest) != (new.influence, new.interest)
                moved = QuadrantChange(
                    was.quadrant, now.quadrant, "explicit" if explicit else "answer"
                )
    return PersonChange(
        kind,
        old,
        new,
        answers,
        fields,
        old_assessment.status if old_assessment else None,
        new_assessment.status if new_assessment else None,
        involvement,
        moved,
    )
