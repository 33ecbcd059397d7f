"""What a change does to a handbook with several pilots: each pilot's shortlist, and the
pilots themselves.

Who someone is (their file, name, role, discipline) is the same in every pilot, so it
is compared once (`PilotsChanges.people`); each pilot's judgement of them, its
screening and its method are compared pilot by pilot (`PilotChange.changes`, made by
`compare` within one pilot). A pilot added, removed or renamed is a change of the
method, and so is a handbook going from one pilot to several (or back): its one pilot
is then compared with the first pilot `pilots:` lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pilotbook.config.screened import Screened
from pilotbook.method.model import Wording
from pilotbook.method.pilots import ONE_PILOT
from pilotbook.records.loading import Loaded, join
from pilotbook.records.stakeholders import STAKEHOLDERS
from pilotbook.review.caller_changes import CallerChange, caller_changes
from pilotbook.review.changes import Changes, PersonChange, Side, compare
from pilotbook.review.method_changes import MethodChange, method_changes
from pilotbook.review.record_changes import changed_fields, match, once_each
from pilotbook.screening.shortlist import screen

# The parts of a handbook's own method changes: its pilots, and its going from one
# pilot to several ("added") or back ("removed"), told by its first pilot.
PILOT, SEVERAL = "pilot", "pilots"


@dataclass(frozen=True)
class PilotChange:
    """One pilot in the diff: the pilot before and after (None where the change adds or
    removes it), and what the change does to its shortlist (None for a pilot removed)."""

    before: Screened | None
    after: Screened | None
    changes: Changes | None

    @property
    def pilot(self) -> Screened:
        """The pilot as the change leaves it; where the handbook goes back to one pilot,
        the pilot it listed first (the one pilot has no id or name of its own)."""
        if self.after is not None and (self.after.pilot.listed or self.before is None):
            return self.after
        pilot = self.before or self.after
        assert pilot is not None
        return pilot

    @property
    def kind(self) -> str | None:
        """added | removed | renamed (its id or name changed), or None: the same pilot."""
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        was, now = self.before.pilot, self.after.pilot
        if was.listed and now.listed and (was.id, was.name) != (now.id, now.name):
            return "renamed"
        return None


@dataclass(frozen=True)
class PilotsChanges:
    """The diff of a handbook that has several pilots on either side."""

    base: Side
    head: Side
    # Who someone is, once for every pilot: files added, removed, moved, broken or
    # repaired, and the fields of their identity that changed.
    people: tuple[PersonChange, ...]
    # The handbook's own: its pilots, its going to several, its external kinds.
    method: tuple[MethodChange, ...]
    # Each pilot after the change in the order `pilots:` lists them, then those removed.
    pilots: tuple[PilotChange, ...]
    callers: tuple[CallerChange, ...] = ()

    @property
    def compared(self) -> tuple[tuple[PilotChange, Changes], ...]:
        """Each pilot that is there after the change, with what it does to it."""
        return tuple((p, p.changes) for p in self.pilots if p.changes is not None)

    @property
    def method_changed(self) -> bool:
        return bool(self.method) or any(c.method for _, c in self.compared)

    @property
    def empty(self) -> bool:
        return (
            not self.method_changed
            and not self.people
            and not self.callers
            and all(c.empty for _, c in self.compared)
            and not self.head.has_errors
        )


def several(base: Side, head: Side) -> bool:
    """Whether either side lists several pilots: the diff is then one per pilot."""
    return bool(base.pilots or head.pilots)


def compare_pilots(base: Side, head: Side) -> PilotsChanges:
    people, moved = identity_changes(base.loaded, head.loaded)
    paired = pair_pilots(base.screened, head.screened)
    pilots = []
    for was, now in paired:
        changes = None
        if now is not None:
            before = _within(base, was) if was else _nobody(base, head, now)
            changes = compare(before, _within(head, now), moved)
        pilots.append(PilotChange(was, now, changes))
    externals = method_changes(base.screening.method, head.screening.method, head.language)
    method = (
        *_shape(base, head),
        *(_pilot_method(p) for p in pilots if p.kind),
        *(m for m in externals if m.part == "external"),
    )
    callers = caller_changes(base.callers, head.callers)
    return PilotsChanges(base, head, people, method, tuple(pilots), callers)


def identity_changes(base: Loaded, head: Loaded) -> tuple[tuple[PersonChange, ...], dict[str, str]]:
    """Who someone is, compared once: each file added, removed, moved, broken or
    repaired, and each person whose identity fields changed; with the new id of each
    file moved -> its old id."""
    compared = (f.key for f in STAKEHOLDERS.fields if f.diff == "field" and not f.pilot)
    keys = tuple(compared)
    # Each person judged by no pilot: who they are, and nothing else.
    before = {s.id: s for s in join(STAKEHOLDERS, base.people, {}, ONE_PILOT)}
    after = {s.id: s for s in join(STAKEHOLDERS, head.people, {}, ONE_PILOT)}
    invalid = (frozenset(base.invalid), frozenset(head.invalid))
    found, moved = [], {}
    for kind, old, new in match(before, after, invalid):
        fields: tuple[str, ...] = ()
        if old is not None and new is not None:
            fields = tuple(f for f in changed_fields(STAKEHOLDERS, old, new) if f in keys)
        if kind == "renamed":
            moved[new.id] = old.id
        if kind != "changed" or fields:
            found.append(PersonChange(kind, old, new, fields=fields))
    return tuple(found), moved


def pair_pilots(
    before: Sequence[Screened], after: Sequence[Screened]
) -> list[tuple[Screened | None, Screened | None]]:
    """Each pilot before the change with itself after it: by id; where ids differ, one
    gone and one added with the same name, or else the same method (renamed). A
    handbook's one pilot is the first pilot it lists on the other side."""
    listed = (before[0].pilot.listed, after[0].pilot.listed)
    if listed[0] != listed[1]:
        first = [(before[0], after[0])]
        rest = [(None, p) for p in after[1:]] + [(p, None) for p in before[1:]]
        return first + rest
    old = {p.pilot.id: p for p in before}
    new = {p.pilot.id: p for p in after}
    gone = [i for i in old if i not in new]
    added = [i for i in new if i not in old]
    was = once_each(((old[i].pilot.name, i) for i in gone), ((new[i].pilot.name, i) for i in added))
    was |= once_each(
        ((old[i].pilot.method, i) for i in gone if i not in was.values()),
        ((new[i].pilot.method, i) for i in added if i not in was),
    )
    was |= {i: i for i in new if i in old}
    taken = set(was.values())
    return [(old[was[i]] if i in was else None, new[i]) for i in new] + [
        (old[i], None) for i in old if i not in taken
    ]


def _within(side: Side, pilot: Screened) -> Side:
    """One pilot's part of a side: its screening, and the files that could not be read
    (whose problems are the side's, told once)."""
    loaded = Loaded(pilot.screening.stakeholders, (), 0, side.loaded.invalid)
    return Side(side.name, loaded, pilot.screening, side.language, side.config, side.fallback)


def _nobody(base: Side, head: Side, pilot: Screened) -> Side:
    """What a pilot the change adds is compared with: its method, and nobody in it."""
    nobody = screen((), pilot.pilot.method, callers=head.callers.records)
    return Side(base.name, Loaded((), (), 0), nobody, base.language, base.config)


def _named(name: str) -> Wording:
    return Wording(name, name)


def _pilot_method(change: PilotChange) -> MethodChange:
    """A pilot added, removed or renamed, as a change of the handbook's method."""
    pilot = change.pilot.pilot
    if change.kind in ("added", "removed"):
        return MethodChange(PILOT, pilot.id, str(change.kind), _named(pilot.name))
    assert change.before is not None
    was = change.before.pilot
    wording = (_named(was.name), _named(pilot.name)) if was.name != pilot.name else (None, None)
    previous = was.id if was.id != pilot.id else None
    return MethodChange(PILOT, pilot.id, "renamed", _named(pilot.name), *wording, None, previous)


def _shape(base: Side, head: Side) -> Iterable[MethodChange]:
    """The handbook going from one pilot to several ("added"), or back ("removed"),
    told by the first pilot it lists."""
    if bool(base.pilots) == bool(head.pilots):
        return ()
    first = (head.pilots or base.pilots)[0].pilot
    kind = "added" if head.pilots else "removed"
    return (MethodChange(SEVERAL, first.id, kind, _named(first.name)),)
